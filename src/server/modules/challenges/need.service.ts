import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Confidentiality,
  type duplicateView,
  type IpIntent,
  type NeedCategory,
  type NeedInput,
  type NeedStatus,
  type needDetail,
  type needListItem,
  type needListQuery,
  needStatusLabels,
} from '../../../shared/api/challenges.js';
import { formatErrorMessage } from '../../../shared/errors.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { users } from '../identity/user.table.js';
import { distinctiveTerms, queryTerms, segmentForIndex } from '../instruments/search.js';
import type { Outbox } from '../notifications/notification.service.js';
import { organisations } from '../organisations/organisation.table.js';
import {
  type ChallengeDeps,
  canRead,
  type Exec,
  isBatchOpen,
  links,
  loadBatch,
  memberIds,
  officerIds,
  requireManage,
  shanghai,
} from './batch.common.js';
import {
  challengeBatches,
  challengeDirections,
  challengeListNeeds,
  challengeNeedEvents,
  challengeNeedMerges,
  challengeNeeds,
} from './challenges.table.js';
import {
  canMerge,
  canNeedTransition,
  isEditable,
  type NeedCommand,
  needCommandsFrom,
  needTransitions,
} from './need.status.js';
import { rankDuplicates } from './similarity.js';

type NeedRow = typeof challengeNeeds.$inferSelect;
type ListItem = z.infer<typeof needListItem>;
type Detail = z.infer<typeof needDetail>;
type Duplicate = z.infer<typeof duplicateView>;

/** Statuses an officer is still working on: where duplicates are looked for. */
const LIVE: NeedStatus[] = ['submitted', 'screening', 'accepted'];

export function needVectorSql(n: { title: string; problem: string; indicators: { name: string }[] }): SQL {
  const a = segmentForIndex(n.title);
  const b = segmentForIndex(`${n.problem} ${n.indicators.map((i) => i.name).join(' ')}`);
  return sql`setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B')`;
}

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

