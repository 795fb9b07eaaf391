import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { bookings, serviceRecords } from '../modules/bookings/booking.table.js';
import { powerIntervals } from '../modules/telemetry/telemetry.table.js';
import { runClaimChecks } from '../modules/vouchers/claim.checks.js';
import { type StoredEvidence, voucherClaims, voucherSettlements } from '../modules/vouchers/claim.table.js';
import { coveredShare, endOfValidity, shanghaiDay, shanghaiMonth } from '../modules/vouchers/coverage.js';
import { type Line, postingRules } from '../modules/vouchers/ledger.rules.js';
import { voucherJournal, voucherPostings } from '../modules/vouchers/ledger.table.js';
import { voucherEvents } from '../modules/vouchers/programme.table.js';
import { type voucherQuotas, voucherReservations } from '../modules/vouchers/quota.table.js';
import { perHourBasis } from '../modules/vouchers/subject.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

interface Claim {
  id: string;
  quotaId: string;
  enterpriseId: string;
  providerOrgId: string;
  providerAdmissionId: string;
  instrument: { id: string; name: string; feePerHourFen: number; connected: boolean };
  bookingId: string;
  recordId: string;
  start: Date;
  hours: number;
  feeFen: number;
  reservedFen: number;
  voucherFen: number;
  status: 'pending_review' | 'approved' | 'settled';
  flagged: boolean;
  approvedAt: Date | null;
  month: string | null;
}

export interface ClaimSeedContext {
  now: Date;
  rnd: () => number;
  programmeId: string;
  validFrom: string;
  validUntil: string;
  officer: string | null;
  finance: string | null;
  connected: Set<string>;
  admitted: { id: string; name: string }[];
  admissionOf: Map<string, string>;
  holders: { id: string; name: string; user_id: string }[];
  quotaOf: Map<string, { id: string; issued: number; balance: number; issuedAt: Date }>;
  quotas: (typeof voucherQuotas.$inferInsert)[];
  events: (typeof voucherEvents.$inferInsert)[];
}

/**
 * The demo's claims on completed services at the admitted providers (with their bookings, service
 * records, reservations and the sensor's power intervals), settlement batches, and the whole ledger
 * written by the services' posting rules.
 */
