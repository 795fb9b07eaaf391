import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Confidentiality,
  type ListInput,
  type ListStatus,
  type listDetail,
  type listListItem,
  type listListQuery,
  listStatusLabels,
  type NeedCategory,
  publicListStatuses,
} from '../../../shared/api/challenges.js';
import { fullName } from '../../../shared/regions/regions.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { users } from '../identity/user.table.js';
import { queryTerms, segmentForIndex } from '../instruments/search.js';
import type { Outbox } from '../notifications/notification.service.js';
import { organisations } from '../organisations/organisation.table.js';
import {
  type ChallengeDeps,
  canRead,
  type Exec,
  expertIds,
  isExpert,
  links,
  loadBatch,
  memberIds,
  officerIds,
  requireManage,
} from './batch.common.js';
import { currentPolicy, presentPolicy } from './batch.service.js';
import {
  challengeDirections,
  challengeListEvents,
  challengeListNeeds,
  challengeListReviews,
  challengeLists,
  challengeNeeds,
  challengeQuestions,
  challengeSubsidyPolicies,
} from './challenges.table.js';
import { isPublicStatus, type ListCommand, listCommandsFrom, listTransitions, transitionList } from './list.status.js';

type ListRow = typeof challengeLists.$inferSelect;
type Item = z.infer<typeof listListItem>;
type Detail = z.infer<typeof listDetail>;

const CONFIDENTIALITY_ORDER: Confidentiality[] = ['public', 'desensitised', 'confidential'];

export function listVectorSql(l: {
  title: string;
  goal: string;
  indicators: { name: string }[];
  eligibility: string;
}): SQL {
  const a = segmentForIndex(l.title);
  const b = segmentForIndex(`${l.goal} ${l.indicators.map((i) => i.name).join(' ')}`);
  const c = segmentForIndex(l.eligibility);
  return sql`setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C')`;
}

const itemSelect = {
  list: challengeLists,
  directionName: challengeDirections.name,
  organisationName: organisations.name,
};

function present(r: { list: ListRow; directionName: string; organisationName: string }, officer: boolean): Item {
  const l = r.list;
  return {
    id: l.id,
    code: l.code,
    batchId: l.batchId,
    title: l.title,
    directionId: l.directionId,
    directionName: r.directionName,
    category: l.category as NeedCategory,
    regionCode: l.regionCode,
    regionName: fullName(l.regionCode, '') ?? l.regionCode,
    // The issuing enterprise is named in public only when every source need is public.
    organisationName: officer || l.confidentiality === 'public' ? r.organisationName : null,
    enterpriseInvestmentFen: l.enterpriseInvestmentFen,
    applyClosesAt: l.applyClosesAt.toISOString(),
    status: l.status as ListStatus,
    publishedAt: l.publishedAt?.toISOString() ?? null,
  };
}

