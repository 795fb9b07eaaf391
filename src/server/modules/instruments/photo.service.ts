import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, pgConstraint, pgErrorCode } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { InstrumentRepository } from './instrument.repository.js';
import type { PhotoRepository } from './photo.repository.js';

/** NRII's limit for an instrument image is 1 MB; eight photos show an instrument from every side. */
export const PHOTO_LIMITS = { maxBytes: 1024 * 1024, maxPhotos: 8 } as const;

/** The image type by its first bytes; the declared content type is not trusted. */
export function sniffImage(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

export const photoUrl = (instrumentId: string, photoId: string) => `/api/instruments/${instrumentId}/photos/${photoId}`;

/** Instrument photos: upload, order, delete (the instrument's managers) and serve (anyone). */
export function createPhotoService(deps: {
  db: Db;
  clock: Clock;
  photos: PhotoRepository;
  instruments: Pick<InstrumentRepository, 'findById'>;
  /** Called after any change, so cached catalogue answers show the new cover. */
  changed: () => void;
}) {
  const { db, clock, photos, instruments } = deps;

  async function managed(actor: Actor, instrumentId: string) {
    const found = await instruments.findById(instrumentId);
    if (!found) throw new AppError('NOT_FOUND');
    const i = found.instrument;
    if (!can(actor, 'instrument.manage', { organisationId: i.organisationId, regionCode: i.regionCode }))
      throw new AppError('FORBIDDEN');
    return i;
  }

  async function list(instrumentId: string) {
    const rows = await photos.list(instrumentId);
    return { photos: rows.map((p) => ({ id: p.id, url: photoUrl(instrumentId, p.id), byteSize: p.byteSize })) };
  }

  return {
    list,

    async upload(actor: Actor, ctx: RequestContext, instrumentId: string, bytes: Buffer) {
      const i = await managed(actor, instrumentId);
      if (bytes.length > PHOTO_LIMITS.maxBytes) throw new AppError('INSTRUMENT_PHOTO_TOO_LARGE', { limit: '1 MB' });
      const contentType = sniffImage(bytes);
      if (!contentType) throw new AppError('INSTRUMENT_PHOTO_TYPE');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const now = clock.now();
      try {
        await db.transaction(async (tx) => {
          await photos.lockInstrument(tx, instrumentId);
          const n = await photos.count(tx, instrumentId);
          if (n >= PHOTO_LIMITS.maxPhotos)
            throw new AppError('INSTRUMENT_PHOTO_LIMIT', { max: PHOTO_LIMITS.maxPhotos });
          const row = await photos.insert(tx, {
            instrumentId,
            position: n,
            contentType,
            byteSize: bytes.length,
            sha256,
            bytes,
            createdBy: actor.userId,
            createdAt: now,
          });
          await appendAudit(
            tx,
            ctx,
            {
              action: 'instrument.photo_add',
              targetType: 'instrument',
              targetId: instrumentId,
              regionCode: i.regionCode,
              summary: { photoId: row?.id, contentType, byteSize: bytes.length, sha256 },
            },
            now,
          );
        });
      } catch (err) {
        if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'instrument_photos_same_key')
          throw new AppError('INSTRUMENT_PHOTO_DUPLICATE');
        throw err;
      }
      deps.changed();
      return list(instrumentId);
    },

    async remove(actor: Actor, ctx: RequestContext, instrumentId: string, photoId: string) {
      const i = await managed(actor, instrumentId);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await photos.lockInstrument(tx, instrumentId);
        if (!(await photos.delete(tx, instrumentId, photoId))) throw new AppError('NOT_FOUND');
        // Close the gap, so positions stay 0…n-1 and the next upload goes last.
        const rest = await photos.list(instrumentId, tx);
        for (const [position, p] of rest.entries())
          if (p.position !== position) await photos.setPosition(tx, p.id, position);
        await appendAudit(
          tx,
          ctx,
          {
            action: 'instrument.photo_delete',
            targetType: 'instrument',
            targetId: instrumentId,
            regionCode: i.regionCode,
            summary: { photoId },
          },
          now,
        );
      });
      deps.changed();
      return list(instrumentId);
    },

    /** Puts the photos in the given order; the first becomes the cover. */
    async reorder(actor: Actor, ctx: RequestContext, instrumentId: string, order: string[]) {
      const i = await managed(actor, instrumentId);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await photos.lockInstrument(tx, instrumentId);
        const current = await photos.list(instrumentId, tx);
        const known = new Set(current.map((p) => p.id));
        if (order.length !== known.size || new Set(order).size !== order.length || !order.every((id) => known.has(id)))
          throw new AppError('INSTRUMENT_PHOTO_ORDER');
        for (const [position, id] of order.entries()) await photos.setPosition(tx, id, position);
        await appendAudit(
          tx,
          ctx,
          {
            action: 'instrument.photo_order',
            targetType: 'instrument',
            targetId: instrumentId,
            regionCode: i.regionCode,
            summary: { before: current.map((p) => p.id), after: order },
          },
          now,
        );
      });
      deps.changed();
      return list(instrumentId);
    },

    /** The bytes of a photo, for anyone: the catalogue is public. */
    async file(instrumentId: string, photoId: string) {
      const photo = await photos.find(instrumentId, photoId);
      if (!photo) throw new AppError('NOT_FOUND');
      return photo;
    },
  };
}
export type PhotoService = ReturnType<typeof createPhotoService>;
