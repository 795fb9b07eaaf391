import type { NeedStatus } from '../../../shared/api/challenges.js';
import type { Db, Tx } from '../../db/client.js';
import { challengeNeedEvents } from './challenges.table.js';

/** Who may run a need command: the enterprise that reported it, or a bureau officer. */
export type NeedActor = 'enterprise' | 'officer';

/**
 * The need lifecycle as data. `merge` is not a command here: merging is its own operation (it needs
 * a target), but it uses `canMerge` below so the same table decides where it may start.
 */
export const needTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'enterprise', reasonRequired: false },
  withdraw: { from: ['submitted'], to: 'draft', by: 'enterprise', reasonRequired: false },
  screen: { from: ['submitted'], to: 'screening', by: 'officer', reasonRequired: false },
  accept: { from: ['submitted', 'screening'], to: 'accepted', by: 'officer', reasonRequired: false },
  return: { from: ['submitted', 'screening'], to: 'returned', by: 'officer', reasonRequired: true },
  reject: { from: ['submitted', 'screening'], to: 'rejected', by: 'officer', reasonRequired: true },
} as const satisfies Record<
  string,
  { from: readonly NeedStatus[]; to: NeedStatus; by: NeedActor; reasonRequired: boolean }
>;

export type NeedCommand = keyof typeof needTransitions;
export const needCommands = Object.keys(needTransitions) as NeedCommand[];

export function canNeedTransition(command: NeedCommand, from: NeedStatus): boolean {
  return (needTransitions[command].from as readonly NeedStatus[]).includes(from);
}

export function needCommandsFrom(status: NeedStatus, actor: NeedActor): NeedCommand[] {
  return needCommands.filter((c) => needTransitions[c].by === actor && canNeedTransition(c, status));
}

/** A source need may be merged while it is in the officer's hands; the target must be alive too. */
const mergeableSources: readonly NeedStatus[] = ['submitted', 'screening', 'accepted'];
const mergeableTargets: readonly NeedStatus[] = ['submitted', 'screening', 'accepted'];
export function canMerge(source: NeedStatus, target: NeedStatus): boolean {
  return mergeableSources.includes(source) && mergeableTargets.includes(target);
}

/** An enterprise edits its need only while it is a draft or came back for revision. */
export function isEditable(status: NeedStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** The event row of a need's status change: who moved it, from what to what, and why. */
export async function appendNeedEvent(
  exec: Db | Tx,
  e: { needId: string; from: string | null; to: string; actorUserId: string | null; reason?: string | null; at: Date },
) {
  await exec.insert(challengeNeedEvents).values({
    needId: e.needId,
    fromStatus: e.from,
    toStatus: e.to,
    actorUserId: e.actorUserId,
    reason: e.reason ?? null,
    at: e.at,
  });
}
