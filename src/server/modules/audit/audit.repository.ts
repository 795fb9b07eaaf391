import { and, asc, count, desc, eq, gt, gte, ilike, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users } from '../identity/user.table.js';
import { auditLog } from './audit.table.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  q?: string;
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Region prefixes the reader may see; rows without a region are visible when `includeUnscoped`. */
  regionPrefixes: string[] | 'all';
  includeUnscoped: boolean;
}

export function createAuditRepository(db: Db) {
  function where(f: AuditFilter): SQL | undefined {
    const conds: (SQL | undefined)[] = [];
    if (f.action) conds.push(ilike(auditLog.action, `${f.action}%`));
    if (f.actorUserId) conds.push(eq(auditLog.actorUserId, f.actorUserId));
    if (f.targetType) conds.push(eq(auditLog.targetType, f.targetType));
    if (f.targetId) conds.push(eq(auditLog.targetId, f.targetId));
    if (f.from) conds.push(gte(auditLog.at, f.from));
    if (f.to) conds.push(lte(auditLog.at, f.to));
    if (f.q) {
      const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
      conds.push(
        or(
          ilike(auditLog.action, like),
          ilike(auditLog.targetId, like),
          ilike(auditLog.requestId, like),
          sql`${auditLog.summary}::text ilike ${like}`,
          ilike(users.name, like),
        ),
      );
    }
    if (f.regionPrefixes !== 'all') {
      const scoped = f.regionPrefixes.map((p) => sql`${auditLog.regionCode} like ${`${p}%`}`);
      if (f.includeUnscoped) scoped.push(isNull(auditLog.regionCode) as SQL);
      conds.push(scoped.length ? or(...scoped) : sql`false`);
    }
    return and(...conds);
  }

  return {
    async list(f: AuditFilter, page: number, pageSize: number) {
      const w = where(f);
      const rows = await db
        .select({ row: auditLog, actorName: users.name })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(w)
        .orderBy(desc(auditLog.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const [total] = await db
        .select({ n: count() })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(w);
      return { rows, total: total?.n ?? 0 };
    },

    /** Reads the chain in bounded pages so verifying millions of rows never loads them all. */
    async *walk(batch = 2000): AsyncGenerator<AuditRow> {
      let after = 0;
      for (;;) {
        const rows = await db
          .select()
          .from(auditLog)
          .where(gt(auditLog.id, after))
          .orderBy(asc(auditLog.id))
          .limit(batch);
        for (const r of rows) yield r;
        if (rows.length < batch) return;
        after = rows[rows.length - 1]?.id ?? after;
      }
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
