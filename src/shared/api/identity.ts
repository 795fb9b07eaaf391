import { z } from 'zod';
import { roles } from '../roles.js';
import { chinaPhone, isoDate } from './common.js';
import { organisationSummary, registerOrganisationInput } from './organisations.js';

export const email = z.string().trim().toLowerCase().pipe(z.email('请输入有效的邮箱 / Enter a valid email').max(254));

export const loginBody = z.object({ email, password: z.string().min(1).max(200) });

export const roleGrant = z.object({
  id: z.uuid(),
  role: z.enum(roles),
  organisationId: z.uuid().nullable(),
  regionCode: z.string().nullable(),
});

export const meResponse = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    phoneMasked: z.string().nullable(),
    locale: z.string(),
  }),
  memberships: z.array(z.object({ organisation: organisationSummary, isAdmin: z.boolean() })),
  roles: z.array(roleGrant),
  csrfToken: z.string(),
  sessionExpiresAt: isoDate,
});
export type Me = z.infer<typeof meResponse>;

export const csrfResponse = z.object({ csrfToken: z.string() });

export const newUserInput = z.object({
  name: z.string().trim().min(1).max(50),
  email,
  phone: chinaPhone.optional(),
  password: z.string().min(1).max(200),
});

export const registerBody = z.object({
  organisation: registerOrganisationInput,
  user: newUserInput,
  acceptTerms: z.literal(true, { message: '请阅读并同意服务协议 / Accept the terms' }),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1),
  newPassword: z.string().min(1).max(200),
});

export const inviteBody = z.object({
  email,
  roles: z.array(z.enum(['enterprise_user', 'solver', 'instrument_manager'])).default([]),
  makeAdmin: z.boolean().default(false),
});

export const invitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  roles: z.array(z.string()),
  makeAdmin: z.boolean(),
  createdAt: isoDate,
  expiresAt: isoDate,
  acceptedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});

export const inviteResponse = invitationView.extend({
  /** Shown once to the inviter, in case email is not configured. */
  acceptUrl: z.string(),
});

export const invitationPreview = z.object({
  organisationName: z.string(),
  email: z.string(),
  expiresAt: isoDate,
  accountExists: z.boolean(),
});

export const acceptInvitationBody = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(50).optional(),
  phone: chinaPhone.optional(),
  password: z.string().min(1).max(200).optional(),
});

export const memberView = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  phoneMasked: z.string().nullable(),
  isAdmin: z.boolean(),
  roles: z.array(z.string()),
  status: z.string(),
  joinedAt: isoDate,
});

export const userAdminView = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.string(),
  lockedUntil: isoDate.nullable(),
  lastLoginAt: isoDate.nullable(),
  createdAt: isoDate,
  organisations: z.array(z.object({ id: z.uuid(), name: z.string(), isAdmin: z.boolean() })),
  roles: z.array(roleGrant),
});

export const userListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(roles).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const grantRoleBody = z.object({
  role: z.enum(roles),
  organisationId: z.uuid().optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const setUserStatusBody = z.object({
  status: z.enum(['active', 'disabled']),
  reason: z.string().trim().min(2).max(500),
});
