import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import type { ProgrammeSettings } from '../../../shared/api/vouchers.js';

/** Monday 2 March 2026, 10:00 in Shanghai. */
export const NOW = '2026-03-02T02:00:00Z';
/** A Shanghai wall-clock time on a day of March 2026, as an ISO instant. */
export const march = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 2, day, hour - 8, minute)).toISOString();

export const settings = (over: Partial<ProgrammeSettings> = {}): ProgrammeSettings => ({
  eligibleOrgTypes: ['enterprise'],
  eligibleRegionCodes: ['330600'],
  excludeFundedLastYear: true,
  excludedCreditCodes: [],
  providerOrgTypes: ['university', 'research_institute', 'new_rd_institute', 'service_provider', 'enterprise'],
  coverageBp: 5000,
  fullCoverageBelowFen: 0,
  perClaimCapFen: 2_000_000,
  annualCapFen: 10_000_000,
  budgetFen: 0,
  annualCapBy: 'enterprise',
  serviceKinds: ['instrument_use', 'instrument_testing', 'testing', 'technology_service'],
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  claimGraceDays: 30,
  minSensorShareBp: 6000,
  partnerRegionCodes: [],
  ...over,
});

export type Who = 'admin' | 'officer' | 'auditor' | 'finance' | 'expert' | 'enterprise' | 'manager';

/**
 * The demo bureau (Shaoxing) with long sessions, an instrument of the demo university (the
 * provider: ¥600 an hour, ¥300 a sample, booked without approval at any hour) and helpers for the
 * voucher flow through the API.
 */
export async function voucherWorld() {
  const t = await createTestApp({ SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '720' });
  t.clock.set(NOW);
  const bureau = await seedBureau(t);
  const clients = new Map<Who, TestClient>();
  const as = async (who: Who, fresh = false) => {
    if (fresh || !clients.has(who)) clients.set(who, await bureau.as(who));
    return clients.get(who) as TestClient;
  };
  /** Moves the clock; sessions would expire over days, so everyone signs in again on next use. */
  const setClock = (iso: string) => {
    t.clock.set(iso);
    clients.clear();
  };
  const orgId = async (who: Who) =>
    (await (await as(who)).get('/api/auth/me')).json().memberships[0].organisation.id as string;
  const universityId = await orgId('manager');
  const enterpriseId = await orgId('enterprise');
  let seq = 0;
  const allDay = Object.fromEntries(
    ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]),
  );

  async function instrument(over: Record<string, unknown> = {}) {
    seq++;
    const res = await (await as('manager')).post('/api/instruments', {
      organisationId: universityId,
      assetNo: `ZC-V-${seq}-${Date.now()}`,
      nameZh: `场发射扫描电子显微镜 ${seq}`,
      classCode: '010101',
      originalValueFen: 450_000_000,
      feePerHourFen: 60_000,
      feePerSampleFen: 30_000,
      bookingRules: { requiresApproval: false, advanceNoticeHours: 0, openingHours: allDay, maxMinutes: 720 },
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  }

  async function programme(over: Partial<ProgrammeSettings> = {}, body: Record<string, unknown> = {}) {
    seq++;
    const officer = await as('officer');
    const res = await officer.post('/api/vouchers/programmes', {
      code: `SX-${seq}-${Math.random().toString(36).slice(2, 6)}`,
      name: `绍兴市科技创新券 ${seq}`,
      regionCode: '330600',
      settings: settings(over),
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const act = await officer.post(`/api/vouchers/programmes/${id}/activate`, {});
    expect(act.statusCode, act.body).toBe(200);
    return id;
  }

  async function admit(programmeId: string, who: Who = 'manager', extra: Record<string, unknown> = {}) {
    const applied = await (await as(who)).post('/api/vouchers/providers', {
      programmeId,
      serviceKinds: ['instrument_use', 'instrument_testing'],
      intro: '大型仪器共享服务平台',
      contactName: '刘仪器',
      contactPhone: '13800138000',
      pledge: true,
      ...extra,
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const ok = await (await as('officer')).post(`/api/vouchers/providers/${applied.json().id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    return applied.json().id as string;
  }

  async function quota(programmeId: string, amountFen: number, who: Who = 'enterprise') {
    const a = await (await as(who)).post('/api/vouchers/quota-applications', {
      programmeId,
      amountFen,
      purpose: '材料检测',
    });
    expect(a.statusCode, a.body).toBe(201);
    const ok = await (await as('officer')).post(`/api/vouchers/quota-applications/${a.json().id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    return ok.json().quotaId as string;
  }

  async function book(instrumentId: string, start: string, end: string, mode = 'sample_testing', sampleCount = 4) {
    const res = await (await as('enterprise')).post('/api/bookings', { instrumentId, start, end, mode, sampleCount });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; estimatedFeeFen: number; status: string };
  }

  async function reserve(bookingId: string, quotaId: string, extra: Record<string, unknown> = {}) {
    return (await as('enterprise')).post('/api/vouchers/reservations', { bookingId, quotaId, ...extra });
  }

  async function complete(bookingId: string, service: Record<string, unknown> = {}) {
    const res = await (await as('manager')).post(`/api/bookings/${bookingId}/complete`, {
      prepMinutes: 10,
      measureMinutes: 100,
      postMinutes: 10,
      samples: 4,
      ...service,
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  /** Every posting and journal row, to prove a refusal left the ledger exactly as it was. */
  async function ledgerSnapshot() {
    const r = (await t.database.db.execute(sql`
      select (select count(*)::int from voucher_journal) as journals,
             (select count(*)::int from voucher_postings) as postings,
             (select coalesce(sum(abs(amount_fen)), 0)::text from voucher_postings) as volume,
             (select count(*)::int from voucher_claims) as claims,
             (select count(*)::int from voucher_reservations) as reservations`)) as unknown as { rows: unknown[] };
    return r.rows[0];
  }

  return {
    t,
    as,
    setClock,
    universityId,
    enterpriseId,
    instrument,
    programme,
    admit,
    quota,
    book,
    reserve,
    complete,
    ledgerSnapshot,
  };
}
export type VoucherWorld = Awaited<ReturnType<typeof voucherWorld>>;
export type { TestApp };
