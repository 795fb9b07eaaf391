import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isoWeekdays, serviceModeLabels } from '../../../shared/booking-rules';
import { organisationTypeLabels } from '../../../shared/roles';
import { http } from '../../api/client';
import type { InstrumentDetail } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { managedOrganisations } from '../../auth/roles';
import { BookingForm } from '../../components/BookingForm';
import { InstrumentFormModal } from '../../components/InstrumentFormModal';
import { InstrumentPhotos } from '../../components/InstrumentPhotos';
import { InstrumentReviews } from '../../components/InstrumentReviews';
import { FeeText, InstrumentStatusTag, Yuan } from '../../components/InstrumentTags';
import { LoadError, Loading } from '../../components/States';
import { WeekCalendar } from '../../components/WeekCalendar';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { classLabel, parseRules, purposeLabels, shareModeLabels } from '../../lib/instruments';
import { rulesSummary } from '../../lib/rulesSummary';
import { useAsync } from '../../lib/useAsync';

/** An instrument's public page: its data, the week's busy slots and the booking form. */
export default function InstrumentPage() {
  const { id = '' } = useParams();
  const { t, label, lang } = useI18n();
  const { me } = useAuth();
  const [editing, setEditing] = useState(false);
  const [calendarKey, setCalendarKey] = useState(0);
  const detail = useAsync(
    (signal) => http.get<InstrumentDetail>(`/api/instruments/${id}`, undefined, { signal }),
    [id, me?.user.id],
  );
  const i = detail.data;
  const rules = useMemo(() => parseRules(i?.bookingRules), [i?.bookingRules]);

  if (detail.loading && !i) return <Loading what={t('inst.loading')} />;
  if (detail.error && !i)
    return (
      <>
        <BackLink />
        <LoadError error={detail.error} onRetry={detail.reload} />
      </>
    );
  if (!i) return null;

  const sep = lang === 'zh' ? '、' : ', ';
  const opening = isoWeekdays
    .map((d) => {
      const ws = rules.openingHours[d];
      return ws.length
        ? `${t(`calendar.weekday.${d}` as 'calendar.weekday.1')} ${ws.map((w) => `${w.from}–${w.to}`).join(sep)}`
        : null;
    })
    .filter(Boolean)
    .join(lang === 'zh' ? '；' : '; ');

  return (
    <>
      <BackLink />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ margin: '8px 0 16px' }}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 'clamp(20px, 4.5vw, 28px)', margin: 0 }}>
            <Space wrap>
              {i.nameZh}
              <InstrumentStatusTag status={i.status} />
            </Space>
          </Typography.Title>
          <Typography.Text type="secondary">
            {[i.nameEn, i.ownerName, i.regionName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
        {i.canManage ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="instrument-edit">
            {t('inst.edit')}
          </Button>
        ) : null}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('photos.title')} size="small">
              <InstrumentPhotos
                instrumentId={i.id}
                name={i.nameZh}
                photos={i.photos}
                canManage={i.canManage}
                onChange={(photos) => detail.setData({ ...i, photos, photoUrl: photos[0]?.url ?? null })}
              />
            </Card>
            <Card title={t('inst.summary')}>
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 1, xxl: 2 }}
                styles={{ label: { whiteSpace: 'nowrap' } }}
                items={[
                  { key: 'name', label: t('inst.nameZh'), children: i.nameZh },
                  { key: 'nameEn', label: t('inst.nameEn'), children: i.nameEn || '—' },
                  { key: 'assetNo', label: t('inst.assetNo'), children: i.assetNo },
                  {
                    key: 'class',
                    label: t('inst.class'),
                    children: `${classLabel(i.classCode, lang)} · ${i.classCode}`,
                  },
                  { key: 'owner', label: t('inst.owner'), children: i.ownerName },
                  {
                    key: 'ownerType',
                    label: t('inst.ownerType'),
                    children: label(organisationTypeLabels[i.ownerType]),
                  },
                  { key: 'value', label: t('inst.value'), children: <Yuan fen={i.originalValueFen} /> },
                  { key: 'purchaseDate', label: t('inst.purchaseDate'), children: formatDate(i.purchaseDate) },
                  { key: 'manufacturer', label: t('inst.manufacturer'), children: i.manufacturer || '—' },
                  { key: 'country', label: t('inst.country'), children: i.country || '—' },
                  { key: 'model', label: t('inst.model'), children: i.model || '—' },
                  { key: 'status', label: t('inst.status'), children: <InstrumentStatusTag status={i.status} /> },
                  { key: 'shareMode', label: t('inst.shareMode'), children: label(shareModeLabels[i.shareMode]) },
                  { key: 'purpose', label: t('inst.purpose'), children: label(purposeLabels[i.purpose]) },
                  { key: 'specs', label: t('inst.specs'), span: 'filled', children: <Multiline text={i.specs} /> },
                  {
                    key: 'functions',
                    label: t('inst.functions'),
                    span: 'filled',
                    children: <Multiline text={i.functions} />,
                  },
                  {
                    key: 'serviceContent',
                    label: t('inst.serviceContent'),
                    span: 'filled',
                    children: <Multiline text={i.serviceContent} />,
                  },
                  {
                    key: 'fee',
                    label: t('inst.fee'),
                    children: <FeeText perHour={i.feePerHourFen} perSample={i.feePerSampleFen} />,
                  },
                  { key: 'feeNotes', label: t('inst.feeNotes'), children: i.feeNotes || '—' },
                  {
                    key: 'modes',
                    label: t('inst.rules.serviceModes'),
                    children: rules.serviceModes.map((m) => label(serviceModeLabels[m])).join(sep),
                  },
                  {
                    key: 'booking',
                    label: t('inst.bookingRules'),
                    children: [
                      rulesSummary(rules, t, lang),
                      rules.qualificationRequired ? t('inst.qualificationNeeded') : '',
                    ]
                      .filter(Boolean)
                      .join(lang === 'zh' ? '' : ' '),
                  },
                  {
                    key: 'opening',
                    label: t('inst.rules.openingHours'),
                    span: 'filled',
                    children: opening || t('inst.rules.closed'),
                  },
                  {
                    key: 'openRules',
                    label: t('inst.openRules'),
                    span: 'filled',
                    children: <Multiline text={i.openRules} />,
                  },
                  { key: 'location', label: t('inst.location'), children: i.location || '—' },
                  { key: 'region', label: t('inst.region'), children: i.regionName },
                  { key: 'contactName', label: t('inst.contactName'), children: i.contactName || '—' },
                  {
                    key: 'contactPhone',
                    label: t('inst.contactPhone'),
                    children: i.contactPhoneMasked ? (
                      <span title={t('inst.phoneMasked')}>{i.contactPhoneMasked}</span>
                    ) : (
                      '—'
                    ),
                  },
                  {
                    key: 'contactEmail',
                    label: t('inst.contactEmail'),
                    children: i.contactEmail ? <a href={`mailto:${i.contactEmail}`}>{i.contactEmail}</a> : '—',
                  },
                  { key: 'updatedAt', label: t('inst.updatedAt'), children: formatDateTime(i.updatedAt) },
                ]}
              />
            </Card>
            <Card title={t('calendar.title')}>
              <WeekCalendar instrumentId={i.id} rules={rules} reloadKey={calendarKey} />
            </Card>
            <Card title={t('reviews.title')}>
              <InstrumentReviews instrumentId={i.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('book.title')} style={{ position: 'sticky', top: 16 }}>
            <BookingForm instrument={i} onBooked={() => setCalendarKey((k) => k + 1)} />
          </Card>
        </Col>
      </Row>
      {editing ? (
        <InstrumentFormModal
          instrument={i}
          organisations={managedOrganisations(me)}
          onClose={() => setEditing(false)}
          onSaved={(saved) => detail.setData(saved)}
        />
      ) : null}
    </>
  );
}

function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/instruments">
      <ArrowLeftOutlined /> {t('catalogue.back')}
    </Link>
  );
}

function Multiline({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>;
}
