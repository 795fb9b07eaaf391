import { z } from 'zod';
import { isoDate } from './common.js';

export const auditQuery = z.object({
  q: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  actorUserId: z.uuid().optional(),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntryView = z.object({
  id: z.number().int(),
  at: isoDate,
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  regionCode: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  problem: z.string().nullable(),
});
