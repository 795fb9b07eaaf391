import { and, asc, eq, inArray, like, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { MANAGER_CALENDAR_MAX_DAYS } from '../../../shared/api/bookings.calendar.js';
import type { BookingStatus, ServiceMode } from '../../../shared/booking-rules.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { users } from '../identity/user.table.js';
import { parseBookingRules } from '../instruments/instrument.service.js';
import { instruments } from '../instruments/instrument.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { bookings } from './booking.table.js';

/** A week across many instruments stays readable up to about this many rows. */
const MAX_INSTRUMENTS = 60;

/**
 * Organisations whose instruments the actor manages as a member (org admin or instrument manager),
 * and the region prefixes a bureau role reaches. Both empty: the actor manages nothing.
 */
export function managedScope(actor: Actor) {
  const orgIds = new Set<string>();
  for (const m of actor.memberships) orgIds.add(m.organisationId);
  for (const g of actor.roles) if (g.organisationId) orgIds.add(g.organisationId);
  const managed = [...orgIds].filter((id) => can(actor, 'instrument.manage', { organisationId: id }));
  return { orgIds: managed, regionPrefixes: regionPrefixes(actor, 'instrument.manage') };
}

export function scopeWhere(scope: ReturnType<typeof managedScope>): SQL | undefined {
  const parts: SQL[] = [];
  if (scope.orgIds.length > 0) parts.push(inArray(instruments.organisationId, scope.orgIds));
  for (const p of scope.regionPrefixes) parts.push(like(instruments.regionCode, `${p}%`));
  return parts.length === 0 ? undefined : or(...parts);
}

/**
 * The manager's resource timeline: every managed instrument (rows) with its opening hours and
 * blackouts, and the live or finished bookings overlapping the window. Cancelled and rejected
 * bookings hold no time, so they are left out.
 */
export async function managerCalendar(db: Db, actor: Actor, from: Date, to: Date, organisationId?: string) {
  const days = MANAGER_CALENDAR_MAX_DAYS;
  if (to <= from || to.getTime() - from.getTime() > days * 86_400_000)
    throw new AppError('BOOKING_CALENDAR_RANGE', { days });
  const scope = scopeWhere(managedScope(actor));
  if (!scope) return { instruments: [], bookings: [], truncated: false };
  const rows = await db
    .select({ i: instruments, organisationName: organisations.name })
    .from(instruments)
    .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
    .where(and(scope, organisationId ? eq(instruments.organisationId, organisationId) : undefined))
    .orderBy(asc(organisations.name), asc(instruments.nameZh), asc(instruments.id))
    .limit(MAX_INSTRUMENTS + 1);
  const shown = rows.slice(0, MAX_INSTRUMENTS);
  const ids = shown.map((r) => r.i.id);
  const booked =
    ids.length === 0
      ? []
      : await db
          .select({ b: bookings, userName: users.name, organisationName: organisations.name })
          .from(bookings)
          .innerJoin(users, eq(users.id, bookings.userId))
          .innerJoin(organisations, eq(organisations.id, bookings.organisationId))
          .where(
            and(
              inArray(bookings.instrumentId, ids),
              notInArray(bookings.status, ['cancelled', 'rejected']),
              sql`${bookings.startAt} < ${to.toISOString()}::timestamptz`,
              sql`${bookings.endAt} > ${from.toISOString()}::timestamptz`,
            ),
          )
          .orderBy(asc(bookings.startAt));
  return {
    instruments: shown.map(({ i, organisationName }) => {
      const rules = parseBookingRules(i.bookingRules);
      return {
        id: i.id,
        nameZh: i.nameZh,
        organisationId: i.organisationId,
        organisationName,
        status: i.status,
        timezone: rules.timezone,
        openingHours: rules.openingHours,
        blackouts: rules.blackouts.filter(
          (b) => Date.parse(b.start) < to.getTime() && Date.parse(b.end) > from.getTime(),
        ),
      };
    }),
    bookings: booked.map(({ b, userName, organisationName }) => ({
      id: b.id,
      instrumentId: b.instrumentId,
      start: b.startAt.toISOString(),
      end: b.endAt.toISOString(),
      status: b.status as BookingStatus,
      mode: b.mode as ServiceMode,
      userName,
      organisationName,
    })),
    truncated: rows.length > MAX_INSTRUMENTS,
  };
}

/**
 * The user's own calendar: every booking they made that overlaps the window, on any instrument.
 * Cancelled and rejected ones hold no time and are left out, as in the manager's view.
 */
export async function myCalendar(db: Db, actor: Actor, from: Date, to: Date) {
  const days = MANAGER_CALENDAR_MAX_DAYS;
  if (to <= from || to.getTime() - from.getTime() > days * 86_400_000)
    throw new AppError('BOOKING_CALENDAR_RANGE', { days });
  const rows = await db
    .select({
      b: bookings,
      instrumentName: instruments.nameZh,
      location: instruments.location,
      owner: organisations.name,
    })
    .from(bookings)
    .innerJoin(instruments, eq(instruments.id, bookings.instrumentId))
    .innerJoin(organisations, eq(organisations.id, instruments.organisationId))
    .where(
      and(
        eq(bookings.userId, actor.userId),
        notInArray(bookings.status, ['cancelled', 'rejected']),
        sql`${bookings.startAt} < ${to.toISOString()}::timestamptz`,
        sql`${bookings.endAt} > ${from.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(bookings.startAt), asc(bookings.id));
  return {
    bookings: rows.map(({ b, instrumentName, location, owner }) => ({
      id: b.id,
      instrumentId: b.instrumentId,
      instrumentName,
      instrumentOrganisation: owner,
      location,
      start: b.startAt.toISOString(),
      end: b.endAt.toISOString(),
      status: b.status as BookingStatus,
      mode: b.mode as ServiceMode,
    })),
  };
}
