import { describe, expect, it } from 'vitest';
import { parsePayload, readingSchema } from './payload.js';

const NOW = Date.UTC(2026, 10, 25, 4);
const window = { now: NOW, maxAgeMs: 30 * 86_400_000 };

describe('telemetry payload validation', () => {
  it('accepts and rejects exactly what the schema does (the fast path included)', () => {
    const values: unknown[] = [undefined, null, 0, 1, -1, 0.5, 30, 300, 301, NOW - 1000, 2 ** 53, '5', true, [], {}];
    const fields = ['ts', 'p', 'win', 'pMax', 'pMin', 'seq', 'onSec'] as const;
    let seed = 7;
    const pick = () => {
      seed = (seed * 16807) % 2147483647;
      return values[seed % values.length];
    };
    for (let n = 0; n < 3000; n++) {
      const raw: Record<string, unknown> = { ts: NOW - 60_000, p: 12.5, extra: 'ignored' };
      // Change one to three fields at random, sometimes leaving the reading valid.
      for (let k = 0; k <= n % 3; k++) {
        const f = fields[(seed >>> 3) % fields.length] as string;
        const v = pick();
        if (v === undefined) delete raw[f];
        else raw[f] = v;
      }
      const schema = readingSchema.safeParse(raw);
      const got = parsePayload(Buffer.from(JSON.stringify(raw)), window);
      const inWindow = schema.success && schema.data.ts <= NOW + 300_000 && schema.data.ts >= NOW - window.maxAgeMs;
      if (inWindow) expect(got.readings).toEqual([schema.data]);
      else expect(got.readings).toEqual([]);
      if (!schema.success) expect(got.rejections[0]?.reason).toMatch(/TELEMETRY_(BAD_READING|NEGATIVE_POWER)/);
    }
  });

  it('keeps only the known fields and defaults the window to 30 s', () => {
    const got = parsePayload(Buffer.from(JSON.stringify({ ts: NOW, p: 3, note: 'x' })), window);
    expect(got.readings).toEqual([{ ts: NOW, p: 3, win: 30 }]);
  });
});
