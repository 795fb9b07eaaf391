import type { BookingStatus, ServiceMode } from '../../../shared/booking-rules.js';

/**
 * The booking lifecycle as data: each command names the statuses it may start from, the status it
 * leads to, and whether a reason is owed. Services consult this table and nothing else.
 */
export const bookingTransitions = {
  approve: { from: ['requested'], to: 'approved', reasonRequired: false },
  reject: { from: ['requested'], to: 'rejected', reasonRequired: true },
  confirm: { from: ['approved'], to: 'confirmed', reasonRequired: false },
  check_in: { from: ['confirmed'], to: 'in_use', reasonRequired: false },
  complete: { from: ['confirmed', 'in_use'], to: 'completed', reasonRequired: false },
  cancel: { from: ['requested', 'approved', 'confirmed'], to: 'cancelled', reasonRequired: false },
  mark_no_show: { from: ['confirmed'], to: 'no_show', reasonRequired: false },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus; reasonRequired: boolean }>;

export type BookingCommand = keyof typeof bookingTransitions;

/**
 * Starting points that only some service modes may use. For sample testing the manager runs the
 * sample and records the service without anyone checking in, so confirmed → completed is allowed;
 * a self-operated booking must pass through in_use, which is where its usage is metered.
 */
export const modeOnlyTransitions: Partial<
  Record<BookingCommand, Partial<Record<BookingStatus, readonly ServiceMode[]>>>
> = {
  complete: { confirmed: ['sample_testing'] },
};

/**
 * The statuses that hold the time slot. Must equal the WHERE clause of the `bookings_no_overlap`
 * exclusion constraint, or the database and the application disagree about what is free.
 */
export const activeStatuses = [
  'requested',
  'approved',
  'confirmed',
  'in_use',
] as const satisfies readonly BookingStatus[];

export function isActiveStatus(status: BookingStatus): boolean {
  return (activeStatuses as readonly BookingStatus[]).includes(status);
}

/** Without approval a booking is accepted on creation, so it skips requested and approved. */
export function initialStatus(requiresApproval: boolean): Extract<BookingStatus, 'requested' | 'confirmed'> {
  return requiresApproval ? 'requested' : 'confirmed';
}

/** The mode is required because `complete` from confirmed depends on it (see modeOnlyTransitions). */
export function canTransition(command: BookingCommand, from: BookingStatus, mode: ServiceMode): boolean {
  if (!(bookingTransitions[command].from as readonly BookingStatus[]).includes(from)) return false;
  const onlyFor = modeOnlyTransitions[command]?.[from];
  return onlyFor === undefined || onlyFor.includes(mode);
}

/** Commands possible from a status, for showing only the actions allowed now. */
export function commandsFrom(status: BookingStatus, mode: ServiceMode): BookingCommand[] {
  return (Object.keys(bookingTransitions) as BookingCommand[]).filter((c) => canTransition(c, status, mode));
}
