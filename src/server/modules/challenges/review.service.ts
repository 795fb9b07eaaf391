import { and, asc, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { assignBody, reviewSettingsBody } from '../../../shared/api/challenge-applications.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { memberships, roleAssignments, users } from '../identity/user.table.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import {
  audit,
  isMemberOf,
  isOfficerFor,
  loadList,
  notify,
  officerUserIds,
  orgsByIds,
  requireOfficer,
  userNames,
} from './application.common.js';
import type { ApplicationService } from './application.service.js';
import {
  challengeApplicationParties,
  challengeApplications,
  challengeConflictDeclarations,
  challengeContracts,
  challengeReviewAssignments,
  challengeReviewSettings,
} from './applications.table.js';
import { type Conflict, findConflicts, LOOKBACK_MS } from './review.conflict.js';
import { aggregate, type Criterion, checkScores, weightedTotal } from './review.score.js';

/** Used until an officer sets the list's own rubric. */
export const defaultRubric: Criterion[] = [
  { key: 'technical', labelZh: '技术方案先进性与可行性', labelEn: 'Technical plan', weight: 40 },
  { key: 'capability', labelZh: '研发基础与团队能力', labelEn: 'R&D base and team', weight: 25 },
  { key: 'indicators', labelZh: '考核指标可达性', labelEn: 'Indicators achievable', weight: 20 },
  { key: 'budget', labelZh: '经费预算合理性', labelEn: 'Budget soundness', weight: 15 },
];

const conflictLabels: Record<Conflict['kind'], string> = {
  same_organisation: '同一单位',
  recent_collaboration: '近三年合作（联合申报或技术合同）',
  declared: '本人申报的利害关系',
};

export function createReviewService(deps: {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  applications: ApplicationService;
}) {
  const { db, clock, notifications, applications } = deps;

  async function settingsOf(exec: Db | Tx, listId: string) {
    const [s] = await exec.select().from(challengeReviewSettings).where(eq(challengeReviewSettings.listId, listId));
    return { rubric: (s?.rubric ?? defaultRubric) as Criterion[], blind: s?.blind ?? false };
  }

  /** The facts the conflict rules need, for one expert and one application. */
  async function conflictsFor(tx: Tx, expertUserId: string, applicationId: string, now: Date) {
    const [mine, parties, declared] = await Promise.all([
      tx
        .select({ organisationId: memberships.organisationId })
        .from(memberships)
        .where(eq(memberships.userId, expertUserId)),
      tx
        .select({ organisationId: challengeApplicationParties.organisationId })
        .from(challengeApplicationParties)
        .where(eq(challengeApplicationParties.applicationId, applicationId)),
      tx
        .select()
        .from(challengeConflictDeclarations)
        .where(eq(challengeConflictDeclarations.expertUserId, expertUserId)),
    ]);
    const expertOrgs = mine.map((m) => m.organisationId);
    const applicantOrgs = parties.map((p) => p.organisationId);
    const collaborations: { organisationId: string; partnerId: string; at: Date }[] = [];
    if (expertOrgs.length > 0) {
      const since = new Date(now.getTime() - LOOKBACK_MS);
      // Joint applications: any other application where an expert's organisation was a party.
      const joint = await tx
        .select({ applicationId: challengeApplicationParties.applicationId, at: challengeApplications.submittedAt })
        .from(challengeApplicationParties)
        .innerJoin(challengeApplications, eq(challengeApplications.id, challengeApplicationParties.applicationId))
        .where(
          and(
            inArray(challengeApplicationParties.organisationId, expertOrgs),
            gte(challengeApplications.submittedAt, since),
            ne(challengeApplications.id, applicationId),
          ),
        );
      if (joint.length > 0) {
        const partners = await tx
          .select({
            applicationId: challengeApplicationParties.applicationId,
            organisationId: challengeApplicationParties.organisationId,
          })
          .from(challengeApplicationParties)
          .where(
            inArray(
              challengeApplicationParties.applicationId,
              joint.map((j) => j.applicationId),
            ),
          );
        for (const p of partners) {
          const at = joint.find((j) => j.applicationId === p.applicationId)?.at as Date;
          for (const e of expertOrgs) collaborations.push({ organisationId: e, partnerId: p.organisationId, at });
        }
      }
      const contracts = await tx
        .select({
          buyer: challengeContracts.buyerOrganisationId,
          seller: challengeContracts.sellerOrganisationId,
          at: challengeContracts.createdAt,
        })
        .from(challengeContracts)
        .where(
          or(
            inArray(challengeContracts.buyerOrganisationId, expertOrgs),
            inArray(challengeContracts.sellerOrganisationId, expertOrgs),
          ),
        );
      for (const c of contracts) collaborations.push({ organisationId: c.buyer, partnerId: c.seller, at: c.at });
    }
    return findConflicts({
      expertOrganisationIds: expertOrgs,
      applicantOrganisationIds: applicantOrgs,
      collaborations,
      declared: declared.map((d) => ({ organisationId: d.organisationId, relation: d.relation })),
      now,
    });
  }

  async function describe(tx: Tx, conflicts: Conflict[]) {
    const orgs = await orgsByIds(
      tx,
      conflicts.map((c) => c.organisationId),
    );
    return conflicts.map(
      (c) => `${conflictLabels[c.kind]}：${orgs.get(c.organisationId)?.name ?? ''}${c.detail ? `（${c.detail}）` : ''}`,
    );
  }

  async function loadAssignment(exec: Db | Tx, id: string) {
    const [a] = await exec.select().from(challengeReviewAssignments).where(eq(challengeReviewAssignments.id, id));
    if (!a) throw new AppError('NOT_FOUND');
    return a;
  }

  return {
    settingsOf,

    /** Experts an officer may assign, with their organisations (for spotting conflicts by eye too). */
    async experts(actor: Actor) {
      if (!can(actor, 'challenge.manage_applications', {})) throw new AppError('FORBIDDEN');
      const rows = await db
        .select({ userId: roleAssignments.userId, name: users.name, email: users.email })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(and(eq(roleAssignments.role, 'expert'), isNull(roleAssignments.revokedAt), eq(users.status, 'active')));
      return [...new Map(rows.map((r) => [r.userId, r])).values()];
    },

    async getSettings(actor: Actor, listId: string) {
      const list = await loadList(db, listId);
      if (!isOfficerFor(actor, list.regionCode) && !isMemberOf(actor, list.organisationId))
        throw new AppError('FORBIDDEN');
      return settingsOf(db, listId);
    },

    async putSettings(actor: Actor, ctx: RequestContext, listId: string, body: z.infer<typeof reviewSettingsBody>) {
      const list = await loadList(db, listId);
      requireOfficer(actor, list.regionCode);
      const keys = new Set(body.rubric.map((c) => c.key));
      if (keys.size !== body.rubric.length)
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'rubric', message: 'duplicate key' }]);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx
          .insert(challengeReviewSettings)
          .values({ listId, rubric: body.rubric, blind: body.blind, updatedAt: now })
          .onConflictDoUpdate({
            target: challengeReviewSettings.listId,
            set: { rubric: body.rubric, blind: body.blind, updatedAt: now },
          });
        await audit(
          tx,
          ctx,
          'challenge_review.settings',
          'challenge_list',
          listId,
          list.regionCode,
          { rubric: body.rubric, blind: body.blind },
          now,
        );
      });
      return settingsOf(db, listId);
    },

    /** An expert declares a relationship; it blocks assignments to that organisation from now on. */
    async declare(actor: Actor, ctx: RequestContext, organisationId: string, relation: string) {
      if (!actor.roles.some((r) => r.role === 'expert')) throw new AppError('CHALLENGE_NOT_EXPERT');
      const now = clock.now();
      await db.transaction(async (tx) => {
        if ((await orgsByIds(tx, [organisationId])).size === 0) throw new AppError('NOT_FOUND');
        await tx
          .insert(challengeConflictDeclarations)
          .values({ expertUserId: actor.userId, organisationId, relation, at: now })
          .onConflictDoUpdate({
            target: [challengeConflictDeclarations.expertUserId, challengeConflictDeclarations.organisationId],
            set: { relation, at: now },
          });
        await audit(
          tx,
          ctx,
          'challenge_review.declare_conflict',
          'organisation',
          organisationId,
          null,
          { relation },
          now,
        );
      });
      return { ok: true as const };
    },

    /**
     * Assigns every expert to every application. Conflicted pairs refuse the whole batch with the
     * reasons, unless `skipConflicts`, in which case they are left out and reported.
     */
    async assign(actor: Actor, ctx: RequestContext, listId: string, body: z.infer<typeof assignBody>) {
      const list = await loadList(db, listId);
      requireOfficer(actor, list.regionCode);
      const outbox: Outbox = [];
      const result = await db.transaction(async (tx) => {
        const now = clock.now();
        const experts = await tx
          .select({ userId: roleAssignments.userId })
          .from(roleAssignments)
          .where(
            and(
              inArray(roleAssignments.userId, body.expertUserIds),
              eq(roleAssignments.role, 'expert'),
              isNull(roleAssignments.revokedAt),
            ),
          );
        const expertIds = new Set(experts.map((e) => e.userId));
        if (body.expertUserIds.some((id) => !expertIds.has(id))) throw new AppError('CHALLENGE_NOT_EXPERT');
        const apps = await tx
          .select()
          .from(challengeApplications)
          .where(and(inArray(challengeApplications.id, body.applicationIds), eq(challengeApplications.listId, listId)));
        if (apps.length !== new Set(body.applicationIds).size) throw new AppError('NOT_FOUND');
        const bad = apps.find((a) => a.status !== 'passed');
        if (bad) throw new AppError('INVALID_TRANSITION', { from: bad.status });
        const names = await userNames(tx, [...expertIds]);
        const skipped: { applicationId: string; expertUserId: string; reasons: string[] }[] = [];
        let assigned = 0;
        const notified = new Map<string, number>();
        for (const app of apps)
          for (const expertUserId of expertIds) {
            const conflicts = await conflictsFor(tx, expertUserId, app.id, now);
            if (conflicts.length > 0) {
              const reasons = await describe(tx, conflicts);
              if (!body.skipConflicts)
                throw new AppError(
                  'CHALLENGE_EXPERT_CONFLICT',
                  { expert: names.get(expertUserId) ?? '', reasons: reasons.join('；') },
                  { applicationId: app.id, expertUserId, conflicts },
                );
              skipped.push({ applicationId: app.id, expertUserId, reasons });
              continue;
            }
            const inserted = await tx
              .insert(challengeReviewAssignments)
              .values({
                applicationId: app.id,
                listId,
                expertUserId,
                status: 'assigned',
                assignedBy: actor.userId,
                assignedAt: now,
              })
              .onConflictDoNothing()
              .returning({ id: challengeReviewAssignments.id });
            if (inserted.length === 0) continue;
            assigned++;
            notified.set(expertUserId, (notified.get(expertUserId) ?? 0) + 1);
            await audit(
              tx,
              ctx,
              'challenge_review.assign',
              'challenge_application',
              app.id,
              list.regionCode,
              { expertUserId },
              now,
            );
          }
        for (const [userId, n] of notified)
          await notify(tx, notifications, outbox, {
            userIds: [userId],
            category: 'challenge',
            title: { zh: `新的评审任务：${list.title}`, en: `New reviews: ${list.title}` },
            body: {
              zh: `您被分配评审榜单「${list.title}」的 ${n} 份揭榜方案。`,
              en: `You were assigned ${n} proposals of "${list.title}" to review.`,
            },
            link: '/challenges/apply/reviews',
          });
        return { assigned, skipped };
      });
      await notifications.flush(outbox);
      return result;
    },

    /** The expert declines, citing a conflict the rules did not know; the officer is told. */
    async decline(actor: Actor, ctx: RequestContext, id: string, reason: string) {
      const outbox: Outbox = [];
      await db.transaction(async (tx) => {
        const a = await loadAssignment(tx, id);
        if (a.expertUserId !== actor.userId) throw new AppError('NOT_FOUND');
        if (a.status !== 'assigned') throw new AppError('INVALID_TRANSITION', { from: a.status });
        const list = await loadList(tx, a.listId);
        const now = clock.now();
        await tx
          .update(challengeReviewAssignments)
          .set({ status: 'declined', declineReason: reason })
          .where(eq(challengeReviewAssignments.id, id));
        await audit(
          tx,
          ctx,
          'challenge_review.decline',
          'challenge_application',
          a.applicationId,
          list.regionCode,
          { reason },
          now,
        );
        await notify(tx, notifications, outbox, {
          userIds: a.assignedBy ? [a.assignedBy] : await officerUserIds(tx, list.regionCode),
          category: 'challenge',
          title: { zh: `专家回避：${list.title}`, en: `Expert declined: ${list.title}` },
          body: {
            zh: `${actor.name} 以利益冲突为由拒绝评审一份方案：${reason}`,
            en: `${actor.name} declined a review citing a conflict: ${reason}`,
          },
          link: `/challenges/apply/screening?listId=${list.id}`,
        });
      });
      await notifications.flush(outbox);
      return { ok: true as const };
    },

    async score(actor: Actor, ctx: RequestContext, id: string, scores: Record<string, number>, comment: string) {
      const outbox: Outbox = [];
      await db.transaction(async (tx) => {
        const a = await loadAssignment(tx, id);
        if (a.expertUserId !== actor.userId) throw new AppError('NOT_FOUND');
        if (a.status === 'declined') throw new AppError('INVALID_TRANSITION', { from: '已回避' });
        const [app] = await tx
          .select()
          .from(challengeApplications)
          .where(eq(challengeApplications.id, a.applicationId));
        if (!app || app.status !== 'passed') throw new AppError('INVALID_TRANSITION', { from: app?.status ?? '' });
        const list = await loadList(tx, a.listId);
        const { rubric } = await settingsOf(tx, a.listId);
        const errors = checkScores(rubric, scores);
        if (errors.length > 0)
          throw new AppError('CHALLENGE_SCORES_INVALID', { keys: errors.map((e) => e.key).join(', ') }, errors);
        const total = weightedTotal(rubric, scores);
        const now = clock.now();
        await tx
          .update(challengeReviewAssignments)
          .set({ status: 'submitted', scores, total, comment, submittedAt: now })
          .where(eq(challengeReviewAssignments.id, id));
        await audit(
          tx,
          ctx,
          'challenge_review.score',
          'challenge_application',
          a.applicationId,
          list.regionCode,
          { total, resubmitted: a.status === 'submitted' },
          now,
        );
        const pending = await tx
          .select({ id: challengeReviewAssignments.id })
          .from(challengeReviewAssignments)
          .where(
            and(eq(challengeReviewAssignments.listId, a.listId), eq(challengeReviewAssignments.status, 'assigned')),
          );
        if (pending.length === 0 && a.status === 'assigned')
          await notify(tx, notifications, outbox, {
            userIds: await officerUserIds(tx, list.regionCode),
            category: 'challenge',
            title: { zh: `评审完成：${list.title}`, en: `Reviews complete: ${list.title}` },
            body: {
              zh: `榜单「${list.title}」的全部评审已提交，可以遴选。`,
              en: `All reviews of "${list.title}" are in; selection can start.`,
            },
            link: `/challenges/apply/screening?listId=${list.id}`,
          });
      });
      await notifications.flush(outbox);
      return { ok: true as const };
    },

    /** The expert's tasks, with "done of total" and blind aliases where the list is blind. */
    async mine(actor: Actor) {
      const rows = await db
        .select({ a: challengeReviewAssignments, app: challengeApplications })
        .from(challengeReviewAssignments)
        .innerJoin(challengeApplications, eq(challengeApplications.id, challengeReviewAssignments.applicationId))
        .where(eq(challengeReviewAssignments.expertUserId, actor.userId))
        .orderBy(asc(challengeReviewAssignments.assignedAt));
      const listIds = [...new Set(rows.map((r) => r.a.listId))];
      const [aliases, orgs] = await Promise.all([
        applications.aliasesFor(db, listIds),
        orgsByIds(
          db,
          rows.map((r) => r.app.organisationId),
        ),
      ]);
      const lists = new Map<string, { title: string; rubric: Criterion[]; blind: boolean }>();
      for (const id of listIds) {
        const l = await loadList(db, id);
        lists.set(id, { title: l.title, ...(await settingsOf(db, id)) });
      }
      const items = rows.map(({ a, app }) => {
        const l = lists.get(a.listId) as { title: string; rubric: Criterion[]; blind: boolean };
        return {
          id: a.id,
          applicationId: a.applicationId,
          listTitle: l.title,
          alias: aliases.get(app.id) ?? '',
          organisationName: l.blind ? null : (orgs.get(app.organisationId)?.name ?? null),
          status: a.status,
          total: a.total === null ? null : Number(a.total),
          scores: a.scores,
          comment: a.comment,
          rubric: l.rubric,
        };
      });
      const active = items.filter((i) => i.status !== 'declined');
      return { items, done: active.filter((i) => i.status === 'submitted').length, total: active.length };
    },

    /** The officer's board: per-expert progress and per-application aggregates with outliers. */
    async board(actor: Actor, listId: string) {
      const list = await loadList(db, listId);
      requireOfficer(actor, list.regionCode);
      const { rubric, blind } = await settingsOf(db, listId);
      const [apps, assignments] = await Promise.all([
        db
          .select()
          .from(challengeApplications)
          .where(eq(challengeApplications.listId, listId))
          .orderBy(asc(challengeApplications.submittedAt)),
        db.select().from(challengeReviewAssignments).where(eq(challengeReviewAssignments.listId, listId)),
      ]);
      const [aliases, orgs, names] = await Promise.all([
        applications.aliasesFor(db, [listId]),
        orgsByIds(
          db,
          apps.map((a) => a.organisationId),
        ),
        userNames(db, [...new Set(assignments.map((a) => a.expertUserId))]),
      ]);
      const experts = [...names].map(([userId, name]) => {
        const mine = assignments.filter((a) => a.expertUserId === userId && a.status !== 'declined');
        return { userId, name, done: mine.filter((a) => a.status === 'submitted').length, assigned: mine.length };
      });
      return {
        rubric,
        blind,
        experts,
        applications: apps
          .filter((a) => !['withdrawn'].includes(a.status))
          .map((app) => {
            const reviews = assignments.filter((a) => a.applicationId === app.id);
            const scored = reviews.filter((r) => r.status === 'submitted' && r.total !== null);
            const agg = aggregate(scored.map((r) => Number(r.total)));
            const outlierIds = new Set(agg.outliers.map((i) => scored[i]?.id));
            return {
              id: app.id,
              alias: aliases.get(app.id) ?? '',
              // Officers always see who applied; blind hides names from experts and the enterprise.
              organisationName: orgs.get(app.organisationId)?.name ?? null,
              status: app.status,
              mean: agg.mean,
              median: agg.median,
              adjustedMean: agg.adjustedMean,
              reviews: reviews.map((r) => ({
                expertUserId: r.expertUserId,
                expertName: names.get(r.expertUserId) ?? '',
                status: r.status,
                total: r.total === null ? null : Number(r.total),
                outlier: outlierIds.has(r.id),
                declineReason: r.declineReason,
              })),
            };
          }),
      };
    },

    /** The enterprise's (and officer's) side-by-side view of the shortlisted proposals. */
    async comparison(actor: Actor, listId: string) {
      const list = await loadList(db, listId);
      const officer = isOfficerFor(actor, list.regionCode);
      if (!officer && !isMemberOf(actor, list.organisationId)) throw new AppError('FORBIDDEN');
      const { blind } = await settingsOf(db, listId);
      const hide = blind && !officer;
      const apps = await db
        .select()
        .from(challengeApplications)
        .where(
          and(
            eq(challengeApplications.listId, listId),
            inArray(challengeApplications.status, ['passed', 'selected', 'not_selected', 'eliminated']),
          ),
        )
        .orderBy(asc(challengeApplications.submittedAt));
      const ids = apps.map((a) => a.id);
      const [aliases, orgs, scores, parties] = await Promise.all([
        applications.aliasesFor(db, [listId]),
        orgsByIds(
          db,
          apps.map((a) => a.organisationId),
        ),
        applications.scoresFor(db, ids),
        applications.partiesOf(db, ids),
      ]);
      const items = apps.map((a) => {
        const due = a.milestonePlan.map((m) => m.dueDate).sort();
        return {
          id: a.id,
          alias: aliases.get(a.id) ?? '',
          organisationName: hide ? null : (orgs.get(a.organisationId)?.name ?? null),
          consortiumSize: parties.filter((p) => p.applicationId === a.id).length,
          status: a.status,
          budgetTotalFen: a.budgetTotalFen,
          teamSize: a.team.length,
          milestones: a.milestonePlan.length,
          lastDueDate: due[due.length - 1] ?? null,
          score: scores.get(a.id)?.score ?? null,
          planExcerpt: a.technicalPlan.slice(0, 300),
        };
      });
      items.sort((x, y) => (y.score ?? -1) - (x.score ?? -1));
      return { listTitle: list.title, blind: hide, items };
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
