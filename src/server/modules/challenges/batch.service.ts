import { asc, count, desc, eq, inArray, max, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  batchView,
  createBatchBody,
  SubsidyBase,
  subsidyPolicyInput,
  updateBatchBody,
} from '../../../shared/api/challenges.js';
import { fullName, isRegionCode } from '../../../shared/regions/regions.js';
import { AppError, pgConstraint } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { type ChallengeDeps, type Exec, isBatchOpen, loadBatch, requireManage } from './batch.common.js';
import {
  challengeBatches,
  challengeDirections,
  challengeLists,
  challengeNeeds,
  challengeSubsidyPolicies,
} from './challenges.table.js';

type BatchView = z.infer<typeof batchView>;

/** The policy a new list gets: the batch's latest version. */
export async function currentPolicy(exec: Exec, batchId: string) {
  const [p] = await exec
    .select()
    .from(challengeSubsidyPolicies)
    .where(eq(challengeSubsidyPolicies.batchId, batchId))
    .orderBy(desc(challengeSubsidyPolicies.version))
    .limit(1);
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

export function presentPolicy(p: typeof challengeSubsidyPolicies.$inferSelect) {
  return {
    id: p.id,
    version: p.version,
    ratioBp: p.ratioBp,
    capFen: p.capFen,
    base: p.base as SubsidyBase,
    note: p.note,
    createdAt: p.createdAt.toISOString(),
  };
}

export function createBatchService(deps: ChallengeDeps) {
  const { db, clock } = deps;

  async function view(exec: Exec, id: string): Promise<BatchView> {
    const b = await loadBatch(exec, id);
    const directions = await exec
      .select()
      .from(challengeDirections)
      .where(eq(challengeDirections.batchId, id))
      .orderBy(asc(challengeDirections.position));
    const policies = await exec
      .select()
      .from(challengeSubsidyPolicies)
      .where(eq(challengeSubsidyPolicies.batchId, id))
      .orderBy(desc(challengeSubsidyPolicies.version));
    const [needs] = await exec
      .select({ n: count() })
      .from(challengeNeeds)
      .where(sql`${challengeNeeds.batchId} = ${id} and ${challengeNeeds.status} <> 'draft'`);
    const [lists] = await exec.select({ n: count() }).from(challengeLists).where(eq(challengeLists.batchId, id));
    return {
      id: b.id,
      code: b.code,
      title: b.title,
      titleEn: b.titleEn,
      regionCode: b.regionCode,
      regionName: fullName(b.regionCode, '') ?? b.regionCode,
      needsOpenAt: b.needsOpenAt.toISOString(),
      needsCloseAt: b.needsCloseAt.toISOString(),
      open: isBatchOpen(b, clock.now()),
      directions: directions.map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.nameEn })),
      policies: policies.map(presentPolicy),
      counts: { needs: needs?.n ?? 0, lists: lists?.n ?? 0 },
    };
  }

  return {
    view: (id: string) => view(db, id),

    /** Every batch (enterprises need them to report, the public to filter the hall), newest first. */
    async list(): Promise<BatchView[]> {
      const rows = await db
        .select({ id: challengeBatches.id })
        .from(challengeBatches)
        .orderBy(desc(challengeBatches.needsOpenAt));
      return Promise.all(rows.map((r) => view(db, r.id)));
    },

    async create(actor: Actor, ctx: RequestContext, input: z.infer<typeof createBatchBody>): Promise<BatchView> {
      if (!isRegionCode(input.regionCode)) throw new AppError('REGION_UNKNOWN', { code: input.regionCode });
      requireManage(actor, input.regionCode);
      const opens = new Date(input.needsOpenAt);
      const closes = new Date(input.needsCloseAt);
      if (!(closes > opens)) throw new AppError('CHALLENGE_WINDOW_INVALID');
      const codes = input.directions.map((d) => d.code);
      if (new Set(codes).size !== codes.length)
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'directions', message: 'direction codes repeat' }]);
      const now = clock.now();
      try {
        const id = await db.transaction(async (tx) => {
          const [b] = await tx
            .insert(challengeBatches)
            .values({
              code: input.code,
              title: input.title,
              titleEn: input.titleEn ?? null,
              regionCode: input.regionCode,
              needsOpenAt: opens,
              needsCloseAt: closes,
              createdBy: actor.userId,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          if (!b) throw new AppError('INTERNAL_ERROR');
          await tx.insert(challengeDirections).values(
            input.directions.map((d, i) => ({
              batchId: b.id,
              code: d.code,
              name: d.name,
              nameEn: d.nameEn ?? null,
              position: i,
            })),
          );
          await tx.insert(challengeSubsidyPolicies).values({
            batchId: b.id,
            version: 1,
            ...input.policy,
            note: input.policy.note ?? null,
            createdBy: actor.userId,
            createdAt: now,
          });
          await appendAudit(
            tx,
            ctx,
            {
              action: 'challenge_batch.create',
              targetType: 'challenge_batch',
              targetId: b.id,
              regionCode: b.regionCode,
              summary: { code: b.code, directions: codes.length, policy: input.policy },
            },
            now,
          );
          return b.id;
        });
        return view(db, id);
      } catch (err) {
        if (pgConstraint(err) === 'challenge_batches_code_key')
          throw new AppError('CHALLENGE_BATCH_CODE_TAKEN', { code: input.code });
        throw err;
      }
    },

    /**
     * Changes the title or the collection window (typically extending it) and adds directions.
     * Directions are never removed or renamed here: needs already point at them.
     */
    async update(
      actor: Actor,
      ctx: RequestContext,
      batchId: string,
      input: z.infer<typeof updateBatchBody>,
    ): Promise<BatchView> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from challenge_batches where id = ${batchId} for update`);
        const b = await loadBatch(tx, batchId);
        requireManage(actor, b.regionCode);
        const opens = input.needsOpenAt ? new Date(input.needsOpenAt) : b.needsOpenAt;
        const closes = input.needsCloseAt ? new Date(input.needsCloseAt) : b.needsCloseAt;
        if (!(closes > opens)) throw new AppError('CHALLENGE_WINDOW_INVALID');
        const existing = await tx
          .select({ code: challengeDirections.code, position: challengeDirections.position })
          .from(challengeDirections)
          .where(eq(challengeDirections.batchId, batchId));
        const codes = [...existing.map((d) => d.code), ...input.addDirections.map((d) => d.code)];
        if (new Set(codes).size !== codes.length)
          throw new AppError('VALIDATION_FAILED', {}, [{ path: 'addDirections', message: 'direction codes repeat' }]);
        await tx
          .update(challengeBatches)
          .set({
            title: input.title ?? b.title,
            titleEn: input.titleEn ?? b.titleEn,
            needsOpenAt: opens,
            needsCloseAt: closes,
            updatedAt: now,
          })
          .where(eq(challengeBatches.id, batchId));
        const last = existing.reduce((m, d) => Math.max(m, d.position), -1);
        if (input.addDirections.length)
          await tx.insert(challengeDirections).values(
            input.addDirections.map((d, i) => ({
              batchId,
              code: d.code,
              name: d.name,
              nameEn: d.nameEn ?? null,
              position: last + 1 + i,
            })),
          );
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_batch.update',
            targetType: 'challenge_batch',
            targetId: batchId,
            regionCode: b.regionCode,
            summary: {
              before: {
                title: b.title,
                needsOpenAt: b.needsOpenAt.toISOString(),
                needsCloseAt: b.needsCloseAt.toISOString(),
              },
              after: {
                title: input.title ?? b.title,
                needsOpenAt: opens.toISOString(),
                needsCloseAt: closes.toISOString(),
              },
              addedDirections: input.addDirections.map((d) => d.code),
            },
          },
          now,
        );
      });
      return view(db, batchId);
    },

    /** A new policy version; lists already drafted keep the version they were drafted under. */
    async addPolicy(
      actor: Actor,
      ctx: RequestContext,
      batchId: string,
      input: z.infer<typeof subsidyPolicyInput>,
    ): Promise<BatchView> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const b = await loadBatch(tx, batchId);
        requireManage(actor, b.regionCode);
        // Serialise version numbering per batch.
        await tx.execute(sql`select 1 from challenge_batches where id = ${batchId} for update`);
        const [last] = await tx
          .select({ v: max(challengeSubsidyPolicies.version) })
          .from(challengeSubsidyPolicies)
          .where(eq(challengeSubsidyPolicies.batchId, batchId));
        const version = (last?.v ?? 0) + 1;
        await tx.insert(challengeSubsidyPolicies).values({
          batchId,
          version,
          ...input,
          note: input.note ?? null,
          createdBy: actor.userId,
          createdAt: now,
        });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'challenge_batch.policy',
            targetType: 'challenge_batch',
            targetId: batchId,
            regionCode: b.regionCode,
            summary: { version, ...input },
          },
          now,
        );
      });
      return view(db, batchId);
    },

    /** Batches an officer may manage (for the workspace selectors). */
    async managed(actor: Actor): Promise<BatchView[]> {
      const prefixes = regionPrefixes(actor, 'challenge.read');
      if (!prefixes.length) return [];
      const conds: SQL[] = prefixes.map((p) => sql`${challengeBatches.regionCode} like ${`${p}%`}`);
      const rows = await db
        .select({ id: challengeBatches.id })
        .from(challengeBatches)
        .where(sql.join(conds, sql` or `))
        .orderBy(desc(challengeBatches.needsOpenAt));
      return Promise.all(rows.map((r) => view(db, r.id)));
    },

    async directionNames(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await db.select().from(challengeDirections).where(inArray(challengeDirections.id, ids));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
export type BatchService = ReturnType<typeof createBatchService>;
