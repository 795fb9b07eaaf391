import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type ApplicationInput,
  applicationStatusLabels,
  applicationUpdateBody,
} from '../../../shared/api/challenge-applications.js';
import { formatErrorMessage } from '../../../shared/errors.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { users } from '../identity/user.table.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import {
  activeBlacklist,
  alias,
  audit,
  isExpert,
  isMemberOf,
  isOfficerFor,
  type ListRow,
  loadList,
  memberUserIds,
  notify,
  officerUserIds,
  orgsByIds,
  requireReason,
} from './application.common.js';
import {
  type ApplicationCommand,
  type ApplicationStatus,
  applicationTransitions,
  canApply,
  commandsFrom,
} from './application.status.js';
import {
  challengeApplicationEvents,
  challengeApplicationParties,
  challengeApplications,
  challengeAttachments,
  challengeContracts,
  challengeReviewAssignments,
  challengeReviewSettings,
} from './applications.table.js';
import { challengeLists } from './challenges.table.js';
import { aggregate } from './review.score.js';

export type ApplicationRow = typeof challengeApplications.$inferSelect;
type UpdateInput = z.infer<typeof applicationUpdateBody>;

export interface ApplicationServiceDeps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
}

const OPEN_LIST = 'published';

export function createApplicationService(deps: ApplicationServiceDeps) {
  const { db, clock, notifications } = deps;

  function windowOpen(list: ListRow, now: Date) {
    return list.status === OPEN_LIST && list.applyOpensAt <= now && now < list.applyClosesAt;
  }

  function requireOpen(list: ListRow, now: Date) {
    if (!windowOpen(list, now))
      throw new AppError('CHALLENGE_LIST_NOT_OPEN', {
        opens: list.applyOpensAt.toISOString().slice(0, 16).replace('T', ' '),
        closes: list.applyClosesAt.toISOString().slice(0, 16).replace('T', ' '),
      });
  }

  function checkPlan(input: Pick<ApplicationInput, 'pledge' | 'milestonePlan'>) {
    if (!input.pledge) throw new AppError('CHALLENGE_PLEDGE_REQUIRED');
    const sum = input.milestonePlan.reduce((a, m) => a + m.weight, 0);
    if (sum !== 100) throw new AppError('CHALLENGE_MILESTONE_WEIGHTS', { sum });
  }

  /** Every organisation must be verified and none blacklisted; the lead's region is returned. */
  async function checkParties(tx: Tx, leadId: string, memberIds: string[], now: Date) {
    const ids = [leadId, ...memberIds];
    const orgs = await orgsByIds(tx, ids);
    for (const id of memberIds) {
      const o = orgs.get(id);
      if (!o) throw new AppError('NOT_FOUND');
      if (o.status !== 'verified') throw new AppError('CHALLENGE_MEMBER_NOT_VERIFIED', { name: o.name });
    }
    const black = await activeBlacklist(tx, ids, now);
    if (black[0])
      throw new AppError('CHALLENGE_ORG_BLACKLISTED', {
        name: black[0].name,
        until: black[0].expiresAt ? `至 ${black[0].expiresAt.toISOString().slice(0, 10)}` : '长期',
      });
    return orgs;
  }

  /** Refuses an organisation already in an application to the list, naming it. */
  async function checkDuplicates(tx: Tx, listId: string, ids: string[], exceptApplicationId?: string) {
    const taken = await tx
      .select({
        organisationId: challengeApplicationParties.organisationId,
        applicationId: challengeApplicationParties.applicationId,
      })
      .from(challengeApplicationParties)
      .where(
        and(eq(challengeApplicationParties.listId, listId), inArray(challengeApplicationParties.organisationId, ids)),
      );
    const clash = taken.find((t) => t.applicationId !== exceptApplicationId);
    if (clash) {
      const orgs = await orgsByIds(tx, [clash.organisationId]);
      throw new AppError('CHALLENGE_APPLICATION_DUPLICATE', { name: orgs.get(clash.organisationId)?.name ?? '' });
    }
  }

  async function insertParties(tx: Tx, applicationId: string, listId: string, leadId: string, memberIds: string[]) {
    try {
      await tx
        .insert(challengeApplicationParties)
        .values([
          { applicationId, listId, organisationId: leadId, role: 'lead' },
          ...memberIds.map((organisationId) => ({ applicationId, listId, organisationId, role: 'member' })),
        ]);
    } catch (err) {
      // A concurrent application by the same organisation won the race: the unique key decides.
      if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'challenge_application_parties_list_org_key')
        throw new AppError('CHALLENGE_APPLICATION_DUPLICATE', { name: '' });
      throw err;
    }
  }

  async function event(
    tx: Tx,
    applicationId: string,
    from: string | null,
    to: string,
    actor: string | null,
    reason: string | null,
    at: Date,
  ) {
    await tx
      .insert(challengeApplicationEvents)
      .values({ applicationId, fromStatus: from, toStatus: to, actorUserId: actor, reason, at });
  }

  async function load(exec: Db | Tx, id: string) {
    const [row] = await exec.select().from(challengeApplications).where(eq(challengeApplications.id, id));
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async function partiesOf(exec: Db | Tx, applicationIds: string[]) {
    if (applicationIds.length === 0) return [];
    return exec
      .select({
        applicationId: challengeApplicationParties.applicationId,
        organisationId: challengeApplicationParties.organisationId,
        role: challengeApplicationParties.role,
      })
      .from(challengeApplicationParties)
      .where(inArray(challengeApplicationParties.applicationId, applicationIds));
  }

  /** Who may see an application, and whether identities are hidden from them (blind review). */
  async function access(actor: Actor, app: ApplicationRow, list: ListRow) {
    const parties = await partiesOf(db, [app.id]);
    const applicant = parties.some((p) => isMemberOf(actor, p.organisationId));
    const officer = isOfficerFor(actor, list.regionCode);
    const issuer =
      isMemberOf(actor, list.organisationId) &&
      ['passed', 'selected', 'not_selected', 'eliminated'].includes(app.status);
    let reviewer = false;
    if (!applicant && !officer && isExpert(actor)) {
      const [a] = await db
        .select({ id: challengeReviewAssignments.id })
        .from(challengeReviewAssignments)
        .where(
          and(
            eq(challengeReviewAssignments.applicationId, app.id),
            eq(challengeReviewAssignments.expertUserId, actor.userId),
          ),
        );
      reviewer = !!a;
    }
    if (!applicant && !officer && !issuer && !reviewer) throw new AppError('NOT_FOUND');
    const [settings] = await db
      .select({ blind: challengeReviewSettings.blind })
      .from(challengeReviewSettings)
      .where(eq(challengeReviewSettings.listId, list.id));
    return { applicant, officer, issuer, reviewer, blind: !!settings?.blind && !applicant && !officer, parties };
  }

  /** Review progress and aggregate score per application. */
  async function scoresFor(exec: Db | Tx, ids: string[]) {
    const out = new Map<string, { done: number; assigned: number; score: number | null; outliers: number }>();
    if (ids.length === 0) return out;
    const rows = await exec
      .select({
        applicationId: challengeReviewAssignments.applicationId,
        status: challengeReviewAssignments.status,
        total: challengeReviewAssignments.total,
      })
      .from(challengeReviewAssignments)
      .where(inArray(challengeReviewAssignments.applicationId, ids));
    for (const id of ids) {
      const mine = rows.filter((r) => r.applicationId === id && r.status !== 'declined');
      const totals = mine.filter((r) => r.status === 'submitted' && r.total !== null).map((r) => Number(r.total));
      const a = aggregate(totals);
      out.set(id, { done: totals.length, assigned: mine.length, score: a.adjustedMean, outliers: a.outliers.length });
    }
    return out;
  }

  /** Positions of applications in their list, for the 方案 A/B aliases. */
  async function aliasesFor(exec: Db | Tx, listIds: string[]) {
    const out = new Map<string, string>();
    if (listIds.length === 0) return out;
    const rows = await exec
      .select({ id: challengeApplications.id, listId: challengeApplications.listId })
      .from(challengeApplications)
      .where(inArray(challengeApplications.listId, listIds))
      .orderBy(asc(challengeApplications.submittedAt), asc(challengeApplications.id));
    const seen = new Map<string, number>();
    for (const r of rows) {
      const n = seen.get(r.listId) ?? 0;
      seen.set(r.listId, n + 1);
      out.set(r.id, alias(n));
    }
    return out;
  }

  async function summaries(
    rows: { app: ApplicationRow; list: ListRow; orgName: string }[],
    blindFor: (listId: string) => boolean,
  ) {
    const ids = rows.map((r) => r.app.id);
    const [scores, aliases, parties] = await Promise.all([
      scoresFor(db, ids),
      aliasesFor(db, [...new Set(rows.map((r) => r.list.id))]),
      partiesOf(db, ids),
    ]);
    return rows.map(({ app, list, orgName }) => {
      const s = scores.get(app.id);
      const blind = blindFor(list.id);
      return {
        id: app.id,
        listId: list.id,
        listTitle: list.title,
        listCode: list.code,
        organisationId: blind ? null : app.organisationId,
        organisationName: blind ? null : orgName,
        alias: aliases.get(app.id) ?? '',
        status: app.status,
        consortium: parties.filter((p) => p.applicationId === app.id).length > 1,
        budgetTotalFen: app.budgetTotalFen,
        submittedAt: app.submittedAt.toISOString(),
        applyClosesAt: list.applyClosesAt.toISOString(),
        reviewsDone: s?.done ?? 0,
        reviewsAssigned: s?.assigned ?? 0,
        score: s?.score ?? null,
        outliers: s?.outliers ?? 0,
        outcome: app.outcome,
      };
    });
  }

  async function detail(actor: Actor, id: string) {
    const app = await load(db, id);
    const list = await loadList(db, app.listId);
    const who = await access(actor, app, list);
    const orgs = await orgsByIds(
      db,
      who.parties.map((p) => p.organisationId),
    );
    const [summary] = await summaries(
      [{ app, list, orgName: orgs.get(app.organisationId)?.name ?? '' }],
      () => who.blind,
    );
    const [events, files, contract] = await Promise.all([
      db
        .select({ event: challengeApplicationEvents, actorName: users.name })
        .from(challengeApplicationEvents)
        .leftJoin(users, eq(users.id, challengeApplicationEvents.actorUserId))
        .where(eq(challengeApplicationEvents.applicationId, id))
        .orderBy(asc(challengeApplicationEvents.id)),
      db
        .select()
        .from(challengeAttachments)
        .where(and(eq(challengeAttachments.ownerType, 'application'), eq(challengeAttachments.ownerId, id)))
        .orderBy(asc(challengeAttachments.uploadedAt)),
      db.select({ id: challengeContracts.id }).from(challengeContracts).where(eq(challengeContracts.applicationId, id)),
    ]);
    const status = app.status as ApplicationStatus;
    const allowed = commandsFrom(applicationTransitions, status).filter((c) =>
      c === 'withdraw' || c === 'resubmit' ? who.applicant : who.officer,
    );
    return {
      ...(summary as NonNullable<typeof summary>),
      version: app.version,
      technicalPlan: app.technicalPlan,
      milestonePlan: app.milestonePlan,
      budget: app.budget,
      team: who.blind ? app.team.map((m, i) => ({ ...m, name: `成员 ${i + 1}` })) : app.team,
      priorResults: app.priorResults,
      parties: who.blind
        ? []
        : who.parties.map((p) => ({
            organisationId: p.organisationId,
            name: orgs.get(p.organisationId)?.name ?? '',
            regionCode: orgs.get(p.organisationId)?.regionCode ?? '',
            role: p.role as 'lead' | 'member',
          })),
      attachments: files.map((f) => ({
        id: f.id,
        fileName: who.blind ? `附件.${f.kind}` : f.fileName,
        kind: f.kind,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        uploadedAt: f.uploadedAt.toISOString(),
      })),
      events: presentEvents(events),
      allowedCommands: allowed as string[],
      editable: who.applicant && ['submitted', 'needs_fix'].includes(status) && windowOpen(list, clock.now()),
      contractId: contract[0]?.id ?? null,
    };
  }

  /** Applies one status command to one application inside the caller's transaction. */
  async function transition(
    tx: Tx,
    ctx: RequestContext,
    app: ApplicationRow,
    list: ListRow,
    command: ApplicationCommand,
    reason: string | null | undefined,
    outbox: Outbox,
  ) {
    const t = applicationTransitions[command];
    if (!canApply(applicationTransitions, command, app.status))
      throw new AppError('INVALID_TRANSITION', {
        from: applicationStatusLabels[app.status as ApplicationStatus]?.zh ?? app.status,
      });
    requireReason(reason, t.reasonRequired);
    const at = clock.now();
    const [updated] = await tx
      .update(challengeApplications)
      .set({ status: t.to, version: sql`${challengeApplications.version} + 1`, updatedAt: at })
      .where(and(eq(challengeApplications.id, app.id), eq(challengeApplications.version, app.version)))
      .returning();
    if (!updated) throw new AppError('STALE_STATE');
    await event(tx, app.id, app.status, t.to, ctx.actorUserId, reason ?? null, at);
    await audit(
      tx,
      ctx,
      `challenge_application.${command}`,
      'challenge_application',
      app.id,
      list.regionCode,
      {
        before: { status: app.status },
        after: { status: t.to },
        reason: reason ?? null,
      },
      at,
    );
    const label = applicationStatusLabels[t.to];
    await notify(tx, notifications, outbox, {
      userIds: await memberUserIds(tx, [app.organisationId]),
      category: 'challenge',
      title: { zh: `揭榜申报${label.zh}：${list.title}`, en: `Application ${label.en}: ${list.title}` },
      body: {
        zh: `您对榜单「${list.title}」的申报状态已变为「${label.zh}」。${reason ? `理由：${reason}` : ''}`,
        en: `Your application to "${list.title}" is now "${label.en}".${reason ? ` Reason: ${reason}` : ''}`,
      },
      link: `/challenges/apply/applications/${app.id}`,
    });
    return updated;
  }

  async function run<T>(fn: (tx: Tx, outbox: Outbox) => Promise<T>): Promise<T> {
    const outbox: Outbox = [];
    const result = await db.transaction((tx) => fn(tx, outbox));
    await notifications.flush(outbox);
    return result;
  }

  return {
    detail,
    load,
    transition,
    partiesOf,
    summaries,
    aliasesFor,
    scoresFor,
    run,

    async create(actor: Actor, ctx: RequestContext, input: ApplicationInput) {
      const membership = input.organisationId
        ? actor.memberships.find((m) => m.organisationId === input.organisationId)
        : actor.memberships[0];
      if (!membership || !can(actor, 'challenge.apply', { organisationId: membership.organisationId }))
        throw new AppError('FORBIDDEN');
      if (membership.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
      const leadId = membership.organisationId;
      const memberIds = [...new Set(input.members)].filter((m) => m !== leadId);
      checkPlan(input);
      const id = await run(async (tx, outbox) => {
        const now = clock.now();
        const list = await loadList(tx, input.listId);
        requireOpen(list, now);
        const orgs = await checkParties(tx, leadId, memberIds, now);
        await checkDuplicates(tx, list.id, [leadId, ...memberIds]);
        const [row] = await tx
          .insert(challengeApplications)
          .values({
            listId: list.id,
            organisationId: leadId,
            regionCode: orgs.get(leadId)?.regionCode ?? membership.regionCode,
            createdBy: actor.userId,
            status: 'submitted',
            technicalPlan: input.technicalPlan,
            milestonePlan: input.milestonePlan,
            budget: input.budget,
            budgetTotalFen: input.budget.reduce((a, b) => a + b.amountFen, 0),
            team: input.team,
            priorResults: input.priorResults,
            pledgeAcceptedAt: now,
            submittedAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: challengeApplications.id });
        const appId = (row as { id: string }).id;
        await insertParties(tx, appId, list.id, leadId, memberIds);
        await event(tx, appId, null, 'submitted', actor.userId, null, now);
        await audit(
          tx,
          ctx,
          'challenge_application.submit',
          'challenge_application',
          appId,
          list.regionCode,
          {
            listId: list.id,
            lead: leadId,
            members: memberIds,
          },
          now,
        );
        const orgName = orgs.get(leadId)?.name ?? '';
        await notify(tx, notifications, outbox, {
          userIds: await officerUserIds(tx, list.regionCode),
          category: 'challenge',
          title: { zh: `新的揭榜申报：${list.title}`, en: `New application: ${list.title}` },
          body: {
            zh: `「${orgName}」申报了榜单「${list.title}」，请进行形式审查。`,
            en: `"${orgName}" applied to "${list.title}"; please screen it.`,
          },
          link: `/challenges/apply/screening?listId=${list.id}`,
        });
        await notify(tx, notifications, outbox, {
          userIds: await memberUserIds(tx, memberIds),
          category: 'challenge',
          title: {
            zh: `您的单位被列为联合体成员：${list.title}`,
            en: `Your organisation joined a consortium: ${list.title}`,
          },
          body: {
            zh: `「${orgName}」牵头申报榜单「${list.title}」，贵单位为联合体成员。`,
            en: `"${orgName}" leads an application to "${list.title}" with your organisation as a member.`,
          },
          link: `/challenges/apply/applications/${appId}`,
        });
        return appId;
      });
      return detail(actor, id);
    },

    async update(actor: Actor, ctx: RequestContext, id: string, input: UpdateInput) {
      checkPlan(input);
      await run(async (tx, outbox) => {
        const now = clock.now();
        const app = await load(tx, id);
        if (!isMemberOf(actor, app.organisationId)) throw new AppError('FORBIDDEN');
        const list = await loadList(tx, app.listId);
        requireOpen(list, now);
        if (!['submitted', 'needs_fix'].includes(app.status))
          throw new AppError('INVALID_TRANSITION', {
            from: applicationStatusLabels[app.status as ApplicationStatus].zh,
          });
        if (app.version !== input.version) throw new AppError('STALE_STATE');
        const memberIds = [...new Set(input.members)].filter((m) => m !== app.organisationId);
        await checkParties(tx, app.organisationId, memberIds, now);
        await checkDuplicates(tx, list.id, [app.organisationId, ...memberIds], app.id);
        const [updated] = await tx
          .update(challengeApplications)
          .set({
            technicalPlan: input.technicalPlan,
            milestonePlan: input.milestonePlan,
            budget: input.budget,
            budgetTotalFen: input.budget.reduce((a, b) => a + b.amountFen, 0),
            team: input.team,
            priorResults: input.priorResults,
            pledgeAcceptedAt: now,
            version: sql`${challengeApplications.version} + 1`,
            updatedAt: now,
          })
          .where(and(eq(challengeApplications.id, id), eq(challengeApplications.version, input.version)))
          .returning();
        if (!updated) throw new AppError('STALE_STATE');
        await tx.delete(challengeApplicationParties).where(eq(challengeApplicationParties.applicationId, id));
        await insertParties(tx, id, list.id, app.organisationId, memberIds);
        await audit(
          tx,
          ctx,
          'challenge_application.update',
          'challenge_application',
          id,
          list.regionCode,
          { members: memberIds },
          now,
        );
        // A fixed application goes back to the screening queue.
        if (updated.status === 'needs_fix') await transition(tx, ctx, updated, list, 'resubmit', null, outbox);
      });
      return detail(actor, id);
    },

    async withdraw(actor: Actor, ctx: RequestContext, id: string, reason?: string) {
      await run(async (tx, outbox) => {
        const app = await load(tx, id);
        if (!isMemberOf(actor, app.organisationId)) throw new AppError('FORBIDDEN');
        const list = await loadList(tx, app.listId);
        await transition(tx, ctx, app, list, 'withdraw', reason, outbox);
      });
      return detail(actor, id);
    },

    /**
     * Formal screening of many applications at once. Each is its own transaction, so one stale or
     * already-screened application does not undo the others; failures are reported per id.
     */
    async screen(
      actor: Actor,
      ctx: RequestContext,
      lang: 'zh' | 'en',
      ids: string[],
      decision: 'passed' | 'needs_fix' | 'rejected',
      reason?: string,
    ) {
      const command: ApplicationCommand =
        decision === 'passed' ? 'screen_pass' : decision === 'needs_fix' ? 'screen_fix' : 'screen_reject';
      requireReason(reason, applicationTransitions[command].reasonRequired);
      const done: string[] = [];
      const failed: { id: string; code: string; message: string }[] = [];
      for (const id of [...new Set(ids)]) {
        try {
          await run(async (tx, outbox) => {
            const app = await load(tx, id);
            const list = await loadList(tx, app.listId);
            if (!isOfficerFor(actor, list.regionCode)) throw new AppError('FORBIDDEN');
            await transition(tx, ctx, app, list, command, reason, outbox);
          });
          done.push(id);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          failed.push({ id, code: err.code, message: formatErrorMessage(err.code, lang, err.params) });
        }
      }
      return { done, failed };
    },

    /** The applications of the actor's organisations (as lead or member). */
    async mine(actor: Actor, page: number, pageSize: number) {
      const orgIds = actor.memberships.map((m) => m.organisationId);
      if (orgIds.length === 0) return { items: [], total: 0, page, pageSize };
      const appIds = db
        .select({ id: challengeApplicationParties.applicationId })
        .from(challengeApplicationParties)
        .where(inArray(challengeApplicationParties.organisationId, orgIds));
      return listWhere(inArray(challengeApplications.id, appIds), page, pageSize, () => false);
    },

    /** The officer's queue, or the enterprise's view of its own list's screened applications. */
    async forList(
      actor: Actor,
      listId: string | undefined,
      status: string | undefined,
      page: number,
      pageSize: number,
    ) {
      const conds: SQL[] = [];
      if (listId) {
        const list = await loadList(db, listId);
        const officer = isOfficerFor(actor, list.regionCode);
        if (!officer && !isMemberOf(actor, list.organisationId)) throw new AppError('FORBIDDEN');
        conds.push(eq(challengeApplications.listId, listId));
        if (!officer)
          conds.push(inArray(challengeApplications.status, ['passed', 'selected', 'not_selected', 'eliminated']));
      } else {
        const prefixes = regionPrefixes(actor, 'challenge.manage_applications');
        if (prefixes.length === 0) throw new AppError('FORBIDDEN');
        conds.push(
          sql`(${sql.join(
            prefixes.map((p) => sql`${challengeLists.regionCode} like ${`${p}%`}`),
            sql` or `,
          )})`,
        );
      }
      if (status) conds.push(eq(challengeApplications.status, status));
      return listWhere(and(...conds) as SQL, page, pageSize, () => false);
    },
  };

  async function listWhere(where: SQL, page: number, pageSize: number, blindFor: (listId: string) => boolean) {
    const [rows, [total]] = await Promise.all([
      db
        .select({
          app: challengeApplications,
          list: challengeLists,
          orgName: sql<string>`(select name from organisations o where o.id = ${challengeApplications.organisationId})`,
        })
        .from(challengeApplications)
        .innerJoin(challengeLists, eq(challengeLists.id, challengeApplications.listId))
        .where(where)
        .orderBy(desc(challengeApplications.submittedAt), asc(challengeApplications.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db
        .select({ n: count() })
        .from(challengeApplications)
        .innerJoin(challengeLists, eq(challengeLists.id, challengeApplications.listId))
        .where(where),
    ]);
    return { items: await summaries(rows, blindFor), total: total?.n ?? 0, page, pageSize };
  }
}
export type ApplicationService = ReturnType<typeof createApplicationService>;
