import { WifiOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Empty, Row, Segmented, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { http } from '../../api/client';
import type { InstrumentDetail, LevelsResponse, TraceResponse } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { managedOrganisations } from '../../auth/roles';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, Loading } from '../../components/States';
import { CalibrationHelper } from '../../components/telemetry/CalibrationHelper';
import { telemetryApi } from '../../components/telemetry/endpoints';
import { LevelsEditor } from '../../components/telemetry/LevelsEditor';
import { StateTag } from '../../components/telemetry/StateTag';
import { TraceChart } from '../../components/telemetry/TraceChart';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';

const KEYS = ['from', 'to'] as const;
const presets = { '24h': 1, '7d': 7, '30d': 30 } as const;

/** An instrument's power over any period, its state intervals and bookings, and its levels. */
export default function PowerTrace() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, lang } = useI18n();
  const { values, update } = useUrlQuery(KEYS);
  const to = values.to ? dayjs(values.to) : dayjs();
  const from = values.from ? dayjs(values.from) : to.subtract(1, 'day');
  const instrument = useAsync(
    (signal) => http.get<InstrumentDetail>(`/api/instruments/${id}`, undefined, { signal }),
    [id],
  );
  const trace = useAsync(
    (signal) =>
      http.get<TraceResponse>(
        telemetryApi.trace(id),
        { from: from.toISOString(), to: to.toISOString(), points: 1500 },
        { signal },
      ),
    [id, values.from, values.to],
  );
  const levels = useAsync((signal) => http.get<LevelsResponse>(telemetryApi.levels(id), undefined, { signal }), [id]);
  const inst = instrument.data;
  const canManage =
    !!inst &&
    (managedOrganisations(me).some((o) => o.id === inst.organisationId) ||
      me.roles.some((r) => r.role === 'bureau_admin'));
  const name = inst ? (lang === 'en' && inst.nameEn ? inst.nameEn : inst.nameZh) : '';
  const spanDays = Math.round(to.diff(from, 'hour') / 24);
  const preset = (Object.entries(presets).find(([, d]) => d === spanDays && !values.to)?.[0] ?? null) as
    | keyof typeof presets
    | null;
  const setRange = (a: Dayjs, b: Dayjs, live = false) =>
    update({ from: a.toISOString(), to: live ? undefined : b.toISOString() });

  if (instrument.error) return <LoadError error={instrument.error} onRetry={instrument.reload} />;
  return (
    <>
      <PageHeader
        title={inst ? t('trace.title', { name }) : <Loading />}
        crumbs={[{ title: t('nav.liveBoard'), path: '/telemetry/board' }, { title: name }]}
        subTitle={t('trace.lead')}
        extra={
          canManage ? (
            <LinkButton to={`/devices?provision=${id}`} icon={<WifiOutlined />}>
              {t('devices.create')}
            </LinkButton>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text id="trace-period">{t('trace.period')}</Typography.Text>
          <Segmented
            aria-labelledby="trace-period"
            value={preset ?? ''}
            onChange={(v) => {
              const days = presets[v as keyof typeof presets];
              if (days) setRange(dayjs().subtract(days, 'day'), dayjs(), true);
            }}
            options={[
              { value: '24h', label: t('trace.last24h') },
              { value: '7d', label: t('trace.last7d') },
              { value: '30d', label: t('trace.last30d') },
            ]}
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={[from, to]}
            allowClear={false}
            onChange={(r) => {
              if (r?.[0] && r[1]) setRange(r[0], r[1]);
            }}
          />
        </Space>
        {trace.error ? (
          <LoadError error={trace.error} onRetry={trace.reload} />
        ) : !trace.data ? (
          <Loading />
        ) : (
          <>
            {trace.data.readings.length === 0 && trace.data.intervals.length === 0 ? (
              <Empty description={t('trace.noReadings')} />
            ) : (
              <TraceChart trace={trace.data} />
            )}
            <Typography.Text type="secondary">
              {trace.data.bucketSeconds > 0 ? `${t('trace.bucket', { n: trace.data.bucketSeconds })} · ` : ''}
              {t('trace.retention', { n: trace.data.retentionDays })}
            </Typography.Text>
          </>
        )}
      </Card>
      {trace.data && trace.data.intervals.length > 0 ? (
        <Card title={t('trace.intervals')} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey={(i) => `${i.state}-${i.start}`}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={[...trace.data.intervals].reverse()}
            columns={[
              { title: t('board.state'), dataIndex: 'state', render: (s) => <StateTag state={s} /> },
              {
                title: t('trace.period'),
                render: (_, i) => `${formatDateTime(i.start)} – ${i.open ? t('trace.open') : formatDateTime(i.end)}`,
              },
              {
                title: t('unit.minutes'),
                align: 'right',
                render: (_, i) =>
                  Math.round((Date.parse(i.end) - Date.parse(i.start)) / 60_000).toLocaleString('zh-CN'),
              },
            ]}
          />
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          {levels.error ? (
            <LoadError error={levels.error} onRetry={levels.reload} />
          ) : levels.data ? (
            <LevelsEditor
              key={levels.data.current.version}
              levels={levels.data}
              canManage={canManage}
              onSaved={(next) => {
                levels.setData(next);
                trace.reload();
              }}
            />
          ) : (
            <Loading />
          )}
        </Col>
        <Col xs={24} xl={12}>
          <CalibrationHelper
            instrumentId={id}
            canManage={canManage}
            onApproved={(next) => {
              levels.setData(next);
              trace.reload();
            }}
          />
        </Col>
      </Row>
    </>
  );
}
