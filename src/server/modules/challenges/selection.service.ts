import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import {
  audit,
  type ListRow,
  loadList,
  lockList,
  memberUserIds,
  notify,
  requireOfficer,
  type TransitionList,
} from './application.common.js';
import type { ApplicationService } from './application.service.js';
import { challengeApplications, challengeSelections } from './applications.table.js';

const DAY_MS = 24 * 3600_000;

/**
 * Selection (遴选/挂帅): after the application window closes an officer selects one solver, or up to
 * the list's maxSolvers in a race (赛马); the selection is publicised (公示) for a notice period,
 * then confirmed (list taken). A list nobody takes ends unclaimed (流榜). List states change only
 * through `transitionList` from the challenges side.
 */
export function createSelectionService(deps: {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  applications: ApplicationService;
  transitionList: TransitionList;
}) {
  const { db, clock, notifications, applications, transitionList } = deps;

  async function state(exec: Db | Tx, list: ListRow) {
    const [s] = await exec.select().from(challengeSelections).where(eq(challengeSelections.listId, list.id));
    return {
      listId: list.id,
      listStatus: list.status,
      maxSolvers: list.maxSolvers,
      applicationIds: s?.applicationIds ?? [],
      noticeStartsAt: s?.noticeStartsAt.toISOString() ?? null,
      noticeEndsAt: s?.noticeEndsAt.toISOString() ?? null,
      confirmedAt: s?.confirmedAt?.toISOString() ?? null,
    };
  }

  async function tellIssuer(tx: Tx, outbox: Outbox, list: ListRow, zh: string, en: string) {
    await notify(tx, notifications, outbox, {
      userIds: await memberUserIds(tx, [list.organisationId]),
      category: 'challenge',
      title: { zh: `${zh}：${list.title}`, en: `${en}: ${list.title}` },
      body: { zh: `榜单「${list.title}」${zh}。`, en: `List "${list.title}": ${en}.` },
      link: `/challenges/apply/compare?listId=${list.id}`,
    });
  }

  async function run<T>(fn: (tx: Tx, outbox: Outbox) => Promise<T>) {
    const outbox: Outbox = [];
    const r = await db.transaction((tx) => fn(tx, outbox));
    await notifications.flush(outbox);
    return r;
  }

  return {
    async get(actor: Actor, listId: string) {
      const list = await loadList(db, listId);
      requireOfficer(actor, list.regionCode);
      return state(db, list);
    },

    async select(
      actor: Actor,
      ctx: RequestContext,
      listId: string,
      body: { applicationIds: string[]; noticeDays: number; note?: string; version?: number },
    ) {
      return run(async (tx, outbox) => {
        const now = clock.now();
        let list = await lockList(tx, listId);
        requireOfficer(actor, list.regionCode);
        // Someone else already selected (or the list ended): a coded conflict, not a silent redo.
        if (list.status !== 'published' && list.status !== 'selecting')
          throw new AppError('INVALID_TRANSITION', { from: list.status });
        if (body.version !== undefined && body.version !== list.version) throw new AppError('STALE_STATE');
        if (list.status === 'published' && now < list.applyClosesAt)
          throw new AppError('CHALLENGE_SELECTION_INVALID', { reason: '申报尚未截止 / applications are still open' });
        const ids = [...new Set(body.applicationIds)];
        if (ids.length > list.maxSolvers)
          throw new AppError('CHALLENGE_SELECTION_INVALID', {
            reason: `本榜单最多选 ${list.maxSolvers} 家 / at most ${list.maxSolvers}`,
          });
        if (list.status === 'published') {
          await transitionList(tx, listId, 'selecting', ctx, null, { at: now, expectedVersion: body.version });
          list = await loadList(tx, listId);
        }
        const apps = await tx.select().from(challengeApplications).where(eq(challengeApplications.listId, listId));
        const chosen = apps.filter((a) => ids.includes(a.id));
        if (chosen.length !== ids.length || chosen.some((a) => a.status !== 'passed'))
          throw new AppError('CHALLENGE_SELECTION_INVALID', {
            reason: '只能选择形式审查通过的申报 / only screened-in applications',
          });
        // publicise first: a concurrent officer holding the same list loses here with STALE_STATE.
        await transitionList(tx, listId, 'publicised', ctx, body.note ?? null, {
          at: now,
          expectedVersion: list.version,
        });
        for (const a of apps.filter((x) => x.status === 'passed'))
          await applications.transition(tx, ctx, a, list, ids.includes(a.id) ? 'select' : 'not_select', null, outbox);
        const endsAt = new Date(now.getTime() + body.noticeDays * DAY_MS);
        await tx
          .insert(challengeSelections)
          .values({
            listId,
            applicationIds: ids,
            noticeStartsAt: now,
            noticeEndsAt: endsAt,
            note: body.note ?? null,
            decidedBy: actor.userId,
          })
          .onConflictDoUpdate({
            target: challengeSelections.listId,
            set: {
              applicationIds: ids,
              noticeStartsAt: now,
              noticeEndsAt: endsAt,
              note: body.note ?? null,
              decidedBy: actor.userId,
              confirmedAt: null,
            },
          });
        await audit(
          tx,
          ctx,
          'challenge_selection.publicise',
          'challenge_list',
          listId,
          list.regionCode,
          { applicationIds: ids, noticeEndsAt: endsAt.toISOString() },
          now,
        );
        await tellIssuer(tx, outbox, list, '遴选结果公示中', 'selection publicised');
        return state(tx, await loadList(tx, listId));
      });
    },

    /** After the notice period without a sustained objection: the list is taken (挂帅). */
    async confirm(actor: Actor, ctx: RequestContext, listId: string) {
      return run(async (tx, outbox) => {
        const now = clock.now();
        const list = await lockList(tx, listId);
        requireOfficer(actor, list.regionCode);
        const [s] = await tx.select().from(challengeSelections).where(eq(challengeSelections.listId, listId));
        if (!s || list.status !== 'publicised') throw new AppError('INVALID_TRANSITION', { from: list.status });
        if (now < s.noticeEndsAt)
          throw new AppError('CHALLENGE_NOTICE_NOT_OVER', {
            until: s.noticeEndsAt.toISOString().slice(0, 16).replace('T', ' '),
          });
        await transitionList(tx, listId, 'taken', ctx, null, { at: now, expectedVersion: list.version });
        await tx.update(challengeSelections).set({ confirmedAt: now }).where(eq(challengeSelections.listId, listId));
        const chosen = await tx
          .select({ organisationId: challengeApplications.organisationId })
          .from(challengeApplications)
          .where(and(eq(challengeApplications.listId, listId), inArray(challengeApplications.id, s.applicationIds)));
        await notify(tx, notifications, outbox, {
          userIds: await memberUserIds(
            tx,
            chosen.map((c) => c.organisationId),
          ),
          category: 'challenge',
          title: { zh: `揭榜成功：${list.title}`, en: `You took the list: ${list.title}` },
          body: {
            zh: `公示期满，贵单位成功揭榜「${list.title}」，请与发榜企业签订技术合同。`,
            en: `The notice period is over: you took "${list.title}". Sign the technology contract with the enterprise.`,
          },
          link: '/challenges/apply/mine',
        });
        await tellIssuer(tx, outbox, list, '已揭榜', 'taken');
        return state(tx, await loadList(tx, listId));
      });
    },

    /** 流榜: nobody suitable applied, or the selection fell through. */
    async unclaim(actor: Actor, ctx: RequestContext, listId: string, reason: string | undefined) {
      return run(async (tx, outbox) => {
        const now = clock.now();
        const list = await lockList(tx, listId);
        requireOfficer(actor, list.regionCode);
        if (list.status === 'published' && now < list.applyClosesAt)
          throw new AppError('CHALLENGE_SELECTION_INVALID', { reason: '申报尚未截止 / applications are still open' });
        if (!reason?.trim()) throw new AppError('CHALLENGE_REASON_REQUIRED');
        await transitionList(tx, listId, 'unclaimed', ctx, reason, { at: now, expectedVersion: list.version });
        const apps = await tx
          .select()
          .from(challengeApplications)
          .where(
            and(
              eq(challengeApplications.listId, listId),
              inArray(challengeApplications.status, ['passed', 'selected']),
            ),
          );
        for (const a of apps)
          if (a.status === 'passed') await applications.transition(tx, ctx, a, list, 'not_select', reason, outbox);
        await tellIssuer(tx, outbox, list, '流榜', 'unclaimed');
        return state(tx, await loadList(tx, listId));
      });
    },

    /** A stage gate of a race (赛马): a selected solver is eliminated, with the reason. */
    async eliminate(actor: Actor, ctx: RequestContext, applicationId: string, reason: string | undefined) {
      await run(async (tx, outbox) => {
        const app = await applications.load(tx, applicationId);
        const list = await loadList(tx, app.listId);
        requireOfficer(actor, list.regionCode);
        await applications.transition(tx, ctx, app, list, 'eliminate', reason, outbox);
      });
      return applications.detail(actor, applicationId);
    },
  };
}
export type SelectionService = ReturnType<typeof createSelectionService>;
