/**
 * The low-level parts of the catalogue index (catalogue.index.ts): reading PostgreSQL's tsvector
 * text, posting lists, a top-k selection and a time-zone wall clock. Pure: no I/O.
 */

/** PostgreSQL's tsvector weights as bits; a lexeme written without a weight is D. */
export const WEIGHT = { A: 8, B: 4, C: 2, D: 1 } as const;

/** 0: in the name (A); 1: in class or model (B); 2: only in maker or descriptive text. */
export function tierOf(mask: number): number {
  return mask & WEIGHT.A ? 0 : mask & WEIGHT.B ? 1 : 2;
}

/** Lexemes and their weight bits from a tsvector's text form (`'电镜':3A,7 'sem':4B`). */
export function parseTsvector(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (text.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    if (text[i] !== "'") throw new Error(`tsvector text: expected a quote at ${i}`);
    // The common case is a lexeme with no quote or backslash inside: one slice.
    let end = text.indexOf("'", i + 1);
    if (end < 0) throw new Error('tsvector text: unterminated lexeme');
    let lexeme = text.slice(i + 1, end);
    if (text[end + 1] === "'" || lexeme.includes('\\')) {
      lexeme = '';
      let j = i + 1;
      for (;;) {
        const ch = text[j];
        if (ch === undefined) throw new Error('tsvector text: unterminated lexeme');
        if (ch === "'" && text[j + 1] === "'") {
          lexeme += "'";
          j += 2;
        } else if (ch === "'") break;
        else if (ch === '\\') {
          lexeme += text[j + 1] ?? '';
          j += 2;
        } else {
          lexeme += ch;
          j++;
        }
      }
      end = j;
    }
    i = end + 1;
    let mask = 0;
    if (text[i] === ':') {
      i++;
      while (i < n && text.charCodeAt(i) !== 32) {
        const c = text.charCodeAt(i);
        if (c === 65) mask |= WEIGHT.A;
        else if (c === 66) mask |= WEIGHT.B;
        else if (c === 67) mask |= WEIGHT.C;
        else if (c === 44 && !(text.charCodeAt(i - 1) >= 65 && text.charCodeAt(i - 1) <= 67)) mask |= WEIGHT.D;
        i++;
      }
      const last = text.charCodeAt(i - 1);
      if (!(last >= 65 && last <= 67)) mask |= WEIGHT.D;
    } else mask = WEIGHT.D;
    out.set(lexeme, (out.get(lexeme) ?? 0) | mask);
  }
  return out;
}

/** A growable posting list: documents in ascending order with the tier the lexeme has in each. */
export class Postings {
  docs = new Int32Array(4);
  tiers = new Uint8Array(4);
  n = 0;
  push(doc: number, mask: number) {
    if (this.n === this.docs.length) {
      const docs = new Int32Array(this.n * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tiers = new Uint8Array(this.n * 2);
      tiers.set(this.tiers);
      this.tiers = tiers;
    }
    this.docs[this.n] = doc;
    this.tiers[this.n] = tierOf(mask);
    this.n++;
  }
  /** First position at or after `from` whose document is ≥ doc (galloping, then binary search). */
  seek(doc: number, from: number): number {
    let step = 1;
    let hi = from;
    while (hi < this.n && (this.docs[hi] as number) < doc) {
      from = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, this.n);
    while (from < hi) {
      const mid = (from + hi) >>> 1;
      if ((this.docs[mid] as number) < doc) from = mid + 1;
      else hi = mid;
    }
    return from;
  }
}

/** The k smallest of the first `n` keys, ascending, in one pass with a max-heap. */
export function smallest(keys: Float64Array, n: number, k: number): number[] {
  const heap: number[] = [];
  if (k <= 0) return heap;
  for (let x = 0; x < n; x++) {
    const key = keys[x] as number;
    if (heap.length < k) {
      let i = heap.length;
      heap.push(key);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((heap[p] as number) >= key) break;
        heap[i] = heap[p] as number;
        i = p;
      }
      heap[i] = key;
    } else if (key < (heap[0] as number)) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k) break;
        const r = l + 1;
        const c = r < k && (heap[r] as number) > (heap[l] as number) ? r : l;
        if ((heap[c] as number) <= key) break;
        heap[i] = heap[c] as number;
        i = c;
      }
      heap[i] = key;
    }
  }
  return heap.sort((a, b) => a - b);
}

const localClock = new Map<string, Intl.DateTimeFormat>();
/** Weekday (0 = Monday) and minute of the day of an instant in a time zone. */
export function wallClock(at: number, timezone: string): { day: number; minute: number } {
  let f = localClock.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    localClock.set(timezone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '');
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}
