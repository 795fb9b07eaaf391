/**
 * The national open-sharing evaluation figures (see research/instrument-anchors.md §2):
 * 有效工作机时 = preparation + measurement + necessary post-processing (idle excluded);
 * 对外服务机时 = the part serving users outside the owner's legal entity;
 * 共享率 = 对外服务机时 / 有效工作机时; 定额机时 1,400 h (general) or 800 h (special) a year.
 */
export const QUOTA_HOURS = { general: 1400, special: 800 } as const;
export type Purpose = keyof typeof QUOTA_HOURS;

/** The quota for a period, prorated by days when the period is not a whole year. */
export function quotaHours(purpose: Purpose, periodDays = 365): number {
  return Math.round((QUOTA_HOURS[purpose] * periodDays) / 365);
}

/** Sharing rate in [0, 1], or null when nothing was used (0/0 is no rate, not 0%). */
export function sharingRate(externalMinutes: number, effectiveMinutes: number): number | null {
  if (effectiveMinutes <= 0) return null;
  return Math.min(1, externalMinutes / effectiveMinutes);
}

export function hours(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

export interface UsageTotals {
  effectiveMinutes: number;
  externalMinutes: number;
  bookedMinutes: number;
  services: number;
}

export function summarise(t: UsageTotals, quota: number) {
  const effectiveHours = hours(t.effectiveMinutes);
  return {
    effectiveHours,
    externalHours: hours(t.externalMinutes),
    bookedHours: hours(t.bookedMinutes),
    sharingRate: sharingRate(t.externalMinutes, t.effectiveMinutes),
    quotaHours: quota,
    belowQuota: effectiveHours < quota,
    services: t.services,
  };
}
