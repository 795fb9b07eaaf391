import { z } from 'zod';
import { isoDate } from './common.js';
import { regionCode } from './organisations.js';

/**
 * The fields of a finance asset card (行政事业单位资产管理信息系统 通用设备卡片) that the platform keeps.
 * A spreadsheet's columns are mapped onto these names; the finance system pushes them as JSON.
 */
export const assetCardFields = [
  'assetNo',
  'originalAssetNo',
  'name',
  'classCode',
  'className',
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
  'originalValue',
  'accumulatedDepreciation',
  'netValue',
  'fundingSource',
  'useStatus',
  'usageDirection',
  'managingDepartment',
  'usingDepartment',
  'custodian',
  'location',
  'remarks',
  'disposalDate',
] as const;
export type AssetCardField = (typeof assetCardFields)[number];

/** Without these a row cannot become a card: the key, what it is, and what it is worth. */
export const requiredAssetFields = ['assetNo', 'name', 'originalValue'] as const satisfies readonly AssetCardField[];

/** Limits of one import; each is refused with its own coded error. */
export const assetImportLimits = { maxBytes: 10 * 1024 * 1024, maxRows: 50_000, maxPushCards: 5_000 } as const;

export const assetImportSources = ['csv', 'xlsx', 'api'] as const;

/** `{ ourField: 'their header' }`, sent as a JSON query parameter to override the built-in aliases. */
export const assetColumnMapping = z.partialRecord(z.enum(assetCardFields), z.string().trim().min(1).max(100));

export const assetImportQuery = z.object({
  /** Preview unless the caller explicitly commits. */
  dryRun: z.enum(['true', 'false']).default('true'),
  filename: z.string().trim().max(255).optional(),
  mapping: z.string().max(4000).optional().describe('JSON object { field: "header in the file" }'),
});

const cell = z.union([z.string().max(1000), z.number(), z.null()]).optional();

/**
 * One card as the finance system pushes it. Values are loose on purpose (strings or numbers):
 * they go through the same per-row validation as a spreadsheet, so one bad card is reported,
 * not allowed to refuse the whole call. `originalValue`, `accumulatedDepreciation` and `netValue`
 * are in yuan; `originalValueFen` may be sent instead of `originalValue`.
 */
export const assetCardPush = z
  .object({
    ...Object.fromEntries(assetCardFields.map((f) => [f, cell])),
    originalValueFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict() as z.ZodType<Partial<Record<AssetCardField, string | number | null>> & { originalValueFen?: number }>;

export const assetPushBody = z.object({
  cards: z.array(assetCardPush).min(1).max(assetImportLimits.maxPushCards),
  dryRun: z.boolean().default(false),
});

export const assetRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type AssetRowError = z.infer<typeof assetRowError>;

/** A new or changed row of an import, with the fields that differ from the stored card (old → new). */
export const assetRowChange = z.object({
  row: z.number().int(),
  assetNo: z.string(),
  kind: z.enum(['new', 'changed']),
  fields: z.array(
    z.object({
      field: z.string(),
      old: z.union([z.string(), z.number(), z.null()]),
      new: z.union([z.string(), z.number(), z.null()]),
    }),
  ),
});
export type AssetRowChange = z.infer<typeof assetRowChange>;

/** The preview and report keep this many changed rows; the counts still cover them all. */
export const maxReportedChanges = 2_000;

export const assetImportSummary = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  source: z.enum(assetImportSources),
  filename: z.string().nullable(),
  sha256: z.string(),
  dryRun: z.boolean(),
  rowsTotal: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDate,
});

export const assetImportReport = assetImportSummary.extend({
  /** Which header each field was read from (empty for a JSON push). */
  columns: z.record(z.string(), z.string()),
  errors: z.array(assetRowError),
  /** True when there were more row errors than the report keeps; `failed` still counts them all. */
  errorsTruncated: z.boolean(),
  changes: z.array(assetRowChange),
  /** True when more rows changed than `changes` keeps. */
  changesTruncated: z.boolean(),
});

/**
 * What the mapping step shows before a preview: the header row found, the columns under it, the
 * mapping the platform suggests from the header names, and the one this organisation used last.
 */
