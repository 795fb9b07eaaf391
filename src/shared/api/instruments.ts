import { z } from 'zod';
import { organisationTypes } from '../roles.js';
import { isoDate, paged } from './common.js';
import { regionCode } from './organisations.js';

export const instrumentStatuses = ['normal', 'standby', 'in_repair', 'to_be_scrapped'] as const;
export const shareModes = ['external', 'internal', 'none'] as const;
export const instrumentPurposes = ['general', 'special'] as const;

type Label = { zh: string; en: string };

export const instrumentStatusLabels: Record<(typeof instrumentStatuses)[number], Label> = {
  normal: { zh: '正常', en: 'In service' },
  standby: { zh: '待机', en: 'Standby' },
  in_repair: { zh: '维修中', en: 'Under repair' },
  to_be_scrapped: { zh: '待报废', en: 'To be scrapped' },
};

export const shareModeLabels: Record<(typeof shareModes)[number], Label> = {
  external: { zh: '对外开放共享', en: 'Shared externally' },
  internal: { zh: '仅单位内部共享', en: 'Shared internally only' },
  none: { zh: '不共享', en: 'Not shared' },
};

export const purposeLabels: Record<(typeof instrumentPurposes)[number], Label> = {
  general: { zh: '通用', en: 'General purpose' },
  special: { zh: '专用', en: 'Special purpose' },
};

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Longest address SMTP carries (RFC 5321: a 256-octet path less its angle brackets). */
export const CONTACT_EMAIL_MAX = 254;
/**
 * The contact email the owner publishes on the instrument page (NRII's contact element): a
 * business mailbox, shown as given, so it is trimmed but not lower-cased.
 */
export const contactEmail = z
  .string()
  .trim()
  .pipe(
    z
      .email('请输入有效的邮箱地址，如 lab@example.cn / Enter a valid email address, e.g. lab@example.cn')
      .max(CONTACT_EMAIL_MAX, `邮箱最长 ${CONTACT_EMAIL_MAX} 个字符 / At most ${CONTACT_EMAIL_MAX} characters`),
  );

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
  contactEmail: contactEmail.optional(),
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
  'contactEmail',
  'purchaseDate',
] as const;
const editable = instrumentInput.omit({ organisationId: true, assetNo: true }).partial();
export const instrumentUpdate = editable.extend(
  Object.fromEntries(clearable.map((k) => [k, editable.shape[k].unwrap().nullish()])) as {
    [K in (typeof clearable)[number]]: z.ZodOptional<z.ZodNullable<ReturnType<(typeof editable.shape)[K]['unwrap']>>>;
  },
);

export const photoParams = z.object({ id: z.uuid(), photoId: z.uuid() });
export const instrumentPhoto = z.object({ id: z.uuid(), url: z.string(), byteSize: z.number().int() });
export const photoList = z.object({ photos: z.array(instrumentPhoto) });
export const photoOrderBody = z.object({ ids: z.array(z.uuid()).max(50) });

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
  /** The cover photo, or null when the instrument has none. */
  photoUrl: z.string().nullable(),
});

export const instrumentDetail = instrumentSummary.extend({
  photos: z.array(instrumentPhoto),
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
  /** Published in full: a business mailbox the owner chose to show, unlike the masked phone. */
  contactEmail: z.string().nullable(),
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

/** The catalogue export takes the list's filters; at most this many rows, in the list's order. */
export const CATALOGUE_EXPORT_MAX_ROWS = 5000;
export const catalogueExportQuery = catalogueQuery
  .omit({ page: true, pageSize: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const calendarQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
export const calendarResponse = z.object({
  items: z.array(z.object({ start: isoDate, end: isoDate, status: z.string(), mine: z.boolean() })),
});

/** A catalogue page; `totalCapped` is always false now that the count is exact (kept for older clients). */
export const cataloguePage = paged(instrumentSummary).extend({ totalCapped: z.boolean() });
