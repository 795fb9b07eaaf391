import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { createBookingBody } from '../../shared/api/bookings';
import { type ServiceMode, serviceModeLabels } from '../../shared/booking-rules';
import { ApiError, http } from '../api/client';
import type { BookingDetail, InstrumentDetail } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { bookableStarts, checkClientSide, endOptions, minutesLabel, parseRules, windowsOn } from '../lib/instruments';
import { rulesSummary } from '../lib/rulesSummary';
import { zodRule } from '../lib/zodRule';
import { addDays, wallClock, zonedInstant } from '../lib/zonedTime';
import { VoucherOffer } from '../pages/vouchers/wallet/VoucherOffer';
import { LinkButton } from './LinkButton';
import { ActionError } from './States';

interface Values {
  date?: Dayjs;
  start?: number;
  end?: number;
  mode: ServiceMode;
  purpose?: string;
  sampleCount?: number;
  payWithVouchers?: boolean;
}

/** The server's list of broken rules (422/409), each in its own words. */
export function violationMessages(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as { message?: unknown }[])
    .map((d) => (typeof d?.message === 'string' ? d.message : null))
    .filter((m): m is string => !!m);
}

/** The codes of the server's broken rules, to offer the way out that fits. */
function violationCodes(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as { code?: unknown }[]).map((d) => (typeof d?.code === 'string' ? d.code : ''));
}

/**
 * Book a slot on the rules' grid: date, start and end from the opening windows, the mode the
 * instrument offers. Checks what it can here and shows the server's list of broken rules verbatim.
 */
