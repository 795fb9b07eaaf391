import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { march, settings, type VoucherWorld, voucherWorld } from './voucher.test-fixtures.js';

let w: VoucherWorld;
let programmeId: string;
let instrumentId: string;
let slotNo = 0;

/** A fresh two-hour slot on the test instrument (9 March onwards, 08:00–20:00 Shanghai). */
function slot() {
  const day = 9 + Math.floor(slotNo / 6);
  const hour = 8 + (slotNo % 6) * 2;
  slotNo++;
  return [march(day, hour), march(day, hour + 2)] as const;
}

/** A completed, reserved booking ready to claim: its reservation id and quota. */
async function reservedAndDone(quotaId: string, extra: Record<string, unknown> = {}) {
  const [s, e] = slot();
  const b = await w.book(instrumentId, s, e);
  const r = await w.reserve(b.id, quotaId, extra);
  expect(r.statusCode, r.body).toBe(201);
  return { bookingId: b.id, reservationId: r.json().id as string, start: s };
}

async function finish(bookingId: string) {
  await w.complete(bookingId);
}

/** Files a claim expecting a coded refusal, and proves nothing was written. */
async function refused(body: Record<string, unknown>, code: string) {
  const before = await w.ledgerSnapshot();
  const res = await (await w.as('manager')).post('/api/vouchers/claims', body);
  expect([res.statusCode, res.json().code], res.body).toEqual([expect.any(Number), code]);
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.json().message.length).toBeGreaterThan(5);
  expect(await w.ledgerSnapshot()).toEqual(before);
  return res.json();
}

async function reserveRefused(bookingId: string, quotaId: string, code: string, extra: Record<string, unknown> = {}) {
  const before = await w.ledgerSnapshot();
  const res = await w.reserve(bookingId, quotaId, extra);
  expect(res.json().code, res.body).toBe(code);
  expect(await w.ledgerSnapshot()).toEqual(before);
}

beforeAll(async () => {
  w = await voucherWorld();
  instrumentId = (await w.instrument()).id;
  programmeId = await w.programme({ perClaimCapFen: 50_000 });
  await w.admit(programmeId);
});
afterAll(() => w.t.close());

