import { customType } from 'drizzle-orm/pg-core';

/** Full-text vector; written with to_tsvector in SQL, never read back as a value. */
export const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * A timestamptz range as PostgreSQL's text form, e.g. `[2026-01-01 09:00Z,2026-01-01 10:00Z)`.
 * drizzle has no range type; the exclusion constraints that use it live in custom migrations.
 */
export const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });
