import { fullName, getRegion, isRegionCode, scopePrefix } from '../../../shared/regions/regions.js';
import { AppError } from '../../lib/errors.js';
import { quotaHours, summarise, type UsageTotals } from './metrics.formulas.js';
import type { MetricsRepository, UsageRow } from './metrics.repository.js';

export interface MetricsQuery {
  year: number;
  regionCode?: string;
  organisationId?: string;
}

const add = (a: UsageTotals, r: UsageRow): UsageTotals => ({
  effectiveMinutes: a.effectiveMinutes + r.effectiveMinutes,
  externalMinutes: a.externalMinutes + r.externalMinutes,
  bookedMinutes: a.bookedMinutes + r.bookedMinutes,
  services: a.services + r.services,
});
const zero: UsageTotals = { effectiveMinutes: 0, externalMinutes: 0, bookedMinutes: 0, services: 0 };

/** Open-sharing statistics per instrument and rolled up by organisation or by region below a scope. */
export function createMetricsService(deps: { metrics: MetricsRepository }) {
  async function rows(q: MetricsQuery) {
    if (q.regionCode && !isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
    const from = new Date(`${q.year}-01-01T00:00:00+08:00`);
    const to = new Date(`${q.year + 1}-01-01T00:00:00+08:00`);
    return deps.metrics.usage(from, to, {
      regionPrefix: q.regionCode ? scopePrefix(q.regionCode) : undefined,
      organisationId: q.organisationId,
    });
  }

  return {
    async instruments(q: MetricsQuery) {
      const list = await rows(q);
      const items = list.map((r) => ({
        instrumentId: r.instrumentId,
        nameZh: r.nameZh,
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        regionCode: r.regionCode,
        purpose: r.purpose,
        ...summarise(r, quotaHours(r.purpose)),
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
      const list = await rows(q);
      const scopeLength = q.regionCode ? scopePrefix(q.regionCode).length : 0;
      const keyLength = scopeLength >= 4 ? 6 : scopeLength + 2;
      const groups = new Map<string, { name: string; rows: UsageRow[] }>();
      for (const r of list) {
        let key: string;
        let name: string;
        if (q.by === 'organisation') {
          key = r.organisationId;
          name = r.organisationName;
        } else {
          key = r.regionCode.slice(0, keyLength).padEnd(6, '0');
          name = fullName(key) ?? getRegion(r.regionCode)?.name ?? key;
        }
        const g = groups.get(key) ?? { name, rows: [] };
        g.rows.push(r);
        groups.set(key, g);
      }
      return {
        items: [...groups.entries()]
          .map(([key, g]) => {
            const quota = g.rows.reduce((s, r) => s + quotaHours(r.purpose), 0);
            const below = g.rows.filter((r) => summarise(r, quotaHours(r.purpose)).belowQuota).length;
            return {
              key,
              name: g.name,
              instruments: g.rows.length,
              belowQuotaCount: below,
              ...summarise(g.rows.reduce(add, zero), quota),
            };
          })
          .sort((a, b) => b.effectiveHours - a.effectiveHours || a.name.localeCompare(b.name, 'zh')),
      };
    },
  };
}
export type MetricsService = ReturnType<typeof createMetricsService>;
