import { and, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { users } from '../identity/user.table.js';
import { assetCards, assetImports, cardFields } from './asset.table.js';

export type AssetCardRow = typeof assetCards.$inferSelect;
export type AssetImportRow = typeof assetImports.$inferSelect;

/** Keeps each statement well under PostgreSQL's 65,535 bind parameters (about 25 per card). */
const CHUNK = 1_000;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Columns an import overwrites; imported_at (the first import) is left as it was. */
const overwritten = [
  ...cardFields,
  'raw',
  'source',
  'lastImportId',
  'updatedAt',
  'disposedAt',
] as const satisfies readonly (keyof typeof assetCards.$inferInsert)[];

export function createAssetRepository(db: Db) {
  return {
    /**
     * Serialises imports of one organisation's register for the rest of the transaction, so two
     * uploads of the same file cannot both classify a row as new and then fight over it.
     */
    lockOrganisation: (tx: Tx, organisationId: string) =>
      tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`asset_cards:${organisationId}`}, 0))`),

    async findByAssetNos(tx: Tx, organisationId: string, assetNos: string[]): Promise<AssetCardRow[]> {
      const found: AssetCardRow[] = [];
      for (const part of chunks(assetNos))
        found.push(
          ...(await tx
            .select()
            .from(assetCards)
            .where(and(eq(assetCards.organisationId, organisationId), inArray(assetCards.assetNo, part)))),
        );
      return found;
    },

    /** Inserts new cards and overwrites changed ones, keyed on (organisation, asset number). */
    async upsert(tx: Tx, rows: (typeof assetCards.$inferInsert)[]) {
      const set = Object.fromEntries(overwritten.map((k) => [k, sql.raw(`excluded.${assetCards[k].name}`)])) as Record<
        (typeof overwritten)[number],
        ReturnType<typeof sql.raw>
      >;
      for (const part of chunks(rows))
        await tx
          .insert(assetCards)
          .values(part)
          .onConflictDoUpdate({ target: [assetCards.organisationId, assetCards.assetNo], set });
    },

    insertImport: async (tx: Tx, values: typeof assetImports.$inferInsert) =>
      (await tx.insert(assetImports).values(values).returning())[0] as AssetImportRow,

    async listImports(organisationId: string, page: number, pageSize: number) {
      const rows = await db
        .select({ row: assetImports, createdByName: users.name })
        .from(assetImports)
        .leftJoin(users, eq(users.id, assetImports.createdBy))
        .where(eq(assetImports.organisationId, organisationId))
        .orderBy(desc(assetImports.createdAt), desc(assetImports.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const [total] = await db
        .select({ n: count() })
        .from(assetImports)
        .where(eq(assetImports.organisationId, organisationId));
      return { rows, total: total?.n ?? 0 };
    },

    /** The organisation's last committed file import: its columns are the mapping to suggest next time. */
    lastFileImport: async (organisationId: string) =>
      (
        await db
          .select()
          .from(assetImports)
          .where(
            and(
              eq(assetImports.organisationId, organisationId),
              eq(assetImports.dryRun, false),
              ne(assetImports.source, 'api'),
            ),
          )
          .orderBy(desc(assetImports.createdAt), desc(assetImports.id))
          .limit(1)
      )[0],

    findImport: async (organisationId: string, importId: string) =>
      (
        await db
          .select({ row: assetImports, createdByName: users.name })
          .from(assetImports)
          .leftJoin(users, eq(users.id, assetImports.createdBy))
          .where(and(eq(assetImports.organisationId, organisationId), eq(assetImports.id, importId)))
          .limit(1)
      )[0],
  };
}
export type AssetRepository = ReturnType<typeof createAssetRepository>;