export function BookingForm({ instrument, onBooked }: { instrument: InstrumentDetail; onBooked?: () => void }) {
  const { t, label, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const rules = useMemo(() => parseRules(instrument.bookingRules), [instrument.bookingRules]);
  const tz = rules.timezone;
  const [form] = Form.useForm<Values>();
  const date = Form.useWatch('date', form);
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const mode = Form.useWatch('mode', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const day = date ? date.format('YYYY-MM-DD') : undefined;
  const today = wallClock(new Date(), tz).day;
  const lastDay = addDays(today, rules.horizonDays);
  const starts = day ? bookableStarts(rules, day, new Date()) : [];
  const earliestDay = wallClock(Date.now() + rules.advanceNoticeHours * 3_600_000, tz).day;
  const ends = day && start !== undefined ? endOptions(rules, day, start) : [];
  const problems =
    day && start !== undefined && end !== undefined ? checkClientSide(rules, day, start, end, new Date(), lang) : [];

  if (me === undefined) return null;
  if (me === null)
    return (
      <Alert
        type="info"
        showIcon
        title={t('book.signInTitle')}
        description={t('book.signInBody')}
        action={
          <LinkButton
            type="primary"
            icon={<LoginOutlined />}
            to={`/login?next=${encodeURIComponent(location.pathname)}`}
            data-testid="sign-in-to-book"
          >
            {t('book.signIn')}
          </LinkButton>
        }
      />
    );
  if (me.memberships.length === 0) return <Alert type="warning" showIcon title={t('book.noOrganisation')} />;
  if (instrument.status !== 'normal' || instrument.shareMode === 'none')
    return <Alert type="warning" showIcon title={t('book.notBookable')} />;

  const submit = async (v: Values) => {
    if (!day || v.start === undefined || v.end === undefined) return;
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const created = await http.post<BookingDetail>('/api/bookings', {
        instrumentId: instrument.id,
        start: zonedInstant(day, v.start, tz).toISOString(),
        end: zonedInstant(day, v.end, tz).toISOString(),
        mode: v.mode,
        purpose: v.purpose?.trim() || undefined,
        sampleCount: v.mode === 'sample_testing' ? v.sampleCount : undefined,
      });
      onBooked?.();
      navigate(`/bookings/${created.id}?new=1${v.payWithVouchers ? '&pay=vouchers' : ''}`);
    } catch (e) {
      setError(e);
      onBooked?.();
    } finally {
      setBusy(false);
    }
  };

  const violations = violationMessages(error);
  const windows = day ? windowsOn(rules, day) : [];

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ mode: rules.serviceModes[0] }}
      onFinish={submit}
      onValuesChange={(changed) => {
        setError(null);
        if ('date' in changed) form.setFieldsValue({ start: undefined, end: undefined });
        if ('start' in changed) {
          const s = changed.start as number | undefined;
          const options = day && s !== undefined ? endOptions(rules, day, s) : [];
          form.setFieldsValue({ end: options[Math.min(options.length - 1, Math.max(0, 60 / rules.slotMinutes - 1))] });
        }
      }}
      data-testid="booking-form"
    >
      <Typography.Paragraph type="secondary">{rulesSummary(rules, t, lang)}</Typography.Paragraph>
      <Form.Item
        name="date"
        label={t('book.date')}
        rules={[{ required: true, message: t('book.dateRequired') }]}
        data-testid="book-date"
      >
        <DatePicker
          style={{ width: '100%' }}
          format="YYYY-MM-DD"
          placeholder={t('book.datePlaceholder')}
          disabledDate={(d) => {
            const s = d.format('YYYY-MM-DD');
            return s < earliestDay || s > lastDay || windowsOn(rules, s).length === 0;
          }}
          showNow={false}
        />
      </Form.Item>
      {day ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {windows.length
            ? t('book.windows', { windows: windows.map((w) => `${w.from}–${w.to}`).join(lang === 'zh' ? '、' : ', ') })
            : t('book.closed')}
        </Typography.Paragraph>
      ) : null}
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item
          name="start"
          label={t('book.start')}
          style={{ flex: 1 }}
          rules={[{ required: true, message: t('book.startRequired') }]}
        >
          <Select
            placeholder={day ? t('book.pick') : t('book.pickDateFirst')}
            disabled={!day}
            options={starts.map((m) => ({ value: m, label: minutesLabel(m) }))}
            notFoundContent={t('book.noSlots')}
          />
        </Form.Item>
        <Form.Item
          name="end"
          label={t('book.end')}
          style={{ flex: 1 }}
          rules={[{ required: true, message: t('book.endRequired') }]}
        >
          <Select
            placeholder={start !== undefined ? t('book.pick') : t('book.pickStartFirst')}
            disabled={start === undefined}
            options={ends.map((m) => ({ value: m, label: minutesLabel(m) }))}
          />
        </Form.Item>
      </div>
      {problems.length ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('book.clientProblems')}
          description={
            <ul style={{ paddingInlineStart: 18, margin: 0 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Form.Item name="mode" label={t('book.mode')} rules={[{ required: true }]}>
        <Radio.Group
          options={rules.serviceModes.map((m) => ({ value: m, label: label(serviceModeLabels[m]) }))}
          optionType="button"
        />
      </Form.Item>
      {mode === 'sample_testing' ? (
        <Form.Item
          name="sampleCount"
          label={t('book.sampleCount')}
          rules={[
            { required: true, message: t('book.sampleCountRequired') },
            zodRule(createBookingBody.shape.sampleCount.unwrap()),
          ]}
        >
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="purpose"
        label={t('book.purpose')}
        rules={[zodRule(createBookingBody.shape.purpose, { optional: true })]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('book.purposePlaceholder')} />
      </Form.Item>
      <VoucherOffer organisationId={me.memberships[0]?.organisation.id} />
      {violations.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={
            (error as ApiError).code === 'BOOKING_RULE_VIOLATION'
              ? t('book.violationsTitle')
              : (error as ApiError).message
          }
          description={
            <>
              <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="booking-violations">
                {violations.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              {violationCodes(error).includes('BOOKING_QUALIFICATION_REQUIRED') ? (
                <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="qualification-missing">
                  <strong>{t('myQualifications.missing')}</strong>
                  {lang === 'zh' ? '。' : '. '}
                  {t('myQualifications.missingHint')}{' '}
                  <Link to="/bookings/qualifications">{t('myQualifications.view')}</Link>
                </Typography.Paragraph>
              ) : null}
            </>
          }
        />
      ) : (
        <ActionError error={error} onClose={() => setError(null)} />
      )}
      {/* Not a submit button: with none, Enter in the date box (which confirms the typed date)
          cannot submit the booking by implicit submission; only this click books. */}
      <Button
        type="primary"
        onClick={() => form.submit()}
        loading={busy}
        disabled={problems.length > 0}
        block
        data-testid="book-submit"
      >
        {t('book.submit')}
      </Button>
    </Form>
  );
}
