import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { users } from '../identity/user.table.js';
import { instruments } from '../instruments/instrument.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { bookingEvents, bookings, serviceRecords } from './booking.table.js';

export type BookingRow = typeof bookings.$inferSelect;
type Exec = Db | Tx;

/** The filters of the booking lists; the exports take the same ones. */
export interface BookingFilter {
  status?: string;
  instrumentId?: string;
  /** Bookings starting in [from, to). */
  from?: Date;
  to?: Date;
  /** Part of the instrument's name, the booker's name or their organisation's name. */
  q?: string;
}

function filterWhere(f: BookingFilter): SQL | undefined {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    f.status ? eq(bookings.status, f.status) : undefined,
    f.instrumentId ? eq(bookings.instrumentId, f.instrumentId) : undefined,
    f.from ? sql`${bookings.startAt} >= ${f.from.toISOString()}::timestamptz` : undefined,
    f.to ? sql`${bookings.startAt} < ${f.to.toISOString()}::timestamptz` : undefined,
    like ? or(ilike(instruments.nameZh, like), ilike(users.name, like), ilike(organisations.name, like)) : undefined,
  );
}

export function createBookingRepository(db: Db) {
  const listColumns = {
    booking: bookings,
    instrumentName: instruments.nameZh,
    instrumentOrgId: instruments.organisationId,
    userName: users.name,
    organisationName: organisations.name,
  };
  function list(where: SQL | undefined, page: number, pageSize: number) {
    return Promise.all([
      db
        .select(listColumns)
        .from(bookings)
        .innerJoin(instruments, eq(instruments.id, bookings.instrumentId))
        .innerJoin(users, eq(users.id, bookings.userId))
        .innerJoin(organisations, eq(organisations.id, bookings.organisationId))
        .where(where)
        .orderBy(desc(bookings.startAt), asc(bookings.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db
        .select({ n: count() })
        .from(bookings)
        .innerJoin(instruments, eq(instruments.id, bookings.instrumentId))
        .innerJoin(users, eq(users.id, bookings.userId))
        .innerJoin(organisations, eq(organisations.id, bookings.organisationId))
        .where(where),
    ]).then(([rows, [total]]) => ({ rows, total: total?.n ?? 0 }));
  }

  return {
    insert: async (tx: Tx, values: typeof bookings.$inferInsert) =>
      (await tx.insert(bookings).values(values).returning())[0] as BookingRow,

    findById: async (id: string, exec: Exec = db) =>
      (await exec.select().from(bookings).where(eq(bookings.id, id)).limit(1))[0],

    /** Conditional on the old status: a concurrent change makes this return nothing. */
    transition: async (tx: Tx, id: string, from: string, values: Partial<typeof bookings.$inferInsert>) =>
      (
        await tx
          .update(bookings)
          .set(values)
          .where(and(eq(bookings.id, id), eq(bookings.status, from)))
          .returning()
      )[0],

    insertEvent: (tx: Tx, values: typeof bookingEvents.$inferInsert) => tx.insert(bookingEvents).values(values),

    events: (id: string) =>
      db
        .select({ event: bookingEvents, actorName: users.name })
        .from(bookingEvents)
        .leftJoin(users, eq(users.id, bookingEvents.actorUserId))
        .where(eq(bookingEvents.bookingId, id))
        .orderBy(asc(bookingEvents.id)),

    insertService: async (tx: Tx, values: typeof serviceRecords.$inferInsert) =>
      (await tx.insert(serviceRecords).values(values).returning())[0],

    /** The booker and the organisation they booked for. */
    parties: async (bookingId: string) =>
      (
        await db
          .select({ userName: users.name, organisationName: organisations.name })
          .from(bookings)
          .innerJoin(users, eq(users.id, bookings.userId))
          .innerJoin(organisations, eq(organisations.id, bookings.organisationId))
          .where(eq(bookings.id, bookingId))
          .limit(1)
      )[0],

    serviceFor: async (bookingId: string) =>
      (await db.select().from(serviceRecords).where(eq(serviceRecords.bookingId, bookingId)).limit(1))[0],

    rate: (tx: Tx, bookingId: string, rating: number, comment: string | null) =>
      tx
        .update(serviceRecords)
        .set({ rating, comment })
        .where(and(eq(serviceRecords.bookingId, bookingId), isNull(serviceRecords.rating)))
        .returning({ id: serviceRecords.id }),

    mine: (userId: string, filter: BookingFilter, page: number, pageSize: number) =>
      list(and(eq(bookings.userId, userId), filterWhere(filter)), page, pageSize),

    queue: (organisationIds: string[], filter: BookingFilter, page: number, pageSize: number) =>
      organisationIds.length === 0
        ? Promise.resolve({ rows: [], total: 0 })
        : list(and(inArray(instruments.organisationId, organisationIds), filterWhere(filter)), page, pageSize),

    /**
     * Marks self-operated bookings nobody checked in to as no-shows once the instrument's release
     * time has passed, freeing the slot. One conditional UPDATE, so two job runs cannot both act.
     */
    releaseNoShows: async (tx: Tx, now: Date) => {
      const result = await tx.execute(sql`
        update bookings b set status = 'no_show', updated_at = ${now.toISOString()}::timestamptz
        from instruments i
        where i.id = b.instrument_id and b.status = 'confirmed' and b.mode = 'self_operated'
          and b.checked_in_at is null
          and b.start_at + make_interval(mins => coalesce((i.booking_rules->>'noShowReleaseMinutes')::int, 30))
              <= ${now.toISOString()}::timestamptz
        returning b.id, b.user_id as "userId", i.name_zh as "instrumentName", i.region_code as "regionCode"`);
      return (
        result as unknown as { rows: { id: string; userId: string; instrumentName: string; regionCode: string }[] }
      ).rows;
    },

    /** Active bookings near an interval: the neighbours the buffer rule is checked against. */
    neighbours: (instrumentId: string, from: Date, to: Date, exec: Exec = db) =>
      exec
        .select({ start: bookings.startAt, end: bookings.endAt })
        .from(bookings)
        .where(
          and(
            eq(bookings.instrumentId, instrumentId),
            sql`${bookings.status} in ('requested', 'approved', 'confirmed', 'in_use')`,
            sql`tstzrange(${bookings.startAt}, ${bookings.endAt}, '[)') && ${`[${from.toISOString()},${to.toISOString()})`}::tstzrange`,
          ),
        ),
  };
}
export type BookingRepository = ReturnType<typeof createBookingRepository>;
