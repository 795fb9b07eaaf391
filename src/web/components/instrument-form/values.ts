/**
 * The instrument form's values and their translation to and from the API: pure functions, no React,
 * so the mapping (元 ↔ fen, emptied fields, the saved draft) is unit-tested on its own.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { type BookingRulesInput, isoWeekdays, type OpeningWindow } from '../../../shared/booking-rules';
import type { InstrumentDetail, InstrumentInput, Me } from '../../api/types';
import { parseRules } from '../../lib/instruments';

export type Org = Me['memberships'][number]['organisation'];

export interface RulesValues {
  requiresApproval: boolean;
  qualificationRequired: boolean;
  serviceModes: string[];
  minMinutes: number;
  maxMinutes: number;
  slotMinutes: number;
  advanceNoticeHours: number;
  horizonDays: number;
  bufferMinutes: number;
  openingHours: Record<string, OpeningWindow[]>;
}

export interface Values {
  organisationId?: string;
  assetNo?: string;
  nameZh: string;
  nameEn?: string;
  classCode: string;
  originalValueYuan: number;
  purchaseDate?: Dayjs | null;
  manufacturer?: string;
  country?: string;
  model?: string;
  status: string;
  shareMode: string;
  purpose: string;
  specs?: string;
  functions?: string;
  serviceContent?: string;
  feePerHourYuan?: number | null;
  feePerSampleYuan?: number | null;
  feeNotes?: string;
  openRules?: string;
  location?: string;
  regionCode?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  bookingRules: RulesValues;
}

/** Where an unsent new listing is kept; the reconciliation's "list this card" fills it too. */
export const DRAFT_KEY = 'kc.draft.instrument';

export const toFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? undefined : Math.round(yuan * 100);
export const toYuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? undefined : fen / 100);
export const blank = (s: string | undefined | null) => (s?.trim() ? s.trim() : undefined);

export function rulesFrom(raw: unknown): RulesValues {
  const r = parseRules(raw);
  return {
    requiresApproval: r.requiresApproval,
    qualificationRequired: r.qualificationRequired,
    serviceModes: [...r.serviceModes],
    minMinutes: r.minMinutes,
    maxMinutes: r.maxMinutes,
    slotMinutes: r.slotMinutes,
    advanceNoticeHours: r.advanceNoticeHours,
    horizonDays: r.horizonDays,
    bufferMinutes: r.bufferMinutes,
    openingHours: Object.fromEntries(isoWeekdays.map((d) => [d, r.openingHours[d].map((w) => ({ ...w }))])),
  };
}

/** The saved draft of a new listing, or null when there is none or it cannot be read. */
export function readDraft(): Partial<Values> | null {
  try {
    const draft = globalThis.localStorage?.getItem(DRAFT_KEY);
    if (!draft) return null;
    const d = JSON.parse(draft) as Partial<Values> & { purchaseDate?: string };
    return {
      ...d,
      purchaseDate: d.purchaseDate ? dayjs(d.purchaseDate) : undefined,
      bookingRules: d.bookingRules ?? rulesFrom({}),
    };
  } catch {
    // A broken draft is simply not restored.
    return null;
  }
}

export function saveDraft(all: Values) {
  try {
    globalThis.localStorage?.setItem(
      DRAFT_KEY,
      JSON.stringify({ ...all, purchaseDate: all.purchaseDate?.format('YYYY-MM-DD') }),
    );
  } catch {
    // Storage full or disabled: no draft.
  }
}

export const hasDraft = () => !!globalThis.localStorage?.getItem(DRAFT_KEY);
export const dropDraft = () => globalThis.localStorage?.removeItem(DRAFT_KEY);

/** A new listing starts from its draft, else the defaults; an edit starts from the instrument. */
export function initialValues(instrument: InstrumentDetail | undefined, orgs: Org[]): Partial<Values> {
  if (!instrument) {
    return (
      readDraft() ?? {
        organisationId: orgs[0]?.id,
        status: 'normal',
        shareMode: 'external',
        purpose: 'general',
        bookingRules: rulesFrom({}),
      }
    );
  }
  const i = instrument;
  return {
    nameZh: i.nameZh,
    nameEn: i.nameEn ?? undefined,
    classCode: i.classCode,
    originalValueYuan: i.originalValueFen / 100,
    purchaseDate: i.purchaseDate ? dayjs(i.purchaseDate) : undefined,
    manufacturer: i.manufacturer ?? undefined,
    country: i.country ?? undefined,
    model: i.model ?? undefined,
    status: i.status,
    shareMode: i.shareMode,
    purpose: i.purpose,
    specs: i.specs ?? undefined,
    functions: i.functions ?? undefined,
    serviceContent: i.serviceContent ?? undefined,
    feePerHourYuan: toYuan(i.feePerHourFen),
    feePerSampleYuan: toYuan(i.feePerSampleFen),
    feeNotes: i.feeNotes ?? undefined,
    openRules: i.openRules ?? undefined,
    location: i.location ?? undefined,
    regionCode: i.regionCode,
    contactName: i.contactName ?? undefined,
    // The phone is shown masked, so it is not filled in; the email is published as it is.
    contactEmail: i.contactEmail ?? undefined,
    bookingRules: rulesFrom(i.bookingRules),
  };
}

/** The booking rules to check and send: the instrument's current ones with the form's on top. */
export function rulesToSend(v: Values, instrument: InstrumentDetail | undefined): BookingRulesInput {
  return { ...parseRules(instrument?.bookingRules), ...v.bookingRules } as BookingRulesInput;
}

/**
 * The fields both a new listing and an edit send. Editing: an emptied optional field is sent as
 * null, which clears it; omitted would keep it.
 */
export function toPayload(v: Values, editing: boolean, bookingRules: Record<string, unknown>) {
  const cleared = editing ? null : undefined;
  return {
    nameZh: v.nameZh.trim(),
    nameEn: blank(v.nameEn) ?? cleared,
    classCode: v.classCode,
    originalValueFen: toFen(v.originalValueYuan) ?? 0,
    purchaseDate: v.purchaseDate ? v.purchaseDate.format('YYYY-MM-DD') : cleared,
    manufacturer: blank(v.manufacturer) ?? cleared,
    country: blank(v.country)?.toUpperCase() ?? cleared,
    model: blank(v.model) ?? cleared,
    status: v.status as InstrumentInput['status'],
    shareMode: v.shareMode as InstrumentInput['shareMode'],
    purpose: v.purpose as InstrumentInput['purpose'],
    specs: blank(v.specs) ?? cleared,
    functions: blank(v.functions) ?? cleared,
    serviceContent: blank(v.serviceContent) ?? cleared,
    feePerHourFen: toFen(v.feePerHourYuan) ?? cleared,
    feePerSampleFen: toFen(v.feePerSampleYuan) ?? cleared,
    feeNotes: blank(v.feeNotes) ?? cleared,
    openRules: blank(v.openRules) ?? cleared,
    location: blank(v.location) ?? cleared,
    regionCode: v.regionCode || undefined,
    contactName: blank(v.contactName) ?? cleared,
    // The phone on file is masked and the form starts it empty, so an empty phone keeps it (as the
    // field's hint says) instead of clearing it on every edit.
    contactPhone: blank(v.contactPhone),
    contactEmail: blank(v.contactEmail) ?? cleared,
    bookingRules,
  };
}
