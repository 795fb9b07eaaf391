import { and, asc, count, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Confidentiality,
  confidentialityLabels,
  type duplicateView,
  type IpIntent,
  type ListStatus,
  type NeedCategory,
  type NeedStatus,
  needCategoryLabels,
  type needDetail,
  type needListItem,
  type needListQuery,
  needStatusLabels,
} from '../../../shared/api/challenges.js';
import { maskPhone } from '../../../shared/mask.js';
import { fullName } from '../../../shared/regions/regions.js';
import { AppError } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { users } from '../identity/user.table.js';
import { distinctiveTerms, queryTerms } from '../instruments/search.js';
import { organisations } from '../organisations/organisation.table.js';
import { type ChallengeDeps, canRead, type Exec, loadBatch, shanghai } from './batch.common.js';
import {
  challengeBatches,
  challengeDirections,
  challengeListNeeds,
  challengeLists,
  challengeNeedEvents,
  challengeNeedMerges,
  challengeNeeds,
} from './challenges.table.js';
import { isEditable, needCommandsFrom } from './need.status.js';
import { rankDuplicates } from './similarity.js';

export type NeedRow = typeof challengeNeeds.$inferSelect;
type ListItem = z.infer<typeof needListItem>;
type Detail = z.infer<typeof needDetail>;
type Duplicate = z.infer<typeof duplicateView>;
type Query = Omit<z.infer<typeof needListQuery>, 'page' | 'pageSize'>;

/** Statuses an officer is still working on: where duplicates are looked for. */
const LIVE: NeedStatus[] = ['submitted', 'screening', 'accepted'];

/** Most rows an export carries: a batch is a few hundred needs, a province a few thousand. */
export const NEED_EXPORT_LIMIT = 20_000;

const listSelect = {
  need: challengeNeeds,
  organisationName: organisations.name,
  directionName: challengeDirections.name,
  listId: challengeListNeeds.listId,
};

function present(r: {
  need: NeedRow;
  organisationName: string;
  directionName: string;
  listId: string | null;
}): ListItem {
  const n = r.need;
  return {
    id: n.id,
    batchId: n.batchId,
    title: n.title,
    organisationId: n.organisationId,
    organisationName: r.organisationName,
    regionCode: n.regionCode,
    regionName: fullName(n.regionCode, '') ?? n.regionCode,
    directionId: n.directionId,
    directionName: r.directionName,
    category: n.category as NeedCategory,
    confidentiality: n.confidentiality as Confidentiality,
    ownFundingFen: n.ownFundingFen,
    status: n.status as NeedStatus,
    submittedAt: n.submittedAt?.toISOString() ?? null,
    listId: r.listId,
  };
}

/**
 * How much of another enterprise's need a reader may see: officers and its own enterprise the
 * title, others the title of a public need, the public summary of a desensitised one, and of a
 * confidential one only that it exists.
 */
export function visibleTitle(
  n: Pick<NeedRow, 'title' | 'confidentiality' | 'publicSummary'>,
  insider: boolean,
): { title: string; visible: boolean } {
  if (insider || n.confidentiality === 'public') return { title: n.title, visible: true };
  if (n.confidentiality === 'desensitised' && n.publicSummary) return { title: n.publicSummary, visible: true };
  return { title: '（保密需求 / confidential need）', visible: false };
}

