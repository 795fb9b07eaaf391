import { customType } from 'drizzle-orm/pg-core';

/** Full-text vector; written with to_tsvector in SQL, never read back as a value. */
export const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * A timestamptz range as PostgreSQL's text form, e.g. `[2026-01-01 09:00Z,2026-01-01 10:00Z)`.
 * drizzle has no range type; the exclusion constraints that use it live in custom migrations.
 */
export const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

/**
 * A 64-bit transaction id (PostgreSQL 13+), as text. Rows stamped with the writing transaction's
 * id let a reader ask "what committed since my last look" without missing a slow transaction:
 * everything older than a snapshot's xmin is finished (see catalogue.search.ts).
 */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** Raw bytes; PGlite hands back a Uint8Array and node-postgres a Buffer, so both become a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});
