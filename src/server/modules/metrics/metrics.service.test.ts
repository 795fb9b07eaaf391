import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { metricsPeriod } from './metrics.service.js';

describe('metrics period', () => {
  it('a whole year runs from 1 January to 1 January in Shanghai and keeps the quota whole', () => {
    const p = metricsPeriod({ year: 2024 });
    expect(p.from.toISOString()).toBe('2023-12-31T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2024-12-31T16:00:00.000Z');
    // 2024 has 366 days, but a whole year is the quota's own unit.
    expect(p.days).toBe(365);
    expect(p.months).toHaveLength(12);
  });

  it('a month range counts its own days (February of a leap year has 29) and lists its months', () => {
    const feb = metricsPeriod({ year: 2024, fromMonth: 2, toMonth: 2 });
    expect(feb.days).toBe(29);
    expect(feb.to.toISOString()).toBe('2024-02-29T16:00:00.000Z');
    const autumn = metricsPeriod({ year: 2026, fromMonth: 10, toMonth: 12 });
    expect(autumn.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(autumn.days).toBe(92);
    expect(autumn.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('a reversed range is refused with a coded error', () => {
    expect(() => metricsPeriod({ year: 2026, fromMonth: 6, toMonth: 5 })).toThrow(AppError);
    try {
      metricsPeriod({ year: 2026, fromMonth: 6, toMonth: 5 });
    } catch (e) {
      expect((e as AppError).code).toBe('METRICS_PERIOD_INVALID');
    }
  });
});
