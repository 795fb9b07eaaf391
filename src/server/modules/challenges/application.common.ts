import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import { isWithin } from '../../../shared/regions/regions.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { memberships, roleAssignments, users } from '../identity/user.table.js';
import type { Message, NotificationService, Outbox } from '../notifications/notification.service.js';
import { organisations } from '../organisations/organisation.table.js';
import { challengeCreditRecords } from './applications.table.js';
import { challengeLists } from './challenges.table.js';

export type Exec = Db | Tx;
export type ListRow = typeof challengeLists.$inferSelect;

/**
 * The list-state function owned by the `challenges` side (list.status.ts), injected so this side
 * never writes list statuses itself.
 */
export type TransitionList = (
  tx: Tx,
  listId: string,
  to: 'selecting' | 'publicised' | 'taken' | 'unclaimed',
  ctx: RequestContext,
  reason: string | null | undefined,
  opts?: { at?: Date; expectedVersion?: number },
) => Promise<{ from: string; to: string; version: number }>;

export async function loadList(exec: Exec, listId: string): Promise<ListRow> {
  const [list] = await exec.select().from(challengeLists).where(eq(challengeLists.id, listId));
  if (!list) throw new AppError('NOT_FOUND');
  return list;
}

/**
 * The list, row-locked for the rest of the transaction: two officers acting on one list serialise
 * here, and the second sees the first one's result (a coded conflict) instead of a stale status.
 */
export async function lockList(tx: Tx, listId: string): Promise<ListRow> {
  const [list] = await tx.select().from(challengeLists).where(eq(challengeLists.id, listId)).for('update');
  if (!list) throw new AppError('NOT_FOUND');
  return list;
}

export function isOfficerFor(actor: Actor | null, regionCode: string): boolean {
  return can(actor, 'challenge.manage_applications', { regionCode });
}

export function requireOfficer(actor: Actor, regionCode: string) {
  if (!isOfficerFor(actor, regionCode)) throw new AppError('FORBIDDEN');
}

export function isMemberOf(actor: Actor, organisationId: string): boolean {
  return actor.memberships.some((m) => m.organisationId === organisationId);
}

export function isExpert(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'expert');
}

export function requireReason(reason: string | null | undefined, required: boolean) {
  if (required && !reason?.trim()) throw new AppError('CHALLENGE_REASON_REQUIRED');
}

/** The blacklist entry in force for an organisation at `now`, if any. */
export async function activeBlacklist(exec: Exec, organisationIds: string[], now: Date) {
  if (organisationIds.length === 0) return [];
  return exec
    .select({
      organisationId: challengeCreditRecords.organisationId,
      expiresAt: challengeCreditRecords.expiresAt,
      name: organisations.name,
    })
    .from(challengeCreditRecords)
    .innerJoin(organisations, eq(organisations.id, challengeCreditRecords.organisationId))
    .where(
      and(
        inArray(challengeCreditRecords.organisationId, organisationIds),
        eq(challengeCreditRecords.kind, 'blacklist'),
        isNull(challengeCreditRecords.revokedAt),
        lte(challengeCreditRecords.startsAt, now),
        or(isNull(challengeCreditRecords.expiresAt), gt(challengeCreditRecords.expiresAt, now)),
      ),
    );
}

export async function orgsByIds(exec: Exec, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; name: string; regionCode: string; status: string }>();
  const rows = await exec
    .select({
      id: organisations.id,
      name: organisations.name,
      regionCode: organisations.regionCode,
      status: organisations.status,
    })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active member user ids of organisations (for notices to an enterprise or a solver). */
export async function memberUserIds(exec: Exec, organisationIds: string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await exec
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organisationId, organisationIds), eq(users.status, 'active')));
  return [...new Set(rows.map((r) => r.userId))];
}

/** Officers whose region covers the list's region: they receive the queue notices. */
export async function officerUserIds(exec: Exec, regionCode: string): Promise<string[]> {
  const rows = await exec
    .select({ userId: roleAssignments.userId, regionCode: roleAssignments.regionCode })
    .from(roleAssignments)
    .where(and(inArray(roleAssignments.role, ['bureau_officer']), isNull(roleAssignments.revokedAt)));
  return [...new Set(rows.filter((r) => r.regionCode && isWithin(regionCode, r.regionCode)).map((r) => r.userId))];
}

export async function userNames(exec: Exec, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await exec.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Blind review shows proposals as 方案 A, B, … in submission order. */
export function alias(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `方案 ${s}`;
}

export async function audit(
  tx: Tx,
  ctx: RequestContext,
  action: string,
  targetType: string,
  targetId: string,
  regionCode: string | null,
  summary: Record<string, unknown>,
  at: Date,
) {
  await appendAudit(tx, ctx, { action, targetType, targetId, regionCode, summary }, at);
}

export async function notify(tx: Tx, notifications: NotificationService, outbox: Outbox, m: Message): Promise<void> {
  outbox.push(...(await notifications.post(tx, { ...m, category: m.category || 'challenge' })));
}
