import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { InstrumentRow } from '../instruments/instrument.repository.js';
import type { BookingCommand } from './booking.status.js';

/** Who may run each command: the instrument's managers, the person who booked, or either. */
const commandActors: Record<BookingCommand, 'manager' | 'booker' | 'either'> = {
  approve: 'manager',
  reject: 'manager',
  confirm: 'manager',
  check_in: 'either',
  complete: 'manager',
  cancel: 'either',
  mark_no_show: 'manager',
};

/**
 * Whether someone standing in these roles towards a booking may run the command. The detail's
 * allowed commands and the transition itself both ask this, so what is offered is what is accepted.
 */
export function mayRun(command: BookingCommand, roles: { manager: boolean; booker: boolean }): boolean {
  const who = commandActors[command];
  return who === 'either' ? roles.manager || roles.booker : who === 'manager' ? roles.manager : roles.booker;
}

/** Managing an instrument (its organisation, or a bureau role over its region) includes its bookings. */
export function isManager(actor: Actor | null, i: Pick<InstrumentRow, 'organisationId' | 'regionCode'>): boolean {
  return can(actor, 'instrument.manage', { organisationId: i.organisationId, regionCode: i.regionCode });
}
