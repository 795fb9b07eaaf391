import type { MetricsGroupRow, MetricsQuery } from '../../../shared/api/metrics.js';
import { fullName, getRegion, isRegionCode, scopePrefix } from '../../../shared/regions/regions.js';
import { AppError } from '../../lib/errors.js';
import { hours, quotaHours, sharingRate, summarise, type UsageTotals } from './metrics.formulas.js';
import type { MetricsRepository, UsageRow } from './metrics.repository.js';

export type { MetricsQuery };

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period a query covers, as instants in Shanghai (UTC+8): whole months from `fromMonth` to
 * `toMonth`, the whole year when they are left out. The quota is prorated by the period's days.
 */
export function metricsPeriod(q: MetricsQuery) {
  const fromMonth = q.fromMonth ?? 1;
  const toMonth = q.toMonth ?? 12;
  if (fromMonth > toMonth) throw new AppError('METRICS_PERIOD_INVALID', { from: fromMonth, to: toMonth });
  const from = new Date(`${q.year}-${pad(fromMonth)}-01T00:00:00+08:00`);
  const to =
    toMonth === 12
      ? new Date(`${q.year + 1}-01-01T00:00:00+08:00`)
      : new Date(`${q.year}-${pad(toMonth + 1)}-01T00:00:00+08:00`);
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
  const months = Array.from({ length: toMonth - fromMonth + 1 }, (_, i) => `${q.year}-${pad(fromMonth + i)}`);
  // A whole year is the quota's own unit (1,400 h / 800 h), whether it has 365 or 366 days.
  return { from, to, days: fromMonth === 1 && toMonth === 12 ? 365 : days, months };
}

/** Region levels by the length of their code prefix (GB/T 2260: 2 province, 4 city, 6 county). */
export const regionLevels = [
  { level: 'province', length: 2 },
  { level: 'city', length: 4 },
  { level: 'county', length: 6 },
] as const;
export type RegionLevel = (typeof regionLevels)[number]['level'];

const add = (a: UsageTotals, r: UsageRow): UsageTotals => ({
  effectiveMinutes: a.effectiveMinutes + r.effectiveMinutes,
  externalMinutes: a.externalMinutes + r.externalMinutes,
  bookedMinutes: a.bookedMinutes + r.bookedMinutes,
  services: a.services + r.services,
});
const zero: UsageTotals = { effectiveMinutes: 0, externalMinutes: 0, bookedMinutes: 0, services: 0 };

/** Sums instrument rows into groups, busiest first. */
function group(
  list: UsageRow[],
  quota: (r: UsageRow) => number,
  keyOf: (r: UsageRow) => { key: string; name: string },
): MetricsGroupRow[] {
  const groups = new Map<string, { name: string; rows: UsageRow[] }>();
  for (const r of list) {
    const { key, name } = keyOf(r);
    const g = groups.get(key) ?? { name, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      name: g.name,
      instruments: g.rows.length,
      belowQuotaCount: g.rows.filter((r) => summarise(r, quota(r)).belowQuota).length,
      ...summarise(
        g.rows.reduce(add, zero),
        g.rows.reduce((s, r) => s + quota(r), 0),
      ),
    }))
    .sort((a, b) => b.effectiveHours - a.effectiveHours || a.name.localeCompare(b.name, 'zh'));
}

const byRegion = (length: number) => (r: UsageRow) => {
  const key = r.regionCode.slice(0, length).padEnd(6, '0');
  return { key, name: fullName(key) ?? getRegion(r.regionCode)?.name ?? key };
};

/** Open-sharing statistics per instrument and rolled up by organisation or by region below a scope. */
export function createMetricsService(deps: { metrics: Pick<MetricsRepository, 'usage' | 'usageByMonth'> }) {
  function scope(q: MetricsQuery) {
    if (q.regionCode && !isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
    const period = metricsPeriod(q);
    return {
      period,
      quota: (r: UsageRow) => quotaHours(r.purpose, period.days),
      scopeLength: q.regionCode ? scopePrefix(q.regionCode).length : 0,
      filter: {
        regionPrefix: q.regionCode ? scopePrefix(q.regionCode) : undefined,
        organisationId: q.organisationId,
        purpose: q.purpose,
      },
    };
  }
  async function rows(q: MetricsQuery) {
    const s = scope(q);
    return { ...s, list: await deps.metrics.usage(s.period.from, s.period.to, s.filter) };
  }

  return {
    async instruments(q: MetricsQuery) {
      const { list, quota } = await rows(q);
      const items = list.map((r) => ({
        instrumentId: r.instrumentId,
        nameZh: r.nameZh,
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        regionCode: r.regionCode,
        purpose: r.purpose,
        ...summarise(r, quota(r)),
      }));
      const total = summarise(
        list.reduce(add, zero),
        items.reduce((s, i) => s + i.quotaHours, 0),
      );
      return {
        items,
        total: { ...total, instruments: items.length, belowQuotaCount: items.filter((i) => i.belowQuota).length },
      };
    },

    /**
     * Groups by organisation, or by the next region level below the scope (province → cities,
     * city → counties), so every level of the bureau sees its own breakdown.
     */
    async rollup(q: MetricsQuery & { by: 'organisation' | 'region' }) {
      const { list, quota, scopeLength } = await rows(q);
      if (q.by === 'organisation') {
        return { items: group(list, quota, (r) => ({ key: r.organisationId, name: r.organisationName })) };
      }
      return { items: group(list, quota, byRegion(scopeLength >= 4 ? 6 : scopeLength + 2)) };
    },

    /** Every region level below the scope at once (for the workbook's sheet per level), and organisations. */
    async levels(q: MetricsQuery) {
      const { list, quota, scopeLength } = await rows(q);
      return {
        organisations: group(list, quota, (r) => ({ key: r.organisationId, name: r.organisationName })),
        regions: regionLevels
          .filter((l) => l.length > scopeLength)
          .map((l) => ({ level: l.level, items: group(list, quota, byRegion(l.length)) })),
      };
    },

    /** Every month of the period, months without use as zeros, so charts have no gaps. */
    async monthly(q: MetricsQuery) {
      const { period, filter } = scope(q);
      const found = new Map((await deps.metrics.usageByMonth(period.from, period.to, filter)).map((m) => [m.month, m]));
      return {
        items: period.months.map((month) => {
          const m = found.get(month) ?? zero;
          return {
            month,
            effectiveHours: hours(m.effectiveMinutes),
            externalHours: hours(m.externalMinutes),
            bookedHours: hours(m.bookedMinutes),
            sharingRate: sharingRate(m.externalMinutes, m.effectiveMinutes),
            services: m.services,
          };
        }),
      };
    },
  };
}
export type MetricsService = ReturnType<typeof createMetricsService>;
