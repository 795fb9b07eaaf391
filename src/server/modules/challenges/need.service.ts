import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type NeedInput, type NeedStatus, needStatusLabels } from '../../../shared/api/challenges.js';
import { formatErrorMessage } from '../../../shared/errors.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { segmentForIndex } from '../instruments/search.js';
import type { Outbox } from '../notifications/notification.service.js';
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
import { challengeDirections, challengeNeeds } from './challenges.table.js';
import { createNeedMerger } from './need.merge.js';
import { createNeedReader, type NeedRow } from './need.read.js';
import { appendNeedEvent, canNeedTransition, isEditable, type NeedCommand, needTransitions } from './need.status.js';

export function needVectorSql(n: { title: string; problem: string; indicators: { name: string }[] }): SQL {
  const a = segmentForIndex(n.title);
  const b = segmentForIndex(`${n.problem} ${n.indicators.map((i) => i.name).join(' ')}`);
  return sql`setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B')`;
}

/**
 * Needs (需求征集): the enterprise reports and edits, officers screen, accept, return, reject and
 * merge. Reading (records, duplicates, queues, export) lives in need.read.ts, merging in need.merge.ts.
 */
export function createNeedService(deps: ChallengeDeps) {
  const { db, clock, notifications } = deps;
  const reader = createNeedReader(deps);
  const { load, isMember, detail, similar } = reader;
  const merger = createNeedMerger(deps, reader);

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

  const event = (exec: Exec, needId: string, from: string | null, to: string, actor: string, reason?: string | null) =>
    appendNeedEvent(exec, { needId, from, to, actorUserId: actor, reason, at: clock.now() });

  async function notifySubmitted(tx: Tx, n: NeedRow, regionCode: string): Promise<Outbox> {
    return notifications.post(tx, {
      userIds: await officerIds(tx, regionCode),
      category: 'challenge',
      title: { zh: `新需求待甄别：${n.title}`, en: `New need to screen: ${n.title}` },
      body: { zh: `需求「${n.title}」已提交，请甄别。`, en: `Need "${n.title}" was submitted for screening.` },
      link: links.needQueue(n.id),
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
    mine: reader.mine,
    queue: reader.queue,
    exportQueue: reader.exportQueue,
    duplicates: reader.duplicates,
    merge: merger.merge,

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
  };
}
export type NeedService = ReturnType<typeof createNeedService>;