/** The read side of needs: records, duplicates, the enterprise's list, the officer's queue and its export. */
export function createNeedReader(deps: Pick<ChallengeDeps, 'db'>) {
  const { db } = deps;

  function baseQuery(exec: Exec) {
    return exec
      .select(listSelect)
      .from(challengeNeeds)
      .innerJoin(organisations, eq(organisations.id, challengeNeeds.organisationId))
      .innerJoin(challengeDirections, eq(challengeDirections.id, challengeNeeds.directionId))
      .leftJoin(challengeListNeeds, eq(challengeListNeeds.needId, challengeNeeds.id));
  }

  async function load(exec: Exec, id: string, lock = false) {
    const q = exec.select().from(challengeNeeds).where(eq(challengeNeeds.id, id));
    const [n] = lock ? await q.for('update') : await q;
    if (!n) throw new AppError('NOT_FOUND');
    return n;
  }

  function isMember(actor: Actor, n: Pick<NeedRow, 'organisationId'>) {
    return can(actor, 'challenge.need', { organisationId: n.organisationId });
  }

  /** The list carrying the need: its own, or the list of the need it was merged into. */
  async function carryingList(needIds: string[]) {
    const ids = needIds.filter(Boolean);
    if (!ids.length) return null;
    const [l] = await db
      .select({
        id: challengeLists.id,
        code: challengeLists.code,
        title: challengeLists.title,
        status: challengeLists.status,
      })
      .from(challengeListNeeds)
      .innerJoin(challengeLists, eq(challengeLists.id, challengeListNeeds.listId))
      .where(inArray(challengeListNeeds.needId, ids))
      .limit(1);
    return l ? { ...l, status: l.status as ListStatus } : null;
  }

  async function detail(actor: Actor, id: string): Promise<Detail> {
    const [row] = await baseQuery(db).where(eq(challengeNeeds.id, id));
    if (!row) throw new AppError('NOT_FOUND');
    const batch = await loadBatch(db, row.need.batchId);
    const member = isMember(actor, row.need);
    const officer = canRead(actor, batch.regionCode);
    if (!member && !officer) throw new AppError('NOT_FOUND');
    const events = await db
      .select({ event: challengeNeedEvents, actorName: users.name })
      .from(challengeNeedEvents)
      .leftJoin(users, eq(users.id, challengeNeedEvents.actorUserId))
      .where(eq(challengeNeedEvents.needId, id))
      .orderBy(asc(challengeNeedEvents.id));
    const mergedFrom = await db
      .select({ id: challengeNeeds.id, title: challengeNeeds.title, organisationName: organisations.name })
      .from(challengeNeedMerges)
      .innerJoin(challengeNeeds, eq(challengeNeeds.id, challengeNeedMerges.sourceNeedId))
      .innerJoin(organisations, eq(organisations.id, challengeNeeds.organisationId))
      .where(eq(challengeNeedMerges.targetNeedId, id));
    const n = row.need;
    const target = n.mergedIntoId ? await load(db, n.mergedIntoId) : null;
    const status = n.status as NeedStatus;
    const commands = [
      ...(member ? needCommandsFrom(status, 'enterprise') : []),
      ...(can(actor, 'challenge.manage', { regionCode: batch.regionCode }) ? needCommandsFrom(status, 'officer') : []),
    ];
    return {
      ...present(row),
      problem: n.problem,
      publicSummary: n.publicSummary,
      indicators: n.indicators,
      technicalBase: n.technicalBase,
      expectedCompletion: n.expectedCompletion,
      ipIntent: n.ipIntent as IpIntent,
      contactName: n.contactName,
      // Personal data (等保 3): only the enterprise that typed the number gets it whole, to edit it.
      contactPhone: member ? n.contactPhone : (maskPhone(n.contactPhone) ?? ''),
      contactEmail: n.contactEmail,
      mergedIntoId: n.mergedIntoId,
      mergedInto: target
        ? {
            id: target.id,
            title: visibleTitle(target, officer || isMember(actor, target)).title,
            status: target.status as NeedStatus,
          }
        : null,
      mergedFrom,
      list: await carryingList([n.id, n.mergedIntoId ?? '']),
      batchCode: batch.code,
      batchTitle: batch.title,
      version: n.version,
      events: presentEvents(events),
      commands: [...(member && isEditable(status) ? ['edit'] : []), ...commands],
    };
  }

  /**
   * Likely duplicates in the batch, best first. Candidates come from the full-text index (any shared
   * distinctive word), then are ranked by cosine similarity of their jieba term vectors.
   * Enterprises see only whether duplicates exist and public titles; officers see everything.
   */
  async function similar(
    actor: Actor,
    input: { batchId: string; title: string; problem: string; excludeId?: string },
  ): Promise<Duplicate[]> {
    const batch = await loadBatch(db, input.batchId);
    const officer = canRead(actor, batch.regionCode);
    const terms = distinctiveTerms(queryTerms(`${input.title} ${input.problem}`.slice(0, 2000)) ?? []).filter(
      (t) => t.length > 1,
    );
    if (!terms.length) return [];
    const query = sql`to_tsquery('simple', ${terms.map((t) => `'${t}'`).join(' | ')})`;
    const candidates = await baseQuery(db)
      .where(
        and(
          eq(challengeNeeds.batchId, input.batchId),
          inArray(challengeNeeds.status, LIVE),
          input.excludeId ? ne(challengeNeeds.id, input.excludeId) : undefined,
          sql`${challengeNeeds.searchVector} @@ ${query}`,
        ),
      )
      .orderBy(desc(sql`ts_rank(${challengeNeeds.searchVector}, ${query})`))
      .limit(60);
    const ranked = rankDuplicates(
      input,
      candidates.map((c) => ({ id: c.need.id, title: c.need.title, problem: c.need.problem, row: c })),
      officer ? 8 : 3,
    );
    return ranked.map(({ candidate, similarity, shared }) => {
      const n = candidate.row.need;
      const own = isMember(actor, n);
      const { visible } = visibleTitle({ ...n, publicSummary: null }, officer || own);
      return {
        id: n.id,
        title: visible ? n.title : '（保密需求 / confidential need）',
        organisationName: officer || own ? candidate.row.organisationName : '—',
        status: n.status as NeedStatus,
        similarity: Math.round(similarity * 100),
        sharedTerms: visible ? shared : [],
      };
    });
  }

  function filters(q: Query): SQL | undefined {
    const terms = q.q ? queryTerms(q.q) : null;
    const region = q.regionCode?.replace(/(00)+$/, '');
    return and(
      q.batchId ? eq(challengeNeeds.batchId, q.batchId) : undefined,
      q.status ? eq(challengeNeeds.status, q.status) : undefined,
      q.directionId ? eq(challengeNeeds.directionId, q.directionId) : undefined,
      q.category ? eq(challengeNeeds.category, q.category) : undefined,
      region ? sql`${challengeNeeds.regionCode} like ${`${region}%`}` : undefined,
      q.available === 'true'
        ? and(
            eq(challengeNeeds.status, 'accepted'),
            sql`not exists (select 1 from ${challengeListNeeds} where ${challengeListNeeds.needId} = ${challengeNeeds.id})`,
          )
        : undefined,
      terms
        ? or(
            sql`${challengeNeeds.searchVector} @@ to_tsquery('simple', ${terms.map((t) => `'${t}'`).join(' & ')})`,
            sql`${challengeNeeds.title} ilike ${`%${q.q}%`}`,
          )
        : undefined,
    );
  }

  async function page(where: SQL | undefined, q: { page: number; pageSize: number }) {
    const rows = await baseQuery(db)
      .where(where)
      .orderBy(desc(challengeNeeds.submittedAt), desc(challengeNeeds.createdAt), asc(challengeNeeds.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db
      .select({ n: count() })
      .from(challengeNeeds)
      .innerJoin(organisations, eq(organisations.id, challengeNeeds.organisationId))
      .where(where);
    return { items: rows.map(present), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  }

  /** Needs of batches in the officer's regions, drafts excluded (they are the enterprise's own). */
  function queueScope(actor: Actor): SQL {
    const prefixes = regionPrefixes(actor, 'challenge.read');
    if (!prefixes.length) throw new AppError('FORBIDDEN');
    const scope = sql.join(
      prefixes.map((p) => sql`${challengeBatches.regionCode} like ${`${p}%`}`),
      sql` or `,
    );
    return and(
      sql`${challengeNeeds.batchId} in (select ${challengeBatches.id} from ${challengeBatches} where ${scope})`,
      ne(challengeNeeds.status, 'draft'),
    ) as SQL;
  }

  return {
    load,
    isMember,
    detail,
    similar,

    async mine(actor: Actor, q: z.infer<typeof needListQuery>) {
      const orgIds = actor.memberships.map((m) => m.organisationId);
      if (!orgIds.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      return page(and(inArray(challengeNeeds.organisationId, orgIds), filters(q)), q);
    },

    /** The officer's queue: submitted needs of batches in the officer's regions. */
    async queue(actor: Actor, q: z.infer<typeof needListQuery>) {
      return page(and(queueScope(actor), filters(q)), q);
    },

    /** The filtered queue as export rows (header in both languages), newest first. */
    async exportQueue(actor: Actor, q: Query, lang: 'zh' | 'en') {
      const rows = await baseQuery(db)
        .where(and(queueScope(actor), filters(q)))
        .orderBy(desc(challengeNeeds.submittedAt), asc(challengeNeeds.id))
        .limit(NEED_EXPORT_LIMIT);
      const listCodes = new Map(
        (
          await db
            .select({ id: challengeLists.id, code: challengeLists.code })
            .from(challengeLists)
            .where(
              inArray(
                challengeLists.id,
                rows.map((r) => r.listId).filter((x): x is string => !!x),
              ),
            )
        ).map((l) => [l.id, l.code]),
      );
      const header =
        lang === 'en'
          ? [
              'Title',
              'Enterprise',
              'Region',
              'Direction',
              'Category',
              'Confidentiality',
              'Own funding (yuan)',
              'Status',
              'Submitted',
              'List',
            ]
          : [
              '需求名称',
              '需求企业',
              '地区',
              '创新方向',
              '类别',
              '保密等级',
              '自筹经费（元）',
              '状态',
              '提交时间',
              '所属榜单',
            ];
      return {
        header,
        rows: rows.map(({ need: n, organisationName, directionName, listId }) => [
          n.title,
          organisationName,
          fullName(n.regionCode, '') ?? n.regionCode,
          directionName,
          needCategoryLabels[n.category as NeedCategory][lang],
          confidentialityLabels[n.confidentiality as Confidentiality][lang],
          n.ownFundingFen / 100,
          needStatusLabels[n.status as NeedStatus][lang],
          n.submittedAt ? shanghai(n.submittedAt) : '',
          listId ? (listCodes.get(listId) ?? '') : '',
        ]),
      };
    },

    /** Duplicates of a stored need, for the officer's queue. */
    async duplicates(actor: Actor, id: string) {
      const n = await load(db, id);
      const batch = await loadBatch(db, n.batchId);
      if (!canRead(actor, batch.regionCode) && !isMember(actor, n)) throw new AppError('NOT_FOUND');
      return similar(actor, { batchId: n.batchId, title: n.title, problem: n.problem, excludeId: id });
    },
  };
}
export type NeedReader = ReturnType<typeof createNeedReader>;
