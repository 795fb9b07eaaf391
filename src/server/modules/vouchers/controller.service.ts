import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { maskIdNumber } from '../../../shared/mask.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { organisations } from '../organisations/organisation.table.js';
import { orgById, type VoucherDeps } from './voucher.common.js';

/**
 * The actual controller (实际控制人) an organisation declares, for the related-party check and
 * caps per controller. An organisation controller is keyed by its credit code; a person only by
 * a SHA-256 digest of the ID number, so the number itself is never stored, and shown only masked.
 */
export function controllerKeyOf(kind: 'organisation' | 'person', identifier: string) {
  const id = identifier.trim().toUpperCase();
  if (kind === 'organisation')
    return { key: id, masked: `${id.slice(0, 6)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-2)}` };
  return {
    key: `sha256:${createHash('sha256').update(`person:${id}`).digest('hex')}`,
    masked: maskIdNumber(id) ?? '****',
  };
}

export function createControllerService(deps: VoucherDeps) {
  const { db, clock } = deps;

  function view(o: typeof organisations.$inferSelect) {
    return {
      organisationId: o.id,
      declared: Boolean(o.controllerKey),
      name: o.controllerName,
      kind: (o.controllerKind as 'organisation' | 'person' | null) ?? null,
      identifierMasked: o.controllerMasked,
      declaredAt: o.controllerDeclaredAt?.toISOString() ?? null,
    };
  }

  return {
    async get(actor: Actor, organisationId: string) {
      const o = await orgById(db, organisationId);
      if (!can(actor, 'organisation.read', { organisationId, regionCode: o.regionCode }))
        throw new AppError('NOT_FOUND');
      return view(o);
    },

    async declare(
      actor: Actor,
      ctx: RequestContext,
      organisationId: string,
      body: { name: string; identifier: string; kind: 'organisation' | 'person' },
    ) {
      const o = await orgById(db, organisationId);
      if (!can(actor, 'organisation.update', { organisationId, regionCode: o.regionCode }))
        throw new AppError('FORBIDDEN');
      const { key, masked } = controllerKeyOf(body.kind, body.identifier);
      const now = clock.now();
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(organisations)
          .set({
            controllerName: body.name,
            controllerKind: body.kind,
            controllerKey: key,
            controllerMasked: masked,
            controllerDeclaredAt: now,
            updatedAt: now,
          })
          .where(eq(organisations.id, organisationId))
          .returning();
        await appendAudit(
          tx,
          ctx,
          {
            action: 'organisation.controller',
            targetType: 'organisation',
            targetId: organisationId,
            regionCode: o.regionCode,
            summary: {
              before: { name: o.controllerName, kind: o.controllerKind, masked: o.controllerMasked },
              after: { name: body.name, kind: body.kind, masked },
            },
          },
          now,
        );
        return row;
      });
      if (!updated) throw new AppError('NOT_FOUND');
      return view(updated);
    },
  };
}
export type ControllerService = ReturnType<typeof createControllerService>;
