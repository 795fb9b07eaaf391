import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { instrumentPhotos, instruments } from './instrument.table.js';

/** Photos without their bytes, in display order. */
const listColumns = {
  id: instrumentPhotos.id,
  position: instrumentPhotos.position,
  contentType: instrumentPhotos.contentType,
  byteSize: instrumentPhotos.byteSize,
  sha256: instrumentPhotos.sha256,
};

export function createPhotoRepository(db: Db) {
  return {
    list: (instrumentId: string, exec: Db | Tx = db) =>
      exec
        .select(listColumns)
        .from(instrumentPhotos)
        .where(eq(instrumentPhotos.instrumentId, instrumentId))
        .orderBy(asc(instrumentPhotos.position), asc(instrumentPhotos.id)),

    /** The bytes of one photo of one instrument. */
    find: async (instrumentId: string, photoId: string) =>
      (
        await db
          .select()
          .from(instrumentPhotos)
          .where(and(eq(instrumentPhotos.instrumentId, instrumentId), eq(instrumentPhotos.id, photoId)))
          .limit(1)
      )[0],

    /** Serialises photo changes of one instrument: the count check and the insert see the same list. */
    lockInstrument: (tx: Tx, instrumentId: string) =>
      tx.execute(sql`select 1 from ${instruments} where ${instruments.id} = ${instrumentId} for update`),

    count: async (tx: Tx, instrumentId: string) =>
      (await tx.select({ n: count() }).from(instrumentPhotos).where(eq(instrumentPhotos.instrumentId, instrumentId)))[0]
        ?.n ?? 0,

    insert: async (tx: Tx, values: typeof instrumentPhotos.$inferInsert) =>
      (await tx.insert(instrumentPhotos).values(values).returning(listColumns))[0],

    delete: async (tx: Tx, instrumentId: string, photoId: string) =>
      (
        await tx
          .delete(instrumentPhotos)
          .where(and(eq(instrumentPhotos.instrumentId, instrumentId), eq(instrumentPhotos.id, photoId)))
          .returning({ id: instrumentPhotos.id })
      ).length > 0,

    setPosition: (tx: Tx, photoId: string, position: number) =>
      tx.update(instrumentPhotos).set({ position }).where(eq(instrumentPhotos.id, photoId)),
  };
}
export type PhotoRepository = ReturnType<typeof createPhotoRepository>;
