import { Tag } from 'antd';
import { type BookingStatus, bookingStatusLabels } from '../../shared/booking-rules';
import { useI18n } from '../i18n';
import { formatWanNumber, formatYuanNumber } from '../lib/format';
import { type InstrumentStatus, instrumentStatusLabels } from '../lib/instruments';

const INSTRUMENT_COLOURS: Record<InstrumentStatus, string> = {
  normal: 'green',
  standby: 'blue',
  in_repair: 'orange',
  to_be_scrapped: 'default',
};

export function InstrumentStatusTag({ status }: { status: InstrumentStatus }) {
  const { label } = useI18n();
  return <Tag color={INSTRUMENT_COLOURS[status]}>{label(instrumentStatusLabels[status])}</Tag>;
}

const BOOKING_COLOURS: Record<BookingStatus, string> = {
  requested: 'gold',
  approved: 'cyan',
  confirmed: 'blue',
  in_use: 'purple',
  completed: 'green',
  rejected: 'red',
  cancelled: 'default',
  no_show: 'volcano',
};

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { label } = useI18n();
  return (
    <Tag color={BOOKING_COLOURS[status]} data-testid="booking-status">
      {label(bookingStatusLabels[status])}
    </Tag>
  );
}

export function bookingStatusText(status: string, label: (l: { zh: string; en: string }) => string): string {
  const l = (bookingStatusLabels as Record<string, { zh: string; en: string }>)[status];
  return l ? label(l) : status;
}

/** Money stored in fen, in 元 with thousands separators (`4,500,000 元` / `¥4,500,000`). */
export function Yuan({ fen }: { fen: number | null | undefined }) {
  const { t } = useI18n();
  if (fen === null || fen === undefined) return <>—</>;
  return <span style={{ whiteSpace: 'nowrap' }}>{t('money.yuan', { n: formatYuanNumber(fen) })}</span>;
}

/** An instrument's value: 万元 from 10,000 元 up (in Chinese), else 元. */
export function InstrumentValue({ fen }: { fen: number }) {
  const { t, lang } = useI18n();
  // 万元 reads naturally in Chinese; English readers get whole yuan.
  const wan = lang === 'zh' && fen >= 1_000_000;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {wan ? t('money.wan', { n: formatWanNumber(fen) }) : t('money.yuan', { n: formatYuanNumber(fen) })}
    </span>
  );
}

/** Fees per hour and/or per sample, or "ask the owner". */
export function FeeText({ perHour, perSample }: { perHour: number | null; perSample: number | null }) {
  const { t } = useI18n();
  const parts: string[] = [];
  if (perHour !== null) parts.push(t('money.perHour', { n: formatYuanNumber(perHour) }));
  if (perSample !== null) parts.push(t('money.perSample', { n: formatYuanNumber(perSample) }));
  if (parts.length === 0) return <span>{t('inst.feeAsk')}</span>;
  // Each price stays on one line; the two may wrap between them.
  return (
    <span>
      {parts.map((p, i) => (
        <span key={p}>
          {i > 0 ? ' · ' : null}
          <span style={{ whiteSpace: 'nowrap' }}>{p}</span>
        </span>
      ))}
    </span>
  );
}
