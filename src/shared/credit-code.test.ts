import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  computeCheckChar,
  isOrgCodeSegmentValid,
  normaliseCreditCode,
  randomCreditCode,
} from './credit-code.js';

/** Small deterministic PRNG so the property tests are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('normaliseCreditCode', () => {
  it('trims, strips internal spaces, converts full-width and uppercases', () => {
    expect(normaliseCreditCode('  9144 0300 1922 0382 16 ')).toBe('914403001922038216');
    expect(normaliseCreditCode('９１４４０３００１９２２０３８２１６')).toBe('914403001922038216');
    expect(normaliseCreditCode('９１３４０６００ｍａ２ＰＢＭ９ＨＸＤ')).toBe('91340600MA2PBM9HXD');
    expect(normaliseCreditCode('\u30009134\u00a00600ma2pbm9hxd\t')).toBe('91340600MA2PBM9HXD');
  });
});

describe('checkCreditCode — research-note vectors', () => {
  it.each([
    ['914403001922038216'], // 华为技术有限公司
    ['12100000400000624D'], // 清华大学 (事业单位, region 100000)
    ['91110000600037341L'], // python-stdnum
    ['91340600MA2PBM9HXD'], // letters in the body
  ])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
    expect(computeCheckChar(code.slice(0, 17))).toBe(code.slice(17));
  });

  it('rejects the GB worked example 91350100M000100Y4Z (computes 3; Z is outside the alphabet)', () => {
    expect(checkCreditCode('91350100M000100Y4Z')).toEqual({
      ok: false,
      code: '91350100M000100Y4Z',
      reason: 'CHARSET',
      expected: '3',
    });
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, reason: 'CHECKSUM', expected: '3' });
    expect(computeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('rejects 91110000600037341N on checksum and names the expected char', () => {
    expect(checkCreditCode('91110000600037341N')).toMatchObject({ ok: false, reason: 'CHECKSUM', expected: 'L' });
  });

  it('rejects 9111000060003IOZSV on charset (I, O, Z, S, V are excluded)', () => {
    expect(checkCreditCode('9111000060003IOZSV')).toMatchObject({ ok: false, reason: 'CHARSET' });
    for (const ch of 'IOSVZ') {
      expect(checkCreditCode(`91110000600037341${ch}`)).toMatchObject({ ok: false, reason: 'CHARSET' });
    }
  });

  it('reports the real pilot-era 91350100M0001TGQXM as a checksum failure (needs admin override)', () => {
    const r = checkCreditCode('91350100M0001TGQXM');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('CHECKSUM');
    expect(r.expected).toMatch(/^[0-9A-HJ-NPQRTUWXY]$/);
    expect(r.expected).not.toBe('M');
  });
});

describe('checkCreditCode — input handling', () => {
  it('accepts full-width input and returns the normalised code', () => {
    expect(checkCreditCode('９１４４０３００１９２２０３８２１６')).toEqual({ ok: true, code: '914403001922038216' });
  });

  it('accepts lowercase input', () => {
    expect(checkCreditCode('91340600ma2pbm9hxd')).toEqual({ ok: true, code: '91340600MA2PBM9HXD' });
    expect(checkCreditCode('12100000400000624d')).toEqual({ ok: true, code: '12100000400000624D' });
  });

  it('accepts grouped input with spaces', () => {
    expect(checkCreditCode(' 914403 001922 038216 ')).toEqual({ ok: true, code: '914403001922038216' });
  });

  it.each(['', '91440300192203821', '9144030019220382160', '91440300-1922038216'])(
    'rejects wrong length %j',
    (code) => {
      expect(checkCreditCode(code)).toMatchObject({ ok: false, reason: 'LENGTH' });
    },
  );

  it('rejects punctuation and CJK characters as CHARSET when length is right', () => {
    expect(checkCreditCode('91440300192203821-')).toMatchObject({ ok: false, reason: 'CHARSET' });
    expect(checkCreditCode('91440300192203821码')).toMatchObject({ ok: false, reason: 'CHARSET' });
  });
});

describe('computeCheckChar', () => {
  it('throws on wrong length or characters outside the alphabet', () => {
    expect(() => computeCheckChar('9144030019220382')).toThrow(RangeError);
    expect(() => computeCheckChar('9144030019220382I')).toThrow(RangeError);
    expect(() => computeCheckChar('91440300192203821')).not.toThrow();
  });
});

describe('isOrgCodeSegmentValid (GB 11714 secondary check)', () => {
  it('passes for the valid vectors', () => {
    for (const code of ['914403001922038216', '12100000400000624D', '91110000600037341L', '91340600MA2PBM9HXD']) {
      expect(isOrgCodeSegmentValid(code)).toBe(true);
    }
  });

  it('fails when the organisation-code check char is wrong', () => {
    expect(isOrgCodeSegmentValid('914403001922038226')).toBe(false);
    expect(isOrgCodeSegmentValid('short')).toBe(false);
  });
});

describe('randomCreditCode', () => {
  it('uses the given region and a 91 prefix, and accepts a bare rng', () => {
    const code = randomCreditCode({ regionCode: '110105', rng: mulberry32(1) });
    expect(code).toMatch(/^91110105[0-9A-HJ-NPQRTUWXY]{10}$/);
    expect(randomCreditCode(mulberry32(7))).toMatch(/^91330600/);
    expect(randomCreditCode()).toHaveLength(18);
  });

  it('is reproducible with a seeded rng', () => {
    expect(randomCreditCode({ rng: mulberry32(42) })).toBe(randomCreditCode({ rng: mulberry32(42) }));
  });

  it('survives rng edge values 0 and 1', () => {
    expect(checkCreditCode(randomCreditCode(() => 0)).ok).toBe(true);
    expect(checkCreditCode(randomCreditCode(() => 1)).ok).toBe(true);
  });

  it('rejects a malformed region code', () => {
    expect(() => randomCreditCode({ regionCode: '3306' })).toThrow(RangeError);
  });

  it('property: 1,000 random codes validate, and every single-character substitution breaks the checksum', () => {
    const rng = mulberry32(20240601);
    let substitutions = 0;
    for (let n = 0; n < 1000; n++) {
      const code = randomCreditCode({ rng });
      expect(checkCreditCode(code)).toEqual({ ok: true, code });
      expect(isOrgCodeSegmentValid(code)).toBe(true);
      for (let pos = 0; pos < 18; pos++) {
        for (const ch of CREDIT_CODE_ALPHABET) {
          if (ch === code[pos]) continue;
          const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
          const r = checkCreditCode(mutated);
          if (r.ok || r.reason !== 'CHECKSUM') {
            expect.fail(`substitution ${code} -> ${mutated} was not caught: ${JSON.stringify(r)}`);
          }
          substitutions++;
        }
      }
    }
    expect(substitutions).toBe(1000 * 18 * 30);
  });
});
