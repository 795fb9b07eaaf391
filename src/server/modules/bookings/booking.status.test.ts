import { describe, expect, it } from 'vitest';
import { type BookingStatus, bookingStatuses, serviceModes } from '../../../shared/booking-rules.js';
import {
  activeStatuses,
  bookingTransitions,
  canTransition,
  commandsFrom,
  initialStatus,
  isActiveStatus,
} from './booking.status.js';

describe('booking transitions', () => {
  it('allows exactly the table for self-operated use', () => {
    const table = Object.fromEntries(bookingStatuses.map((s) => [s, commandsFrom(s, 'self_operated')]));
    expect(table).toEqual({
      requested: ['approve', 'reject', 'cancel'],
      approved: ['confirm', 'cancel'],
      rejected: [],
      confirmed: ['check_in', 'cancel', 'mark_no_show'],
      in_use: ['complete'],
      completed: [],
      cancelled: [],
      no_show: [],
    });
  });

  it('lets sample testing be completed straight from confirmed, without a check-in', () => {
    const table = Object.fromEntries(bookingStatuses.map((s) => [s, commandsFrom(s, 'sample_testing')]));
    expect(table).toEqual({
      requested: ['approve', 'reject', 'cancel'],
      approved: ['confirm', 'cancel'],
      rejected: [],
      confirmed: ['check_in', 'complete', 'cancel', 'mark_no_show'],
      in_use: ['complete'],
      completed: [],
      cancelled: [],
      no_show: [],
    });
    expect(canTransition('complete', 'confirmed', 'sample_testing')).toBe(true);
    expect(canTransition('complete', 'confirmed', 'self_operated')).toBe(false);
  });

  it('never leads back to the status it starts from', () => {
    for (const [command, t] of Object.entries(bookingTransitions)) {
      for (const from of t.from) expect(from, command).not.toBe(t.to);
    }
  });

  it('owes a reason only for rejection', () => {
    const owed = Object.entries(bookingTransitions)
      .filter(([, t]) => t.reasonRequired)
      .map(([c]) => c);
    expect(owed).toEqual(['reject']);
  });

  it('refuses cancelling a booking that is in use or finished', () => {
    for (const s of ['in_use', 'completed', 'cancelled', 'rejected', 'no_show'] as const) {
      expect(canTransition('cancel', s, 'self_operated'), s).toBe(false);
    }
    expect(canTransition('cancel', 'confirmed', 'self_operated')).toBe(true);
  });

  it('starts bookings needing approval as requested and the rest as confirmed', () => {
    expect(initialStatus(true)).toBe('requested');
    expect(initialStatus(false)).toBe('confirmed');
  });

  it('holds the slot exactly while requested, approved, confirmed or in use', () => {
    expect([...activeStatuses]).toEqual(['requested', 'approved', 'confirmed', 'in_use']);
    expect(bookingStatuses.filter(isActiveStatus)).toEqual(['requested', 'approved', 'confirmed', 'in_use']);
  });

  it('never lets a booking that freed its slot take it again', () => {
    // A released slot may already be rebooked by someone else, so leaving the active set is final.
    for (const mode of serviceModes) {
      for (const s of bookingStatuses.filter((x) => !isActiveStatus(x))) {
        expect(commandsFrom(s, mode), `${s} (${mode})`).toEqual([]);
      }
    }
  });

  it('reaches every status from the initial ones', () => {
    const seen = new Set<BookingStatus>([initialStatus(true), initialStatus(false)]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const mode of serviceModes) {
        for (const s of [...seen]) {
          for (const c of commandsFrom(s, mode)) {
            const to = bookingTransitions[c].to;
            if (!seen.has(to)) {
              seen.add(to);
              grew = true;
            }
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...bookingStatuses].sort());
  });
});
