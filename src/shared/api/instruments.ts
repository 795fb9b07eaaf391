import { z } from 'zod';
import { organisationTypes } from '../roles.js';
import { isoDate, paged } from './common.js';
import { regionCode } from './organisations.js';

export const instrumentStatuses = ['normal', 'standby', 'in_repair', 'to_be_scrapped'] as const;
export const shareModes = ['external', 'internal', 'none'] as const;
export const instrumentPurposes = ['general', 'special'] as const;

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const instrumentInput = z.object({
  organisationId: z.uuid(),
  assetNo: z.string().trim().min(1).max(64),
  nameZh: z.string().trim().min(2).max(50),
  nameEn: z.string().trim().max(100).optional(),
  classCode: z.string().regex(/^\d{6}$/, '仪器分类代码为 6 位数字 / The class code has 6 digits'),
  originalValueFen: fen,
  manufacturer: z.string().trim().max(100).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  model: z.string().trim().max(100).optional(),
  specs: z.string().trim().max(2000).optional(),
  functions: z.string().trim().max(2000).optional(),
  serviceContent: z.string().trim().max(2000).optional(),
  feePerHourFen: fen.optional(),
  feePerSampleFen: fen.optional(),
  feeNotes: z.string().trim().max(500).optional(),
  openRules: z.string().trim().max(2000).optional(),
  bookingRules: z.record(z.string(), z.unknown()).optional(),
  location: z.string().trim().max(200).optional(),
  regionCode: regionCode.optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().max(20).optional(),
  status: z.enum(instrumentStatuses).default('normal'),
  shareMode: z.enum(shareModes).default('external'),
  purpose: z.enum(instrumentPurposes).default('general'),
  purchaseDate: z.iso.date().optional(),
});
/** Optional fields an edit may clear: null clears, omitted keeps. */
const clearable = [
  'nameEn',
  'manufacturer',
  'country',
  'model',
  'specs',
  'functions',
  'serviceContent',
  'feePerHourFen',
  'feePerSampleFen',
  'feeNotes',
  'openRules',
  'location',
  'contactName',
  'contactPhone',
  'purchaseDate',
] as const;
const editable = instrumentInput.omit({ organisationId: true, assetNo: true }).partial();
export const instrumentUpdate = editable.extend(
  Object.fromEntries(clearable.map((k) => [k, editable.shape[k].unwrap().nullish()])) as {
    [K in (typeof clearable)[number]]: z.ZodOptional<z.ZodNullable<ReturnType<(typeof editable.shape)[K]['unwrap']>>>;
  },
);

export const instrumentSummary = z.object({
  id: z.uuid(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  classCode: z.string(),
  className: z.string(),
  organisationId: z.uuid(),
  ownerName: z.string(),
  ownerType: z.enum(organisationTypes),
  regionCode: z.string(),
  regionName: z.string(),
  originalValueFen: z.number().int(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  feePerHourFen: z.number().int().nullable(),
  feePerSampleFen: z.number().int().nullable(),
  status: z.enum(instrumentStatuses),
  shareMode: z.enum(shareModes),
  purpose: z.enum(instrumentPurposes),
});

export const instrumentDetail = instrumentSummary.extend({
  assetNo: z.string(),
  country: z.string().nullable(),
  specs: z.string().nullable(),
  functions: z.string().nullable(),
  serviceContent: z.string().nullable(),
  feeNotes: z.string().nullable(),
  openRules: z.string().nullable(),
  bookingRules: z.record(z.string(), z.unknown()),
  location: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  canManage: z.boolean(),
});

export const catalogueQuery = z.object({
  q: z.string().trim().max(100).optional(),
  classCode: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6})$/)
    .optional(),
  regionCode: regionCode.optional(),
  ownerType: z.enum(organisationTypes).optional(),
  organisationId: z.uuid().optional(),
  minValueYuan: z.coerce.number().min(0).optional(),
  maxValueYuan: z.coerce.number().min(0).optional(),
  shareMode: z.enum(shareModes).optional(),
  status: z.enum(instrumentStatuses).optional(),
  purpose: z.enum(instrumentPurposes).optional(),
  /**
   * "Free now": in normal service, open (inside an opening window, outside blackouts) at
   * `freeFrom`, and no live booking holds it between these times.
   */
  freeFrom: z.iso.datetime({ offset: true }).optional(),
  freeTo: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['relevance', 'value', '-value', 'name']).default('relevance'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const calendarQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
export const calendarResponse = z.object({
  items: z.array(z.object({ start: isoDate, end: isoDate, status: z.string(), mine: z.boolean() })),
});

/** A catalogue page; `totalCapped` is always false now that the count is exact (kept for older clients). */
export const cataloguePage = paged(instrumentSummary).extend({ totalCapped: z.boolean() });
