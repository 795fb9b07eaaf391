import type { QualificationLevel, QualificationState } from '../../../shared/api/bookings.qualifications.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { InstrumentRepository } from '../instruments/instrument.repository.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { type QualificationRepository, qualificationState } from './qualification.repository.js';

export interface GrantInput {
  userId?: string;
  email?: string;
  validUntil: Date;
  level: QualificationLevel;
  note?: string | null;
}

export interface RenewInput {
  validUntil: Date;
  level?: QualificationLevel;
  note?: string | null;
}

const shanghaiDate = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * Training records (上机培训资格): the instrument's managers grant, renew and revoke them; the
 * booking rules read the live one. Every change is audited and the trained user is told.
 */
export function createQualificationService(deps: {
  db: Db;
  clock: Clock;
  qualifications: QualificationRepository;
  instruments: InstrumentRepository;
  notifications: NotificationService;
}) {
  const { db, clock, qualifications, instruments, notifications } = deps;

  async function managedInstrument(actor: Actor, instrumentId: string) {
    const found = await instruments.findById(instrumentId);
    if (!found) throw new AppError('NOT_FOUND');
    const i = found.instrument;
    if (!can(actor, 'instrument.manage', { organisationId: i.organisationId, regionCode: i.regionCode }))
      throw new AppError('FORBIDDEN');
    return i;
  }

  type Listed = NonNullable<Awaited<ReturnType<QualificationRepository['byId']>>>;
  function present(r: Listed, now: Date) {
    return {
      id: r.q.id,
      instrumentId: r.q.instrumentId,
      instrumentName: r.instrumentName,
      userId: r.q.userId,
      userName: r.userName,
      userEmail: r.userEmail,
      level: r.q.level as QualificationLevel,
      note: r.q.note,
      validUntil: r.q.validUntil.toISOString(),
      state: qualificationState(r.q, now),
      grantedByName: r.grantedByName,
      createdAt: r.q.createdAt.toISOString(),
      renewedAt: r.q.renewedAt?.toISOString() ?? null,
      revokedAt: r.q.revokedAt?.toISOString() ?? null,
      revokeReason: r.q.revokeReason,
    };
  }

  async function one(id: string) {
    const row = await qualifications.byId(id);
    if (!row) throw new AppError('NOT_FOUND');
    return present(row, clock.now());
  }

  function requireFuture(validUntil: Date, now: Date) {
    if (validUntil <= now) throw new AppError('QUALIFICATION_EXPIRY_PAST');
  }

  function notice(userId: string, instrumentName: string, zh: string, en: string) {
    return {
      userIds: [userId],
      category: 'booking',
      title: { zh: `上机培训资格${zh}：${instrumentName}`, en: `Training record ${en}: ${instrumentName}` },
      body: {
        zh: `您在「${instrumentName}」的上机培训资格已${zh}。`,
        en: `Your training record for "${instrumentName}" was ${en}.`,
      },
      link: '/bookings/qualifications',
    };
  }

  return {
    async list(actor: Actor, instrumentId: string, state?: QualificationState) {
      await managedInstrument(actor, instrumentId);
      const now = clock.now();
      const rows = await qualifications.forInstrument(instrumentId, state, now);
      return { items: rows.map((r) => present(r, now)) };
    },

    async mine(actor: Actor) {
      const now = clock.now();
      return { items: (await qualifications.forUser(actor.userId)).map((r) => present(r, now)) };
    },

    async candidates(actor: Actor, instrumentId: string, q: string) {
      await managedInstrument(actor, instrumentId);
      return { items: await qualifications.candidates(q) };
    },

    async grant(actor: Actor, ctx: RequestContext, instrumentId: string, input: GrantInput) {
      const i = await managedInstrument(actor, instrumentId);
      const now = clock.now();
      requireFuture(input.validUntil, now);
      const user = input.userId
        ? await qualifications.userById(input.userId)
        : await qualifications.userByEmail(input.email as string);
      if (!user) throw new AppError('QUALIFICATION_USER_UNKNOWN');
      const existsError = (validUntil: Date) =>
        new AppError('QUALIFICATION_EXISTS', { validUntil: shanghaiDate(validUntil) });
      try {
        const { id, outbox } = await db.transaction(async (tx) => {
          const live = await qualifications.live(i.id, user.id, tx);
          if (live) throw existsError(live.validUntil);
          const row = await qualifications.insert(tx, {
            instrumentId: i.id,
            userId: user.id,
            validUntil: input.validUntil,
            level: input.level,
            note: input.note ?? null,
            grantedBy: actor.userId,
            createdAt: now,
          });
          await appendAudit(
            tx,
            ctx,
            {
              action: 'qualification.grant',
              targetType: 'qualification',
              targetId: row.id,
              regionCode: i.regionCode,
              summary: {
                instrumentId: i.id,
                userId: user.id,
                after: { level: input.level, validUntil: input.validUntil.toISOString(), note: input.note ?? null },
              },
            },
            now,
          );
          const outbox = await notifications.post(tx, notice(user.id, i.nameZh, '已授予', 'granted'));
          return { id: row.id, outbox };
        });
        await notifications.flush(outbox);
        return one(id);
      } catch (err) {
        // Two managers granting at once: the partial unique index keeps one live record.
        if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'qualifications_live_key') {
          const live = await qualifications.live(i.id, user.id);
          throw existsError(live?.validUntil ?? input.validUntil);
        }
        throw err;
      }
    },

    async renew(actor: Actor, ctx: RequestContext, id: string, input: RenewInput) {
      const current = await qualifications.byId(id);
      if (!current) throw new AppError('NOT_FOUND');
      const i = await managedInstrument(actor, current.q.instrumentId);
      if (current.q.revokedAt) throw new AppError('QUALIFICATION_REVOKED');
      const now = clock.now();
      requireFuture(input.validUntil, now);
      const changes = {
        validUntil: input.validUntil,
        ...(input.level === undefined ? {} : { level: input.level }),
        ...(input.note === undefined ? {} : { note: input.note }),
      };
      const outbox = await db.transaction(async (tx) => {
        const row = await qualifications.update(tx, id, { ...changes, renewedAt: now });
        if (!row) throw new AppError('QUALIFICATION_REVOKED');
        const before = Object.fromEntries(
          Object.keys(changes).map((k) => {
            const v = current.q[k as keyof typeof changes];
            return [k, v instanceof Date ? v.toISOString() : v];
          }),
        );
        await appendAudit(
          tx,
          ctx,
          {
            action: 'qualification.renew',
            targetType: 'qualification',
            targetId: id,
            regionCode: i.regionCode,
            summary: {
              instrumentId: i.id,
              userId: current.q.userId,
              before,
              after: { ...changes, validUntil: input.validUntil.toISOString() },
            },
          },
          now,
        );
        return notifications.post(tx, notice(current.q.userId, i.nameZh, '已续期', 'renewed'));
      });
      await notifications.flush(outbox);
      return one(id);
    },

    async revoke(actor: Actor, ctx: RequestContext, id: string, reason: string) {
      const current = await qualifications.byId(id);
      if (!current) throw new AppError('NOT_FOUND');
      const i = await managedInstrument(actor, current.q.instrumentId);
      if (current.q.revokedAt) throw new AppError('QUALIFICATION_REVOKED');
      const now = clock.now();
      const outbox = await db.transaction(async (tx) => {
        const row = await qualifications.update(tx, id, {
          revokedAt: now,
          revokedBy: actor.userId,
          revokeReason: reason,
        });
        if (!row) throw new AppError('QUALIFICATION_REVOKED');
        await appendAudit(
          tx,
          ctx,
          {
            action: 'qualification.revoke',
            targetType: 'qualification',
            targetId: id,
            regionCode: i.regionCode,
            summary: { instrumentId: i.id, userId: current.q.userId, reason },
          },
          now,
        );
        return notifications.post(tx, notice(current.q.userId, i.nameZh, '被撤销', 'revoked'));
      });
      await notifications.flush(outbox);
      return one(id);
    },
  };
}
export type QualificationService = ReturnType<typeof createQualificationService>;
