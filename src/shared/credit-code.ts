/**
 * 统一社会信用代码 (USCC, GB 32100-2015).
 *
 * Pure and dependency-free on purpose: the same check runs in the browser (instant form feedback) and on the
 * server (the authoritative check), so the two can never disagree. Deliberately does NOT look positions 3–8 up
 * in the current region table: codes issued under since-abolished divisions stay valid for life.
 */

/**
 * The 31-character code alphabet; a character's value is its index. I, O, S, V and Z are left out by the
 * standard because they are easily confused with 1, 0, 5, U and 2 when written by hand.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const MODULUS = 31;

/**
 * Weights 3^(i-1) mod 31 for positions 1–17. Precomputed rather than derived at call time so the table can be
 * compared by eye with the one printed in the standard.
 */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 organisation-code weights for positions 9–16 (the 主体标识码 body). */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const VALUE_OF = new Map<string, number>([...CREDIT_CODE_ALPHABET].map((ch, i) => [ch, i]));

/**
 * Region used when a caller does not pass one. Fixed (绍兴市) rather than drawn from the region table so this
 * module stays free of the ~100 KB region data and can be bundled anywhere.
 */
const DEFAULT_RANDOM_REGION = '330600';

export type CreditCodeFailure = 'LENGTH' | 'CHARSET' | 'CHECKSUM';

export type CreditCodeResult =
  | { ok: true; code: string }
  | { ok: false; code: string; reason: CreditCodeFailure; expected?: string };

export interface RandomCreditCodeOptions {
  /** 6-digit GB/T 2260 code for positions 3–8 (登记管理机关行政区划码). Defaults to 330600. */
  regionCode?: string;
  /** Source of randomness in [0, 1); pass a seeded one for reproducible fixtures. Defaults to Math.random. */
  rng?: () => number;
}

/**
 * Canonical form of user input. People paste codes from PDFs, Word files and IME-typed text, which brings
 * full-width digits/letters (９１４４…), ideographic spaces and grouping spaces; none of that should be reported
 * as a CHARSET error when the underlying code is fine.
 */
export function normaliseCreditCode(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    // Full-width ASCII block FF01–FF5E maps 1:1 onto 0021–007E.
    out += cp >= 0xff01 && cp <= 0xff5e ? String.fromCharCode(cp - 0xfee0) : ch;
  }
  // `\s` also covers U+3000 (ideographic space) and NBSP, which survive copy-paste from Chinese documents.
  return out.replace(/\s+/g, '').toUpperCase();
}

function checksumIndex(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (VALUE_OF.get(first17.charAt(i)) ?? 0) * (WEIGHTS[i] ?? 0);
  }
  return (MODULUS - (sum % MODULUS)) % MODULUS;
}

function isInAlphabet(s: string): boolean {
  for (const ch of s) {
    if (!VALUE_OF.has(ch)) return false;
  }
  return true;
}

/**
 * Check character (position 18) for the first 17 characters. Throws instead of guessing on bad input because a
 * silently wrong check char would produce fixtures that fail validation far from the cause.
 */
export function computeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`Expected 17 characters, got ${first17.length}`);
  if (!isInAlphabet(first17)) throw new RangeError(`Not in the credit-code alphabet: ${first17}`);
  return CREDIT_CODE_ALPHABET.charAt(checksumIndex(first17));
}

/**
 * Validates a code after normalising it. The reason is returned (not thrown) so the UI can phrase each failure
 * differently. `expected` is given on CHECKSUM (and on CHARSET when only position 18 is bad) so an admin can tell
 * a one-character typo from a pilot-era code that never passed the checksum (those exist, e.g. early Fujian
 * codes, and need a manual override).
 */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = normaliseCreditCode(input);
  if (code.length !== 18) return { ok: false, code, reason: 'LENGTH' };
  const first17 = code.slice(0, 17);
  if (!isInAlphabet(first17)) return { ok: false, code, reason: 'CHARSET' };
  const expected = CREDIT_CODE_ALPHABET.charAt(checksumIndex(first17));
  // Still a CHARSET failure, but the expected char is computable and tells the user what position 18 should be
  // (the GB's own worked example ends in an impossible `Z`).
  if (!VALUE_OF.has(code.charAt(17))) return { ok: false, code, reason: 'CHARSET', expected };
  if (code.charAt(17) !== expected) return { ok: false, code, reason: 'CHECKSUM', expected };
  return { ok: true, code };
}

/** GB 11714 value of a character: digits are themselves, letters count from A = 10. */
function orgValue(ch: string): number {
  const cp = ch.charCodeAt(0);
  return cp <= 0x39 ? cp - 0x30 : cp - 0x37;
}

function orgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8.charAt(i)) * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Secondary check of positions 9–17 as a GB 11714 organisation code. Only a warning signal: the USCC checksum is
 * the binding one, and some legitimately issued codes are not expected to satisfy GB 11714.
 */
export function isOrgCodeSegmentValid(input: string): boolean {
  const code = normaliseCreditCode(input);
  if (code.length !== 18 || !isInAlphabet(code)) return false;
  return orgCheckChar(code.slice(8, 16)) === code.charAt(16);
}

/**
 * Synthetic but fully valid code (`91` 企业 + region + body + check) for test factories and demo data, so
 * fixtures exercise the real validator instead of bypassing it. The body also passes the GB 11714 check so demo
 * data raises no warnings.
 */
export function randomCreditCode(options?: RandomCreditCodeOptions | (() => number)): string {
  const opts: RandomCreditCodeOptions = typeof options === 'function' ? { rng: options } : (options ?? {});
  const rng = opts.rng ?? Math.random;
  const region = opts.regionCode ?? DEFAULT_RANDOM_REGION;
  if (!/^\d{6}$/.test(region)) throw new RangeError(`regionCode must be 6 digits, got ${region}`);
  let body = '';
  for (let i = 0; i < 8; i++) {
    // Clamped so a sloppy seeded rng (returning 1 or a tiny negative) cannot yield an empty character.
    const raw = Math.floor(rng() * CREDIT_CODE_ALPHABET.length);
    const idx = Math.min(CREDIT_CODE_ALPHABET.length - 1, Math.max(0, raw));
    body += CREDIT_CODE_ALPHABET.charAt(idx);
  }
  const first17 = `91${region}${body}${orgCheckChar(body)}`;
  return first17 + computeCheckChar(first17);
}
