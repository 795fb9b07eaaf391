import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { creditBody } from '../../../shared/api/challenge-applications.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import { organisations } from '../organisations/organisation.table.js';
import { audit, memberUserIds, notify } from './application.common.js';
import { challengeCreditRecords } from './applications.table.js';

type Row = typeof challengeCreditRecords.$inferSelect;

/**
 * The credit record (信用记录): breaches noted, and blacklisting with an optional expiry, which
 * blocks 揭榜 applications while in force. Officers of the organisation's region keep it; the
 * organisation sees its own.
 */
export function createCreditService(deps: { db: Db; clock: Clock; notifications: NotificationService }) {
  const { db, clock, notifications } = deps;

  function present(r: Row, name: string, now: Date) {
    return {
      id: r.id,
      organisationId: r.organisationId,
      organisationName: name,
      kind: r.kind,
      reason: r.reason,
      startsAt: r.startsAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      active: !r.revokedAt && r.startsAt <= now && (!r.expiresAt || r.expiresAt > now),
    };
  }

  async function org(id: string) {
    const [o] = await db.select().from(organisations).where(eq(organisations.id, id));
    if (!o) throw new AppError('NOT_FOUND');
    return o;
  }

  return {
    async list(actor: Actor, organisationId: string) {
      const o = await org(organisationId);
      const own = actor.memberships.some((m) => m.organisationId === organisationId);
      if (!own && !can(actor, 'challenge.manage_applications', { regionCode: o.regionCode }))
        throw new AppError('NOT_FOUND');
      const rows = await db
        .select()
        .from(challengeCreditRecords)
        .where(eq(challengeCreditRecords.organisationId, organisationId))
        .orderBy(desc(challengeCreditRecords.createdAt));
      const now = clock.now();
      return rows.map((r) => present(r, o.name, now));
    },

    async add(actor: Actor, ctx: RequestContext, body: z.infer<typeof creditBody>) {
      const o = await org(body.organisationId);
      if (!can(actor, 'challenge.manage_applications', {})) throw new AppError('FORBIDDEN');
      const now = clock.now();
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
      if (expiresAt && expiresAt <= now)
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'expiresAt', message: 'must be in the future' }]);
      const outbox: Outbox = [];
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(challengeCreditRecords)
          .values({
            organisationId: o.id,
            kind: body.kind,
            reason: body.reason,
            startsAt: now,
            expiresAt,
            createdBy: actor.userId,
            createdAt: now,
          })
          .returning();
        await audit(
          tx,
          ctx,
          `challenge_credit.${body.kind}`,
          'organisation',
          o.id,
          o.regionCode,
          { reason: body.reason, expiresAt: expiresAt?.toISOString() ?? null },
          now,
        );
        await notify(tx, notifications, outbox, {
          userIds: await memberUserIds(tx, [o.id]),
          category: 'challenge',
          title:
            body.kind === 'blacklist'
              ? { zh: '贵单位被列入失信名单', en: 'Your organisation was blacklisted' }
              : { zh: '贵单位新增一条信用记录', en: 'A credit record was added' },
          body: { zh: `理由：${body.reason}`, en: `Reason: ${body.reason}` },
        });
        return r as Row;
      });
      await notifications.flush(outbox);
      return present(row, o.name, now);
    },

    /** 信用修复: ends an entry early; the row stays for the record. */
    async revoke(actor: Actor, ctx: RequestContext, id: string, reason: string | undefined) {
      if (!can(actor, 'challenge.manage_applications', {})) throw new AppError('FORBIDDEN');
      if (!reason?.trim()) throw new AppError('CHALLENGE_REASON_REQUIRED');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .update(challengeCreditRecords)
          .set({ revokedAt: now })
          .where(and(eq(challengeCreditRecords.id, id), isNull(challengeCreditRecords.revokedAt)))
          .returning();
        if (!r) throw new AppError('NOT_FOUND');
        await audit(
          tx,
          ctx,
          'challenge_credit.revoke',
          'organisation',
          r.organisationId,
          null,
          { recordId: id, reason },
          now,
        );
        return r;
      });
      const o = await org(row.organisationId);
      return present(row, o.name, now);
    },
  };
}
export type CreditService = ReturnType<typeof createCreditService>;
