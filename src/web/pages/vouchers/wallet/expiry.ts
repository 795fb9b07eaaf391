/** A voucher with money left this close to its end is shown as expiring. */
export const EXPIRING_DAYS = 30;

/** Whole days from now until the moment given (0 on the last day, negative once past). */
export function daysLeft(iso: string, now: number = Date.now()): number {
  return Math.floor((Date.parse(iso) - now) / 86_400_000);
}
