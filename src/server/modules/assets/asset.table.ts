import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { AssetRowChange, AssetRowError } from '../../../shared/api/assets.js';
import { users } from '../identity/user.table.js';
import { organisations } from '../organisations/organisation.table.js';

/**
 * Every import of the asset register, dry run or not, with its counts and per-row errors, so the
 * report can be re-opened later. A row is written for previews too: it is what "preview" shows.
 */
export const assetImports = pgTable(
  'asset_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** 'csv' | 'xlsx' | 'api' (the finance system's JSON push). */
    source: text('source').notNull(),
    filename: text('filename'),
    /** Of the uploaded bytes, or of the pushed JSON: the same file twice has the same hash. */
    sha256: varchar('sha256', { length: 64 }).notNull(),
    dryRun: boolean('dry_run').notNull(),
    rowsTotal: integer('rows_total').notNull(),
    rowsInserted: integer('rows_inserted').notNull(),
    rowsUpdated: integer('rows_updated').notNull(),
    rowsUnchanged: integer('rows_unchanged').notNull(),
    rowsFailed: integer('rows_failed').notNull(),
    /** Which header each field was read from. */
    columns: jsonb('columns').$type<Record<string, string>>().notNull().default({}),
    errors: jsonb('errors').$type<AssetRowError[]>().notNull().default([]),
    errorsTruncated: boolean('errors_truncated').notNull().default(false),
    /** New and changed rows with their fields old → new, so a preview and a report can show them. */
    changes: jsonb('changes').$type<AssetRowChange[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('asset_imports_org_created_idx').on(t.organisationId, t.createdAt)],
);

/**
 * One finance asset card (行政事业单位资产管理信息系统), as last imported. Money in fen. The finance
 * system is the source of truth: an import overwrites the card, keyed on (organisation, asset number).
 */
export const assetCards = pgTable(
  'asset_cards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    assetNo: varchar('asset_no', { length: 64 }).notNull(),
    originalAssetNo: varchar('original_asset_no', { length: 64 }),
    name: text('name').notNull(),
    /** GB/T 14885 code: 7 digits in the 2010 edition, letter-prefixed (A02…) in 2022. */
    classCode: varchar('class_code', { length: 32 }),
    className: text('class_name'),
    classScheme: text('class_scheme').notNull().default('GB/T 14885'),
    /** '2010' | '2022', inferred from the code's shape; null when there is no code. */
    classVersion: varchar('class_version', { length: 8 }),
    specModel: text('spec_model'),
    brand: text('brand'),
    /** 出厂编号 / SN: tells one asset from another of the same model when checking on site. */
    serialNo: text('serial_no'),
    manufacturer: text('manufacturer'),
    supplier: text('supplier'),
    country: text('country'),
    acquisitionMethod: text('acquisition_method'),
    purchaseDate: date('purchase_date'),
    /** 投入使用日期 (NRII 启用日期), which may be months after the purchase. */
    startUseDate: date('start_use_date'),
    warrantyUntil: date('warranty_until'),
    originalValueFen: bigint('original_value_fen', { mode: 'number' }).notNull(),
    accumulatedDepreciationFen: bigint('accumulated_depreciation_fen', { mode: 'number' }),
    /** 账面净值 as the register states it; not derived, since registers round and revalue. */
    netValueFen: bigint('net_value_fen', { mode: 'number' }),
    fundingSource: text('funding_source'),
    /** As the register says it: 在用 / 闲置 / 待报废 / 报废 / 调出 / 出租 … */
    useStatus: text('use_status'),
    /** 使用方向 / 用途 as the register says it: 科研 / 教学 / 行政 / 生产 … */
    usageDirection: text('usage_direction'),
    managingDepartment: text('managing_department'),
    usingDepartment: text('using_department'),
    /** 使用人 (保管人): who holds the asset. */
    custodian: text('custodian'),
    location: text('location'),
    remarks: text('remarks'),
    /** The row as read (header → cell text), for tracing a card back to the file. */
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    source: text('source').notNull(),
    lastImportId: uuid('last_import_id').references(() => assetImports.id),
    /** First import of this card; later imports leave it. */
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Set when the register says the asset was retired or transferred out (报废, 调出, 处置 …). */
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('asset_cards_org_asset_key').on(t.organisationId, t.assetNo),
    check('asset_cards_value_check', sql`${t.originalValueFen} >= 0`),
    check('asset_cards_depreciation_check', sql`${t.accumulatedDepreciationFen} >= 0`),
    check('asset_cards_net_value_check', sql`${t.netValueFen} >= 0`),
  ],
);

/**
 * The asset card's own fields, as the register states them. An import compares these to decide
 * "updated" versus "unchanged", and overwrites them (plus bookkeeping columns) on upsert.
 */
export const cardFields = [
  'originalAssetNo',
  'name',
  'classCode',
  'className',
  'classVersion',
  'specModel',
  'brand',
  'serialNo',
  'manufacturer',
  'supplier',
  'country',
  'acquisitionMethod',
  'purchaseDate',
  'startUseDate',
  'warrantyUntil',
  'originalValueFen',
  'accumulatedDepreciationFen',
  'netValueFen',
  'fundingSource',
  'useStatus',
  'usageDirection',
  'managingDepartment',
  'usingDepartment',
  'custodian',
  'location',
  'remarks',
] as const satisfies readonly (keyof typeof assetCards.$inferSelect)[];

/**
 * A reconciliation finding that someone looked at and explained (not shareable, listed on time
 * by another route, value difference accepted…). The report leaves dismissed findings out, so
 * an item does not come back on the next import; `detail` keeps what the finding said then.
 */
export const reconciliationDismissals = pgTable(
  'reconciliation_dismissals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** 'unlisted' | 'disposedListed' | 'valueMismatch' | 'lateListing' */
    kind: text('kind').notNull(),
    assetNo: varchar('asset_no', { length: 64 }).notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    dismissedBy: uuid('dismissed_by').references(() => users.id),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('reconciliation_dismissals_key').on(t.organisationId, t.kind, t.assetNo)],
);