export async function seedClaimsAndLedger(tx: Tx, ctx: ClaimSeedContext) {
  const {
    now,
    rnd,
    programmeId,
    validFrom,
    validUntil,
    officer,
    finance,
    connected,
    admitted,
    admissionOf,
    holders,
    quotaOf,
    quotas,
    events,
  } = ctx;
  // ---------------------------------------------------------------- bookings, services and claims
  const instrumentRows = rowsOf<{ id: string; name_zh: string; organisation_id: string; fee_per_hour_fen: number }>(
    await tx.execute(sql`
      select id::text as id, name_zh, organisation_id::text as organisation_id, fee_per_hour_fen from instruments
      where organisation_id = any(${sql.param(admitted.map((a) => a.id))}::uuid[])
        and status = 'normal' and share_mode = 'external' and fee_per_hour_fen between 5000 and 80000
      order by organisation_id, asset_no`),
  );
  const withSensor = instrumentRows.filter((i) => connected.has(i.id));
  const withoutSensor = instrumentRows.filter((i) => !connected.has(i.id));
  const claims: Claim[] = [];
  const today = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR; // Shanghai midnight
  // At least one recent self-reported claim waits in the officer's queue beside the sensor-backed ones.
  let recentSelfReported = 0;
  for (let back = 118; back >= 2; back -= 1) {
    const day = today - back * DAY;
    const weekday = new Date(day + 8 * HOUR).getUTCDay();
    if (weekday === 0 || weekday === 6 || rnd() > 0.42) continue;
    const e = holders[Math.floor(rnd() * holders.length)] as (typeof holders)[number];
    // About one claim in eight is on an instrument without a sensor (self-reported, manual review).
    const noSensor = withoutSensor.length > 0 && (rnd() < 0.1 || (back <= 7 && recentSelfReported < 1));
    const pool = noSensor ? withoutSensor : withSensor;
    const inst = pool[Math.floor(rnd() * pool.length)];
    if (!inst) continue;
    const hours = 1 + Math.floor(rnd() * 3);
    const start = new Date(day + 15.5 * HOUR); // 15:30, after the catalogue's morning services
    const measure = hours * 60 - 20;
    const fee = Math.round((inst.fee_per_hour_fen * measure) / 60);
    const reserved = Math.min(
      coveredShare(inst.fee_per_hour_fen * hours, { coverageBp: 5000, fullCoverageBelowFen: 0 }).coveredFen,
      2_000_000,
    );
    const voucher = Math.min(coveredShare(fee, { coverageBp: 5000, fullCoverageBelowFen: 0 }).coveredFen, reserved);
    const q = quotaOf.get(e.id);
    if (!q || q.balance < reserved) continue;
    q.balance -= reserved - (back > 9 ? reserved - voucher : 0);
    if (noSensor && back <= 7) recentSelfReported++;
    const approvedAt = back > 9 ? new Date(start.getTime() + (3 + Math.floor(rnd() * 4)) * DAY) : null;
    claims.push({
      id: randomUUID(),
      quotaId: q.id,
      enterpriseId: e.id,
      providerOrgId: inst.organisation_id,
      providerAdmissionId: admissionOf.get(inst.organisation_id) as string,
      instrument: { id: inst.id, name: inst.name_zh, feePerHourFen: inst.fee_per_hour_fen, connected: !noSensor },
      bookingId: randomUUID(),
      recordId: randomUUID(),
      start,
      hours,
      feeFen: fee,
      reservedFen: reserved,
      voucherFen: voucher,
      status: approvedAt ? 'approved' : 'pending_review',
      flagged: false,
      approvedAt,
      month: approvedAt ? shanghaiMonth(approvedAt) : null,
    });
  }
  // One recent sensor-backed claim for a slot the instrument was off: flagged for the officer.
  const flaggedClaim = [...claims].reverse().find((c) => c.status === 'pending_review' && c.instrument.connected);
  if (flaggedClaim) flaggedClaim.flagged = true;
  // Batches of months before last month are paid; last month's waits for finance (payable now).
  const lastMonth = shanghaiMonth(new Date(new Date(`${shanghaiMonth(now)}-01T00:00:00+08:00`).getTime() - 1));
  for (const c of claims) if (c.month && c.month < lastMonth) c.status = 'settled';

  const userOf = new Map(holders.map((h) => [h.id, h.user_id]));
  const managerOf = rowsOf<{ organisation_id: string; user_id: string }>(
    await tx.execute(sql`
      select m.organisation_id::text as organisation_id, min(m.user_id::text) as user_id from memberships m
      where m.organisation_id = any(${sql.param(admitted.map((a) => a.id))}::uuid[]) group by m.organisation_id`),
  );
  const recorder = new Map(managerOf.map((m) => [m.organisation_id, m.user_id]));
  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const recordRows: (typeof serviceRecords.$inferInsert)[] = [];
  const reservationRows: (typeof voucherReservations.$inferInsert)[] = [];
  const intervalRows: (typeof powerIntervals.$inferInsert)[] = [];
  for (const c of claims) {
    const end = new Date(c.start.getTime() + c.hours * HOUR);
    bookingRows.push({
      id: c.bookingId,
      instrumentId: c.instrument.id,
      userId: userOf.get(c.enterpriseId) as string,
      organisationId: c.enterpriseId,
      mode: 'self_operated',
      status: 'completed',
      startAt: c.start,
      endAt: end,
      slot: `[${c.start.toISOString()},${end.toISOString()})`,
      purpose: '创新券支付的委托研发检测',
      estimatedFeeFen: c.instrument.feePerHourFen * c.hours,
      checkedInAt: c.start,
      createdAt: new Date(c.start.getTime() - 4 * DAY),
      updatedAt: end,
    });
    recordRows.push({
      id: c.recordId,
      instrumentId: c.instrument.id,
      bookingId: c.bookingId,
      userOrganisationId: c.enterpriseId,
      external: true,
      startedAt: c.start,
      prepMinutes: 10,
      measureMinutes: c.hours * 60 - 20,
      postMinutes: 10,
      samples: 1 + (c.hours % 3),
      feeFen: c.feeFen,
      recordedBy: recorder.get(c.providerOrgId) ?? (userOf.get(c.enterpriseId) as string),
      recordedAt: end,
    });
    reservationRows.push({
      id: randomUUID(),
      quotaId: c.quotaId,
      programmeId,
      programmeVersion: 1,
      subjectType: 'booking',
      subjectId: c.bookingId,
      serviceKind: 'instrument_use',
      enterpriseOrganisationId: c.enterpriseId,
      providerOrganisationId: c.providerOrgId,
      providerId: c.providerAdmissionId,
      subjectName: c.instrument.name,
      serviceStart: c.start,
      feeFen: c.instrument.feePerHourFen * c.hours,
      amountFen: c.reservedFen,
      status: c.status === 'pending_review' ? 'held' : 'redeemed',
      createdBy: userOf.get(c.enterpriseId) as string,
      createdAt: new Date(c.start.getTime() - 4 * DAY),
    });
    // The sensor's view of the slot: warm-up, working, cool-down; or off all along (the flagged one).
    if (c.instrument.connected) {
      const t0 = c.start.getTime();
      const t1 = end.getTime();
      const seg = (s: number, e: number, state: string) =>
        intervalRows.push({ instrumentId: c.instrument.id, startAt: new Date(s), endAt: new Date(e), state });
      if (c.flagged) seg(t0 - 2 * HOUR, t1 + 2 * HOUR, 'off');
      else {
        seg(t0 - 2 * HOUR, t0 - 10 * 60_000, 'off');
        seg(t0 - 10 * 60_000, t0 + 5 * 60_000, 'idle');
        seg(t0 + 5 * 60_000, t1 - 15 * 60_000, 'working');
        seg(t1 - 15 * 60_000, t1 + 5 * 60_000, 'idle');
        seg(t1 + 5 * 60_000, t1 + 2 * HOUR, 'off');
      }
    }
  }
  const chunk = async <T>(rows: T[], insert: (c: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await chunk(bookingRows, (c) => tx.insert(bookings).values(c));
  await chunk(recordRows, (c) => tx.insert(serviceRecords).values(c));
  await chunk(reservationRows, (c) => tx.insert(voucherReservations).values(c));
  if (intervalRows.length) await chunk(intervalRows, (c) => tx.insert(powerIntervals).values(c).onConflictDoNothing());

  // Settlement batches: one per provider and approval month; paid for months before last month.
  const batchId = new Map<string, string>();
  const batchRows: (typeof voucherSettlements.$inferInsert)[] = [];
  for (const c of claims) {
    if (!c.month) continue;
    const key = `${c.providerOrgId}|${c.month}`;
    if (batchId.has(key)) continue;
    const id = randomUUID();
    batchId.set(key, id);
    const paid = c.month < lastMonth;
    const paidAt = new Date(`${c.month}-01T00:00:00+08:00`);
    paidAt.setUTCMonth(paidAt.getUTCMonth() + 1);
    paidAt.setTime(paidAt.getTime() + 9 * DAY + 10 * HOUR);
    batchRows.push({
      id,
      programmeId,
      providerOrganisationId: c.providerOrgId,
      month: c.month,
      status: paid ? 'paid' : 'open',
      paidOn: paid ? shanghaiDay(paidAt) : null,
      paymentRef: paid ? `SXKJ-${c.month.replace('-', '')}-${String(batchRows.length + 1).padStart(3, '0')}` : null,
      paidBy: paid ? finance : null,
      paidAt: paid ? paidAt : null,
      createdAt: new Date(`${c.month}-01T00:00:00+08:00`),
    });
  }
  if (batchRows.length) await tx.insert(voucherSettlements).values(batchRows);

  const claimRows: (typeof voucherClaims.$inferInsert)[] = claims.map((c, k) => {
    const end = new Date(c.start.getTime() + c.hours * HOUR);
    const claimed = c.hours * 60;
    const working = c.instrument.connected ? (c.flagged ? 0 : claimed - 20) : null;
    const filedAt = new Date(end.getTime() + DAY);
    const checks = runClaimChecks({
      now: filedAt,
      delivered: { ok: true, status: '已完成' },
      provider: { admitted: true, name: '' },
      serviceKind: 'instrument_use',
      kindQualifies: true,
      quota: {
        status: 'active',
        validFrom: new Date(`${validFrom}T00:00:00+08:00`),
        expiresAt: endOfValidity(validUntil),
        graceDays: 30,
      },
      serviceStart: c.start,
      feeFen: c.feeFen,
      publishedFeeFen: c.feeFen,
      voucherFen: c.voucherFen,
      coveredFen: coveredShare(c.feeFen, { coverageBp: 5000, fullCoverageBelowFen: 0 }).coveredFen,
      perClaimCapFen: 2_000_000,
      reservedFen: c.reservedFen,
      annualUsedFen: 0,
      annualCapFen: 10_000_000,
      relation: null,
      duplicateClaimId: null,
      sensor: working === null ? null : { workingMinutes: working },
      claimedMinutes: claimed,
      minSensorShareBp: 6000,
    });
    const evidence: StoredEvidence = {
      bookingId: c.bookingId,
      serviceRecordId: c.recordId,
      serviceOrderId: null,
      instrumentId: c.instrument.id,
      sensor:
        working === null
          ? null
          : {
              from: c.start.toISOString(),
              to: end.toISOString(),
              workingMinutes: working,
              onMinutes: c.flagged ? 0 : claimed,
              unknownMinutes: 0,
              overlapShare: Math.round((working / claimed) * 1000) / 1000,
            },
      feeBasis: perHourBasis(c.instrument.feePerHourFen, (c.hours * 60 - 20) / 60),
    };
    return {
      id: c.id,
      reservationId: reservationRows[k]?.id as string,
      quotaId: c.quotaId,
      programmeId,
      providerId: c.providerAdmissionId,
      providerOrganisationId: c.providerOrgId,
      enterpriseOrganisationId: c.enterpriseId,
      subjectType: 'booking',
      subjectId: c.bookingId,
      subjectName: c.instrument.name,
      serviceKind: 'instrument_use',
      serviceStart: c.start,
      serviceEnd: end,
      feeFen: c.feeFen,
      publishedFeeFen: c.feeFen,
      claimedMinutes: claimed,
      voucherFen: c.voucherFen,
      evidence: working === null ? 'self_reported' : 'sensor',
      workingMinutes: working,
      flagged: c.flagged,
      checks,
      evidenceSnapshot: evidence,
      status: c.status,
      settlementId: c.month ? (batchId.get(`${c.providerOrgId}|${c.month}`) ?? null) : null,
      filedBy: recorder.get(c.providerOrgId) ?? (userOf.get(c.enterpriseId) as string),
      filedAt,
      decidedBy: c.approvedAt ? officer : null,
      decidedAt: c.approvedAt,
      decisionReason: c.approvedAt ? (working === null ? '已人工核对服务记录与检测报告' : null) : null,
      updatedAt: c.approvedAt ?? filedAt,
    };
  });
  if (claimRows.length) await chunk(claimRows, (c) => tx.insert(voucherClaims).values(c));
  for (const c of claimRows) {
    events.push({ entityType: 'voucher_claim', entityId: c.id as string, toStatus: 'pending_review', at: c.filedAt });
    if (c.decidedAt)
      events.push({
        entityType: 'voucher_claim',
        entityId: c.id as string,
        fromStatus: 'pending_review',
        toStatus: 'approved',
        actorUserId: officer,
        at: c.decidedAt,
      });
  }
  for (const b of batchRows)
    if (b.status === 'paid') {
      events.push({
        entityType: 'voucher_settlement',
        entityId: b.id as string,
        fromStatus: 'open',
        toStatus: 'paid',
        actorUserId: finance,
        reason: `凭证号 ${b.paymentRef}`,
        at: b.paidAt as Date,
      });
      for (const c of claimRows.filter((x) => x.settlementId === b.id))
        events.push({
          entityType: 'voucher_claim',
          entityId: c.id as string,
          fromStatus: 'approved',
          toStatus: 'settled',
          actorUserId: finance,
          at: b.paidAt as Date,
        });
    }
  await chunk(events, (c) => tx.insert(voucherEvents).values(c));

  // ---------------------------------------------------------------- the ledger, by the posting rules
  const entries: {
    kind: (typeof voucherJournal.$inferInsert)['kind'];
    key: string;
    at: Date;
    refs: Partial<typeof voucherJournal.$inferInsert>;
    lines: Line[];
  }[] = [];
  for (const q of quotas)
    entries.push({
      kind: 'issue',
      key: `issue:${q.id}`,
      at: q.issuedAt,
      refs: {
        quotaId: q.id,
        enterpriseOrganisationId: q.organisationId,
        memo: '申领核定发放 / issued on application',
        actorUserId: officer,
      },
      lines: postingRules.issue({ programmeId, quotaId: q.id as string }, q.issuedFen),
    });
  claims.forEach((c, k) => {
    const r = reservationRows[k] as (typeof reservationRows)[number];
    const refs = {
      quotaId: c.quotaId,
      enterpriseOrganisationId: c.enterpriseId,
      providerOrganisationId: c.providerOrgId,
      reservationId: r.id as string,
    };
    entries.push({
      kind: 'reserve',
      key: `reserve:${r.id}`,
      at: r.createdAt,
      refs: { ...refs, memo: `${c.instrument.name} ${shanghaiDay(c.start)}` },
      lines: postingRules.reserve({ quotaId: c.quotaId }, c.reservedFen),
    });
    if (!c.approvedAt) return;
    entries.push({
      kind: 'redeem',
      key: `redeem:${c.id}`,
      at: c.approvedAt,
      refs: { ...refs, claimId: c.id, memo: `${c.instrument.name} 兑付 / redeemed`, actorUserId: officer },
      lines: postingRules.redeem({ quotaId: c.quotaId, programmeId, providerOrgId: c.providerOrgId }, c.voucherFen),
    });
    if (c.reservedFen > c.voucherFen)
      entries.push({
        kind: 'release',
        key: `release:${r.id}`,
        at: c.approvedAt,
        refs: {
          ...refs,
          claimId: c.id,
          memo: '冻结金额高于实际兑付，差额退回 / reserved more than redeemed',
          actorUserId: officer,
        },
        lines: postingRules.release({ quotaId: c.quotaId }, c.reservedFen - c.voucherFen),
      });
  });
  for (const b of batchRows.filter((x) => x.status === 'paid')) {
    const total = claims
      .filter((c) => batchId.get(`${c.providerOrgId}|${c.month}`) === b.id)
      .reduce((s, c) => s + c.voucherFen, 0);
    entries.push({
      kind: 'settle',
      key: `settle:${b.id}`,
      at: b.paidAt as Date,
      refs: {
        providerOrganisationId: b.providerOrganisationId,
        settlementId: b.id,
        memo: `${b.month} 结算拨付，凭证号 ${b.paymentRef} / paid`,
        actorUserId: finance,
      },
      lines: postingRules.settle({ programmeId, providerOrgId: b.providerOrganisationId }, total),
    });
  }
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  const journal = new Map<string, number>();
  await chunk(entries, async (c) => {
    const rows = await tx
      .insert(voucherJournal)
      .values(c.map((e) => ({ kind: e.kind, idempotencyKey: e.key, programmeId, at: e.at, ...e.refs })))
      .returning({ id: voucherJournal.id, key: voucherJournal.idempotencyKey });
    for (const r of rows) journal.set(r.key, r.id);
  });
  const postings = entries.flatMap((e) => e.lines.map((l) => ({ journalId: journal.get(e.key) as number, ...l })));
  await chunk(postings, (c) => tx.insert(voucherPostings).values(c));
  return {
    claims: claims.length,
    sensorBacked: claims.filter((c) => c.instrument.connected).length,
    flagged: claims.filter((c) => c.flagged).length,
    batches: batchRows.length,
    journalEntries: entries.length,
  };
}