describe('claims: every refusal is coded, gives its reason and leaves the ledger unchanged', () => {
  it('above the published fee', async () => {
    const q = await w.quota(programmeId, 300_000);
    const { bookingId, reservationId } = await reservedAndDone(q);
    await finish(bookingId);
    const body = await refused({ reservationId, feeFen: 120_001 }, 'VOUCHER_CLAIM_ABOVE_FEE');
    expect(body.message).toBe('申请兑付的收费 1200.01 元高于公布的收费标准 1200.00 元。');
    expect(body.details.map((d: { check: string }) => d.check)).toEqual(['fee']);
  });

  it('beyond the caps: the per-claim cap and the amount reserved', async () => {
    const q = await w.quota(programmeId, 300_000);
    const { bookingId, reservationId } = await reservedAndDone(q);
    await finish(bookingId);
    // ¥1,200 at 50% is ¥600, capped per claim at ¥500: that is what was reserved.
    expect(
      (await w.t.database.db.execute(
        sql`select amount_fen::int as amount_fen from voucher_reservations where id = ${reservationId}`,
      )) as unknown,
    ).toMatchObject({
      rows: [{ amount_fen: 50_000 }],
    });
    const over = await refused({ reservationId, voucherFen: 50_001 }, 'VOUCHER_CAP_EXCEEDED');
    expect(over.message).toContain('单笔兑付上限');
  });

  it('for a service the programme no longer pays for', async () => {
    const q = await w.quota(programmeId, 300_000);
    const { bookingId, reservationId } = await reservedAndDone(q);
    await finish(bookingId);
    const officer = await w.as('officer');
    const current = (await officer.get(`/api/vouchers/programmes/${programmeId}`)).json().settings;
    await officer.post(`/api/vouchers/programmes/${programmeId}/versions`, {
      settings: { ...current, serviceKinds: ['instrument_use', 'testing'] },
      note: '委托测试不再支持',
    });
    await refused({ reservationId }, 'VOUCHER_SERVICE_NOT_COVERED');
    // A new sample-testing booking cannot even reserve.
    const [s, e] = slot();
    const b = await w.book(instrumentId, s, e);
    await reserveRefused(b.id, q, 'VOUCHER_SERVICE_NOT_COVERED');
    await officer.post(`/api/vouchers/programmes/${programmeId}/versions`, { settings: current, note: '恢复' });
  });

  it('duplicated', async () => {
    const q = await w.quota(programmeId, 300_000);
    const { bookingId, reservationId } = await reservedAndDone(q);
    await finish(bookingId);
    const first = await (await w.as('manager')).post('/api/vouchers/claims', { reservationId });
    expect(first.statusCode, first.body).toBe(201);
    await refused({ reservationId }, 'VOUCHER_CLAIM_DUPLICATE');
  });

  it('from a provider that is not admitted (suspended since the booking)', async () => {
    const p2 = await w.programme();
    const admission = await w.admit(p2);
    const q = await w.quota(p2, 300_000);
    const { bookingId, reservationId } = await reservedAndDone(q);
    await finish(bookingId);
    await (await w.as('officer')).post(`/api/vouchers/providers/${admission}/suspend`, { reason: '整改' });
    await refused({ reservationId }, 'VOUCHER_PROVIDER_NOT_ADMITTED');
    // And a provider never admitted cannot take the voucher at booking.
    const p3 = await w.programme();
    const q3 = await w.quota(p3, 300_000);
    const [s, e] = slot();
    const b = await w.book(instrumentId, s, e);
    await reserveRefused(b.id, q3, 'VOUCHER_PROVIDER_NOT_ADMITTED');
  });

  it('after expiry: past the claim window, and services outside the validity', async () => {
    const p4 = await w.programme({ validUntil: '2026-03-20', claimGraceDays: 5 });
    await w.admit(p4);
    const q = await w.quota(p4, 300_000);
    const { bookingId, reservationId } = await reservedAndDone(q);
    await finish(bookingId);
    w.setClock('2026-03-26T00:00:00Z');
    await refused({ reservationId }, 'VOUCHER_QUOTA_EXPIRED');
    w.setClock('2026-03-02T02:00:00Z');
    const late = await w.book(instrumentId, march(23, 10), march(23, 12));
    await reserveRefused(late.id, q, 'VOUCHER_OUTSIDE_VALIDITY');
  });

  it('between related parties: the same actual controller, declared after the booking', async () => {
    const q = await w.quota(programmeId, 300_000);
    const { bookingId, reservationId } = await reservedAndDone(q);
    await finish(bookingId);
    const person = { name: '王某', kind: 'person', identifier: '33060219800101123X' };
    const e = await (await w.as('enterprise')).put(`/api/vouchers/organisations/${w.enterpriseId}/controller`, person);
    expect(e.json()).toMatchObject({ declared: true, identifierMasked: '330***********123X' });
    await (await w.as('manager')).put(`/api/vouchers/organisations/${w.universityId}/controller`, person);
    const body = await refused({ reservationId }, 'VOUCHER_RELATED_PARTY');
    expect(body.message).toContain('同一实际控制人');
    const [s, e2] = slot();
    const b = await w.book(instrumentId, s, e2);
    await reserveRefused(b.id, q, 'VOUCHER_RELATED_PARTY');
    await (await w.as('manager')).put(`/api/vouchers/organisations/${w.universityId}/controller`, {
      name: '绍兴市教育局',
      kind: 'organisation',
      identifier: '11330600MB1234567X',
    });
  });
});

describe('reservations: coded refusals, nothing moved', () => {
  it('insufficient balance, above the covered share, a voided voucher, a cancelled booking, no fee', async () => {
    const q = await w.quota(programmeId, 30_000);
    const [s, e] = slot();
    const b = await w.book(instrumentId, s, e);
    await reserveRefused(b.id, q, 'VOUCHER_INSUFFICIENT_BALANCE', { amountFen: 40_000 });
    const big = await w.quota(programmeId, 200_000);
    // ¥1,200 at 50% is ¥600, but the per-claim cap is ¥500.
    await reserveRefused(b.id, big, 'VOUCHER_CAP_EXCEEDED', { amountFen: 55_000 });
    // Without an amount it takes what the balance allows.
    const partial = await w.reserve(b.id, q);
    expect(partial.json()).toMatchObject({ amountFen: 30_000, ownShareFen: 90_000 });
    const [s2, e2] = slot();
    const b2 = await w.book(instrumentId, s2, e2);
    await reserveRefused(b2.id, q, 'VOUCHER_INSUFFICIENT_BALANCE');
    await (await w.as('enterprise')).post(`/api/bookings/${b2.id}/cancel`, {});
    const q2 = await w.quota(programmeId, 100_000);
    await reserveRefused(b2.id, q2, 'VOUCHER_SUBJECT_NOT_RESERVABLE');
    const voided = await (await w.as('officer')).post(`/api/vouchers/quotas/${q2}/void`, {
      reason: '虚假申报',
      creditRecord: true,
    });
    expect(voided.json()).toMatchObject({ status: 'voided', balances: { availableFen: 0, voidedFen: 100_000 } });
    const [s3, e3] = slot();
    const b3 = await w.book(instrumentId, s3, e3);
    await reserveRefused(b3.id, q2, 'VOUCHER_QUOTA_VOIDED');
    const free = await w.instrument({ feePerHourFen: undefined, feePerSampleFen: undefined });
    const q3 = await w.quota(programmeId, 100_000);
    const b4 = await w.book(free.id, march(12, 10), march(12, 11));
    await reserveRefused(b4.id, q3, 'VOUCHER_FEE_UNKNOWN');
  });

  it('the same organisation on both sides', async () => {
    const enterprise = await w.as('enterprise');
    const own = await enterprise.post('/api/instruments', {
      organisationId: w.enterpriseId,
      assetNo: `ZC-OWN-${Date.now()}`,
      nameZh: '企业自有光谱仪',
      classCode: '010101',
      originalValueFen: 40_000_000,
      feePerHourFen: 20_000,
      bookingRules: { requiresApproval: false, advanceNoticeHours: 0 },
    });
    expect(own.statusCode, own.body).toBe(201);
    await w.admit(programmeId, 'enterprise');
    const q = await w.quota(programmeId, 100_000);
    const b = await w.book(own.json().id, march(16, 10), march(16, 11), 'self_operated', 0);
    await reserveRefused(b.id, q, 'VOUCHER_RELATED_PARTY');
  });
});

