import { eq, sql } from 'drizzle-orm';
import { type ServiceKind, serviceOrderStatusLabels } from '../../../shared/api/vouchers.js';
import { type BookingStatus, bookingStatusLabels, type ServiceMode } from '../../../shared/booking-rules.js';
import { AppError } from '../../lib/errors.js';
import { scheduleFee } from '../bookings/booking.service.js';
import { bookings, serviceRecords } from '../bookings/booking.table.js';
import { instruments } from '../instruments/instrument.table.js';
import { voucherServiceOrders } from './quota.table.js';
import type { Exec } from './voucher.common.js';

export type SubjectType = 'booking' | 'service_order';

/** What a voucher pays for: a booking of an instrument, or an order of a published service. */
export interface Subject {
  type: SubjectType;
  id: string;
  kind: ServiceKind;
  enterpriseOrgId: string;
  providerOrgId: string;
  name: string;
  start: Date;
  end: Date;
  /** The fee the reservation splits: the booking's estimate from the fee schedule, or the order's published fee. */
  feeFen: number | null;
  status: string;
  statusLabel: { zh: string; en: string };
  /** Still before the service: a voucher may be reserved for it. */
  reservable: boolean;
  /** Done and recorded: a claim may be filed. */
  delivered: boolean;
  regionCode: string | null;
  instrumentId: string | null;
  /** The booking's service record, or the delivered order's charged fee. */
  record: typeof serviceRecords.$inferSelect | null;
  chargedFeeFen: number | null;
  /** The published fee for what was delivered (fee schedule × recorded hours or samples; unit fee × quantity). */
  publishedFeeFen: number | null;
  feeBasis: string;
  order: typeof voucherServiceOrders.$inferSelect | null;
  booking: typeof bookings.$inferSelect | null;
  instrumentName: string | null;
}

const RESERVABLE_BOOKING: readonly string[] = ['requested', 'approved', 'confirmed'];
const yuan = (fen: number) => (fen / 100).toFixed(2);

export const kindOfMode = (mode: string): ServiceKind =>
  mode === 'sample_testing' ? 'instrument_testing' : 'instrument_use';

export const subjectLabels = {
  booking: { zh: '预约', en: 'booking' },
  service_order: { zh: '服务订单', en: 'service order' },
} as const;

export async function loadSubject(exec: Exec, type: SubjectType, id: string): Promise<Subject> {
  if (type === 'booking') {
    const [row] = await exec
      .select({ b: bookings, i: instruments })
      .from(bookings)
      .innerJoin(instruments, eq(instruments.id, bookings.instrumentId))
      .where(eq(bookings.id, id));
    if (!row) throw new AppError('NOT_FOUND');
    const { b, i } = row;
    const [record] = await exec.select().from(serviceRecords).where(eq(serviceRecords.bookingId, id));
    const mode = b.mode as ServiceMode;
    const published = record ? scheduleFee(i, mode, record.measureMinutes, record.samples) : null;
    const basis =
      mode === 'sample_testing' && i.feePerSampleFen !== null
        ? perSampleBasis(i.feePerSampleFen, Math.max(record?.samples ?? 1, 1))
        : perHourBasis(i.feePerHourFen ?? 0, (record?.measureMinutes ?? 0) / 60);
    return {
      type,
      id,
      kind: kindOfMode(mode),
      enterpriseOrgId: b.organisationId,
      providerOrgId: i.organisationId,
      name: i.nameZh,
      start: b.startAt,
      end: b.endAt,
      feeFen: b.estimatedFeeFen,
      status: b.status,
      statusLabel: bookingStatusLabels[b.status as BookingStatus] ?? { zh: b.status, en: b.status },
      reservable: RESERVABLE_BOOKING.includes(b.status),
      delivered: b.status === 'completed' && Boolean(record),
      regionCode: i.regionCode,
      instrumentId: i.id,
      record: record ?? null,
      chargedFeeFen: record?.feeFen ?? null,
      publishedFeeFen: published,
      feeBasis: basis,
      order: null,
      booking: b,
      instrumentName: i.nameZh,
    };
  }
  const [o] = await exec.select().from(voucherServiceOrders).where(eq(voucherServiceOrders.id, id));
  if (!o) throw new AppError('NOT_FOUND');
  const day = o.deliveredOn ?? new Date(o.orderedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const start = new Date(`${day}T00:00:00+08:00`);
  return {
    type,
    id,
    kind: o.kind as ServiceKind,
    enterpriseOrgId: o.enterpriseOrganisationId,
    providerOrgId: o.providerOrganisationId,
    name: o.serviceName,
    // The service's date: the delivery day once delivered (its validity is judged by it), else the order day.
    start,
    end: new Date(start.getTime() + 86_400_000),
    feeFen: o.publishedFeeFen,
    status: o.status,
    statusLabel: serviceOrderStatusLabels[o.status as keyof typeof serviceOrderStatusLabels] ?? {
      zh: o.status,
      en: o.status,
    },
    reservable: o.status === 'ordered',
    delivered: o.status === 'delivered',
    regionCode: null,
    instrumentId: null,
    record: null,
    chargedFeeFen: o.feeFen,
    publishedFeeFen: o.publishedFeeFen,
    feeBasis: `${o.serviceName}：${yuan(Math.round(o.publishedFeeFen / o.quantity))} 元/${o.unit} × ${o.quantity} / ${o.serviceName}: ${yuan(Math.round(o.publishedFeeFen / o.quantity))} yuan/${o.unit} × ${o.quantity}`,
    order: o,
    booking: null,
    instrumentName: null,
  };
}

/** Held reservations whose booking or order ended without the service (a safety net for the hooks). */
export async function orphanedReservations(
  exec: Exec,
): Promise<{ id: string; subjectType: SubjectType; subjectId: string }[]> {
  return (
    (await exec.execute(sql`
      select r.id::text as id, r.subject_type as "subjectType", r.subject_id::text as "subjectId"
      from voucher_reservations r
      left join bookings b on r.subject_type = 'booking' and b.id = r.subject_id
      left join voucher_service_orders o on r.subject_type = 'service_order' and o.id = r.subject_id
      where r.status = 'held'
        and (b.status in ('cancelled', 'rejected', 'no_show') or o.status = 'cancelled')
      limit 1000`)) as unknown as { rows: { id: string; subjectType: SubjectType; subjectId: string }[] }
  ).rows;
}

/**
 * How the published fee was reached, as "中文 / English" (the web shows the half of its language).
 * Hours are rounded to two places for reading; the fee itself is computed from minutes elsewhere.
 */
export function perHourBasis(feePerHourFen: number, hours: number): string {
  const h = Math.round(hours * 100) / 100;
  return `${yuan(feePerHourFen)} 元/小时 × ${h} 小时 / ${yuan(feePerHourFen)} yuan/hour × ${h} h`;
}

export function perSampleBasis(feePerSampleFen: number, samples: number): string {
  return `${yuan(feePerSampleFen)} 元/样 × ${samples} 样 / ${yuan(feePerSampleFen)} yuan/sample × ${samples} samples`;
}