export const assetInspectResponse = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** Data rows under the header (blank rows left out). */
  rowsTotal: z.number().int(),
  sample: z.array(z.array(z.string())),
  suggested: assetColumnMapping,
  /** The mapping of this organisation's last committed file import, when every header still exists. */
  remembered: assetColumnMapping.nullable(),
  fields: z.array(
    z.object({
      field: z.enum(assetCardFields),
      label: z.string(),
      required: z.boolean(),
      aliases: z.array(z.string()),
    }),
  ),
});
export type AssetInspectResponse = z.infer<typeof assetInspectResponse>;

export const importIdParams = z.object({ id: z.uuid(), importId: z.uuid() });

export const reconciliationQuery = z.object({
  regionCode: regionCode.optional(),
  organisationId: z.uuid().optional(),
});

export const reconciliationKinds = ['unlisted', 'disposedListed', 'valueMismatch', 'lateListing'] as const;
export type ReconciliationKind = (typeof reconciliationKinds)[number];

const counts = z.object({
  unlisted: z.number().int(),
  disposedListed: z.number().int(),
  valueMismatch: z.number().int(),
  lateListing: z.number().int(),
});

export const reconciliationOrganisation = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  regionCode: z.string(),
  thresholdFen: z.number().int(),
  counts,
  /** 应入未入: cards at or above the threshold, in use, with no listed instrument. */
  unlisted: z.array(
    z.object({
      assetNo: z.string(),
      name: z.string(),
      originalValueFen: z.number().int(),
      purchaseDate: z.string().nullable(),
      useStatus: z.string().nullable(),
      managingDepartment: z.string().nullable(),
      usingDepartment: z.string().nullable(),
      /** 使用人: who holds the asset, the person to ask when looking for it. */
      custodian: z.string().nullable(),
      location: z.string().nullable(),
      specModel: z.string().nullable(),
      manufacturer: z.string().nullable(),
      /** 出厂编号: tells the asset apart from others of the same model on site. */
      serialNo: z.string().nullable(),
      /** 使用方向 (科研/教学/行政…): a card not used for research may not need listing. */
      usageDirection: z.string().nullable(),
    }),
  ),
  /** Listed instruments whose card says retired or transferred. */
  disposedListed: z.array(
    z.object({
      instrumentId: z.uuid(),
      assetNo: z.string(),
      nameZh: z.string(),
      cardName: z.string(),
      useStatus: z.string().nullable(),
      disposedAt: isoDate,
    }),
  ),
  valueMismatch: z.array(
    z.object({
      instrumentId: z.uuid(),
      assetNo: z.string(),
      nameZh: z.string(),
      instrumentValueFen: z.number().int(),
      cardValueFen: z.number().int(),
      differenceFen: z.number().int(),
    }),
  ),
  lateListing: z.array(
    z.object({
      instrumentId: z.uuid(),
      assetNo: z.string(),
      nameZh: z.string(),
      purchaseDate: z.string().nullable(),
      dueDate: z.string(),
      listedOn: z.string(),
      daysLate: z.number().int(),
    }),
  ),
});

export const reconciliationResponse = z.object({
  lateListingDays: z.number().int(),
  counts,
  /** Findings explained and dismissed in scope; they are left out of the lists and counts. */
  dismissed: z.number().int(),
  organisations: z.array(reconciliationOrganisation),
});
export type ReconciliationResponse = z.infer<typeof reconciliationResponse>;

/** Why a finding is closed without changing the listing; 'other' needs a note. */
export const dismissalReasons = [
  'notShareable',
  'notResearch',
  'disposalInProgress',
  'valueExplained',
  'lateExplained',
  'other',
] as const;

export const dismissalBody = z
  .object({
    organisationId: z.uuid(),
    kind: z.enum(reconciliationKinds),
    assetNo: z.string().trim().min(1).max(64),
    reason: z.enum(dismissalReasons),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.reason !== 'other' || (b.note?.length ?? 0) >= 2, {
    path: ['note'],
    message: '选择“其他”时请写明原因 / explain the reason when choosing "other"',
  });

export const dismissal = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  kind: z.enum(reconciliationKinds),
  assetNo: z.string(),
  reason: z.enum(dismissalReasons),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  dismissedBy: z.uuid().nullable(),
  dismissedByName: z.string().nullable(),
  dismissedAt: isoDate,
});
export type Dismissal = z.infer<typeof dismissal>;
