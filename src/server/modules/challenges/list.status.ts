import { and, eq, sql } from 'drizzle-orm';
import { type ListStatus, listStatusLabels } from '../../../shared/api/challenges.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { challengeListEvents, challengeLists } from './challenges.table.js';

/** Who runs a list command. Selection-stage commands are driven by the applications side (chalapply). */
export type ListActor = 'officer' | 'expert' | 'selection';

/**
 * The challenge-list lifecycle as data: drafting → 论证 → approved → published, then the selection
 * states (selecting, publicised = 公示, taken, unclaimed = 流榜) that the applications side drives
 * through `transitionList`.
 */
export const listTransitions = {
  submit_review: { from: ['drafting'], to: 'in_review', by: 'officer', reasonRequired: false },
  approve: { from: ['in_review'], to: 'approved', by: 'expert', reasonRequired: false },
  request_revision: { from: ['in_review', 'approved'], to: 'drafting', by: 'expert', reasonRequired: true },
  publish: { from: ['approved'], to: 'published', by: 'officer', reasonRequired: false },
  withdraw: {
    from: ['drafting', 'in_review', 'approved', 'published'],
    to: 'withdrawn',
    by: 'officer',
    reasonRequired: true,
  },
  start_selection: { from: ['published'], to: 'selecting', by: 'selection', reasonRequired: false },
  publicise: { from: ['selecting'], to: 'publicised', by: 'selection', reasonRequired: false },
  reselect: { from: ['publicised'], to: 'selecting', by: 'selection', reasonRequired: true },
  take: { from: ['publicised'], to: 'taken', by: 'selection', reasonRequired: false },
  unclaim: { from: ['published', 'selecting', 'publicised'], to: 'unclaimed', by: 'selection', reasonRequired: true },
} as const satisfies Record<
  string,
  { from: readonly ListStatus[]; to: ListStatus; by: ListActor; reasonRequired: boolean }
>;

export type ListCommand = keyof typeof listTransitions;
export const listCommands = Object.keys(listTransitions) as ListCommand[];

export function canListTransition(command: ListCommand, from: ListStatus): boolean {
  return (listTransitions[command].from as readonly ListStatus[]).includes(from);
}

/** The command leading from one status to another, or null when the table has no such edge. */
export function listCommandFor(from: ListStatus, to: ListStatus): ListCommand | null {
  return listCommands.find((c) => listTransitions[c].to === to && canListTransition(c, from)) ?? null;
}

export function listCommandsFrom(status: ListStatus, actor: ListActor): ListCommand[] {
  return listCommands.filter((c) => listTransitions[c].by === actor && canListTransition(c, status));
}

/** The lists the public hall shows and applicants may see. */
export function isPublicStatus(status: ListStatus): boolean {
  return ['published', 'selecting', 'publicised', 'taken', 'unclaimed'].includes(status);
}

/**
 * Moves a list to `to` inside the caller's transaction, enforcing the transition table: writes the
 * status (bumping the version, so a concurrent editor holding the old version gets a conflict),
 * the event row and the audit entry. Throws INVALID_TRANSITION for an edge the table lacks,
 * VALIDATION_FAILED when a reason is owed, NOT_FOUND for an unknown list. Exported for chalapply
 * (selection → 公示 → taken / 流榜); callers post their own notifications.
 *
 * `expectedVersion`, when given, must equal the list's current version (optimistic concurrency).
 */
export async function transitionList(
  tx: Tx,
  listId: string,
  to: ListStatus,
  ctx: RequestContext,
  reason: string | null | undefined,
  opts: { at?: Date; expectedVersion?: number } = {},
): Promise<{ from: ListStatus; to: ListStatus; version: number }> {
  // Row lock: two callers on the same list serialise here, and the loser re-reads the new status.
  const [row] = await tx
    .select({ status: challengeLists.status, version: challengeLists.version, regionCode: challengeLists.regionCode })
    .from(challengeLists)
    .where(eq(challengeLists.id, listId))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  const from = row.status as ListStatus;
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) throw new AppError('STALE_STATE');
  const command = listCommandFor(from, to);
  if (!command) throw new AppError('INVALID_TRANSITION', { from: listStatusLabels[from].zh }, { from, to });
  if (listTransitions[command].reasonRequired && !reason?.trim())
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reason', message: 'a reason is required' }]);
  const at = opts.at ?? new Date();
  const [updated] = await tx
    .update(challengeLists)
    .set({
      status: to,
      version: sql`${challengeLists.version} + 1`,
      updatedAt: at,
      ...(to === 'published' ? { publishedAt: at } : {}),
    })
    .where(and(eq(challengeLists.id, listId), eq(challengeLists.version, row.version)))
    .returning({ version: challengeLists.version });
  if (!updated) throw new AppError('STALE_STATE');
  await tx.insert(challengeListEvents).values({
    listId,
    fromStatus: from,
    toStatus: to,
    actorUserId: ctx.actorUserId,
    reason: reason ?? null,
    at,
  });
  await appendAudit(
    tx,
    ctx,
    {
      action: `challenge_list.${command}`,
      targetType: 'challenge_list',
      targetId: listId,
      regionCode: row.regionCode,
      summary: { before: { status: from }, after: { status: to }, reason: reason ?? null },
    },
    at,
  );
  return { from, to, version: updated.version };
}
