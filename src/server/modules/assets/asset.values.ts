/**
 * Cell values of the asset register: money, dates, statuses. Pure functions, no I/O.
 * Each parser returns null for "not valid" so the caller can report the row and column.
 */

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Yuan (with at most 2 decimals) to integer fen, by string arithmetic: 0.29 * 100 is
 * 28.999999999999996 in floating point, and a register of 50,000 cards must add up to the fen.
 * Accepts thousands separators and a currency sign ("¥1,234,567.89", "1234567.89元"). A number
 * (an XLSX cell, a JSON value) is read through its shortest round-trip decimal form.
 */
export function yuanToFen(value: string | number): number | null {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    s = String(value);
  } else {
    s = value
      .trim()
      .replace(/^(?:¥|￥|RMB|CNY)\s*/i, '')
      .replace(/\s*(?:元|RMB|CNY)$/i, '')
      .trim();
    if (s.includes(',')) {
      // Only well-formed grouping: "1,234,567.89", not "1,2,3" (which would be a typo, not a number).
      if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return null;
      s = s.replace(/,/g, '');
    }
  }
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return null;
  const whole = m[1] as string;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 2) return null;
  const fen = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0') || '0');
  return fen > MAX_FEN ? null : Number(fen);
}

/** Fen to a yuan string with exactly two decimals, for CSV exports ("1234567.89"). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = BigInt(Math.abs(fen));
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Excel's day zero for serials from 61 on (1900-03-01), which count the phantom 1900-02-29. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MAX_EXCEL_SERIAL = 2_958_465; // 9999-12-31

function isoDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null; // 2023-02-30 and friends
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fromSerial(serial: number): string | null {
  if (serial < 1 || serial > MAX_EXCEL_SERIAL) return null;
  // Serials before 61 precede Excel's fictitious 1900-02-29, so they count from one day later.
  const days = Math.floor(serial) + (serial < 61 ? 1 : 0);
  const t = new Date(EXCEL_EPOCH_MS + days * 86_400_000);
  return isoDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * A calendar date as YYYY-MM-DD, from "2021-03-15", "2021/3/5", "2021.3.5", "2021年3月5日",
 * "20210315", an Excel serial number (44270) or an Excel date cell. Date cells come from exceljs
 * as UTC midnight of the date shown, so their UTC parts are the date.
 */
export function parseDate(value: string | number | Date): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isoDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return Number.isFinite(value) ? fromSerial(value) : null;
  const s = value.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0{1,2}:0{2}(?::0{2})?)?$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  // A serial number that reached a CSV as text (Excel saves unformatted date cells that way).
  if (/^\d{3,5}(\.\d+)?$/.test(s)) return fromSerial(Number(s));
  return null;
}

/**
 * Whether a 使用状况 means the asset has left the organisation's books: retired, transferred,
 * sold, donated, written off. "待报废" / "拟处置" (pending) are still in the organisation's hands.
 */
export function isDisposedStatus(status: string | null | undefined): boolean {
  if (!status) return false;
  const s = status.trim();
  if (/^(待|拟|申请)/.test(s)) return false;
  return /报废|调出|调拨|处置|出售|捐赠|核销|划转|报损|丢失|毁损/.test(s);
}

/** GB/T 14885 edition from the code's shape: 2010 codes are 7 digits, 2022 codes start with a letter. */
export function classVersion(code: string | null): string | null {
  if (!code) return null;
  if (/^\d{7}$/.test(code)) return '2010';
  if (/^[A-Z]\d+$/i.test(code)) return '2022';
  return null;
}
