import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { march, type VoucherWorld, voucherWorld } from './voucher.test-fixtures.js';

let w: VoucherWorld;
let programmeId: string;
let quotaId: string;
let instrumentId: string;
let claimId: string;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await w.t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  w = await voucherWorld();
  instrumentId = (await w.instrument()).id;
});
afterAll(() => w.t.close());

describe('voucher flow: programme → admission → quota → reservation → claim → settlement', () => {
  it('an officer creates and activates a programme; settings are versioned, never constants', async () => {
    programmeId = await w.programme();
    const officer = await w.as('officer');
    const v2 = await officer.post(`/api/vouchers/programmes/${programmeId}/versions`, {
      settings: { ...(await officer.get(`/api/vouchers/programmes/${programmeId}`)).json().settings, coverageBp: 6000 },
      note: '提高补贴比例',
    });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ status: 'active', version: 2, coverageBp: 6000 });
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // Eligible regions must lie inside the programme's region; the enterprise cannot configure.
    const bad = await officer.post(`/api/vouchers/programmes/${programmeId}/versions`, {
      settings: { ...v2.json().settings, eligibleRegionCodes: ['330100'] },
    });
    expect(bad.json().code).toBe('VOUCHER_SETTINGS_INVALID');
    const forbidden = await (await w.as('enterprise')).post(`/api/vouchers/programmes/${programmeId}/close`, {
      reason: '不行',
    });
    expect(forbidden.statusCode).toBe(403);
    // Programmes are public once active.
    expect(
      (await w.t.client().get('/api/vouchers/programmes')).json().items.map((p: { id: string }) => p.id),
    ).toContain(programmeId);
  });

  it('a provider applies; the officer sees the credit check and admits it, with events and audit', async () => {
    const applied = await (await w.as('manager')).post('/api/vouchers/providers', {
      programmeId,
      serviceKinds: ['instrument_use', 'instrument_testing'],
      services: [{ key: 'xrd', name: 'X 射线衍射物相分析', kind: 'testing', feeFen: 40_000, unit: '样' }],
      intro: '绍兴文理学院大型仪器共享平台',
      contactName: '刘仪器',
      contactPhone: '13800138000',
      pledge: true,
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const id = applied.json().id;
    const seen = await (await w.as('officer')).get(`/api/vouchers/providers/${id}`);
    expect(seen.json()).toMatchObject({ status: 'applied', creditCheck: { ok: true, blacklisted: false } });
    expect(seen.json().allowedCommands).toEqual(['approve', 'reject']);
    // The enterprise sees nothing of an application under review; a second application is refused.
    expect((await (await w.as('enterprise')).get(`/api/vouchers/providers/${id}`)).statusCode).toBe(404);
    const again = await (await w.as('manager')).post('/api/vouchers/providers', {
      programmeId,
      serviceKinds: ['instrument_use'],
      intro: 'x',
      contactName: 'x',
      contactPhone: '1',
      pledge: true,
    });
    expect(again.json().code).toBe('VOUCHER_PROVIDER_DUPLICATE');
    const ok = await (await w.as('officer')).post(`/api/vouchers/providers/${id}/approve`, {});
    expect(ok.json()).toMatchObject({ status: 'admitted' });
    expect(ok.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['applied', 'admitted']);
    // Admitted providers are listed for every signed-in user, with the phone masked.
    const listed = await (await w.as('enterprise')).get(`/api/vouchers/providers?programmeId=${programmeId}`);
    expect(listed.json().items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await (await w.as('enterprise')).get(`/api/vouchers/providers/${id}`)).json().contactPhone).toBe(
      '138****8000',
    );
    const audits = await rows<{ action: string }>(
      sql`select action from audit_log where target_id = ${id} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['voucher_provider.apply', 'voucher_provider.approve']);
  });

  it('the enterprise applies for quota; the officer approves a lower amount and it is issued by one posting', async () => {
    const enterprise = await w.as('enterprise');
    const eligible = await enterprise.get(`/api/vouchers/programmes/${programmeId}/eligibility`);
    expect(eligible.json()).toMatchObject({ eligible: true, remainingAnnualFen: 10_000_000 });
    const over = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId,
      amountFen: 10_000_001,
      purpose: 'x',
    });
    expect(over.json().code).toBe('VOUCHER_QUOTA_OVER_CAP');
    const a = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId,
      amountFen: 500_000,
      purpose: '新材料检测',
    });
    expect(a.statusCode, a.body).toBe(201);
    const twice = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId,
      amountFen: 1000,
      purpose: 'x',
    });
    expect(twice.json().code).toBe('VOUCHER_APPLICATION_PENDING');
    const officer = await w.as('officer');
    const queue = await officer.get('/api/vouchers/quota-applications?status=submitted');
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(a.json().id);
    const tooMuch = await officer.post(`/api/vouchers/quota-applications/${a.json().id}/approve`, {
      amountFen: 600_000,
    });
    expect(tooMuch.json().code).toBe('VOUCHER_APPROVE_ABOVE_REQUEST');
    const ok = await officer.post(`/api/vouchers/quota-applications/${a.json().id}/approve`, { amountFen: 400_000 });
    expect(ok.json()).toMatchObject({ status: 'approved', approvedFen: 400_000 });
    quotaId = ok.json().quotaId;
    const wallet = await enterprise.get('/api/vouchers/wallet');
    expect(wallet.json().quotas).toHaveLength(1);
    expect(wallet.json().totals).toMatchObject({ issuedFen: 400_000, availableFen: 400_000, reservedFen: 0 });
    const notices = await rows<{ title_zh: string }>(sql`
      select n.title_zh from notifications n join users u on u.id = n.user_id
      where u.email = 'enterprise@demo.kechuang.cn' and n.category = 'voucher'`);
    expect(notices.map((n) => n.title_zh)).toContain('创新券已发放：4000.00 元');
  });

  it('at booking the enterprise sees the split and reserves it; a retry with the same key moves nothing', async () => {
    const b = await w.book(instrumentId, march(4, 10), march(4, 12));
    expect(b.estimatedFeeFen).toBe(120_000);
    const quote = await (await w.as('enterprise')).get(`/api/vouchers/quote?bookingId=${b.id}`);
    expect(quote.json().options[0]).toMatchObject({
      quotaId,
      usable: true,
      split: { feeFen: 120_000, coveredFen: 72_000, ownShareFen: 48_000, limitedBy: 'coverage' },
    });
    const enterprise = await w.as('enterprise');
    const send = () =>
      enterprise.request({
        method: 'POST',
        url: '/api/vouchers/reservations',
        payload: { bookingId: b.id, quotaId },
        headers: { 'idempotency-key': `book-${b.id}` },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'held', amountFen: 72_000, ownShareFen: 48_000 });
    const retry = await send();
    expect(retry.json().id).toBe(first.json().id);
    const wallet = (await enterprise.get('/api/vouchers/wallet')).json();
    expect(wallet.totals).toMatchObject({ availableFen: 328_000, reservedFen: 72_000 });
    // Another key for the same booking is a second use: refused.
    expect((await w.reserve(b.id, quotaId)).json().code).toBe('VOUCHER_ALREADY_RESERVED');
  });

  it('cancelling the booking releases the reservation in the same transaction', async () => {
    const b = await w.book(instrumentId, march(5, 9), march(5, 10));
    const r = await w.reserve(b.id, quotaId, { amountFen: 10_000 });
    expect(r.json()).toMatchObject({ amountFen: 10_000 });
    const cancelled = await (await w.as('enterprise')).post(`/api/bookings/${b.id}/cancel`, {});
    expect(cancelled.json().status).toBe('cancelled');
    const after = await (await w.as('enterprise')).get(`/api/vouchers/reservations/${r.json().id}`);
    expect(after.json()).toMatchObject({ status: 'released' });
    const movements = (await (await w.as('enterprise')).get(`/api/vouchers/quotas/${quotaId}/movements`)).json();
    expect(movements.items[0]).toMatchObject({ kind: 'release', availableDeltaFen: 10_000, reservedDeltaFen: -10_000 });
    expect(movements.items[0].reservedAfterFen).toBe(72_000);
  });

  it('the provider files a claim; the platform attaches the evidence and marks it self-reported without a sensor', async () => {
    const booked = await w.t.database.db.execute(
      sql`select id from bookings where start_at = ${march(4, 10)}::timestamptz`,
    );
    const bookingId = (booked as unknown as { rows: { id: string }[] }).rows[0]?.id as string;
    const reservation = (await (await w.as('enterprise')).get(`/api/vouchers/bookings/${bookingId}`)).json()
      .reservations[0];
    // Before the service: the check says so and nothing is filed.
    const early = await (await w.as('manager')).post('/api/vouchers/claims', { reservationId: reservation.id });
    expect(early.json().code).toBe('VOUCHER_SERVICE_NOT_DELIVERED');
    w.setClock(march(4, 13));
    await w.complete(bookingId);
    const pre = await (await w.as('manager')).get(`/api/vouchers/claims/precheck?reservationId=${reservation.id}`);
    expect(pre.json()).toMatchObject({ wouldFile: true, evidence: 'self_reported', voucherFen: 72_000 });
    const filed = await (await w.as('manager')).post('/api/vouchers/claims', { reservationId: reservation.id });
    expect(filed.statusCode, filed.body).toBe(201);
    claimId = filed.json().id;
    // Service record: 4 samples at ¥300 = ¥1,200; 60% (settings version 2) but only what was reserved
    // under version 2: 72,000 reserved, 60% of 120,000 = 72,000.
    expect(filed.json()).toMatchObject({
      status: 'pending_review',
      feeFen: 120_000,
      publishedFeeFen: 120_000,
      voucherFen: 72_000,
      evidence: 'self_reported',
      flagged: false,
      claimedMinutes: 120,
    });
    const usage = filed.json().checks.find((c: { check: string }) => c.check === 'usage');
    expect(usage).toMatchObject({ outcome: 'manual', code: 'VOUCHER_SELF_REPORTED' });
    expect(filed.json().evidenceDetail.booking.id).toBe(bookingId);
    expect(filed.json().evidenceDetail.serviceRecord).toMatchObject({ samples: 4, feeFen: 120_000 });
    const dup = await (await w.as('manager')).post('/api/vouchers/claims', { reservationId: reservation.id });
    expect(dup.json().code).toBe('VOUCHER_CLAIM_DUPLICATE');
  });

  it('the officer reviews the queue and approves: redeemed into the provider’s batch of the month', async () => {
    const officer = await w.as('officer');
    const queue = await officer.get('/api/vouchers/claims?side=review&status=pending_review');
    expect(queue.json().items.map((c: { id: string }) => c.id)).toEqual([claimId]);
    expect((await (await w.as('manager')).post(`/api/vouchers/claims/${claimId}/approve`, {})).statusCode).toBe(403);
    const rejectNoReason = await officer.post(`/api/vouchers/claims/${claimId}/reject`, {});
    expect(rejectNoReason.statusCode).toBe(400);
    const ok = await officer.post(`/api/vouchers/claims/${claimId}/approve`, { reason: '材料齐全' });
    expect(ok.json()).toMatchObject({ status: 'approved' });
    expect(ok.json().settlementId).toBeTruthy();
    const wallet = (await (await w.as('enterprise')).get('/api/vouchers/wallet')).json();
    expect(wallet.totals).toMatchObject({ availableFen: 328_000, reservedFen: 0, redeemedFen: 72_000 });
    const batches = (await (await w.as('finance')).get('/api/vouchers/settlements')).json();
    expect(batches.items[0]).toMatchObject({
      month: '2026-03',
      status: 'open',
      claimCount: 1,
      totalFen: 72_000,
      payable: false,
    });
  });

  it('finance pays the batch once the month is over, and exports it for the finance system', async () => {
    const finance = await w.as('finance');
    const batchId = (await finance.get('/api/vouchers/settlements')).json().items[0].id;
    const early = await finance.post(`/api/vouchers/settlements/${batchId}/pay`, {
      paymentRef: 'PZ-1',
      paidOn: '2026-03-31',
      totalFen: 72_000,
    });
    expect(early.json().code).toBe('VOUCHER_SETTLEMENT_NOT_DUE');
    w.setClock('2026-04-02T02:00:00Z');
    const fin = await w.as('finance', true);
    expect(
      (
        await (
          await w.as('officer', true)
        ).post(`/api/vouchers/settlements/${batchId}/pay`, {
          paymentRef: 'PZ-1',
          paidOn: '2026-04-02',
          totalFen: 72_000,
        })
      ).statusCode,
    ).toBe(403);
    const wrong = await fin.post(`/api/vouchers/settlements/${batchId}/pay`, {
      paymentRef: 'PZ-1',
      paidOn: '2026-04-02',
      totalFen: 70_000,
    });
    expect(wrong.json().code).toBe('VOUCHER_SETTLEMENT_TOTAL_MISMATCH');
    const paid = await fin.post(`/api/vouchers/settlements/${batchId}/pay`, {
      paymentRef: 'PZ-2026-0401',
      paidOn: '2026-04-02',
      totalFen: 72_000,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paymentRef: 'PZ-2026-0401' });
    expect(paid.json().claims[0]).toMatchObject({ id: claimId, status: 'settled' });
    const csv = await fin.get(`/api/vouchers/settlements/${batchId}/export?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('兑付金额（元）');
    expect(csv.body).toContain('720');
    const xlsx = await fin.get('/api/vouchers/claims/export?format=xlsx&side=review');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('figures: issued, redeemed, settled by programme and provider, with the sensor share', async () => {
    const officer = await w.as('officer', true);
    const f = (await officer.get('/api/vouchers/figures?year=2026&groupBy=provider')).json();
    expect(f.totals).toMatchObject({
      issuedFen: 400_000,
      redeemedFen: 72_000,
      settledFen: 72_000,
      selfReportedRedeemedFen: 72_000,
      sensorShare: 0,
    });
    expect(f.rows.find((r: { name: string }) => r.name === '绍兴文理学院')).toMatchObject({ redeemedFen: 72_000 });
    const byProgramme = (await officer.get('/api/vouchers/figures?groupBy=programme')).json();
    expect(byProgramme.rows[0]).toMatchObject({ key: programmeId, issuedFen: 400_000 });
    const csv = await officer.get('/api/vouchers/figures/export?format=csv&groupBy=region');
    expect(csv.body).toContain('浙江省 绍兴市 越城区');
    expect((await (await w.as('enterprise', true)).get('/api/vouchers/figures')).statusCode).toBe(403);
  });

  it('fraud: a settled claim is clawed back with a breach on the provider’s credit record', async () => {
    const officer = await w.as('officer');
    const voided = await officer.post(`/api/vouchers/claims/${claimId}/void`, {
      reason: '抽查发现样品数虚报',
      creditRecord: ['provider'],
      suspendProvider: true,
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json().status).toBe('voided');
    const credit = await rows<{ kind: string; source_type: string }>(sql`
      select kind, source_type from challenge_credit_records where source_id = ${claimId}`);
    expect(credit).toEqual([{ kind: 'breach', source_type: 'voucher_claim' }]);
    const provider = (await officer.get(`/api/vouchers/providers?programmeId=${programmeId}`)).json().items[0];
    expect(provider.status).toBe('suspended');
    const f = (await officer.get('/api/vouchers/figures?year=2026')).json();
    expect(f.totals.voidedFen).toBe(72_000);
    expect(voided.json().clawback).toEqual({ owedFen: 72_000, recoveredAt: null });
    expect((await officer.post(`/api/vouchers/claims/${claimId}/recover`, { paymentRef: 'TH-1' })).statusCode).toBe(
      403,
    );
    const recovered = await (await w.as('finance')).post(`/api/vouchers/claims/${claimId}/recover`, {
      paymentRef: 'TH-2026-01',
    });
    expect(recovered.json().clawback.recoveredAt).toBeTruthy();
    const twice = await (await w.as('finance')).post(`/api/vouchers/claims/${claimId}/recover`, {
      paymentRef: 'TH-2026-01',
    });
    expect(twice.json().code).toBe('INVALID_TRANSITION');
    const verify = (await (await w.as('auditor')).get('/api/vouchers/ledger/verify')).json();
    expect(verify).toMatchObject({ ok: true, totalFen: 0, problems: [] });
  });

  it('a month before the end the enterprise is told once what is still unused', async () => {
    const notices = () =>
      rows<{ title_zh: string; body_zh: string; link: string }>(sql`
        select n.title_zh, n.body_zh, n.link from notifications n join users u on u.id = n.user_id
        where u.email = 'enterprise@demo.kechuang.cn' and n.title_zh like '创新券将于%'`);
    w.setClock('2026-11-30T00:00:00Z');
    expect((await w.t.services.vouchers.service.expireDue()).reminded).toBe(0);
    w.setClock('2026-12-05T00:00:00Z');
    const first = await w.t.services.vouchers.service.expireDue();
    expect(first).toMatchObject({ reminded: 1, expired: 0 });
    expect(await notices()).toEqual([
      {
        title_zh: '创新券将于 2026-12-31 到期',
        body_zh: expect.stringContaining('尚有 3280.00 元未使用'),
        link: `/vouchers/quotas/${quotaId}`,
      },
    ]);
    w.setClock('2026-12-06T00:00:00Z');
    expect((await w.t.services.vouchers.service.expireDue()).reminded).toBe(0);
    expect(await notices()).toHaveLength(1);
  });

  it('expiry: the daily job expires the unused balance at the end of validity; the enterprise sees every movement', async () => {
    w.setClock('2027-01-01T00:00:00Z');
    const result = await w.t.services.vouchers.service.expireDue();
    expect(result.expired).toBe(1);
    expect((await w.t.services.vouchers.service.expireDue()).expired).toBe(0);
    const enterprise = await w.as('enterprise', true);
    const q = (await enterprise.get(`/api/vouchers/quotas/${quotaId}`)).json();
    expect(q).toMatchObject({
      status: 'expired',
      balances: { availableFen: 0, reservedFen: 0, expiredFen: 328_000, redeemedFen: 72_000 },
    });
    const m = (await enterprise.get(`/api/vouchers/quotas/${quotaId}/movements?pageSize=50`)).json();
    expect(m.items.map((x: { kind: string }) => x.kind)).toEqual([
      'expire',
      'recover',
      'clawback',
      'redeem',
      'release',
      'reserve',
      'reserve',
      'issue',
    ]);
    const xlsx = await enterprise.get(`/api/vouchers/quotas/${quotaId}/movements/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const verify = await w.t.services.vouchers.service.verify();
    expect(verify).toMatchObject({ ok: true, quotas: 1 });
  });

  it('the ledger refuses UPDATE and DELETE at the database', async () => {
    await expect(
      w.t.database.db.execute(sql`update voucher_postings set amount_fen = amount_fen + 1`),
    ).rejects.toThrow();
    await expect(w.t.database.db.execute(sql`delete from voucher_journal`)).rejects.toThrow();
  });
});
