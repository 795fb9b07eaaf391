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