export function createListService(deps: ChallengeDeps) {
  const { db, clock, notifications } = deps;

  function baseQuery(exec: Exec) {
    return exec
      .select(itemSelect)
      .from(challengeLists)
      .innerJoin(challengeDirections, eq(challengeDirections.id, challengeLists.directionId))
      .innerJoin(organisations, eq(organisations.id, challengeLists.organisationId));
  }

  /**
   * The needs a list is drafted from, locked: all of one batch, accepted, and not already feeding
   * another list (`exceptList` lets a list keep its own). Returns them in the order given.
   */
  async function claimNeeds(tx: Tx, needIds: string[], exceptList?: string) {
    const ids = [...new Set(needIds)];
    const rows = await tx
      .select()
      .from(challengeNeeds)
      .where(inArray(challengeNeeds.id, ids))
      .orderBy(asc(challengeNeeds.id))
      .for('update');
    if (rows.length !== ids.length) throw new AppError('NOT_FOUND');
    const links = await tx.select().from(challengeListNeeds).where(inArray(challengeListNeeds.needId, ids));
    const batchId = rows[0]?.batchId;
    for (const n of rows) {
      const taken = links.some((x) => x.needId === n.id && x.listId !== exceptList);
      if (n.status !== 'accepted' || n.batchId !== batchId || taken)
        throw new AppError('CHALLENGE_NEED_UNAVAILABLE', { title: n.title });
    }
    const ordered = ids.map((id) => rows.find((r) => r.id === id) as (typeof rows)[number]);
    const confidentiality = ordered.reduce<Confidentiality>((worst, n) => {
      const c = n.confidentiality as Confidentiality;
      return CONFIDENTIALITY_ORDER.indexOf(c) > CONFIDENTIALITY_ORDER.indexOf(worst) ? c : worst;
    }, 'public');
    return { needs: ordered, batchId: batchId as string, confidentiality };
  }

  function checkWindow(opens: Date, closes: Date) {
    if (!(closes > opens)) throw new AppError('CHALLENGE_WINDOW_INVALID');
  }

  /** Who sees what of a list: officers everything, experts lists under or after review, the public published ones. */
  async function audience(actor: Actor | null, l: ListRow, batchRegion: string) {
    const officer = !!actor && canRead(actor, batchRegion);
    // Experts see a list from its first 论证 on, including when sent back to drafting after it.
    const argued =
      l.status !== 'drafting' ||
      (
        await db
          .select({ id: challengeListEvents.id })
          .from(challengeListEvents)
          .where(and(eq(challengeListEvents.listId, l.id), eq(challengeListEvents.toStatus, 'in_review')))
          .limit(1)
      ).length > 0;
    const expert = !!actor && isExpert(actor) && argued && l.status !== 'withdrawn';
    const visible = officer || expert || isPublicStatus(l.status as ListStatus);
    return { officer, expert, visible };
  }

  async function detail(actor: Actor | null, id: string): Promise<Detail> {
    const [row] = await baseQuery(db).where(eq(challengeLists.id, id));
    if (!row) throw new AppError('NOT_FOUND');
    const l = row.list;
    const batch = await loadBatch(db, l.batchId);
    const { officer, expert, visible } = await audience(actor, l, batch.regionCode);
    if (!visible) throw new AppError('NOT_FOUND');
    const insider = officer || expert;
    const [policy] = await db
      .select()
      .from(challengeSubsidyPolicies)
      .where(eq(challengeSubsidyPolicies.id, l.subsidyPolicyId));
    const needs = await db
      .select({ need: challengeNeeds, organisationName: organisations.name })
      .from(challengeListNeeds)
      .innerJoin(challengeNeeds, eq(challengeNeeds.id, challengeListNeeds.needId))
      .innerJoin(organisations, eq(organisations.id, challengeNeeds.organisationId))
      .where(eq(challengeListNeeds.listId, id))
      .orderBy(asc(challengeNeeds.title));
    const reviews = insider
      ? await db
          .select({ review: challengeListReviews, expertName: users.name })
          .from(challengeListReviews)
          .innerJoin(users, eq(users.id, challengeListReviews.expertUserId))
          .where(eq(challengeListReviews.listId, id))
          .orderBy(asc(challengeListReviews.id))
      : [];
    const events = insider
      ? await db
          .select({ event: challengeListEvents, actorName: users.name })
          .from(challengeListEvents)
          .leftJoin(users, eq(users.id, challengeListEvents.actorUserId))
          .where(eq(challengeListEvents.listId, id))
          .orderBy(asc(challengeListEvents.id))
      : [];
    const questions = await db
      .select()
      .from(challengeQuestions)
      .where(
        and(
          eq(challengeQuestions.listId, id),
          officer ? undefined : sql`${challengeQuestions.answer} is not null and not ${challengeQuestions.hidden}`,
        ),
      )
      .orderBy(asc(challengeQuestions.createdAt));
    const status = l.status as ListStatus;
    const manage = !!actor && can(actor, 'challenge.manage', { regionCode: batch.regionCode });
    const alreadyReviewed =
      !!actor && reviews.some((r) => r.review.expertUserId === actor.userId && r.review.listVersion === l.version);
    const commands = [
      ...(manage && status === 'drafting' ? ['edit'] : []),
      ...(manage ? listCommandsFrom(status, 'officer') : []),
      ...(actor && isExpert(actor) && status === 'in_review' && !alreadyReviewed ? ['review'] : []),
      ...(manage && isPublicStatus(status) ? ['answer'] : []),
    ];
    return {
      ...present(row, insider),
      goal: l.goal,
      indicators: l.indicators,
      eligibility: l.eligibility,
      periodMonths: l.periodMonths,
      maxSolvers: l.maxSolvers,
      reviewsRequired: l.reviewsRequired,
      confidentiality: l.confidentiality as Confidentiality,
      applyOpensAt: l.applyOpensAt.toISOString(),
      contactName: l.contactName,
      contactPhone: l.contactPhone,
      contactEmail: l.contactEmail,
      policy: presentPolicy(policy as typeof challengeSubsidyPolicies.$inferSelect),
      version: l.version,
      // Confidential needs never leave the bureau; desensitised ones show their public summary only.
      needs: needs.flatMap(
        ({ need, organisationName }): { id: string; title: string; organisationName: string | null }[] => {
          if (insider) return [{ id: need.id, title: need.title, organisationName }];
          if (need.confidentiality === 'public') return [{ id: need.id, title: need.title, organisationName }];
          if (need.confidentiality === 'desensitised' && need.publicSummary)
            return [{ id: need.id, title: need.publicSummary, organisationName: null }];
          return [];
        },
      ),
      reviews: reviews.map(({ review, expertName }) => ({
        id: review.id,
        expertName,
        verdict: review.verdict as 'approve' | 'revise',
        comment: review.comment,
        listVersion: review.listVersion,
        at: review.at.toISOString(),
      })),
      events: presentEvents(events),
      questions: questions.map((q) => ({
        id: q.id,
        question: q.question,
        answer: q.answer,
        askedAt: q.createdAt.toISOString(),
        answeredAt: q.answeredAt?.toISOString() ?? null,
      })),
      commands,
    };
  }

  async function notifyPublished(tx: Tx, l: ListRow): Promise<Outbox> {
    // Enterprises whose needs fed the list, including needs merged into those.
    const orgs = await tx.execute<{ organisation_id: string }>(sql`
      select distinct n.organisation_id from challenge_needs n
      where n.id in (select need_id from challenge_list_needs where list_id = ${l.id})
         or n.merged_into_id in (select need_id from challenge_list_needs where list_id = ${l.id})`);
    const rows = (orgs as unknown as { rows: { organisation_id: string }[] }).rows;
    return notifications.post(tx, {
      userIds: await memberIds(
        tx,
        rows.map((r) => r.organisation_id),
      ),
      category: 'challenge',
      title: { zh: `榜单已发布：${l.title}`, en: `List published: ${l.title}` },
      body: {
        zh: `由您的需求凝练的榜单「${l.title}」已公开发榜，正在征集揭榜方。`,
        en: `The list "${l.title}" drawn from your need is published and open to solvers.`,
      },
      link: links.hall(l.id),
    });
  }

  async function page(where: SQL | undefined, q: z.infer<typeof listListQuery>, officer: boolean, rank?: SQL) {
    const rows = await baseQuery(db)
      .where(where)
      .orderBy(
        ...(rank ? [desc(rank)] : []),
        desc(challengeLists.publishedAt),
        desc(challengeLists.createdAt),
        asc(challengeLists.code),
      )
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db.select({ n: count() }).from(challengeLists).where(where);
    return { items: rows.map((r) => present(r, officer)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  }

  function filters(q: z.infer<typeof listListQuery>) {
    const terms = q.q ? queryTerms(q.q) : null;
    const tsq = terms ? sql`to_tsquery('simple', ${terms.map((t) => `'${t}'`).join(' & ')})` : null;
    const where = and(
      q.batchId ? eq(challengeLists.batchId, q.batchId) : undefined,
      q.status ? eq(challengeLists.status, q.status) : undefined,
      q.directionId ? eq(challengeLists.directionId, q.directionId) : undefined,
      q.category ? eq(challengeLists.category, q.category) : undefined,
      q.regionCode ? sql`${challengeLists.regionCode} like ${`${q.regionCode.replace(/(00)+$/, '')}%`}` : undefined,
      q.deadlineFrom ? gte(challengeLists.applyClosesAt, new Date(`${q.deadlineFrom}T00:00:00+08:00`)) : undefined,
      q.deadlineTo ? lte(challengeLists.applyClosesAt, new Date(`${q.deadlineTo}T23:59:59.999+08:00`)) : undefined,
      tsq ? sql`(${challengeLists.searchVector} @@ ${tsq} or ${challengeLists.title} ilike ${`%${q.q}%`})` : undefined,
    );
    return { where, rank: tsq ? sql`ts_rank(${challengeLists.searchVector}, ${tsq})` : undefined };
  }

  return {
    detail,

    /** The public hall: published lists and later, no sign-in. */
    async hall(q: z.infer<typeof listListQuery>) {
      const { where, rank } = filters(q);
      const shown =
        q.status && (publicListStatuses as readonly string[]).includes(q.status)
          ? undefined
          : inArray(challengeLists.status, [...publicListStatuses]);
      if (q.status && !(publicListStatuses as readonly string[]).includes(q.status))
        return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      return page(and(where, shown), q, false, rank);
    },

    /** Lists of the batches in the officer's regions, every status. */
    async managed(actor: Actor, q: z.infer<typeof listListQuery>) {
      const prefixes = regionPrefixes(actor, 'challenge.read');
      if (!prefixes.length) throw new AppError('FORBIDDEN');
      const scope = sql.join(
        prefixes.map((p) => sql`b.region_code like ${`${p}%`}`),
        sql` or `,
      );
      const inScope = sql`${challengeLists.batchId} in (select b.id from challenge_batches b where ${scope})`;
      const { where, rank } = filters(q);
      return page(and(inScope, where), q, true, rank);
    },

    /** What experts are asked to argue (论证): lists under review, oldest first on the page. */
    async reviewQueue(actor: Actor, q: z.infer<typeof listListQuery>) {
      if (!isExpert(actor)) throw new AppError('FORBIDDEN');
      const { where } = filters(q);
      return page(and(where, inArray(challengeLists.status, q.status ? [q.status] : ['in_review'])), q, true);
    },

    async create(actor: Actor, ctx: RequestContext, input: ListInput) {
      const opens = new Date(input.applyOpensAt);
      const closes = new Date(input.applyClosesAt);
      checkWindow(opens, closes);
      const now = clock.now();
      const id = await db.transaction(async (tx) => {
        const { needs, batchId, confidentiality } = await claimNeeds(tx, input.needIds);
        const batch = await loadBatch(tx, batchId);
        requireManage(actor, batch.regionCode);
        // The batch row lock serialises list numbering within the batch.
        await tx.execute(sql`select 1 from challenge_batches where id = ${batchId} for update`);
        const [n] = await tx.select({ n: count() }).from(challengeLists).where(eq(challengeLists.batchId, batchId));
        const code = `${batch.code}-${String((n?.n ?? 0) + 1).padStart(3, '0')}`;
        const policy = await currentPolicy(tx, batchId);
        const first = needs[0] as (typeof needs)[number];
        const [l] = await tx
          .insert(challengeLists)
          .values({
            batchId,
            code,
            title: input.title,
            directionId: first.directionId,
            category: first.category,
            organisationId: first.organisationId,
            regionCode: first.regionCode,
            goal: input.goal,
            indicators: input.indicators,
            eligibility: input.eligibility,
            periodMonths: input.periodMonths,
            enterpriseInvestmentFen: input.enterpriseInvestmentFen,
            subsidyPolicyId: policy.id,
            maxSolvers: input.maxSolvers,
            reviewsRequired: input.reviewsRequired,
            confidentiality,
            applyOpensAt: opens,
            applyClosesAt: closes,
            contactName: input.contactName,
            contactPhone: input.contactPhone,
            contactEmail: input.contactEmail ?? null,
            status: 'drafting',
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
            searchVector: listVectorSql(input) as unknown as string,
          })
          .returning();
        if (!l) throw new AppError('INTERNAL_ERROR');
        await tx.insert(challengeListNeeds).values(needs.map((x) => ({ listId: l.id, needId: x.id })));
        await tx
          .insert(challengeListEvents)
          .values({ listId: l.id, fromStatus: null, toStatus: 'drafting', actorUserId: actor.userId, at: now });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_list.create',
            targetType: 'challenge_list',
            targetId: l.id,
            regionCode: l.regionCode,
            summary: { code, title: l.title, needs: needs.map((x) => x.id), policyVersion: policy.version },
          },
          now,
        );
        return l.id;
      });
      return detail(actor, id);
    },

    /** Edits a list while it is drafted; `version` must be the one the editor loaded. */
    async update(actor: Actor, ctx: RequestContext, id: string, input: Partial<ListInput> & { version: number }) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [l] = await tx.select().from(challengeLists).where(eq(challengeLists.id, id)).for('update');
        if (!l) throw new AppError('NOT_FOUND');
        const batch = await loadBatch(tx, l.batchId);
        requireManage(actor, batch.regionCode);
        if (l.version !== input.version) throw new AppError('STALE_STATE');
        if (l.status !== 'drafting')
          throw new AppError('INVALID_TRANSITION', { from: listStatusLabels[l.status as ListStatus].zh });
        const opens = input.applyOpensAt ? new Date(input.applyOpensAt) : l.applyOpensAt;
        const closes = input.applyClosesAt ? new Date(input.applyClosesAt) : l.applyClosesAt;
        checkWindow(opens, closes);
        let confidentiality = l.confidentiality;
        if (input.needIds) {
          const claimed = await claimNeeds(tx, input.needIds, id);
          if (claimed.batchId !== l.batchId)
            throw new AppError('CHALLENGE_NEED_UNAVAILABLE', { title: claimed.needs[0]?.title ?? '' });
          confidentiality = claimed.confidentiality;
          await tx.delete(challengeListNeeds).where(eq(challengeListNeeds.listId, id));
          await tx.insert(challengeListNeeds).values(claimed.needs.map((x) => ({ listId: id, needId: x.id })));
        }
        const { version: _v, needIds: _n, applyOpensAt: _o, applyClosesAt: _c, ...fields } = input;
        const merged = { ...l, ...fields };
        const [updated] = await tx
          .update(challengeLists)
          .set({
            ...fields,
            contactEmail: fields.contactEmail ?? l.contactEmail,
            applyOpensAt: opens,
            applyClosesAt: closes,
            confidentiality,
            version: l.version + 1,
            updatedAt: now,
            searchVector: listVectorSql(merged) as unknown as string,
          })
          .where(and(eq(challengeLists.id, id), eq(challengeLists.version, input.version)))
          .returning({ id: challengeLists.id });
        if (!updated) throw new AppError('STALE_STATE');
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_list.update',
            targetType: 'challenge_list',
            targetId: id,
            regionCode: l.regionCode,
            summary: { fields: Object.keys(fields), needs: input.needIds ?? null, version: l.version + 1 },
          },
          now,
        );
      });
      return detail(actor, id);
    },

    /** Officer commands (submit for 论证, publish, withdraw), guarded by the version the officer saw. */
    async command(
      actor: Actor,
      ctx: RequestContext,
      id: string,
      command: ListCommand,
      reason: string | undefined,
      version: number,
    ) {
      if (listTransitions[command].by !== 'officer') throw new AppError('FORBIDDEN');
      const outbox = await db.transaction(async (tx) => {
        const [l] = await tx.select().from(challengeLists).where(eq(challengeLists.id, id));
        if (!l) throw new AppError('NOT_FOUND');
        const batch = await loadBatch(tx, l.batchId);
        requireManage(actor, batch.regionCode);
        const now = clock.now();
        if (command === 'publish' && l.applyClosesAt <= now) throw new AppError('CHALLENGE_WINDOW_INVALID');
        await transitionList(tx, id, listTransitions[command].to, ctx, reason, { at: now, expectedVersion: version });
        if (command === 'submit_review')
          return notifications.post(tx, {
            userIds: await expertIds(tx),
            category: 'challenge',
            title: { zh: `榜单待论证：${l.title}`, en: `List to review: ${l.title}` },
            body: {
              zh: `榜单「${l.title}」已提交专家论证，请提出意见。`,
              en: `The list "${l.title}" awaits your expert opinion.`,
            },
            link: links.review(id),
          });
        if (command === 'publish') return notifyPublished(tx, l);
        return [];
      });
      await notifications.flush(outbox);
      return detail(actor, id);
    },

    /**
     * An expert's 论证 opinion on the version under review. "revise" sends the list back to drafting
     * at once; approvals move it on once `reviewsRequired` experts agree on the same version.
     */
    async review(
      actor: Actor,
      ctx: RequestContext,
      id: string,
      input: { verdict: 'approve' | 'revise'; comment: string; version: number },
    ) {
      if (!isExpert(actor)) throw new AppError('FORBIDDEN');
      const outbox = await db.transaction(async (tx) => {
        const [l] = await tx.select().from(challengeLists).where(eq(challengeLists.id, id)).for('update');
        if (!l) throw new AppError('NOT_FOUND');
        if (l.version !== input.version) throw new AppError('STALE_STATE');
        if (l.status !== 'in_review')
          throw new AppError('INVALID_TRANSITION', { from: listStatusLabels[l.status as ListStatus].zh });
        const mine = await tx
          .select({ id: challengeListReviews.id })
          .from(challengeListReviews)
          .where(
            and(
              eq(challengeListReviews.listId, id),
              eq(challengeListReviews.listVersion, l.version),
              eq(challengeListReviews.expertUserId, actor.userId),
            ),
          );
        if (mine.length) throw new AppError('CHALLENGE_ALREADY_REVIEWED');
        const now = clock.now();
        await tx.insert(challengeListReviews).values({
          listId: id,
          listVersion: l.version,
          expertUserId: actor.userId,
          verdict: input.verdict,
          comment: input.comment,
          at: now,
        });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_list.review',
            targetType: 'challenge_list',
            targetId: id,
            regionCode: l.regionCode,
            summary: { verdict: input.verdict, version: l.version },
          },
          now,
        );
        let moved: ListStatus | null = null;
        if (input.verdict === 'revise') {
          await transitionList(tx, id, 'drafting', ctx, input.comment, { at: now });
          moved = 'drafting';
        } else {
          const [approvals] = await tx
            .select({ n: count() })
            .from(challengeListReviews)
            .where(
              and(
                eq(challengeListReviews.listId, id),
                eq(challengeListReviews.listVersion, l.version),
                eq(challengeListReviews.verdict, 'approve'),
              ),
            );
          if ((approvals?.n ?? 0) >= l.reviewsRequired) {
            await transitionList(tx, id, 'approved', ctx, input.comment, { at: now });
            moved = 'approved';
          }
        }
        const batch = await loadBatch(tx, l.batchId);
        const label = moved ? listStatusLabels[moved] : { zh: '收到专家意见', en: 'Expert opinion received' };
        return notifications.post(tx, {
          userIds: await officerIds(tx, batch.regionCode),
          category: 'challenge',
          title: { zh: `榜单论证：${l.title}（${label.zh}）`, en: `List review: ${l.title} (${label.en})` },
          body: {
            zh: `${actor.name} 的论证意见：${input.verdict === 'approve' ? '同意' : '需修改'}。${input.comment}`,
            en: `${actor.name}'s opinion: ${input.verdict === 'approve' ? 'approve' : 'revise'}. ${input.comment}`,
          },
          link: links.list(id),
        });
      });
      await notifications.flush(outbox);
      return detail(actor, id);
    },
  };
}
export type ListService = ReturnType<typeof createListService>;
