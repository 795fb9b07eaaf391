import { and, eq, inArray, isNull } from 'drizzle-orm';
import { isWithin } from '../../../shared/regions/regions.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { memberships, roleAssignments, users } from '../identity/user.table.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { challengeBatches } from './challenges.table.js';

export type Exec = Db | Tx;

export interface ChallengeDeps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
}

/** Workspace paths the notifications link to (the web app's routes). */
export const links = {
  myNeeds: () => '/my-needs',
  myNeed: (id: string) => `/my-needs/${id}`,
  needQueue: (id: string) => `/challenge-admin/needs/${id}`,
  list: (id: string) => `/challenge-admin/lists/${id}`,
  review: (id: string) => `/challenge-review/${id}`,
  hall: (id: string) => `/challenges/${id}`,
};

/** Active members of organisations: who hears about their needs. */
export async function memberIds(exec: Exec, organisationIds: string[]): Promise<string[]> {
  if (!organisationIds.length) return [];
  const rows = await exec
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organisationId, organisationIds), eq(users.status, 'active')));
  return [...new Set(rows.map((r) => r.id))];
}

/** Bureau officers and admins whose region covers `regionCode`. */
export async function officerIds(exec: Exec, regionCode: string): Promise<string[]> {
  const rows = await exec
    .select({ id: roleAssignments.userId, region: roleAssignments.regionCode })
    .from(roleAssignments)
    .where(and(inArray(roleAssignments.role, ['bureau_officer', 'bureau_admin']), isNull(roleAssignments.revokedAt)));
  return [...new Set(rows.filter((r) => r.region && isWithin(regionCode, r.region)).map((r) => r.id))];
}

export async function expertIds(exec: Exec): Promise<string[]> {
  const rows = await exec
    .select({ id: roleAssignments.userId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.role, 'expert'), isNull(roleAssignments.revokedAt)));
  return [...new Set(rows.map((r) => r.id))];
}

export function isExpert(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'expert');
}

export function requireManage(actor: Actor, regionCode: string) {
  if (!can(actor, 'challenge.manage', { regionCode })) throw new AppError('FORBIDDEN');
}

export function canRead(actor: Actor, regionCode: string): boolean {
  return can(actor, 'challenge.read', { regionCode });
}

export type BatchRow = typeof challengeBatches.$inferSelect;

export async function loadBatch(exec: Exec, id: string): Promise<BatchRow> {
  const [b] = await exec.select().from(challengeBatches).where(eq(challengeBatches.id, id));
  if (!b) throw new AppError('NOT_FOUND');
  return b;
}

export function isBatchOpen(b: Pick<BatchRow, 'needsOpenAt' | 'needsCloseAt'>, now: Date): boolean {
  return now >= b.needsOpenAt && now < b.needsCloseAt;
}

/** Beijing-time minute, for messages people read. */
export function shanghai(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}
