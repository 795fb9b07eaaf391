/** Dates as 2026-11-25 and times in the bureau's time zone (Asia/Shanghai), whatever the browser's zone. */
const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(iso: string | Date): Record<string, string> | null {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of dateTimeFmt.formatToParts(d)) out[p.type] = p.value;
  return out;
}

export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : '—';
}

export function formatDateTime(iso: string | Date | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const p = parts(iso);
  if (!p) return '—';
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** Start or end of a calendar day (YYYY-MM-DD) in Shanghai, as an ISO timestamp with offset. */
export function shanghaiDayBoundary(day: string, end: boolean): string {
  return `${day}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`;
}

/** Table cell props that keep a date or code on one line (2026-11-25 must not wrap). */
export const noWrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** `2026-11-30 10:00–12:00`, or both full date-times when the range crosses midnight. */
export function formatTimeRange(start: string | Date, end: string | Date): string {
  const s = parts(start);
  const e = parts(end);
  if (!s || !e) return '—';
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day;
  return sameDay
    ? `${s.year}-${s.month}-${s.day} ${s.hour}:${s.minute}–${e.hour}:${e.minute}`
    : `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

const yuanFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const yuanFmt2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money stored in fen, shown in 元 with thousands separators: 4500000_00 → `4,500,000`; 12_50 → `12.50`. */
export function formatYuanNumber(fen: number): string {
  return fen % 100 === 0 ? yuanFmt.format(fen / 100) : yuanFmt2.format(fen / 100);
}

/** Large values in 万元 (10,000 元) with up to two decimals: 450_000_000 fen → `450`. */
export function formatWanNumber(fen: number): string {
  return yuanFmt.format(Math.round(fen / 100) / 10_000);
}
