import { eq } from 'drizzle-orm';
import type { ListStatus } from '../../../shared/api/challenges.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import { type ChallengeDeps, links, loadBatch, officerIds, requireManage } from './batch.common.js';
import { challengeLists, challengeQuestions } from './challenges.table.js';
import { isPublicStatus } from './list.status.js';

/**
 * Public clarifications (答疑) on a published list. Text is stored exactly as typed; the web app
 * renders it as text, so markup in a question is shown, never run.
 */
export function createQaService(deps: ChallengeDeps) {
  const { db, clock, notifications } = deps;

  return {
    async ask(actor: Actor, ctx: RequestContext, listId: string, question: string) {
      const now = clock.now();
      const { outbox, id } = await db.transaction(async (tx) => {
        const [l] = await tx.select().from(challengeLists).where(eq(challengeLists.id, listId));
        if (!l) throw new AppError('NOT_FOUND');
        if (!isPublicStatus(l.status as ListStatus)) throw new AppError('CHALLENGE_LIST_NOT_PUBLIC');
        const [q] = await tx
          .insert(challengeQuestions)
          .values({ listId, askedBy: actor.userId, question, createdAt: now })
          .returning({ id: challengeQuestions.id });
        if (!q) throw new AppError('INTERNAL_ERROR');
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_question.ask',
            targetType: 'challenge_list',
            targetId: listId,
            regionCode: l.regionCode,
          },
          now,
        );
        const batch = await loadBatch(tx, l.batchId);
        const outbox = await notifications.post(tx, {
          userIds: await officerIds(tx, batch.regionCode),
          category: 'challenge',
          title: { zh: `榜单新提问：${l.title}`, en: `New question on: ${l.title}` },
          body: { zh: question.slice(0, 200), en: question.slice(0, 200) },
          link: links.list(listId),
        });
        return { outbox, id: q.id };
      });
      await notifications.flush(outbox);
      return { id };
    },

    async answer(actor: Actor, ctx: RequestContext, questionId: string, answer: string) {
      const now = clock.now();
      const outbox = await db.transaction(async (tx) => {
        const [q] = await tx
          .select()
          .from(challengeQuestions)
          .where(eq(challengeQuestions.id, questionId))
          .for('update');
        if (!q) throw new AppError('NOT_FOUND');
        const [l] = await tx.select().from(challengeLists).where(eq(challengeLists.id, q.listId));
        if (!l) throw new AppError('NOT_FOUND');
        const batch = await loadBatch(tx, l.batchId);
        requireManage(actor, batch.regionCode);
        await tx
          .update(challengeQuestions)
          .set({ answer, answeredBy: actor.userId, answeredAt: now })
          .where(eq(challengeQuestions.id, questionId));
        await appendAudit(
          tx,
          ctx,
          {
            action: q.answer ? 'challenge_question.reanswer' : 'challenge_question.answer',
            targetType: 'challenge_list',
            targetId: l.id,
            regionCode: l.regionCode,
            summary: { question: questionId, before: q.answer ?? null },
          },
          now,
        );
        return notifications.post(tx, {
          userIds: [q.askedBy],
          category: 'challenge',
          title: { zh: `您的提问已答复：${l.title}`, en: `Your question was answered: ${l.title}` },
          body: { zh: answer.slice(0, 200), en: answer.slice(0, 200) },
          link: links.hall(l.id),
        });
      });
      await notifications.flush(outbox);
      return {
        listId: (
          await db
            .select({ id: challengeQuestions.listId })
            .from(challengeQuestions)
            .where(eq(challengeQuestions.id, questionId))
        )[0]?.id as string,
      };
    },
  };
}
export type QaService = ReturnType<typeof createQaService>;
