import { checkCreditCode } from '../../../shared/credit-code.js';
import { fullName, isRegionCode } from '../../../shared/regions/regions.js';
import { type OrganisationStatus, type OrganisationType, organisationStatusLabels } from '../../../shared/roles.js';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { presentEvents } from '../../lib/status-events.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { NotificationService, Outbox } from '../notifications/notification.service.js';
import type { OrganisationFilter, OrganisationRepository, OrganisationRow } from './organisation.repository.js';
import { canTransition, type OrganisationCommand, organisationTransitions } from './organisation.status.js';

export interface NewOrganisation {
  name: string;
  nameEn?: string;
  creditCode: string;
  type: OrganisationType;
  regionCode: string;
  address?: string;
}

/** Checks the code and region; the override is for pilot-era codes that fail the checksum only. */
export function validateNewOrganisation(input: NewOrganisation, overrideChecksum = false) {
  const check = checkCreditCode(input.creditCode);
  if (!check.ok) {
    if (check.reason === 'CHECKSUM' && !overrideChecksum)
      throw new AppError('CREDIT_CODE_CHECKSUM', {}, { field: 'creditCode', expected: check.expected });
    if (check.reason !== 'CHECKSUM')
      throw new AppError('CREDIT_CODE_INVALID_FORMAT', {}, { field: 'creditCode', reason: check.reason });
  }
  if (!isRegionCode(input.regionCode))
    throw new AppError('REGION_UNKNOWN', { code: input.regionCode }, { field: 'regionCode' });
  return { creditCode: check.code, checksumOk: check.ok };
}

export function isDuplicateOrganisation(err: unknown): boolean {
  return pgErrorCode(err) === '23505' && pgConstraint(err) === 'organisations_credit_code_key';
}

export function presentOrganisation(o: OrganisationRow, memberCount: number) {
  return {
    id: o.id,
    name: o.name,
    nameEn: o.nameEn,
    type: o.type as OrganisationType,
    status: o.status as OrganisationStatus,
    regionCode: o.regionCode,
    regionName: fullName(o.regionCode) ?? o.regionCode,
    creditCode: o.creditCode,
    creditCodeChecked: o.creditCodeChecked,
    address: o.address,
    createdAt: o.createdAt.toISOString(),
    verifiedAt: o.verifiedAt?.toISOString() ?? null,
    memberCount,
  };
}

export interface OrganisationServiceDeps {
  db: Db;
  organisations: OrganisationRepository;
  identity: IdentityRepository;
  notifications: NotificationService;
  clock: Clock;
}