describe('quota applications and admissions: coded refusals', () => {
  it('type, region, exclusion list, blacklist, programme not open', async () => {
    const university = await w.as('manager');
    const wrongType = await university.post('/api/vouchers/quota-applications', {
      programmeId,
      amountFen: 1000,
      purpose: 'x',
    });
    expect(wrongType.json().code).toBe('VOUCHER_NOT_ELIGIBLE_TYPE');
    const keqiao = await w.programme({ eligibleRegionCodes: ['330603'] });
    const enterprise = await w.as('enterprise');
    const region = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId: keqiao,
      amountFen: 1000,
      purpose: 'x',
    });
    expect(region.json().code).toBe('VOUCHER_NOT_ELIGIBLE_REGION');
    const [org] = (
      (await w.t.database.db.execute(
        sql`select credit_code from organisations where id = ${w.enterpriseId}`,
      )) as unknown as {
        rows: { credit_code: string }[];
      }
    ).rows;
    const listed = await w.programme({ excludedCreditCodes: [org?.credit_code as string] });
    const excluded = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId: listed,
      amountFen: 1000,
      purpose: 'x',
    });
    expect(excluded.json().code).toBe('VOUCHER_EXCLUDED_LISTED');
    const officer = await w.as('officer');
    const draft = await officer.post('/api/vouchers/programmes', {
      code: 'SX-DRAFT-1',
      name: '草稿项目',
      regionCode: '330600',
      settings: settings(),
    });
    const notOpen = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId: draft.json().id,
      amountFen: 1000,
      purpose: 'x',
    });
    expect(notOpen.json().code).toBe('VOUCHER_PROGRAMME_NOT_OPEN');
    // Blacklisted: neither quota nor admission.
    const black = await officer.post('/api/challenge-credit-records', {
      organisationId: w.enterpriseId,
      kind: 'blacklist',
      reason: '虚假材料',
    });
    expect(black.statusCode, black.body).toBe(201);
    const refused = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId: keqiao,
      amountFen: 1000,
      purpose: 'x',
    });
    expect(refused.json().details.map((d: { code: string }) => d.code)).toContain('VOUCHER_ORG_BLACKLISTED');
    const p = await w.programme();
    const admission = await enterprise.post('/api/vouchers/providers', {
      programmeId: p,
      serviceKinds: ['instrument_use'],
      intro: 'x',
      contactName: 'x',
      contactPhone: '13800138000',
      pledge: true,
    });
    expect(admission.json().code).toBe('VOUCHER_PROVIDER_BLACKLISTED');
  });

  it('approval re-runs the credit check: an organisation blacklisted after applying is refused', async () => {
    const p = await w.programme();
    const applied = await (await w.as('manager')).post('/api/vouchers/providers', {
      programmeId: p,
      serviceKinds: ['instrument_use'],
      intro: '平台',
      contactName: '刘',
      contactPhone: '13800138000',
      pledge: true,
    });
    const officer = await w.as('officer');
    await officer.post('/api/challenge-credit-records', {
      organisationId: w.universityId,
      kind: 'blacklist',
      reason: '违约',
    });
    const res = await officer.post(`/api/vouchers/providers/${applied.json().id}/approve`, {});
    expect(res.json().code).toBe('VOUCHER_PROVIDER_BLACKLISTED');
    const detail = (await officer.get(`/api/vouchers/providers/${applied.json().id}`)).json();
    expect(detail).toMatchObject({ status: 'applied', creditCheck: { ok: false, blacklisted: true } });
  });
});
