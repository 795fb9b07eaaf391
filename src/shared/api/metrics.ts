/**
 * Open-sharing metrics: the query every metrics endpoint and export takes, and what they answer.
 * The web dashboard builds its filters and export links from the same query.
 */
import { z } from 'zod';
import { regionCode } from './organisations.js';

export const metricsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  /** A month range inside the year (1–12, both ends included); the whole year when left out. */
  fromMonth: z.coerce.number().int().min(1).max(12).optional(),
  toMonth: z.coerce.number().int().min(1).max(12).optional(),
  regionCode: regionCode.optional(),
  organisationId: z.uuid().optional(),
  purpose: z.enum(['general', 'special']).optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuery>;

export const rollupBy = z.enum(['organisation', 'region']);
export const rollupQuery = metricsQuery.extend({ by: rollupBy.default('organisation') });

const figures = {
  effectiveHours: z.number(),
  externalHours: z.number(),
  bookedHours: z.number(),
  sharingRate: z.number().nullable(),
  quotaHours: z.number(),
  services: z.number().int(),
};

export const metricsInstrumentRow = z.object({
  instrumentId: z.uuid(),
  nameZh: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  regionCode: z.string(),
  purpose: z.enum(['general', 'special']),
  belowQuota: z.boolean(),
  ...figures,
});

export const metricsTotal = z.object({
  instruments: z.number().int(),
  belowQuotaCount: z.number().int(),
  belowQuota: z.boolean(),
  ...figures,
});

export const metricsInstrumentsResponse = z.object({
  items: z.array(metricsInstrumentRow),
  total: metricsTotal,
});

export const metricsGroupRow = z.object({
  key: z.string(),
  name: z.string(),
  instruments: z.number().int(),
  belowQuotaCount: z.number().int(),
  belowQuota: z.boolean(),
  ...figures,
});

export const metricsRollupResponse = z.object({ items: z.array(metricsGroupRow) });

export const metricsMonthRow = z.object({
  /** `2026-03`, in the bureau's time zone. */
  month: z.string(),
  effectiveHours: z.number(),
  externalHours: z.number(),
  bookedHours: z.number(),
  sharingRate: z.number().nullable(),
  services: z.number().int(),
});

export const metricsMonthlyResponse = z.object({ items: z.array(metricsMonthRow) });

export type MetricsInstrumentRow = z.infer<typeof metricsInstrumentRow>;
export type MetricsTotal = z.infer<typeof metricsTotal>;
export type MetricsInstruments = z.infer<typeof metricsInstrumentsResponse>;
export type MetricsGroupRow = z.infer<typeof metricsGroupRow>;
export type MetricsRollup = z.infer<typeof metricsRollupResponse>;
export type MetricsMonthRow = z.infer<typeof metricsMonthRow>;
export type MetricsMonthly = z.infer<typeof metricsMonthlyResponse>;
