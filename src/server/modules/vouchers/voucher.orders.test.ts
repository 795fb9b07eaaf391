import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings } from '../../db/schema.js';
import { march, type VoucherWorld, voucherWorld } from './voucher.test-fixtures.js';

let w: VoucherWorld;
let programmeId: string;
let admissionId: string;
let instrumentId: string;

beforeAll(async () => {
  w = await voucherWorld();
  instrumentId = (await w.instrument()).id;
  programmeId = await w.programme();
  admissionId = await w.admit(programmeId, 'manager', {
    serviceKinds: ['instrument_use', 'instrument_testing', 'testing'],
    services: [
      { key: 'xrd', name: 'X 射线衍射物相分析', kind: 'testing', feeFen: 40_000, unit: '样', standard: 'JY/T 0587' },
    ],
  });
});
afterAll(() => w.t.close());

describe('service orders: a published service paid with a voucher, self-reported evidence', () => {
  it('order → reserve → deliver → claim (manual review) → batch approve; a cancelled order releases', async () => {
    const quotaId = await w.quota(programmeId, 200_000);
    const enterprise = await w.as('enterprise');
    const unknown = await enterprise.post('/api/vouchers/service-orders', {
      providerId: admissionId,
      serviceKey: 'nmr',
      quantity: 1,
    });
    expect(unknown.json().code).toBe('VOUCHER_SERVICE_UNKNOWN');
    const order = await enterprise.post('/api/vouchers/service-orders', {
      providerId: admissionId,
      serviceKey: 'xrd',
      quantity: 3,
    });
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json()).toMatchObject({ status: 'ordered', publishedFeeFen: 120_000, allowedCommands: ['cancel'] });
    const quote = (await enterprise.get(`/api/vouchers/quote?serviceOrderId=${order.json().id}`)).json();
    expect(quote.options[0].split).toMatchObject({ coveredFen: 60_000 });
    const r = await enterprise.post('/api/vouchers/reservations', { serviceOrderId: order.json().id, quotaId });
    expect(r.statusCode, r.body).toBe(201);
    const manager = await w.as('manager');
    const mine = (await manager.get('/api/vouchers/service-orders?side=provider')).json();
    expect(mine.items[0]).toMatchObject({
      id: order.json().id,
      reservationId: r.json().id,
      allowedCommands: ['deliver', 'cancel'],
    });
    const delivered = await manager.post(`/api/vouchers/service-orders/${order.json().id}/deliver`, {
      deliveredOn: '2026-03-03',
      report: '报告编号 XRD-2026-0031',
    });
    expect(delivered.json()).toMatchObject({ status: 'delivered', feeFen: 120_000 });
    const claim = await manager.post('/api/vouchers/claims', { reservationId: r.json().id });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json()).toMatchObject({
      evidence: 'self_reported',
      voucherFen: 60_000,
      subjectType: 'service_order',
      claimedMinutes: 0,
    });
    expect(claim.json().evidenceDetail).toMatchObject({
      booking: null,
      sensor: null,
      serviceOrder: { status: 'delivered', report: '报告编号 XRD-2026-0031', quantity: 3 },
    });
    const result = await (await w.as('officer')).post('/api/vouchers/claims/batch-approve', {
      ids: [claim.json().id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(result.json().done).toEqual([claim.json().id]);
    expect(result.json().failed).toMatchObject([{ code: 'NOT_FOUND' }]);

    const second = await enterprise.post('/api/vouchers/service-orders', {
      providerId: admissionId,
      serviceKey: 'xrd',
      quantity: 1,
    });
    const r2 = await enterprise.post('/api/vouchers/reservations', { serviceOrderId: second.json().id, quotaId });
    expect(r2.json().amountFen).toBe(20_000);
    const cancelled = await enterprise.post(`/api/vouchers/service-orders/${second.json().id}/cancel`, {
      reason: '需求变更',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', reservationId: null });
    expect((await enterprise.get(`/api/vouchers/reservations/${r2.json().id}`)).json().status).toBe('released');
    const balances = (await enterprise.get(`/api/vouchers/quotas/${quotaId}`)).json().balances;
    expect(balances).toMatchObject({ availableFen: 140_000, reservedFen: 0, redeemedFen: 60_000 });
  });
});

describe('lists, reads and who may do what', () => {
  it('the auditor reads every queue and changes nothing; finance pays but does not review', async () => {
    const auditor = await w.as('auditor');
    for (const url of [
      '/api/vouchers/claims?side=review',
      '/api/vouchers/quota-applications',
      '/api/vouchers/quotas',
      '/api/vouchers/settlements',
      '/api/vouchers/figures',
      `/api/vouchers/providers?programmeId=${programmeId}`,
    ])
      expect((await auditor.get(url)).statusCode, url).toBe(200);
    const claimId = (await auditor.get('/api/vouchers/claims?side=review')).json().items[0].id;
    const detail = (await auditor.get(`/api/vouchers/claims/${claimId}`)).json();
    expect(detail.allowedCommands).toEqual([]);
    expect((await auditor.post(`/api/vouchers/claims/${claimId}/void`, { reason: '审计发现问题' })).statusCode).toBe(
      403,
    );
    expect((await auditor.post(`/api/vouchers/providers/${admissionId}/suspend`, { reason: '审计' })).statusCode).toBe(
      403,
    );
    expect(
      (await (await w.as('finance')).post(`/api/vouchers/claims/${claimId}/void`, { reason: 'x1' })).statusCode,
    ).toBe(403);
    expect((await (await w.as('enterprise')).get('/api/vouchers/claims?side=review')).statusCode).toBe(403);
    expect((await (await w.as('enterprise')).get('/api/vouchers/claims?side=enterprise')).json().total).toBe(1);
    expect((await (await w.as('manager')).get('/api/vouchers/claims?side=provider')).json().total).toBe(1);
  });

  it('application and quota reads, the officer eligibility check, and a declared controller shown masked', async () => {
    const officer = await w.as('officer');
    const mine = (await (await w.as('enterprise')).get('/api/vouchers/quota-applications?mine=true')).json();
    const app = (await officer.get(`/api/vouchers/quota-applications/${mine.items[0].id}`)).json();
    expect(app).toMatchObject({ status: 'approved', eligibility: { eligible: true }, allowedCommands: [] });
    expect(app.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['submitted', 'approved']);
    const e = (
      await officer.get(`/api/vouchers/programmes/${programmeId}/eligibility?organisationId=${w.universityId}`)
    ).json();
    expect(e.eligible).toBe(false);
    expect(e.reasons.map((r: { code: string }) => r.code)).toEqual(['VOUCHER_NOT_ELIGIBLE_TYPE']);
    const org = await (await w.as('manager')).put(`/api/vouchers/organisations/${w.universityId}/controller`, {
      name: '绍兴市人民政府国有资产监督管理委员会',
      kind: 'organisation',
      identifier: '11330600002547898X',
    });
    expect(org.json()).toMatchObject({ declared: true, identifierMasked: '113306**********8X' });
    expect((await officer.get(`/api/vouchers/organisations/${w.universityId}/controller`)).json().name).toContain(
      '国有资产',
    );
    expect(
      (
        await (
          await w.as('enterprise')
        ).put(`/api/vouchers/organisations/${w.universityId}/controller`, {
          name: 'x',
          kind: 'person',
          identifier: '330602199001011234',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('the expiry job: reservations past the claim window, and orphans', () => {
  it('releases a reservation whose booking ended without a service, and expires one past the claim window', async () => {
    const p = await w.programme({ validUntil: '2026-03-31', claimGraceDays: 10 });
    await w.admit(p);
    const quotaId = await w.quota(p, 100_000);
    const [a, b] = [
      await w.book(instrumentId, march(20, 9), march(20, 10)),
      await w.book(instrumentId, march(21, 9), march(21, 10)),
    ];
    for (const x of [a, b]) expect((await w.reserve(x.id, quotaId)).statusCode).toBe(201);
    // A booking cancelled behind the hook's back (say, by a database repair): the job finds it.
    await w.t.database.db.update(bookings).set({ status: 'cancelled' }).where(sql`id = ${a.id}`);
    const first = await w.t.services.vouchers.service.expireDue();
    expect(first).toMatchObject({ released: 1, expired: 0 });
    w.setClock('2026-04-12T00:00:00Z');
    const later = await w.t.services.vouchers.service.expireDue();
    expect(later).toMatchObject({ expired: 1, expiredReservations: 1 });
    const q = (await (await w.as('enterprise')).get(`/api/vouchers/quotas/${quotaId}`)).json();
    expect(q).toMatchObject({ status: 'expired', balances: { availableFen: 0, reservedFen: 0, expiredFen: 100_000 } });
    expect(await w.t.services.vouchers.service.verify()).toMatchObject({ ok: true });
  });
});
