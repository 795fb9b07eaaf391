import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { challengeMilestones, challengeSubsidyTranches } from './applications.table.js';
import { recalculate, type SubsidyPolicy, splitTranches } from './subsidy.calc.js';

type TrancheRow = typeof challengeSubsidyTranches.$inferSelect;

/** What has actually moved: paid tranches less recovered claw-backs, and claw-backs still owed. */
export function ledgerTotals(rows: readonly TrancheRow[]) {
  let paid = 0;
  let pending = 0;
  let owed = 0;
  for (const t of rows) {
    if (t.kind === 'tranche' && t.status === 'paid') paid += t.amountFen;
    if (t.kind === 'tranche' && t.status === 'pending') pending += t.amountFen;
    if (t.kind === 'clawback' && t.status === 'recovered') paid += t.amountFen;
    if (t.kind === 'clawback' && t.status === 'pending') owed += -t.amountFen;
  }
  return { paidFen: paid, pendingFen: pending, owedFen: owed };
}

/**
 * Brings a contract's tranches in line with its entitlement: pending tranches take their milestone's
 * share, capped so that paid + pending never exceeds the entitlement; money paid above it becomes
 * one pending claw-back. Cancelled contracts cancel every pending tranche. Returns the claw-back
 * created, in fen (0 when none).
 */
export async function rebalance(
  tx: Tx,
  contractId: string,
  applicationId: string,
  policy: SubsidyPolicy,
  amounts: { contractAmountFen: number; techAmountFen: number; paidAmountFen: number | null },
  cancelled: boolean,
  at: Date,
): Promise<{ entitlementFen: number; clawbackFen: number }> {
  const [rows, milestones] = await Promise.all([
    tx.select().from(challengeSubsidyTranches).where(eq(challengeSubsidyTranches.contractId, contractId)),
    tx
      .select()
      .from(challengeMilestones)
      .where(eq(challengeMilestones.applicationId, applicationId))
      .orderBy(asc(challengeMilestones.seq)),
  ]);
  const { paidFen, owedFen } = ledgerTotals(rows);
  const netPaid = paidFen - owedFen;
  const r = recalculate(policy, amounts, netPaid, cancelled);
  const shares = splitTranches(
    r.entitlementFen,
    milestones.map((m) => m.weight),
  );
  const shareOf = new Map(milestones.map((m, i) => [m.id, shares[i] ?? 0]));
  let room = r.remainingFen;
  const pending = rows
    .filter((t) => t.kind === 'tranche' && t.status === 'pending')
    .sort(
      (a, b) =>
        milestones.findIndex((m) => m.id === a.milestoneId) - milestones.findIndex((m) => m.id === b.milestoneId),
    );
  for (const t of pending) {
    if (cancelled) {
      await tx
        .update(challengeSubsidyTranches)
        .set({ status: 'cancelled', note: '合同注销，未拨付部分取消' })
        .where(eq(challengeSubsidyTranches.id, t.id));
      continue;
    }
    const amount = Math.min(shareOf.get(t.milestoneId ?? '') ?? 0, room);
    room -= amount;
    if (amount !== t.amountFen)
      await tx.update(challengeSubsidyTranches).set({ amountFen: amount }).where(eq(challengeSubsidyTranches.id, t.id));
  }
  if (r.clawbackFen > 0)
    await tx.insert(challengeSubsidyTranches).values({
      contractId,
      kind: 'clawback',
      amountFen: -r.clawbackFen,
      status: 'pending',
      note: cancelled ? '合同注销，追回已拨付补助' : '合同变更，追回超额补助',
      createdAt: at,
    });
  return { entitlementFen: r.entitlementFen, clawbackFen: r.clawbackFen };
}

/**
 * The tranche a passed milestone releases: its share of the entitlement, no more than what is
 * left after everything paid and pending. Idempotent per milestone (unique key).
 */
export async function releaseTranche(
  tx: Tx,
  contractId: string,
  applicationId: string,
  milestoneId: string,
  entitlementFen: number,
  at: Date,
): Promise<number | null> {
  const [rows, milestones] = await Promise.all([
    tx.select().from(challengeSubsidyTranches).where(eq(challengeSubsidyTranches.contractId, contractId)),
    tx
      .select()
      .from(challengeMilestones)
      .where(eq(challengeMilestones.applicationId, applicationId))
      .orderBy(asc(challengeMilestones.seq)),
  ]);
  if (rows.some((t) => t.milestoneId === milestoneId)) return null;
  const shares = splitTranches(
    entitlementFen,
    milestones.map((m) => m.weight),
  );
  const share = shares[milestones.findIndex((m) => m.id === milestoneId)] ?? 0;
  const { paidFen, pendingFen, owedFen } = ledgerTotals(rows);
  const amount = Math.max(Math.min(share, entitlementFen - (paidFen - owedFen) - pendingFen), 0);
  const m = milestones.find((x) => x.id === milestoneId);
  await tx.insert(challengeSubsidyTranches).values({
    contractId,
    milestoneId,
    kind: 'tranche',
    amountFen: amount,
    status: 'pending',
    note: m ? `里程碑 ${m.seq}「${m.title}」通过` : null,
    createdAt: at,
  });
  return amount;
}

export async function passedWithoutTranche(tx: Tx, contractId: string, applicationId: string) {
  const [rows, passed] = await Promise.all([
    tx
      .select({ milestoneId: challengeSubsidyTranches.milestoneId })
      .from(challengeSubsidyTranches)
      .where(eq(challengeSubsidyTranches.contractId, contractId)),
    tx
      .select()
      .from(challengeMilestones)
      .where(and(eq(challengeMilestones.applicationId, applicationId), eq(challengeMilestones.status, 'passed')))
      .orderBy(asc(challengeMilestones.seq)),
  ]);
  const has = new Set(rows.map((r) => r.milestoneId));
  return passed.filter((m) => !has.has(m.id));
}
