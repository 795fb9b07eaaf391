import { asc, eq, inArray } from 'drizzle-orm';
import { type NeedStatus, needStatusLabels } from '../../../shared/api/challenges.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import type { Outbox } from '../notifications/notification.service.js';
import { type ChallengeDeps, links, loadBatch, memberIds, requireManage } from './batch.common.js';
import { challengeListNeeds, challengeNeedMerges, challengeNeeds } from './challenges.table.js';
import type { NeedReader, NeedRow } from './need.read.js';
import { appendNeedEvent, canMerge } from './need.status.js';
import { rankDuplicates } from './similarity.js';

/** Merging duplicate needs (合并): its own operation, because it moves several needs at once. */
export function createNeedMerger(deps: ChallengeDeps, reader: NeedReader) {
  const { db, clock, notifications } = deps;
  return {
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
          await appendNeedEvent(tx, {
            needId: s.id,
            from: s.status,
            to: 'merged',
            actorUserId: actor.userId,
            reason,
            at: now,
          });
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
      return reader.detail(actor, targetId);
    },
  };
}
