import { z } from 'zod';
import { isoDate } from './common.js';

/** How far a trained user may go: with staff present, alone, or also training others. */
export const qualificationLevels = ['supervised', 'independent', 'trainer'] as const;
export type QualificationLevel = (typeof qualificationLevels)[number];

/** Derived on read: `expiring` is live but ends within EXPIRING_SOON_DAYS. */
export const qualificationStates = ['active', 'expiring', 'expired', 'revoked'] as const;
export type QualificationState = (typeof qualificationStates)[number];
export const EXPIRING_SOON_DAYS = 30;

const note = z.string().trim().max(500);

export const grantQualificationBody = z
  .object({
    /** Either the user's id (picked from the suggestions) or their sign-in email. */
    userId: z.uuid().optional(),
    email: z.email().optional(),
    validUntil: z.iso.datetime({ offset: true }),
    level: z.enum(qualificationLevels).default('independent'),
    note: note.nullish(),
  })
  .refine((b) => b.userId !== undefined || b.email !== undefined, {
    path: ['userId'],
    message: '请选择用户或填写邮箱 / Pick a user or give an email',
  });

export const renewQualificationBody = z.object({
  validUntil: z.iso.datetime({ offset: true }),
  level: z.enum(qualificationLevels).optional(),
  /** null clears the note; omitted keeps it. */
  note: note.nullish(),
});

export const revokeQualificationBody = z.object({ reason: z.string().trim().min(1).max(500) });

export const qualificationListQuery = z.object({ state: z.enum(qualificationStates).optional() });
export const qualificationExportQuery = qualificationListQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

export const qualificationLevelLabels: Record<QualificationLevel, { zh: string; en: string }> = {
  supervised: { zh: '需陪同操作', en: 'Supervised' },
  independent: { zh: '独立操作', en: 'Independent' },
  trainer: { zh: '可培训他人', en: 'Trainer' },
};
export const qualificationStateLabels: Record<QualificationState, { zh: string; en: string }> = {
  active: { zh: '有效', en: 'Valid' },
  expiring: { zh: '即将到期', en: 'Expiring soon' },
  expired: { zh: '已过期', en: 'Expired' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

export const qualificationView = z.object({
  id: z.uuid(),
  instrumentId: z.uuid(),
  instrumentName: z.string(),
  userId: z.uuid(),
  userName: z.string(),
  userEmail: z.string(),
  level: z.enum(qualificationLevels),
  note: z.string().nullable(),
  validUntil: isoDate,
  state: z.enum(qualificationStates),
  grantedByName: z.string().nullable(),
  createdAt: isoDate,
  renewedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  revokeReason: z.string().nullable(),
});
export type QualificationView = z.infer<typeof qualificationView>;

export const qualificationList = z.object({ items: z.array(qualificationView) });

export const candidateQuery = z.object({ q: z.string().trim().min(2).max(100) });
export const candidateList = z.object({
  items: z.array(
    z.object({ id: z.uuid(), name: z.string(), email: z.string(), organisationName: z.string().nullable() }),
  ),
});
