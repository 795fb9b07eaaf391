import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations } from '../organisations/organisation.table.js';
import { serviceRecords } from './booking.table.js';

/** Users' ratings and comments of an instrument's services (用户评价, a national indicator). */
export function createReviewRepository(db: Db) {
  const rated = (instrumentId: string) =>
    and(eq(serviceRecords.instrumentId, instrumentId), isNotNull(serviceRecords.rating));
  return {
    /** How many of each star, 1–5. */
    async distribution(instrumentId: string) {
      const rows = await db
        .select({ rating: serviceRecords.rating, n: count() })
        .from(serviceRecords)
        .where(rated(instrumentId))
        .groupBy(serviceRecords.rating);
      return rows;
    },

    /** Newest first; the reviewer is named by organisation type only. */
    async page(instrumentId: string, page: number, pageSize: number, withComment: boolean) {
      const where = and(
        rated(instrumentId),
        withComment ? sql`coalesce(trim(${serviceRecords.comment}), '') <> ''` : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: serviceRecords.id,
            rating: serviceRecords.rating,
            comment: serviceRecords.comment,
            at: serviceRecords.startedAt,
            external: serviceRecords.external,
            organisationType: organisations.type,
          })
          .from(serviceRecords)
          .innerJoin(organisations, eq(organisations.id, serviceRecords.userOrganisationId))
          .where(where)
          .orderBy(desc(serviceRecords.startedAt), desc(serviceRecords.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        db.select({ n: count() }).from(serviceRecords).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
  };
}
export type ReviewRepository = ReturnType<typeof createReviewRepository>;
