import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token; 32 bytes gives 256 bits, beyond guessing. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** We store only hashes of bearer tokens (sessions, invitations), so a database leak reveals no live token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
