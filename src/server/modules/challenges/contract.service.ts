import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type changeBody,
  type contractBody,
  contractStatusLabels,
  contractTypes,
  milestoneStatusLabels,
  type registerBody,
} from '../../../shared/api/challenge-applications.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { users } from '../identity/user.table.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import {
  audit,
  isMemberOf,
  isOfficerFor,
  loadList,
  memberUserIds,
  notify,
  orgsByIds,
  requireOfficer,
  requireReason,
} from './application.common.js';
import type { ApplicationService } from './application.service.js';
import {
  type ContractCommand,
  type ContractStatus,
  canApply,
  commandsFrom,
  contractTransitions,
  isRegistered,
  type MilestoneCommand,
  milestoneTransitions,
} from './application.status.js';
import {
  challengeApplications,
  challengeAttachments,
  challengeContractEvents,
  challengeContracts,
  challengeCreditRecords,
  challengeMilestoneEvents,
  challengeMilestones,
  challengeReviewAssignments,
  challengeSubsidyTranches,
} from './applications.table.js';
import { challengeSubsidyPolicies } from './challenges.table.js';
import { type SubsidyPolicy, subsidyEntitlement } from './subsidy.calc.js';
import { ledgerTotals, passedWithoutTranche, rebalance, releaseTranche } from './subsidy.ledger.js';

type ContractRow = typeof challengeContracts.$inferSelect;
type MilestoneRow = typeof challengeMilestones.$inferSelect;

/**
 * Technology contract, subsidy tranches, milestones and final acceptance of a taken list. The
 * contract's registration is what unlocks money: an unregistered (or cancelled) contract releases
 * no tranche and cannot ask for one.
 */
