import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  type Confidentiality,
  type ListInput,
  type ListStatus,
  listStatusLabels,
} from '../../../shared/api/challenges.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import { segmentForIndex } from '../instruments/search.js';
import type { Outbox } from '../notifications/notification.service.js';
import {
  type ChallengeDeps,
  expertIds,
  isExpert,
  links,
  loadBatch,
  memberIds,
  officerIds,
  requireManage,
} from './batch.common.js';
import { currentPolicy } from './batch.service.js';
import {
  challengeListEvents,
  challengeListNeeds,
  challengeListReviews,
  challengeLists,
  challengeNeeds,
} from './challenges.table.js';
import { createListReader, type ListRow } from './list.read.js';
import { type ListCommand, listTransitions, transitionList } from './list.status.js';

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

/**
 * Lists (榜单凝练与发榜): drafting from accepted needs, edits, 论证 by experts, publication and
 * withdrawal. Reading (the hall, the bureau's and experts' lists, a list's record) is list.read.ts.
 */
export function createListService(deps: ChallengeDeps) {
  const { db, clock, notifications } = deps;
  const reader = createListReader(deps);
  const { detail } = reader;

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

  /**
   * Tells every enterprise whose need feeds the list, including the needs merged into those, so a
   * merged need's enterprise follows the list as closely as the one whose need carried it.
   */
  async function tellSources(
    tx: Tx,
    l: Pick<ListRow, 'id'>,
    message: { title: { zh: string; en: string }; body: { zh: string; en: string }; link: string },
  ): Promise<Outbox> {
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
      ...message,
    });
  }

  const notifyPublished = (tx: Tx, l: ListRow) =>
    tellSources(tx, l, {
      title: { zh: `榜单已发布：${l.title}`, en: `List published: ${l.title}` },
      body: {
        zh: `由您的需求凝练的榜单「${l.title}」已公开发榜，正在征集揭榜方。`,
        en: `The list "${l.title}" drawn from your need is published and open to solvers.`,
      },
      link: links.hall(l.id),
    });

  return {
    detail,
    hall: reader.hall,
    managed: reader.managed,
    reviewQueue: reader.reviewQueue,
    mine: reader.mine,

    async create(actor: Actor, ctx: RequestContext, input: ListInput) {
      const opens = new Date(input.applyOpensAt);
      const closes = new Date(input.applyClosesAt);
      checkWindow(opens, closes);
      const now = clock.now();
      const { id, outbox } = await db.transaction(async (tx) => {
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
        const outbox = await tellSources(tx, l, {
          title: { zh: `需求已进入榜单凝练：${l.title}`, en: `Your need is being drafted into a list: ${l.title}` },
          body: {
            zh: `您的需求已被采纳并进入榜单「${l.title}」（${code}）的凝练，专家论证通过后将公开发榜。`,
            en: `Your need was taken into the draft list "${l.title}" (${code}); it is published once experts approve it.`,
          },
          link: links.myNeeds(),
        });
        return { id: l.id, outbox };
      });
      await notifications.flush(outbox);
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
        // Withdrawn: the enterprises behind it should not wait for a list that will not come.
        return tellSources(tx, l, {
          title: { zh: `榜单已撤回：${l.title}`, en: `List withdrawn: ${l.title}` },
          body: {
            zh: `由您的需求凝练的榜单「${l.title}」已撤回。说明：${reason ?? ''}`,
            en: `The list "${l.title}" drawn from your need was withdrawn. Note: ${reason ?? ''}`,
          },
          link: links.myNeeds(),
        });
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
