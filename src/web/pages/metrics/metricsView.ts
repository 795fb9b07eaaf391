/** Formatting and scope rules shared by the dashboard's cards, charts and tables. */
import type { MetricsQuery } from '../../../shared/api/metrics';
import { isBureauRole } from '../../../shared/roles';
import type { Me } from '../../api/types';
import { managedOrganisations } from '../../auth/roles';

const hoursFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1, minimumFractionDigits: 0 });

/** 1,234.5 — hours with thousands separators and at most one decimal. */
export const formatHours = (n: number) => hoursFmt.format(n);

/** 0.5 → 50.0%; no rate (nothing used) → —. */
export const formatRate = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;

/** Relative change, or null when there is nothing to compare with. */
export function change(now: number, before: number | undefined): number | null {
  if (before === undefined || before <= 0) return null;
  return (now - before) / before;
}

export const formatChange = (c: number) => `${c >= 0 ? '+' : ''}${(c * 100).toFixed(1)}%`;

/** Bureau roles see their region (null: the whole platform); others see the organisations they manage. */
export function dashboardScope(me: Me | null | undefined) {
  const bureauGrant = me?.roles.find((g) => isBureauRole(g.role));
  return {
    bureau: !!bureauGrant,
    bureauRegion: bureauGrant?.regionCode ?? undefined,
    organisations: managedOrganisations(me),
  };
}

export const canSeeMetrics = (me: Me | null | undefined) => {
  const s = dashboardScope(me);
  return s.bureau || s.organisations.length > 0;
};

/** County-level codes end in two non-zero digits; below them there is no region level to drill into. */
export const isCounty = (code: string | undefined) => !!code && code.slice(4) !== '00';

/** The level above a region code: county → city → province → everything. */
export function parentRegion(code: string): string | undefined {
  if (code.slice(4) !== '00') return `${code.slice(0, 4)}00`;
  if (code.slice(2) !== '0000') return `${code.slice(0, 2)}0000`;
  return undefined;
}

/** The same months a year earlier, to show each card's change. */
export const previousYear = (q: MetricsQuery): MetricsQuery => ({ ...q, year: q.year - 1 });

/** Shanghai's current year, whatever the browser's zone. */
export function currentYear(): number {
  return Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
}
