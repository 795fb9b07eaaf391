import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Confidentiality,
  type ListStatus,
  type listDetail,
  type listListItem,
  type listListQuery,
  type NeedCategory,
  publicListStatuses,
} from '../../../shared/api/challenges.js';
import { fullName } from '../../../shared/regions/regions.js';
import { AppError } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { users } from '../identity/user.table.js';
import { queryTerms } from '../instruments/search.js';
import { organisations } from '../organisations/organisation.table.js';
import { type ChallengeDeps, canRead, type Exec, isExpert, loadBatch } from './batch.common.js';
import { presentPolicy } from './batch.service.js';
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
import { isPublicStatus, listCommandsFrom } from './list.status.js';

export type ListRow = typeof challengeLists.$inferSelect;
type Item = z.infer<typeof listListItem>;
type Detail = z.infer<typeof listDetail>;

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

/** The read side of lists: a list as each audience may see it, the public hall, the bureau's and experts' lists. */
export function createListReader(deps: Pick<ChallengeDeps, 'db'>) {
  const { db } = deps;

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

    /**
     * The enterprise's lists: those drawn from its organisations' needs (or from needs its needs
     * were merged into), once public. For 方案比选 and following its lists.
     */
    async mine(actor: Actor, q: z.infer<typeof listListQuery>) {
      const orgIds = actor.memberships.map((m) => m.organisationId);
      if (!orgIds.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const orgs = sql.join(
        orgIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      const fromMine = sql`${challengeLists.id} in (
        select ln.list_id from challenge_list_needs ln join challenge_needs n on n.id = ln.need_id
        where n.organisation_id in (${orgs})
           or n.id in (select merged_into_id from challenge_needs where organisation_id in (${orgs})))`;
      const { where, rank } = filters(q);
      return page(and(fromMine, inArray(challengeLists.status, [...publicListStatuses]), where), q, true, rank);
    },
  };
}
export type ListReader = ReturnType<typeof createListReader>;
