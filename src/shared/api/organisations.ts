import { z } from 'zod';
import { organisationStatuses, organisationTypes } from '../roles.js';
import { isoDate } from './common.js';

export const regionCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '行政区划代码为 6 位数字 / Region codes have 6 digits');

export const registerOrganisationInput = z.object({
  name: z.string().trim().min(2).max(100),
  nameEn: z.string().trim().max(200).optional(),
  creditCode: z.string().min(1).max(40),
  type: z.enum(organisationTypes),
  regionCode,
  address: z.string().trim().max(200).optional(),
});

export const organisationSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(organisationTypes),
  status: z.enum(organisationStatuses),
  regionCode: z.string(),
});

export const organisationView = organisationSummary.extend({
  nameEn: z.string().nullable(),
  creditCode: z.string(),
  creditCodeChecked: z.boolean(),
  regionName: z.string(),
  address: z.string().nullable(),
  createdAt: isoDate,
  verifiedAt: isoDate.nullable(),
  memberCount: z.number().int(),
});

export const organisationEventView = z.object({
  id: z.number().int(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  at: isoDate,
});

export const organisationDetail = organisationView.extend({ events: z.array(organisationEventView) });

export const organisationListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(organisationStatuses).optional(),
  type: z.enum(organisationTypes).optional(),
  regionCode: regionCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['createdAt', '-createdAt', 'name', '-name']).default('-createdAt'),
});

export const transitionBody = z.object({ reason: z.string().trim().max(500).optional() });
export const requiredReasonBody = z.object({ reason: z.string().trim().min(2).max(500) });

export const adminCreateOrganisationBody = registerOrganisationInput.extend({
  /** A bureau admin may register a pilot-era code that fails the checksum, with a reason. */
  overrideChecksum: z.boolean().default(false),
  overrideReason: z.string().trim().min(4).max(500).optional(),
});

export const updateOrganisationBody = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  nameEn: z.string().trim().max(200).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  regionCode: regionCode.optional(),
});

export const creditCodeCheckResponse = z.object({
  normalised: z.string(),
  ok: z.boolean(),
  reason: z.enum(['LENGTH', 'CHARSET', 'CHECKSUM']).nullable(),
  registered: z.boolean(),
});
