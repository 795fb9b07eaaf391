import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isWithin } from '../../../shared/regions/regions.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { type Action, can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { memberships, roleAssignments, users } from '../identity/user.table.js';
import type { Message, NotificationService, Outbox } from '../notifications/notification.service.js';
import { organisations } from '../organisations/organisation.table.js';
import type { LedgerRepository } from './ledger.repository.js';
import { voucherEvents } from './programme.table.js';

export type Exec = Db | Tx;
export const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

export interface VoucherDeps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  ledger: LedgerRepository;
}

export type EntityType =
  | 'voucher_programme'
  | 'voucher_provider'
  | 'voucher_quota_application'
  | 'voucher_quota'
  | 'voucher_reservation'
  | 'voucher_service_order'
  | 'voucher_claim'
  | 'voucher_settlement';

/** Yuan with two decimals, for messages (amounts are always stored in fen). */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The event row and the audit entry of one status change, in the caller's transaction. */
export async function recordChange(
  tx: Tx,
  ctx: RequestContext,
  c: {
    entityType: EntityType;
    entityId: string;
    from: string | null;
    to: string;
    reason?: string | null;
    action: string;
    regionCode: string | null;
    summary?: Record<string, unknown>;
    at: Date;
  },
) {
  await tx.insert(voucherEvents).values({
    entityType: c.entityType,
    entityId: c.entityId,
    fromStatus: c.from,
    toStatus: c.to,
    actorUserId: ctx.actorUserId,
    reason: c.reason ?? null,
    at: c.at,
  });
  await appendAudit(
    tx,
    ctx,
    {
      action: c.action,
      targetType: c.entityType,
      targetId: c.entityId,
      regionCode: c.regionCode,
      summary: { before: { status: c.from }, after: { status: c.to }, reason: c.reason ?? null, ...c.summary },
    },
    c.at,
  );
}

export async function eventsOf(exec: Exec, entityType: EntityType, entityId: string) {
  const rows = await exec
    .select({ event: voucherEvents, actorName: users.name })
    .from(voucherEvents)
    .leftJoin(users, eq(users.id, voucherEvents.actorUserId))
    .where(and(eq(voucherEvents.entityType, entityType), eq(voucherEvents.entityId, entityId)))
    .orderBy(asc(voucherEvents.id));
  return presentEvents(rows);
}

export function requireReason(reason: string | null | undefined, required: boolean) {
  if (required && !reason?.trim()) throw new AppError('VOUCHER_REASON_REQUIRED');
}

export function requireCan(actor: Actor, action: Action, regionCode: string) {
  if (!can(actor, action, { regionCode })) throw new AppError('FORBIDDEN');
}

/**
 * The organisation the actor acts for: the one named (they must be a member allowed to do
 * `action` there) or their first such membership. It must be verified.
 */
export function actingOrganisation(actor: Actor, action: Action, organisationId?: string, requireVerified = true) {
  const candidates = actor.memberships.filter(
    (m) =>
      (!organisationId || m.organisationId === organisationId) &&
      can(actor, action, { organisationId: m.organisationId }),
  );
  const m = candidates[0];
  if (!m) throw new AppError('FORBIDDEN');
  if (requireVerified && m.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
  return m;
}

export function isMember(actor: Actor, organisationId: string) {
  return actor.memberships.some((m) => m.organisationId === organisationId);
}

export async function orgById(exec: Exec, id: string) {
  const [o] = await exec.select().from(organisations).where(eq(organisations.id, id));
  if (!o) throw new AppError('NOT_FOUND');
  return o;
}

/** Active members of organisations (notices to an enterprise or a provider). */
export async function memberUserIds(exec: Exec, organisationIds: string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await exec
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organisationId, organisationIds), eq(users.status, 'active')));
  return [...new Set(rows.map((r) => r.userId))];
}

/** Holders of bureau roles whose region covers `regionCode` (officers get review notices, finance payment ones). */
export async function bureauUserIds(exec: Exec, regionCode: string, roles: string[]): Promise<string[]> {
  const rows = await exec
    .select({ userId: roleAssignments.userId, regionCode: roleAssignments.regionCode })
    .from(roleAssignments)
    .where(and(inArray(roleAssignments.role, roles), isNull(roleAssignments.revokedAt)));
  return [...new Set(rows.filter((r) => r.regionCode && isWithin(regionCode, r.regionCode)).map((r) => r.userId))];
}

export async function notify(tx: Tx, notifications: NotificationService, outbox: Outbox, m: Omit<Message, 'category'>) {
  outbox.push(...(await notifications.post(tx, { ...m, category: 'voucher' })));
}

/** Serialises everything that spends within one annual cap (an enterprise or a controller's group). */
export async function lockCapSubject(tx: Tx, programmeId: string, capKey: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`voucher-cap:${programmeId}:${capKey}`}))`);
}
