import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A new device id: `kcd-` and 12 lowercase letters/digits (topic-safe, easy to read out). */
export function newDeviceId(): string {
  let id = 'kcd-';
  for (let i = 0; i < 12; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/**
 * A 40-character password from a 57-letter alphabet without look-alikes (~233 bits). Rejection-free
 * because randomInt is unbiased.
 */
export function newDevicePassword(): string {
  let s = '';
  for (let i = 0; i < 40; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return s;
}

/**
 * SHA-256, not argon2: the password is a machine-generated random token with over 200 bits of
 * entropy, so a slow hash adds no protection against guessing, while a device fleet reconnecting
 * after a broker restart must be verified in microseconds, not tens of milliseconds each.
 */
export function hashDevicePassword(password: string | Buffer): string {
  return createHash('sha256').update(password).digest('hex');
}

export function passwordMatches(password: string | Buffer, storedHash: string): boolean {
  const given = Buffer.from(hashDevicePassword(password), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Random filler so an unknown device id costs the same hash compare as a known one. */
export const UNKNOWN_HASH = createHash('sha256').update(randomBytes(32)).digest('hex');
