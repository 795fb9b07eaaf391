import { describe, expect, it } from 'vitest';
import { quotaHours, sharingRate, summarise } from './metrics.formulas.js';

describe('open-sharing metric formulas', () => {
  it('quota is 1,400 h for general and 800 h for special instruments, prorated by days', () => {
    expect(quotaHours('general')).toBe(1400);
    expect(quotaHours('special')).toBe(800);
    expect(quotaHours('general', 73)).toBe(280);
  });

  it('sharing rate is external over effective, with no rate for no use', () => {
    expect(sharingRate(240 * 60, 1440 * 60)).toBeCloseTo(0.1667, 4);
    expect(sharingRate(0, 0)).toBeNull();
    expect(sharingRate(10, 5)).toBe(1);
  });

  it('summarises hours to one decimal and flags instruments below quota', () => {
    const s = summarise({ effectiveMinutes: 90, externalMinutes: 60, bookedMinutes: 120, services: 2 }, 1400);
    expect(s).toEqual({
      effectiveHours: 1.5,
      externalHours: 1,
      bookedHours: 2,
      sharingRate: 60 / 90,
      quotaHours: 1400,
      belowQuota: true,
      services: 2,
    });
    expect(
      summarise({ effectiveMinutes: 1400 * 60, externalMinutes: 0, bookedMinutes: 0, services: 1 }, 1400).belowQuota,
    ).toBe(false);
  });
});
