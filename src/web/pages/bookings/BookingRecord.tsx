import {
  CheckCircleOutlined,
  CheckOutlined,
  CloseOutlined,
  LoginOutlined,
  RollbackOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Rate,
  Row,
  Space,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { completeBody, rateBody } from '../../../shared/api/bookings';
import { serviceModeLabels } from '../../../shared/booking-rules';
import { http } from '../../api/client';
import type { BookingDetail, InstrumentDetail } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { BookingSteps, BookingTimeline } from '../../components/BookingLifecycle';
import { BookingStatusTag, Yuan } from '../../components/InstrumentTags';
import { PageHeader } from '../../components/PageHeader';
import { ReasonField } from '../../components/ReasonField';
import { ActionError, LoadError, Loading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDateTime, formatTimeRange, formatYuanNumber } from '../../lib/format';
import { scheduleFeeFen } from '../../lib/instruments';
import { useAsync } from '../../lib/useAsync';
import { zodRule } from '../../lib/zodRule';
import { PayWithVouchers } from '../vouchers/wallet/PayWithVouchers';

type Command = 'approve' | 'reject' | 'confirm' | 'check_in' | 'complete' | 'cancel' | 'mark_no_show';

interface Spec {
  label: MessageKey;
  confirm: MessageKey;
  icon: ReactNode;
  reasonRequired: boolean;
  danger?: boolean;
  primary?: boolean;
}

const SPECS: Record<Command, Spec> = {
  approve: {
    label: 'booking.cmd.approve',
    confirm: 'booking.confirm.approve',
    icon: <CheckOutlined />,
    reasonRequired: false,
    primary: true,
  },
  reject: {
    label: 'booking.cmd.reject',
    confirm: 'booking.confirm.reject',
    icon: <RollbackOutlined />,
    reasonRequired: true,
    danger: true,
  },
  confirm: {
    label: 'booking.cmd.confirm',
    confirm: 'booking.confirm.confirm',
    icon: <CheckCircleOutlined />,
    reasonRequired: false,
    primary: true,
  },
  check_in: {
    label: 'booking.cmd.check_in',
    confirm: 'booking.confirm.check_in',
    icon: <LoginOutlined />,
    reasonRequired: false,
    primary: true,
  },
  complete: {
    label: 'booking.cmd.complete',
    confirm: 'booking.confirm.complete',
    icon: <CheckOutlined />,
    reasonRequired: false,
    primary: true,
  },
  cancel: {
    label: 'booking.cmd.cancel',
    confirm: 'booking.confirm.cancel',
    icon: <CloseOutlined />,
    reasonRequired: true,
    danger: true,
  },
  mark_no_show: {
    label: 'booking.cmd.mark_no_show',
    confirm: 'booking.confirm.mark_no_show',
    icon: <UserDeleteOutlined />,
    reasonRequired: false,
    danger: true,
  },
};
const ORDER: Command[] = ['approve', 'confirm', 'check_in', 'complete', 'reject', 'mark_no_show', 'cancel'];

interface CompleteValues {
  prepMinutes: number;
  measureMinutes: number;
  postMinutes: number;
  samples: number;
  feeYuan?: number | null;
}

/** The instrument's published fees, beside the estimate they produced. */
function FeeSchedule({ fees }: { fees: BookingDetail['fees'] }) {
  const { t } = useI18n();
  const parts = [
    fees.perHourFen === null ? null : t('booking.feePerHour', { n: formatYuanNumber(fees.perHourFen) }),
    fees.perSampleFen === null ? null : t('booking.feePerSample', { n: formatYuanNumber(fees.perSampleFen) }),
  ].filter(Boolean);
  return (
    <span data-testid="booking-fees">
      {parts.length ? parts.join(' · ') : t('booking.noFees')}
      {fees.notes ? <Typography.Text type="secondary">（{fees.notes}）</Typography.Text> : null}
    </span>
  );
}

/** A booking: summary, where it stands, the actions allowed now, the service record and its history. */
export default function BookingRecord() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const detail = useAsync((signal) => http.get<BookingDetail>(`/api/bookings/${id}`, undefined, { signal }), [id]);
  const b = detail.data;
  const instrument = useAsync(
    (signal) =>
      b
        ? http.get<InstrumentDetail>(`/api/instruments/${b.instrumentId}`, undefined, { signal })
        : Promise.resolve(undefined),
    [b?.instrumentId],
  );
  const [pending, setPending] = useState<Command | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reasonForm] = Form.useForm<{ reason?: string }>();
  const [completeForm] = Form.useForm<CompleteValues>();
  const [rateForm] = Form.useForm<{ rating: number; comment?: string }>();
  const [rateError, setRateError] = useState<unknown>(null);
  const [rating, setRating] = useState(false);

  const run = async (command: Command, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const next = await http.post<BookingDetail>(`/api/bookings/${id}/${command.replace('_', '-')}`, body);
      detail.setData(next);
      message.success(t('booking.done', { action: t(SPECS[command].label) }));
      setPending(null);
      reasonForm.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const rate = async (v: { rating: number; comment?: string }) => {
    setRating(true);
    setRateError(null);
    try {
      const next = await http.post<BookingDetail>(`/api/bookings/${id}/rating`, {
        rating: v.rating,
        comment: v.comment?.trim() || undefined,
      });
      detail.setData(next);
      message.success(t('booking.rated'));
    } catch (e) {
      setRateError(e);
    } finally {
      setRating(false);
    }
  };

  const minutes = b ? Math.round((Date.parse(b.end) - Date.parse(b.start)) / 60_000) : 0;
  const openComplete = () => {
    if (!b) return;
    const samples = b.sampleCount ?? 0;
    const fee = b.estimatedFeeFen ?? scheduleFeeFen(instrument.data, b.mode, minutes, samples);
    completeForm.setFieldsValue({
      prepMinutes: 0,
      measureMinutes: minutes,
      postMinutes: 0,
      samples,
      feeYuan: fee === undefined ? undefined : fee / 100,
    });
    setError(null);
    setPending('complete');
  };

  const actions = (b?.allowedCommands ?? []).filter((c): c is Command => c in SPECS);
  actions.sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y));
  const spec = pending ? SPECS[pending] : null;
  const isBooker = b?.userId === me.user.id;
  // The path says where the record was opened from: the queue, the calendar or my bookings.
  const { pathname } = useLocation();
  const crumbs = pathname.startsWith('/bookings/queue/')
    ? [{ title: t('nav.bookingQueue'), path: '/bookings/queue' }]
    : pathname.startsWith('/bookings/calendar/')
      ? [{ title: t('nav.bookingCalendar'), path: '/bookings/calendar' }]
      : [{ title: t('nav.myBookings'), path: '/bookings' }];

  return (
    <>
      <PageHeader
        title={
          b ? (
            <Space wrap>
              {b.instrumentName}
              <BookingStatusTag status={b.status} />
            </Space>
          ) : (
            t('booking.record')
          )
        }
        subTitle={b ? formatTimeRange(b.start, b.end) : undefined}
        crumbs={[...crumbs, { title: b ? b.instrumentName : t('booking.record') }]}
        extra={actions.map((a) => (
          <Button
            key={a}
            type={SPECS[a].primary ? 'primary' : 'default'}
            danger={SPECS[a].danger}
            icon={SPECS[a].icon}
            onClick={() => {
              if (a === 'complete') return openComplete();
              setError(null);
              setPending(a);
            }}
            data-testid={`booking-action-${a}`}
          >
            {t(SPECS[a].label)}
          </Button>
        ))}
      />
      {detail.loading && !b ? (
        <Loading what={t('booking.loading')} />
      ) : detail.error && !b ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : b ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {params.get('new') && b.status === 'requested' ? (
            <Alert type="success" showIcon title={t('booking.createdRequested')} closable />
          ) : params.get('new') ? (
            <Alert type="success" showIcon title={t('booking.createdConfirmed')} closable />
          ) : null}
          <Card title={t('booking.lifecycle')}>
            <BookingSteps booking={b} />
            {actions.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t('booking.noActions')}
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card title={t('booking.summary')}>
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, sm: 1, md: 2 }}
                    items={[
                      {
                        key: 'instrument',
                        label: t('booking.instrument'),
                        children: <Link to={`/instruments/${b.instrumentId}`}>{b.instrumentName}</Link>,
                      },
                      { key: 'status', label: t('booking.status'), children: <BookingStatusTag status={b.status} /> },
                      { key: 'booker', label: t('booking.booker'), children: b.userName },
                      { key: 'bookerOrg', label: t('booking.bookerOrg'), children: b.organisationName },
                      { key: 'time', label: t('booking.time'), children: formatTimeRange(b.start, b.end) },
                      { key: 'duration', label: t('booking.duration'), children: t('booking.minutes', { n: minutes }) },
                      { key: 'mode', label: t('booking.mode'), children: label(serviceModeLabels[b.mode]) },
                      { key: 'samples', label: t('booking.sampleCount'), children: b.sampleCount ?? '—' },
                      { key: 'purpose', label: t('booking.purpose'), span: 'filled', children: b.purpose || '—' },
                      { key: 'fee', label: t('booking.estimatedFee'), children: <Yuan fen={b.estimatedFeeFen} /> },
                      {
                        key: 'feeSchedule',
                        label: t('booking.feeSchedule'),
                        children: <FeeSchedule fees={b.fees} />,
                      },
                      { key: 'createdAt', label: t('booking.createdAt'), children: formatDateTime(b.createdAt) },
                      ...(b.cancelledLate
                        ? [{ key: 'late', label: t('booking.cancelledLate'), children: t('common.yes') }]
                        : []),
                    ]}
                  />
                </Card>
                <PayWithVouchers booking={b} />
                {b.service ? (
                  <Card title={t('booking.service')} data-testid="booking-service">
                    <Descriptions
                      bordered
                      size="small"
                      column={{ xs: 1, sm: 2, md: 3 }}
                      items={[
                        {
                          key: 'prep',
                          label: t('booking.prepMinutes'),
                          children: t('booking.minutes', { n: b.service.prepMinutes }),
                        },
                        {
                          key: 'measure',
                          label: t('booking.measureMinutes'),
                          children: t('booking.minutes', { n: b.service.measureMinutes }),
                        },
                        {
                          key: 'post',
                          label: t('booking.postMinutes'),
                          children: t('booking.minutes', { n: b.service.postMinutes }),
                        },
                        { key: 'samples', label: t('booking.samples'), children: b.service.samples },
                        { key: 'fee', label: t('booking.fee'), children: <Yuan fen={b.service.feeFen} /> },
                        {
                          key: 'external',
                          label: t('booking.external'),
                          children: b.service.external ? t('common.yes') : t('common.no'),
                        },
                        {
                          key: 'rating',
                          label: t('booking.rating'),
                          span: 'filled',
                          children:
                            b.service.rating !== null ? (
                              <Space wrap>
                                <Rate disabled value={b.service.rating} />
                                {b.service.comment ? <span>{b.service.comment}</span> : null}
                              </Space>
                            ) : (
                              t('booking.notRated')
                            ),
                        },
                      ]}
                    />
                    {isBooker && b.service.rating === null ? (
                      <Form
                        form={rateForm}
                        layout="vertical"
                        onFinish={rate}
                        style={{ marginTop: 16, maxWidth: 520 }}
                        data-testid="rating-form"
                      >
                        <ActionError error={rateError} onClose={() => setRateError(null)} />
                        <Form.Item
                          name="rating"
                          label={t('booking.rateLabel')}
                          rules={[
                            { required: true, message: t('booking.rateRequired') },
                            zodRule(rateBody.shape.rating),
                          ]}
                        >
                          <Rate />
                        </Form.Item>
                        <Form.Item
                          name="comment"
                          label={t('booking.commentOptional')}
                          rules={[zodRule(rateBody.shape.comment, { optional: true })]}
                        >
                          <Input.TextArea rows={2} maxLength={500} showCount />
                        </Form.Item>
                        <Button type="primary" htmlType="submit" loading={rating}>
                          {t('booking.rateSubmit')}
                        </Button>
                      </Form>
                    ) : null}
                  </Card>
                ) : null}
              </Space>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('org.history')} data-testid="booking-history">
                <BookingTimeline booking={b} />
              </Card>
            </Col>
          </Row>
        </Space>
      ) : null}

      <Modal
        open={!!pending && pending !== 'complete'}
        title={pending && spec && b ? t(spec.confirm, { name: b.instrumentName }) : ''}
        okText={spec ? t(spec.label) : ''}
        okButtonProps={{ danger: spec?.danger, 'data-testid': 'booking-action-ok' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => reasonForm.submit()}
        onCancel={() => {
          setPending(null);
          setError(null);
        }}
        destroyOnHidden
      >
        <ActionError error={error} onClose={() => setError(null)} />
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(v) => pending && void run(pending, { reason: v.reason?.trim() || undefined })}
        >
          <ReasonField required={!!spec?.reasonRequired} requiredMessage={t('booking.reasonRequired')} />
        </Form>
      </Modal>

      <Modal
        open={pending === 'complete'}
        title={b ? t('booking.confirm.complete', { name: b.instrumentName }) : ''}
        okText={t('booking.cmd.complete')}
        okButtonProps={{ 'data-testid': 'booking-complete-submit' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => completeForm.submit()}
        onCancel={() => {
          setPending(null);
          setError(null);
        }}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('booking.completeHint')}</Typography.Paragraph>
        <ActionError error={error} onClose={() => setError(null)} />
        <Form<CompleteValues>
          form={completeForm}
          layout="vertical"
          onFinish={(v) =>
            void run('complete', {
              prepMinutes: v.prepMinutes,
              measureMinutes: v.measureMinutes,
              postMinutes: v.postMinutes,
              samples: v.samples,
              feeFen: v.feeYuan === null || v.feeYuan === undefined ? undefined : Math.round(v.feeYuan * 100),
            })
          }
        >
          <Row gutter={12}>
            {(['prepMinutes', 'measureMinutes', 'postMinutes'] as const).map((f) => (
              <Col xs={24} sm={8} key={f}>
                <Form.Item
                  name={f}
                  label={t(`booking.${f}` as MessageKey)}
                  rules={[{ required: true, message: t('booking.minutesRequired') }, zodRule(completeBody.shape[f])]}
                >
                  <InputNumber
                    style={{ width: '100%' }}
                    min={0}
                    max={1440}
                    precision={0}
                    addonAfter={t('unit.minutes')}
                  />
                </Form.Item>
              </Col>
            ))}
            <Col xs={12}>
              <Form.Item
                name="samples"
                label={t('booking.samples')}
                rules={[
                  { required: true, message: t('booking.samplesRequired') },
                  zodRule(completeBody.shape.samples.unwrap()),
                ]}
              >
                <InputNumber style={{ width: '100%' }} min={0} max={10000} precision={0} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="feeYuan" label={t('booking.feeYuan')} extra={t('booking.feeHint')}>
                <InputNumber style={{ width: '100%' }} min={0} precision={2} addonAfter={t('money.unitYuan')} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
