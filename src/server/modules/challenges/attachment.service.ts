import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../audit/audit.writer.js';
import type { Actor } from '../identity/actor.js';
import { audit, isExpert, isMemberOf, isOfficerFor, loadList } from './application.common.js';
import {
  challengeApplicationParties,
  challengeApplications,
  challengeAttachments,
  challengeContracts,
  challengeReviewAssignments,
} from './applications.table.js';
import { classify, MAX_ATTACHMENT_BYTES } from './attachment.sniff.js';
import type { AttachmentStore } from './attachment.store.js';

export const ATTACHMENT_LIMIT_LABEL = `${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`;

type Owner = 'application' | 'contract';

/**
 * Attachments of applications and contracts (registration certificates). The bytes decide the type;
 * the store keeps them by SHA-256; only the parties, the list's officers and assigned reviewers
 * (for applications) may download.
 */
export function createAttachmentService(deps: { db: Db; clock: Clock; store: AttachmentStore }) {
  const { db, clock, store } = deps;

  async function ownerContext(actor: Actor, ownerType: Owner, ownerId: string, write: boolean) {
    if (ownerType === 'application') {
      const [app] = await db.select().from(challengeApplications).where(eq(challengeApplications.id, ownerId));
      if (!app) throw new AppError('NOT_FOUND');
      const list = await loadList(db, app.listId);
      const parties = await db
        .select({ organisationId: challengeApplicationParties.organisationId })
        .from(challengeApplicationParties)
        .where(eq(challengeApplicationParties.applicationId, app.id));
      const lead = isMemberOf(actor, app.organisationId);
      if (write) {
        if (!lead) throw new AppError('FORBIDDEN');
        const now = clock.now();
        const open = list.status === 'published' && list.applyOpensAt <= now && now < list.applyClosesAt;
        if (!open || !['submitted', 'needs_fix'].includes(app.status))
          throw new AppError('CHALLENGE_LIST_NOT_OPEN', {
            opens: list.applyOpensAt.toISOString().slice(0, 10),
            closes: list.applyClosesAt.toISOString().slice(0, 10),
          });
        return list.regionCode;
      }
      let ok = lead || parties.some((p) => isMemberOf(actor, p.organisationId)) || isOfficerFor(actor, list.regionCode);
      if (!ok && isMemberOf(actor, list.organisationId)) ok = app.status !== 'submitted' && app.status !== 'needs_fix';
      if (!ok && isExpert(actor)) {
        const [a] = await db
          .select({ id: challengeReviewAssignments.id })
          .from(challengeReviewAssignments)
          .where(
            and(
              eq(challengeReviewAssignments.applicationId, app.id),
              eq(challengeReviewAssignments.expertUserId, actor.userId),
            ),
          );
        ok = !!a;
      }
      if (!ok) throw new AppError('NOT_FOUND');
      return list.regionCode;
    }
    const [c] = await db.select().from(challengeContracts).where(eq(challengeContracts.id, ownerId));
    if (!c) throw new AppError('NOT_FOUND');
    const list = await loadList(db, c.listId);
    const party = isMemberOf(actor, c.buyerOrganisationId) || isMemberOf(actor, c.sellerOrganisationId);
    const officer = isOfficerFor(actor, list.regionCode);
    const finance = actor.roles.some((r) => r.role === 'finance_officer');
    if (write ? !party && !officer : !party && !officer && !finance)
      throw new AppError(write ? 'FORBIDDEN' : 'NOT_FOUND');
    if (write && c.status === 'cancelled') throw new AppError('INVALID_TRANSITION', { from: '已注销' });
    return list.regionCode;
  }

  return {
    async upload(
      actor: Actor,
      ctx: RequestContext,
      ownerType: Owner,
      ownerId: string,
      fileName: string,
      bytes: Buffer,
    ) {
      if (bytes.length > MAX_ATTACHMENT_BYTES)
        throw new AppError('CHALLENGE_ATTACHMENT_TOO_LARGE', { limit: ATTACHMENT_LIMIT_LABEL });
      if (bytes.length === 0) throw new AppError('CHALLENGE_ATTACHMENT_TYPE');
      const kind = classify(fileName, bytes);
      if (!kind.ok)
        throw new AppError(kind.reason === 'type' ? 'CHALLENGE_ATTACHMENT_TYPE' : 'CHALLENGE_ATTACHMENT_DISGUISED', {
          name: fileName,
        });
      const regionCode = await ownerContext(actor, ownerType, ownerId, true);
      const sha256 = await store.put(bytes);
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(challengeAttachments)
          .values({
            ownerType,
            ownerId,
            fileName,
            kind: kind.kind,
            mime: kind.mime,
            sizeBytes: bytes.length,
            sha256,
            uploadedBy: actor.userId,
            uploadedAt: now,
          })
          .returning();
        const saved = r as typeof challengeAttachments.$inferSelect;
        if (ownerType === 'contract')
          await tx
            .update(challengeContracts)
            .set({ certificateId: saved.id, updatedAt: now })
            .where(eq(challengeContracts.id, ownerId));
        await audit(
          tx,
          ctx,
          'challenge_attachment.upload',
          ownerType === 'contract' ? 'challenge_contract' : 'challenge_application',
          ownerId,
          regionCode,
          {
            fileName,
            sha256,
            sizeBytes: bytes.length,
          },
          now,
        );
        return saved;
      });
      return {
        id: row.id,
        fileName: row.fileName,
        kind: row.kind,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        uploadedAt: row.uploadedAt.toISOString(),
      };
    },

    async download(actor: Actor, id: string) {
      const [row] = await db.select().from(challengeAttachments).where(eq(challengeAttachments.id, id));
      if (!row) throw new AppError('NOT_FOUND');
      await ownerContext(actor, row.ownerType as Owner, row.ownerId, false);
      return { row, bytes: await store.get(row.sha256) };
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;
