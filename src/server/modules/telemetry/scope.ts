import { type SQL, sql } from 'drizzle-orm';
import { isRegionCode, scopePrefix } from '../../../shared/regions/regions.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { type Action, can, regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { rowsOf } from './derivation.js';

export interface InstrumentRef {
  id: string;
  organisationId: string;
  regionCode: string;
  nameZh: string;
}

/** The instrument, if the actor may do `action` to it; NOT_FOUND / FORBIDDEN otherwise. */
export async function instrumentFor(db: Db, actor: Actor, id: string, action: Action): Promise<InstrumentRef> {
  const [row] = rowsOf<InstrumentRef>(
    await db.execute(sql`select id::text as id, organisation_id::text as "organisationId", region_code as "regionCode",
      name_zh as "nameZh" from instruments where id = ${id}`),
  );
  if (!row) throw new AppError('NOT_FOUND');
  if (!can(actor, action, { organisationId: row.organisationId, regionCode: row.regionCode }))
    throw new AppError('FORBIDDEN');
  return row;
}

/** `like` prefix of a region for SQL; REGION_UNKNOWN for a code that is not a region. */
export function regionPrefix(code: string | undefined): string {
  if (!code) return '';
  if (!isRegionCode(code)) throw new AppError('REGION_UNKNOWN', { code });
  return scopePrefix(code);
}

/**
 * SQL condition on instrument alias `i` limiting rows to what the actor may read: bureau roles by
 * region, members by their organisations. Narrowed further by an optional region / organisation.
 */
export function readableInstruments(
  actor: Actor,
  action: Action,
  q: { regionCode?: string; organisationId?: string },
): SQL {
  const prefixes = regionPrefixes(actor, action);
  const orgs = actor.memberships
    .filter((m) => can(actor, action, { organisationId: m.organisationId }))
    .map((m) => m.organisationId);
  if (prefixes.length === 0 && orgs.length === 0) throw new AppError('FORBIDDEN');
  const parts: SQL[] = prefixes.map((p) => sql`i.region_code like ${`${p}%`}`);
  if (orgs.length) parts.push(sql`i.organisation_id = any(${sql.param(orgs)}::uuid[])`);
  const conds: SQL[] = [sql`(${sql.join(parts, sql` or `)})`];
  const prefix = regionPrefix(q.regionCode);
  if (prefix) conds.push(sql`i.region_code like ${`${prefix}%`}`);
  if (q.organisationId) conds.push(sql`i.organisation_id = ${q.organisationId}`);
  return sql.join(conds, sql` and `);
}