export function createOrganisationService(deps: OrganisationServiceDeps) {
  const { db, organisations, identity, notifications, clock } = deps;

  async function load(actor: Actor | null, id: string) {
    const org = await organisations.findById(id);
    // Not-found and not-allowed look the same to outsiders, so ids cannot be probed.
    if (!org || !can(actor, 'organisation.read', { organisationId: id, regionCode: org.regionCode }))
      throw new AppError('NOT_FOUND');
    return org;
  }

  async function detail(actor: Actor | null, id: string) {
    const org = await load(actor, id);
    const [counts, events] = await Promise.all([organisations.memberCounts([id]), organisations.events(id)]);
    return {
      ...presentOrganisation(org, counts.get(id) ?? 0),
      events: presentEvents(events),
    };
  }

  // Read through the caller's transaction: PGlite has one connection, so a query on `db` while a
  // transaction holds it would wait for itself.
  async function adminsOf(tx: Tx, organisationId: string) {
    return (await identity.members(organisationId, tx)).filter((m) => m.isAdmin).map((m) => m.user.id);
  }

  return {
    detail,

    async list(
      actor: Actor,
      q: Omit<OrganisationFilter, 'regionPrefixes'> & {
        page: number;
        pageSize: number;
        sort: 'createdAt' | '-createdAt' | 'name' | '-name';
      },
    ) {
      const prefixes = regionPrefixes(actor, 'organisation.list');
      if (prefixes.length === 0) throw new AppError('FORBIDDEN');
      if (q.regionCode && !isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
      const { rows, total } = await organisations.list({ ...q, regionPrefixes: prefixes }, q.page, q.pageSize, q.sort);
      const counts = await organisations.memberCounts(rows.map((r) => r.id));
      return {
        items: rows.map((r) => presentOrganisation(r, counts.get(r.id) ?? 0)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Inserts an organisation inside a caller's transaction (self-registration or bureau admin). */
    async insert(
      tx: Tx,
      ctx: RequestContext,
      input: NewOrganisation,
      opts: { overrideReason?: string; status?: OrganisationStatus } = {},
    ) {
      const { creditCode, checksumOk } = validateNewOrganisation(input, opts.overrideReason !== undefined);
      const now = clock.now();
      const org = await organisations.insert(tx, {
        name: input.name,
        nameEn: input.nameEn ?? null,
        creditCode,
        creditCodeChecked: checksumOk,
        creditCodeOverrideReason: checksumOk ? null : (opts.overrideReason ?? null),
        type: input.type,
        regionCode: input.regionCode,
        address: input.address ?? null,
        status: opts.status ?? 'registered',
        createdAt: now,
        updatedAt: now,
        verifiedAt: opts.status === 'verified' ? now : null,
        verifiedBy: opts.status === 'verified' ? ctx.actorUserId : null,
      });
      await organisations.insertEvent(tx, {
        organisationId: org.id,
        fromStatus: null,
        toStatus: org.status,
        actorUserId: ctx.actorUserId,
        reason: checksumOk ? null : `校验位豁免 / checksum override: ${opts.overrideReason}`,
        at: now,
      });
      await appendAudit(
        tx,
        ctx,
        {
          action: 'organisation.create',
          targetType: 'organisation',
          targetId: org.id,
          regionCode: org.regionCode,
          summary: { after: { name: org.name, creditCode, type: org.type, status: org.status, checksumOk } },
        },
        now,
      );
      return org;
    },

    async createByAdmin(
      actor: Actor,
      ctx: RequestContext,
      input: NewOrganisation & { overrideChecksum: boolean; overrideReason?: string },
    ) {
      if (!can(actor, 'organisation.create', { regionCode: input.regionCode }))
        throw new AppError(isRegionCode(input.regionCode) ? 'FORBIDDEN' : 'REGION_UNKNOWN', { code: input.regionCode });
      if (input.overrideChecksum && !input.overrideReason)
        throw new AppError('VALIDATION_FAILED', {}, [
          { path: 'overrideReason', message: 'required with overrideChecksum' },
        ]);
      try {
        const org = await db.transaction((tx) =>
          this.insert(tx, ctx, input, {
            overrideReason: input.overrideChecksum ? input.overrideReason : undefined,
            status: 'verified',
          }),
        );
        return presentOrganisation(org, 0);
      } catch (err) {
        if (isDuplicateOrganisation(err)) throw new AppError('ORG_DUPLICATE');
        throw err;
      }
    },

    async update(
      actor: Actor,
      ctx: RequestContext,
      id: string,
      patch: { name?: string; nameEn?: string | null; address?: string | null; regionCode?: string },
    ) {
      const org = await load(actor, id);
      if (!can(actor, 'organisation.update', { organisationId: id, regionCode: org.regionCode }))
        throw new AppError('FORBIDDEN');
      if (patch.regionCode !== undefined) {
        if (!isRegionCode(patch.regionCode)) throw new AppError('REGION_UNKNOWN', { code: patch.regionCode });
        // Moving an organisation changes who supervises it, so only the bureau may do it, within its scope.
        if (
          !can(actor, 'organisation.update', { regionCode: patch.regionCode }) ||
          !actor.roles.some((r) => r.role === 'bureau_admin')
        )
          throw new AppError('REGION_OUT_OF_SCOPE');
      }
      const before = { name: org.name, nameEn: org.nameEn, address: org.address, regionCode: org.regionCode };
      const updated = await db.transaction(async (tx) => {
        const row = await organisations.update(tx, id, { ...patch, updatedAt: clock.now() });
        await appendAudit(
          tx,
          ctx,
          {
            action: 'organisation.update',
            targetType: 'organisation',
            targetId: id,
            regionCode: org.regionCode,
            summary: { before, after: patch },
          },
          clock.now(),
        );
        return row as OrganisationRow;
      });
      return presentOrganisation(updated, (await organisations.memberCounts([id])).get(id) ?? 0);
    },

    /** The one status-change template: authorise, guard, conditional update + event + audit, notify after commit. */
    async transition(actor: Actor, ctx: RequestContext, id: string, command: OrganisationCommand, reason?: string) {
      const org = await load(actor, id);
      const isResubmit = command === 'resubmit';
      const allowed = isResubmit
        ? can(actor, 'organisation.update', { organisationId: id, regionCode: org.regionCode })
        : can(actor, 'organisation.review', { regionCode: org.regionCode });
      if (!allowed) throw new AppError('FORBIDDEN');
      const t = organisationTransitions[command];
      const from = org.status as OrganisationStatus;
      if (!canTransition(command, from)) throw new AppError('INVALID_TRANSITION', { from }, { from, command });
      if (t.reasonRequired && !reason?.trim())
        throw new AppError('VALIDATION_FAILED', {}, [{ path: 'reason', message: 'a reason is required' }]);
      const now = clock.now();
      const outbox: Outbox = await db.transaction(async (tx) => {
        const row = await organisations.transition(tx, id, from, {
          status: t.to,
          updatedAt: now,
          ...(t.to === 'verified' ? { verifiedAt: now, verifiedBy: actor.userId } : {}),
        });
        if (!row) throw new AppError('STALE_STATE');
        await organisations.insertEvent(tx, {
          organisationId: id,
          fromStatus: from,
          toStatus: t.to,
          actorUserId: actor.userId,
          reason: reason ?? null,
          at: now,
        });
        await appendAudit(
          tx,
          ctx,
          {
            action: `organisation.${command}`,
            targetType: 'organisation',
            targetId: id,
            regionCode: org.regionCode,
            summary: { before: { status: from }, after: { status: t.to }, reason: reason ?? null },
          },
          now,
        );
        const recipients = isResubmit ? [] : await adminsOf(tx, id);
        return notifications.post(tx, {
          userIds: recipients,
          category: 'organisation',
          title: {
            zh: `单位状态变更：${org.name}`,
            en: `Organisation status changed: ${org.name}`,
          },
          body: {
            zh: `科技局已将贵单位状态由「${organisationStatusLabels[from].zh}」变更为「${organisationStatusLabels[t.to].zh}」。${reason ? `原因：${reason}` : ''}`,
            en: `The bureau changed your organisation's status from "${organisationStatusLabels[from].en}" to "${organisationStatusLabels[t.to].en}".${reason ? ` Reason: ${reason}` : ''}`,
          },
          link: '/my-organisation',
        });
      });
      await notifications.flush(outbox);
      return detail(actor, id);
    },

    /** Rows for CSV export: the same scope and filters as the list, without paging (bounded). */
    async exportRows(actor: Actor, q: Omit<OrganisationFilter, 'regionPrefixes'>) {
      const prefixes = regionPrefixes(actor, 'organisation.list');
      if (prefixes.length === 0) throw new AppError('FORBIDDEN');
      if (q.regionCode && !isRegionCode(q.regionCode)) throw new AppError('REGION_UNKNOWN', { code: q.regionCode });
      const { rows } = await organisations.list({ ...q, regionPrefixes: prefixes }, 1, 50_000, 'name');
      return rows.map((r) => presentOrganisation(r, 0));
    },
  };
}
export type OrganisationService = ReturnType<typeof createOrganisationService>;