export function createContractService(deps: {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  applications: ApplicationService;
}) {
  const { db, clock, notifications, applications } = deps;

  async function run<T>(fn: (tx: Tx, outbox: Outbox) => Promise<T>) {
    const outbox: Outbox = [];
    const r = await db.transaction((tx) => fn(tx, outbox));
    await notifications.flush(outbox);
    return r;
  }

  async function loadContract(exec: Db | Tx, id: string, lock = false) {
    const q = exec.select().from(challengeContracts).where(eq(challengeContracts.id, id));
    const [c] = lock ? await q.for('update') : await q;
    if (!c) throw new AppError('NOT_FOUND');
    return c;
  }

  async function policyOf(exec: Db | Tx, id: string) {
    const [p] = await exec.select().from(challengeSubsidyPolicies).where(eq(challengeSubsidyPolicies.id, id));
    if (!p) throw new AppError('NOT_FOUND');
    return { row: p, policy: { ratioBp: p.ratioBp, capFen: p.capFen, base: p.base as SubsidyPolicy['base'] } };
  }

  function roleIn(actor: Actor, c: ContractRow, regionCode: string) {
    return {
      officer: isOfficerFor(actor, regionCode),
      buyer: isMemberOf(actor, c.buyerOrganisationId),
      seller: isMemberOf(actor, c.sellerOrganisationId),
      finance: can(actor, 'challenge.pay_subsidy', { regionCode }),
    };
  }

  async function contractEvent(
    tx: Tx,
    contractId: string,
    from: string | null,
    to: string,
    actor: string | null,
    reason: string | null,
    at: Date,
  ) {
    await tx
      .insert(challengeContractEvents)
      .values({ contractId, fromStatus: from, toStatus: to, actorUserId: actor, reason, at });
  }

  async function tellParties(tx: Tx, outbox: Outbox, c: ContractRow, zh: string, en: string) {
    await notify(tx, notifications, outbox, {
      userIds: await memberUserIds(tx, [c.buyerOrganisationId, c.sellerOrganisationId]),
      category: 'challenge',
      title: { zh: `${zh}：${c.title}`, en: `${en}: ${c.title}` },
      body: { zh: `技术合同「${c.title}」：${zh}。`, en: `Technology contract "${c.title}": ${en}.` },
      link: `/challenges/apply/contracts/${c.id}`,
    });
  }

  async function isAssignedExpert(exec: Db | Tx, actor: Actor, applicationId: string) {
    const [a] = await exec
      .select({ id: challengeReviewAssignments.id })
      .from(challengeReviewAssignments)
      .where(
        and(
          eq(challengeReviewAssignments.applicationId, applicationId),
          eq(challengeReviewAssignments.expertUserId, actor.userId),
          eq(challengeReviewAssignments.status, 'submitted'),
        ),
      );
    return !!a;
  }

  async function detail(actor: Actor, id: string) {
    const c = await loadContract(db, id);
    const list = await loadList(db, c.listId);
    const who = roleIn(actor, c, list.regionCode);
    const expert = await isAssignedExpert(db, actor, c.applicationId);
    if (!who.officer && !who.buyer && !who.seller && !who.finance && !expert) throw new AppError('NOT_FOUND');
    const [{ row: p }, orgs, tranches, milestones, events, cert] = await Promise.all([
      policyOf(db, c.subsidyPolicyId),
      orgsByIds(db, [c.buyerOrganisationId, c.sellerOrganisationId]),
      db
        .select()
        .from(challengeSubsidyTranches)
        .where(eq(challengeSubsidyTranches.contractId, id))
        .orderBy(asc(challengeSubsidyTranches.createdAt)),
      db
        .select()
        .from(challengeMilestones)
        .where(eq(challengeMilestones.applicationId, c.applicationId))
        .orderBy(asc(challengeMilestones.seq)),
      db
        .select({ event: challengeContractEvents, actorName: users.name })
        .from(challengeContractEvents)
        .leftJoin(users, eq(users.id, challengeContractEvents.actorUserId))
        .where(eq(challengeContractEvents.contractId, id))
        .orderBy(asc(challengeContractEvents.id)),
      c.certificateId
        ? db.select().from(challengeAttachments).where(eq(challengeAttachments.id, c.certificateId))
        : Promise.resolve([]),
    ]);
    const totals = ledgerTotals(tranches);
    const status = c.status as ContractStatus;
    const allowed: string[] = who.officer ? commandsFrom(contractTransitions, status).map(String) : [];
    if ((who.officer || who.seller) && isRegistered(status)) allowed.push('request_subsidy');
    return {
      id: c.id,
      applicationId: c.applicationId,
      listId: c.listId,
      listTitle: list.title,
      buyerName: orgs.get(c.buyerOrganisationId)?.name ?? '',
      sellerName: orgs.get(c.sellerOrganisationId)?.name ?? '',
      type: c.type,
      subType: c.subType,
      title: c.title,
      contractAmountFen: c.contractAmountFen,
      techAmountFen: c.techAmountFen,
      paidAmountFen: c.paidAmountFen,
      signedOn: c.signedOn,
      registrationNo: c.registrationNo,
      registry: c.registry,
      registeredOn: c.registeredOn,
      certificate: cert[0]
        ? {
            id: cert[0].id,
            fileName: cert[0].fileName,
            kind: cert[0].kind,
            sizeBytes: cert[0].sizeBytes,
            sha256: cert[0].sha256,
            uploadedAt: cert[0].uploadedAt.toISOString(),
          }
        : null,
      status: c.status,
      version: c.version,
      policy: { version: p.version, ratioBp: p.ratioBp, capFen: p.capFen, base: p.base },
      entitlementFen: c.entitlementFen,
      paidFen: totals.paidFen,
      pendingFen: totals.pendingFen,
      tranches: tranches.map((t) => ({
        id: t.id,
        milestoneId: t.milestoneId,
        kind: t.kind as 'tranche' | 'clawback',
        amountFen: t.amountFen,
        status: t.status,
        note: t.note,
        createdAt: t.createdAt.toISOString(),
        paidAt: t.paidAt?.toISOString() ?? null,
      })),
      milestones: milestones.map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueDate: m.dueDate,
        deliverable: m.deliverable,
        weight: m.weight,
        status: m.status,
        report: m.report,
        assessment: m.assessment,
        allowedCommands:
          status === 'cancelled'
            ? []
            : (commandsFrom(milestoneTransitions, m.status).filter((cmd) =>
                milestoneActorOk(cmd, who, expert),
              ) as string[]),
      })),
      events: presentEvents(events),
      allowedCommands: allowed,
    };
  }

  function milestoneActorOk(cmd: MilestoneCommand, who: ReturnType<typeof roleIn>, expert: boolean) {
    if (cmd === 'report') return who.seller;
    if (cmd === 'confirm' || cmd === 'send_back') return who.buyer;
    return who.officer || expert;
  }

  async function contractTransition(
    tx: Tx,
    ctx: RequestContext,
    c: ContractRow,
    command: ContractCommand,
    reason: string | null,
    set: Partial<typeof challengeContracts.$inferInsert>,
    regionCode: string,
  ) {
    if (!canApply(contractTransitions, command, c.status))
      throw new AppError('INVALID_TRANSITION', {
        from: contractStatusLabels[c.status as ContractStatus]?.zh ?? c.status,
      });
    requireReason(reason, contractTransitions[command].reasonRequired);
    const at = clock.now();
    const to = contractTransitions[command].to;
    const [u] = await tx
      .update(challengeContracts)
      .set({ ...set, status: to, version: sql`${challengeContracts.version} + 1`, updatedAt: at })
      .where(and(eq(challengeContracts.id, c.id), eq(challengeContracts.version, c.version)))
      .returning();
    if (!u) throw new AppError('STALE_STATE');
    await contractEvent(tx, c.id, c.status, to, ctx.actorUserId, reason, at);
    await audit(
      tx,
      ctx,
      `challenge_contract.${command}`,
      'challenge_contract',
      c.id,
      regionCode,
      {
        before: {
          status: c.status,
          contractAmountFen: c.contractAmountFen,
          techAmountFen: c.techAmountFen,
          entitlementFen: c.entitlementFen,
        },
        after: { status: to, ...set },
        reason,
      },
      at,
    );
    return u;
  }

  function checkTypes(
    type: keyof typeof contractTypes,
    subType: string | null | undefined,
    contractAmountFen: number,
    techAmountFen: number,
  ) {
    const subs = contractTypes[type].sub as readonly string[];
    if ((subs.length === 0 ? !!subType : !subType || !subs.includes(subType)) || techAmountFen > contractAmountFen)
      throw new AppError('CHALLENGE_CONTRACT_TYPE');
  }

  async function milestoneContext(tx: Tx, milestoneId: string) {
    const [m] = await tx
      .select()
      .from(challengeMilestones)
      .where(eq(challengeMilestones.id, milestoneId))
      .for('update');
    if (!m) throw new AppError('NOT_FOUND');
    const [c] = await tx.select().from(challengeContracts).where(eq(challengeContracts.applicationId, m.applicationId));
    if (!c) throw new AppError('NOT_FOUND');
    const list = await loadList(tx, c.listId);
    return { m, c, list };
  }

  return {
    detail,

    async list(actor: Actor, page: number, pageSize: number) {
      const orgIds = actor.memberships.map((m) => m.organisationId);
      const conds: SQL[] = [];
      const bureau = actor.roles.some((r) =>
        ['bureau_officer', 'bureau_admin', 'finance_officer', 'auditor'].includes(r.role),
      );
      if (!bureau) {
        // The parties' contracts, and those an expert assesses milestones of (their scored applications).
        const assessed = sql`${challengeContracts.applicationId} in (select ${challengeReviewAssignments.applicationId} from ${challengeReviewAssignments} where ${challengeReviewAssignments.expertUserId} = ${actor.userId} and ${challengeReviewAssignments.status} = 'submitted')`;
        conds.push(
          orgIds.length
            ? sql`(${inArray(challengeContracts.buyerOrganisationId, orgIds)} or ${inArray(challengeContracts.sellerOrganisationId, orgIds)} or ${assessed})`
            : assessed,
        );
      }
      const where = conds.length ? and(...conds) : undefined;
      const rows = await db
        .select()
        .from(challengeContracts)
        .where(where)
        .orderBy(desc(challengeContracts.createdAt))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(challengeContracts).where(where);
      const items = [];
      for (const r of rows) {
        const d = await detail(actor, r.id).catch(() => null);
        if (d)
          items.push({
            id: d.id,
            listTitle: d.listTitle,
            buyerName: d.buyerName,
            sellerName: d.sellerName,
            type: d.type,
            contractAmountFen: d.contractAmountFen,
            techAmountFen: d.techAmountFen,
            status: d.status,
            entitlementFen: d.entitlementFen,
            paidFen: d.paidFen,
            pendingFen: d.pendingFen,
          });
      }
      return { items, total: total?.n ?? 0, page, pageSize };
    },

    async create(actor: Actor, ctx: RequestContext, body: z.infer<typeof contractBody>) {
      checkTypes(body.type, body.subType, body.contractAmountFen, body.techAmountFen);
      const id = await run(async (tx, outbox) => {
        const app = await applications.load(tx, body.applicationId);
        const list = await loadList(tx, app.listId);
        if (
          !isOfficerFor(actor, list.regionCode) &&
          !isMemberOf(actor, list.organisationId) &&
          !isMemberOf(actor, app.organisationId)
        )
          throw new AppError('FORBIDDEN');
        if (app.status !== 'selected' || list.status !== 'taken')
          throw new AppError('INVALID_TRANSITION', { from: app.status });
        const now = clock.now();
        let row: ContractRow;
        try {
          [row] = (await tx
            .insert(challengeContracts)
            .values({
              applicationId: app.id,
              listId: list.id,
              buyerOrganisationId: list.organisationId,
              sellerOrganisationId: app.organisationId,
              type: body.type,
              subType: body.subType ?? null,
              title: body.title,
              contractAmountFen: body.contractAmountFen,
              techAmountFen: body.techAmountFen,
              signedOn: body.signedOn,
              status: 'signed',
              subsidyPolicyId: list.subsidyPolicyId,
              createdBy: actor.userId,
              createdAt: now,
              updatedAt: now,
            })
            .returning()) as [ContractRow];
        } catch (err) {
          if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'challenge_contracts_application_key')
            throw new AppError('INVALID_TRANSITION', { from: '已有合同' });
          throw err;
        }
        await tx.insert(challengeMilestones).values(
          app.milestonePlan.map((m, i) => ({
            applicationId: app.id,
            seq: i + 1,
            title: m.title,
            dueDate: m.dueDate,
            deliverable: m.deliverable,
            weight: m.weight,
            status: 'planned',
            updatedAt: now,
          })),
        );
        await contractEvent(tx, row.id, null, 'signed', actor.userId, null, now);
        await audit(
          tx,
          ctx,
          'challenge_contract.create',
          'challenge_contract',
          row.id,
          list.regionCode,
          { ...body },
          now,
        );
        await tellParties(tx, outbox, row, '合同已录入，待认定登记', 'recorded, awaiting registration');
        return row.id;
      });
      return detail(actor, id);
    },

    async register(actor: Actor, ctx: RequestContext, id: string, body: z.infer<typeof registerBody>) {
      await run(async (tx, outbox) => {
        const c = await loadContract(tx, id, true);
        const list = await loadList(tx, c.listId);
        requireOfficer(actor, list.regionCode);
        if (!c.certificateId) throw new AppError('CHALLENGE_CERTIFICATE_REQUIRED');
        const { policy } = await policyOf(tx, c.subsidyPolicyId);
        const entitlementFen = subsidyEntitlement(policy, c);
        let u: ContractRow;
        try {
          u = await contractTransition(tx, ctx, c, 'register', null, { ...body, entitlementFen }, list.regionCode);
        } catch (err) {
          if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'challenge_contracts_registration_key')
            throw new AppError('CHALLENGE_REGISTRATION_TAKEN', { registrationNo: body.registrationNo });
          throw err;
        }
        // Milestones that passed before registration release their tranches now.
        for (const m of await passedWithoutTranche(tx, c.id, c.applicationId))
          await releaseTranche(tx, c.id, c.applicationId, m.id, entitlementFen, clock.now());
        await tellParties(tx, outbox, u, '已认定登记', 'registered');
      });
      return detail(actor, id);
    },

    async change(actor: Actor, ctx: RequestContext, id: string, body: z.infer<typeof changeBody>) {
      await run(async (tx, outbox) => {
        const c = await loadContract(tx, id, true);
        const list = await loadList(tx, c.listId);
        requireOfficer(actor, list.regionCode);
        checkTypes(c.type as keyof typeof contractTypes, c.subType, body.contractAmountFen, body.techAmountFen);
        const { policy } = await policyOf(tx, c.subsidyPolicyId);
        const amounts = {
          contractAmountFen: body.contractAmountFen,
          techAmountFen: body.techAmountFen,
          paidAmountFen: body.paidAmountFen ?? c.paidAmountFen,
        };
        const r = await rebalance(tx, c.id, c.applicationId, policy, amounts, false, clock.now());
        const u = await contractTransition(
          tx,
          ctx,
          c,
          'change',
          body.reason,
          { ...amounts, entitlementFen: r.entitlementFen },
          list.regionCode,
        );
        await tellParties(
          tx,
          outbox,
          u,
          r.clawbackFen > 0 ? `已变更，需追回补助 ${(r.clawbackFen / 100).toFixed(2)} 元` : '已变更，补助已重新核算',
          r.clawbackFen > 0 ? 'changed; subsidy to be clawed back' : 'changed; subsidy recomputed',
        );
      });
      return detail(actor, id);
    },

    async cancel(actor: Actor, ctx: RequestContext, id: string, reason: string | undefined) {
      await run(async (tx, outbox) => {
        const c = await loadContract(tx, id, true);
        const list = await loadList(tx, c.listId);
        requireOfficer(actor, list.regionCode);
        requireReason(reason, true);
        const { policy } = await policyOf(tx, c.subsidyPolicyId);
        await rebalance(tx, c.id, c.applicationId, policy, c, true, clock.now());
        const u = await contractTransition(
          tx,
          ctx,
          c,
          'cancel',
          reason ?? null,
          { entitlementFen: 0 },
          list.regionCode,
        );
        await tellParties(tx, outbox, u, '已注销，已拨付补助将被追回', 'cancelled; paid subsidy will be clawed back');
      });
      return detail(actor, id);
    },

    /** The solver asks for the tranches of passed milestones; refused while the contract is unregistered. */
    async requestSubsidy(actor: Actor, ctx: RequestContext, id: string) {
      await run(async (tx, outbox) => {
        const c = await loadContract(tx, id, true);
        const list = await loadList(tx, c.listId);
        const who = roleIn(actor, c, list.regionCode);
        if (!who.officer && !who.seller) throw new AppError('FORBIDDEN');
        if (!isRegistered(c.status as ContractStatus)) throw new AppError('CHALLENGE_CONTRACT_UNREGISTERED');
        const now = clock.now();
        const released: number[] = [];
        for (const m of await passedWithoutTranche(tx, c.id, c.applicationId)) {
          const amount = await releaseTranche(tx, c.id, c.applicationId, m.id, c.entitlementFen, now);
          if (amount !== null) released.push(amount);
        }
        await audit(
          tx,
          ctx,
          'challenge_subsidy.request',
          'challenge_contract',
          c.id,
          list.regionCode,
          { tranches: released },
          now,
        );
        if (released.length > 0) await tellParties(tx, outbox, c, '补助拨付申请已提交', 'subsidy requested');
      });
      return detail(actor, id);
    },

    /** Finance pays a pending tranche, or records a claw-back as recovered. */
    async pay(actor: Actor, ctx: RequestContext, trancheId: string) {
      const contractId = await run(async (tx, outbox) => {
        const [t] = await tx
          .select()
          .from(challengeSubsidyTranches)
          .where(eq(challengeSubsidyTranches.id, trancheId))
          .for('update');
        if (!t) throw new AppError('NOT_FOUND');
        const c = await loadContract(tx, t.contractId);
        const list = await loadList(tx, c.listId);
        if (!can(actor, 'challenge.pay_subsidy', { regionCode: list.regionCode })) throw new AppError('FORBIDDEN');
        if (t.status !== 'pending') throw new AppError('INVALID_TRANSITION', { from: t.status });
        if (t.kind === 'tranche' && !isRegistered(c.status as ContractStatus))
          throw new AppError('CHALLENGE_CONTRACT_UNREGISTERED');
        const now = clock.now();
        const to = t.kind === 'clawback' ? 'recovered' : 'paid';
        await tx
          .update(challengeSubsidyTranches)
          .set({ status: to, paidAt: now, paidBy: actor.userId })
          .where(eq(challengeSubsidyTranches.id, t.id));
        await audit(
          tx,
          ctx,
          `challenge_subsidy.${to}`,
          'challenge_contract',
          c.id,
          list.regionCode,
          { trancheId: t.id, amountFen: t.amountFen },
          now,
        );
        await tellParties(
          tx,
          outbox,
          c,
          to === 'paid'
            ? `补助已拨付 ${(t.amountFen / 100).toFixed(2)} 元`
            : `补助已追回 ${(-t.amountFen / 100).toFixed(2)} 元`,
          to === 'paid' ? 'subsidy tranche paid' : 'claw-back recovered',
        );
        return c.id;
      });
      return detail(actor, contractId);
    },

    async milestone(
      actor: Actor,
      ctx: RequestContext,
      milestoneId: string,
      command: MilestoneCommand,
      text: string | undefined,
      reason: string | undefined,
    ) {
      const contractId = await run(async (tx, outbox) => {
        const { m, c, list } = await milestoneContext(tx, milestoneId);
        if (c.status === 'cancelled')
          throw new AppError('INVALID_TRANSITION', { from: contractStatusLabels.cancelled.zh });
        const who = roleIn(actor, c, list.regionCode);
        const expert = await isAssignedExpert(tx, actor, c.applicationId);
        if (!milestoneActorOk(command, who, expert)) throw new AppError('FORBIDDEN');
        if (!canApply(milestoneTransitions, command, m.status))
          throw new AppError('INVALID_TRANSITION', {
            from: milestoneStatusLabels[m.status as keyof typeof milestoneStatusLabels]?.zh ?? m.status,
          });
        const t = milestoneTransitions[command];
        requireReason(reason ?? text, t.reasonRequired);
        if (command === 'report' && !text?.trim()) throw new AppError('CHALLENGE_REASON_REQUIRED');
        const now = clock.now();
        const set: Partial<MilestoneRow> = { status: t.to, updatedAt: now };
        if (command === 'report') set.report = text ?? null;
        if (command === 'pass' || command === 'fail') set.assessment = text ?? reason ?? null;
        await tx.update(challengeMilestones).set(set).where(eq(challengeMilestones.id, m.id));
        await tx.insert(challengeMilestoneEvents).values({
          milestoneId: m.id,
          fromStatus: m.status,
          toStatus: t.to,
          actorUserId: actor.userId,
          reason: reason ?? null,
          at: now,
        });
        await audit(
          tx,
          ctx,
          `challenge_milestone.${command}`,
          'challenge_contract',
          c.id,
          list.regionCode,
          { milestoneId: m.id, seq: m.seq, before: m.status, after: t.to, reason: reason ?? null },
          now,
        );
        let extra = '';
        if (command === 'pass' && isRegistered(c.status as ContractStatus)) {
          const amount = await releaseTranche(tx, c.id, c.applicationId, m.id, c.entitlementFen, now);
          if (amount) extra = `，释放补助 ${(amount / 100).toFixed(2)} 元待拨付`;
        }
        const label = milestoneStatusLabels[t.to];
        // Confirmed by the enterprise: the experts who reviewed the solver's proposal assess it next.
        if (command === 'confirm') {
          const experts = await tx
            .select({ id: challengeReviewAssignments.expertUserId })
            .from(challengeReviewAssignments)
            .where(
              and(
                eq(challengeReviewAssignments.applicationId, c.applicationId),
                eq(challengeReviewAssignments.status, 'submitted'),
              ),
            );
          await notify(tx, notifications, outbox, {
            userIds: [...new Set(experts.map((e) => e.id))],
            category: 'challenge',
            title: { zh: `里程碑待考核：${c.title}`, en: `Milestone to assess: ${c.title}` },
            body: {
              zh: `技术合同「${c.title}」的里程碑 ${m.seq}「${m.title}」已由企业确认，请考核。`,
              en: `Milestone ${m.seq} "${m.title}" of "${c.title}" was confirmed by the enterprise; please assess it.`,
            },
            link: `/challenges/apply/contracts/${c.id}`,
          });
        }
        await tellParties(
          tx,
          outbox,
          c,
          `里程碑 ${m.seq}「${m.title}」${label.zh}${extra}`,
          `milestone ${m.seq} ${label.en}`,
        );
        return c.id;
      });
      return detail(actor, contractId);
    },

    /** 验收: passes only when every milestone passed; a failure goes into the solver's credit record. */
    async accept(actor: Actor, ctx: RequestContext, contractId: string, outcome: 'passed' | 'failed', reason: string) {
      await run(async (tx, outbox) => {
        const c = await loadContract(tx, contractId, true);
        const list = await loadList(tx, c.listId);
        requireOfficer(actor, list.regionCode);
        const app = await applications.load(tx, c.applicationId);
        if (app.outcome)
          throw new AppError('INVALID_TRANSITION', { from: app.outcome === 'passed' ? '已验收通过' : '验收未通过' });
        const ms = await tx
          .select()
          .from(challengeMilestones)
          .where(eq(challengeMilestones.applicationId, c.applicationId));
        if (outcome === 'passed' && ms.some((m) => m.status !== 'passed'))
          throw new AppError('INVALID_TRANSITION', { from: '尚有里程碑未通过' });
        const now = clock.now();
        await tx
          .update(challengeApplications)
          .set({ outcome, updatedAt: now })
          .where(eq(challengeApplications.id, app.id));
        if (outcome === 'failed')
          await tx.insert(challengeCreditRecords).values({
            organisationId: app.organisationId,
            kind: 'breach',
            reason: `揭榜项目「${list.title}」验收未通过：${reason}`,
            sourceType: 'challenge_contract',
            sourceId: c.id,
            startsAt: now,
            createdBy: actor.userId,
            createdAt: now,
          });
        await audit(
          tx,
          ctx,
          `challenge_project.acceptance_${outcome}`,
          'challenge_contract',
          c.id,
          list.regionCode,
          { reason },
          now,
        );
        await tellParties(
          tx,
          outbox,
          c,
          outcome === 'passed' ? '项目验收通过' : '项目验收未通过，已记入信用记录',
          outcome === 'passed' ? 'project accepted' : 'project failed acceptance; recorded in credit history',
        );
      });
      return detail(actor, contractId);
    },
  };
}
export type ContractService = ReturnType<typeof createContractService>;