export function createNeedService(deps: ChallengeDeps) {
  const { db, clock, notifications } = deps;

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

  async function checkDirection(exec: Exec, batchId: string, directionId: string) {
    const [d] = await exec
      .select({ id: challengeDirections.id })
      .from(challengeDirections)
      .where(and(eq(challengeDirections.id, directionId), eq(challengeDirections.batchId, batchId)));
    if (!d) throw new AppError('CHALLENGE_DIRECTION_UNKNOWN');
  }

  function checkWindow(batch: { needsOpenAt: Date; needsCloseAt: Date }) {
    if (!isBatchOpen(batch, clock.now()))
      throw new AppError('CHALLENGE_BATCH_CLOSED', {
        opens: shanghai(batch.needsOpenAt),
        closes: shanghai(batch.needsCloseAt),
      });
  }

  async function event(
    exec: Exec,
    needId: string,
    from: string | null,
    to: string,
    actor: string,
    reason?: string | null,
  ) {
    await exec
      .insert(challengeNeedEvents)
      .values({ needId, fromStatus: from, toStatus: to, actorUserId: actor, reason: reason ?? null, at: clock.now() });
  }

  async function notifySubmitted(tx: Tx, n: NeedRow, regionCode: string): Promise<Outbox> {
    return notifications.post(tx, {
      userIds: await officerIds(tx, regionCode),
      category: 'challenge',
      title: { zh: `新需求待甄别：${n.title}`, en: `New need to screen: ${n.title}` },
      body: { zh: `需求「${n.title}」已提交，请甄别。`, en: `Need "${n.title}" was submitted for screening.` },
      link: links.needQueue(n.id),
    });
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
      contactPhone: n.contactPhone,
      contactEmail: n.contactEmail,
      mergedIntoId: n.mergedIntoId,
      mergedFrom,
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
      const visible = officer || own || n.confidentiality === 'public';
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

  async function transitionOne(
    actor: Actor,
    ctx: RequestContext,
    id: string,
    command: NeedCommand,
    reason?: string,
    version?: number,
  ) {
    const t = needTransitions[command];
    const outbox = await db.transaction(async (tx) => {
      const n = await load(tx, id, true);
      const batch = await loadBatch(tx, n.batchId);
      if (t.by === 'enterprise') {
        if (!isMember(actor, n)) throw new AppError(canRead(actor, batch.regionCode) ? 'FORBIDDEN' : 'NOT_FOUND');
      } else requireManage(actor, batch.regionCode);
      if (version !== undefined && version !== n.version) throw new AppError('STALE_STATE');
      const from = n.status as NeedStatus;
      if (!canNeedTransition(command, from))
        throw new AppError('INVALID_TRANSITION', { from: needStatusLabels[from].zh }, { from, command });
      if (t.reasonRequired && !reason?.trim())
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reason', message: 'a reason is required' }]);
      if (command === 'submit') checkWindow(batch);
      const now = clock.now();
      await tx
        .update(challengeNeeds)
        .set({
          status: t.to,
          version: n.version + 1,
          updatedAt: now,
          ...(command === 'submit' ? { submittedAt: now } : {}),
        })
        .where(eq(challengeNeeds.id, id));
      await event(tx, id, from, t.to, actor.userId, reason);
      await appendAudit(
        tx,
        ctx,
        {
          action: `challenge_need.${command}`,
          targetType: 'challenge_need',
          targetId: id,
          regionCode: n.regionCode,
          summary: { before: { status: from }, after: { status: t.to }, reason: reason ?? null },
        },
        now,
      );
      if (command === 'submit') return notifySubmitted(tx, n, batch.regionCode);
      if (t.by === 'enterprise') return [];
      const label = needStatusLabels[t.to];
      return notifications.post(tx, {
        userIds: await memberIds(tx, [n.organisationId]),
        category: 'challenge',
        title: { zh: `需求${label.zh}：${n.title}`, en: `Need ${label.en.toLowerCase()}: ${n.title}` },
        body: {
          zh: `您的需求「${n.title}」状态变为「${label.zh}」。${reason ? `说明：${reason}` : ''}`,
          en: `Your need "${n.title}" is now "${label.en}".${reason ? ` Note: ${reason}` : ''}`,
        },
        link: links.myNeed(id),
      });
    });
    await notifications.flush(outbox);
  }

  return {
    detail,
    similar,

    async create(actor: Actor, ctx: RequestContext, input: NeedInput, submit: boolean) {
      const organisationId = input.organisationId ?? actor.memberships[0]?.organisationId;
      if (!organisationId || !can(actor, 'challenge.need', { organisationId })) throw new AppError('FORBIDDEN');
      const membership = actor.memberships.find((m) => m.organisationId === organisationId);
      if (membership?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
      const batch = await loadBatch(db, input.batchId);
      await checkDirection(db, batch.id, input.directionId);
      if (submit) checkWindow(batch);
      const now = clock.now();
      const { outbox, id } = await db.transaction(async (tx) => {
        const [n] = await tx
          .insert(challengeNeeds)
          .values({
            batchId: batch.id,
            organisationId,
            createdBy: actor.userId,
            regionCode: membership.regionCode,
            directionId: input.directionId,
            category: input.category,
            title: input.title,
            problem: input.problem,
            publicSummary: input.publicSummary ?? null,
            indicators: input.indicators,
            technicalBase: input.technicalBase,
            expectedCompletion: input.expectedCompletion,
            ownFundingFen: input.ownFundingFen,
            confidentiality: input.confidentiality,
            ipIntent: input.ipIntent,
            contactName: input.contactName,
            contactPhone: input.contactPhone,
            contactEmail: input.contactEmail ?? null,
            status: submit ? 'submitted' : 'draft',
            submittedAt: submit ? now : null,
            createdAt: now,
            updatedAt: now,
            searchVector: needVectorSql(input) as unknown as string,
          })
          .returning();
        if (!n) throw new AppError('INTERNAL_ERROR');
        await event(tx, n.id, null, 'draft', actor.userId);
        if (submit) await event(tx, n.id, 'draft', 'submitted', actor.userId);
        await appendAudit(
          tx,
          ctx,
          {
            action: submit ? 'challenge_need.submit' : 'challenge_need.create',
            targetType: 'challenge_need',
            targetId: n.id,
            regionCode: n.regionCode,
            summary: { after: { status: n.status, title: n.title, batch: batch.code } },
          },
          now,
        );
        return { id: n.id, outbox: submit ? await notifySubmitted(tx, n, batch.regionCode) : [] };
      });
      await notifications.flush(outbox);
      const need = await detail(actor, id);
      const duplicates = await similar(actor, {
        batchId: batch.id,
        title: input.title,
        problem: input.problem,
        excludeId: id,
      });
      return { need, duplicates };
    },

    async update(actor: Actor, ctx: RequestContext, id: string, input: NeedInput, version: number) {
      await db.transaction(async (tx) => {
        const n = await load(tx, id, true);
        if (!isMember(actor, n)) throw new AppError('NOT_FOUND');
        if (n.version !== version) throw new AppError('STALE_STATE');
        const from = n.status as NeedStatus;
        if (!isEditable(from)) throw new AppError('INVALID_TRANSITION', { from: needStatusLabels[from].zh });
        await checkDirection(tx, n.batchId, input.directionId);
        const now = clock.now();
        await tx
          .update(challengeNeeds)
          .set({
            directionId: input.directionId,
            category: input.category,
            title: input.title,
            problem: input.problem,
            publicSummary: input.publicSummary ?? null,
            indicators: input.indicators,
            technicalBase: input.technicalBase,
            expectedCompletion: input.expectedCompletion,
            ownFundingFen: input.ownFundingFen,
            confidentiality: input.confidentiality,
            ipIntent: input.ipIntent,
            contactName: input.contactName,
            contactPhone: input.contactPhone,
            contactEmail: input.contactEmail ?? null,
            version: n.version + 1,
            updatedAt: now,
            searchVector: needVectorSql(input) as unknown as string,
          })
          .where(eq(challengeNeeds.id, id));
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_need.update',
            targetType: 'challenge_need',
            targetId: id,
            regionCode: n.regionCode,
            summary: { before: { title: n.title }, after: { title: input.title } },
          },
          now,
        );
      });
      return detail(actor, id);
    },

    async transition(
      actor: Actor,
      ctx: RequestContext,
      id: string,
      command: NeedCommand,
      reason?: string,
      version?: number,
    ) {
      await transitionOne(actor, ctx, id, command, reason, version);
      return detail(actor, id);
    },

    /** Each need in its own transaction: one refusal does not undo the others; every refusal is reported. */
    async batchTransition(
      actor: Actor,
      ctx: RequestContext,
      lang: 'zh' | 'en',
      ids: string[],
      command: NeedCommand,
      reason?: string,
    ) {
      const done: string[] = [];
      const failed: { id: string; code: string; message: string }[] = [];
      for (const id of [...new Set(ids)]) {
        try {
          await transitionOne(actor, ctx, id, command, reason);
          done.push(id);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          failed.push({ id, code: err.code, message: formatErrorMessage(err.code, lang, err.params) });
        }
      }
      return { done, failed };
    },

    async mine(actor: Actor, q: z.infer<typeof needListQuery>) {
      const orgIds = actor.memberships.map((m) => m.organisationId);
      if (!orgIds.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      return page(and(inArray(challengeNeeds.organisationId, orgIds), filters(q)), q);
    },

    /** The officer's queue: submitted needs of batches in the officer's regions. */
    async queue(actor: Actor, q: z.infer<typeof needListQuery>) {
      const prefixes = regionPrefixes(actor, 'challenge.read');
      if (!prefixes.length) throw new AppError('FORBIDDEN');
      const scope = sql.join(
        prefixes.map((p) => sql`${challengeBatches.regionCode} like ${`${p}%`}`),
        sql` or `,
      );
      const inScope = sql`${challengeNeeds.batchId} in (select ${challengeBatches.id} from ${challengeBatches} where ${scope})`;
      return page(and(inScope, ne(challengeNeeds.status, 'draft'), filters(q)), q);
    },

    /** Duplicates of a stored need, for the officer's queue. */
    async duplicates(actor: Actor, id: string) {
      const n = await load(db, id);
      const batch = await loadBatch(db, n.batchId);
      if (!canRead(actor, batch.regionCode) && !isMember(actor, n)) throw new AppError('NOT_FOUND');
      return similar(actor, { batchId: n.batchId, title: n.title, problem: n.problem, excludeId: id });
    },

    /**
     * Merges source needs into a target: each source becomes `merged`, linked to the target (with
     * the similarity at the time), and every enterprise involved is told. Needs are locked in id
     * order so two officers merging overlapping sets cannot deadlock.
     */
    async merge(actor: Actor, ctx: RequestContext, targetId: string, sourceIds: string[], reason: string) {
      const sources = [...new Set(sourceIds)].filter((s) => s !== targetId);
      if (!sources.length)
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'sourceIds', message: 'merge at least one other need' }]);
      const outbox = await db.transaction(async (tx) => {
        const all = [targetId, ...sources].sort();
        const rows = await tx
          .select()
          .from(challengeNeeds)
          .where(inArray(challengeNeeds.id, all))
          .orderBy(asc(challengeNeeds.id))
          .for('update');
        if (rows.length !== all.length) throw new AppError('NOT_FOUND');
        const target = rows.find((r) => r.id === targetId) as NeedRow;
        const batch = await loadBatch(tx, target.batchId);
        requireManage(actor, batch.regionCode);
        const now = clock.now();
        for (const s of rows.filter((r) => r.id !== targetId)) {
          if (s.batchId !== target.batchId || !canMerge(s.status as NeedStatus, target.status as NeedStatus)) {
            // Name the need that blocks: the source unless only the target's status is the problem.
            const culprit = s.batchId === target.batchId && canMerge(s.status as NeedStatus, 'accepted') ? target : s;
            throw new AppError('CHALLENGE_MERGE_INVALID', {
              title: culprit.title,
              status: needStatusLabels[culprit.status as NeedStatus].zh,
            });
          }
          const [linked] = await tx.select().from(challengeListNeeds).where(eq(challengeListNeeds.needId, s.id));
          if (linked) throw new AppError('CHALLENGE_MERGE_INVALID', { title: s.title, status: '已用于榜单' });
          const [sim] = rankDuplicates(target, [s], 1);
          await tx
            .update(challengeNeeds)
            .set({ status: 'merged', mergedIntoId: targetId, version: s.version + 1, updatedAt: now })
            .where(eq(challengeNeeds.id, s.id));
          await event(tx, s.id, s.status, 'merged', actor.userId, reason);
          await tx.insert(challengeNeedMerges).values({
            targetNeedId: targetId,
            sourceNeedId: s.id,
            similarity: sim ? Math.round(sim.similarity * 100) : null,
            actorUserId: actor.userId,
            reason,
            at: now,
          });
          // A need merged into another carries its own merges along, so every source stays linked to the survivor.
          await tx.update(challengeNeeds).set({ mergedIntoId: targetId }).where(eq(challengeNeeds.mergedIntoId, s.id));
          await tx
            .update(challengeNeedMerges)
            .set({ targetNeedId: targetId })
            .where(eq(challengeNeedMerges.targetNeedId, s.id));
        }
        await tx
          .update(challengeNeeds)
          .set({ version: target.version + 1, updatedAt: now })
          .where(eq(challengeNeeds.id, targetId));
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_need.merge',
            targetType: 'challenge_need',
            targetId,
            regionCode: target.regionCode,
            summary: { target: targetId, sources, reason },
          },
          now,
        );
        const sourceRows = rows.filter((r) => r.id !== targetId);
        const box: Outbox = [];
        for (const s of sourceRows)
          box.push(
            ...(await notifications.post(tx, {
              userIds: await memberIds(tx, [s.organisationId]),
              category: 'challenge',
              title: { zh: `需求已合并：${s.title}`, en: `Need merged: ${s.title}` },
              body: {
                zh: `您的需求「${s.title}」与相似需求「${target.title}」合并办理，后续进展将一并通知您。说明：${reason}`,
                en: `Your need "${s.title}" was merged with the similar need "${target.title}"; you will hear about its progress. Note: ${reason}`,
              },
              link: links.myNeed(s.id),
            })),
          );
        box.push(
          ...(await notifications.post(tx, {
            userIds: await memberIds(tx, [target.organisationId]),
            category: 'challenge',
            title: { zh: `相似需求已并入：${target.title}`, en: `Similar needs merged into: ${target.title}` },
            body: {
              zh: `${sources.length} 条相似需求已并入您的需求「${target.title}」。`,
              en: `${sources.length} similar need(s) were merged into your need "${target.title}".`,
            },
            link: links.myNeed(targetId),
          })),
        );
        return box;
      });
      await notifications.flush(outbox);
      return detail(actor, targetId);
    },
  };

  function filters(q: z.infer<typeof needListQuery>): SQL | undefined {
    const terms = q.q ? queryTerms(q.q) : null;
    return and(
      q.batchId ? eq(challengeNeeds.batchId, q.batchId) : undefined,
      q.status ? eq(challengeNeeds.status, q.status) : undefined,
      q.directionId ? eq(challengeNeeds.directionId, q.directionId) : undefined,
      q.category ? eq(challengeNeeds.category, q.category) : undefined,
      terms
        ? sql`(${challengeNeeds.searchVector} @@ to_tsquery('simple', ${terms.map((t) => `'${t}'`).join(' & ')}) or ${challengeNeeds.title} ilike ${`%${q.q}%`})`
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
}
export type NeedService = ReturnType<typeof createNeedService>;
