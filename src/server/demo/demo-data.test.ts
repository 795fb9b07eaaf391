import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { seedDemo } from './demo-data.js';

let t: TestApp;
const one = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)) as unknown as { rows: T[] };

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db);
}, 120_000);
afterAll(() => t.close());

describe('demo region (what npm start shows)', () => {
  it("shows the bureau's figure for last year: 166 instruments connected, 215,432 power-on hours", async () => {
    const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
    const { rows } = await one<{ n: number; first: string }>(sql`
      select count(distinct instrument_id)::int as n, min(day)::text as first from power_daily`);
    expect(rows[0]).toEqual({ n: 166, first: `${year - 1}-01-01` });
    const officer = t.client();
    await officer.login('officer@demo.kechuang.cn');
    const last = await officer.get(`/api/telemetry/headline?year=${year - 1}&regionCode=330600`);
    // As of the end of that year in Beijing time.
    expect(last.json()).toMatchObject({
      connectedInstruments: 166,
      powerOnHours: 215_432,
      asOf: `${year - 1}-12-31T16:00:00.000Z`,
    });
    // The monthly view and its export add up to the same figure.
    const monthly = (await officer.get(`/api/telemetry/hours/monthly?year=${year - 1}&regionCode=330600`)).json();
    expect(Math.round(monthly.total.onHours)).toBe(215_432);
    // Every day from then up to yesterday (today is the live sensors'), this year at the same pace.
    const [m, d] = new Date()
      .toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' })
      .split('-')
      .map(Number) as [number, number];
    const days = Math.round((Date.UTC(year, m - 1, d) - Date.UTC(year - 1, 0, 1)) / 86_400_000);
    const counted = await one<{ n: number }>(sql`select count(*)::int as n from power_daily`);
    expect(counted.rows[0]?.n).toBe(166 * days);
  });

  it('is shaped like Shaoxing: 479 instruments worth over 550 million yuan, about a third of owners enterprises', async () => {
    const [totals] = (
      await one<{ n: number; yuan: number; owners: number; enterprises: number }>(sql`
      select count(*)::int as n, (sum(original_value_fen) / 100)::float8 as yuan,
             count(distinct i.organisation_id)::int as owners,
             count(distinct case when o.type = 'enterprise' then o.id end)::int as enterprises
      from instruments i join organisations o on o.id = i.organisation_id`)
    ).rows;
    expect(totals?.n).toBe(479);
    expect(totals?.yuan).toBeGreaterThan(550_000_000);
    expect(totals?.owners).toBeGreaterThanOrEqual(30);
    expect((totals?.enterprises ?? 0) / (totals?.owners ?? 1)).toBeGreaterThan(0.25);
    expect((totals?.enterprises ?? 0) / (totals?.owners ?? 1)).toBeLessThan(0.4);
  });

  it('has a year of completed bookings with service records, so the metrics move', async () => {
    const year = new Date().getUTCFullYear();
    const res = await t.client().get(`/api/metrics/instruments?year=${year}&regionCode=330600`);
    const { total } = res.json();
    expect(total.instruments).toBeGreaterThan(400);
    expect(total.effectiveHours).toBeGreaterThan(1000);
    expect(total.sharingRate).toBeGreaterThan(0.1);
    expect(total.belowQuotaCount).toBeGreaterThan(0);
  });

  it('has a finance asset register with the planted reconciliation findings on the to-do list', async () => {
    const officer = t.client();
    await officer.login('officer@demo.kechuang.cn');
    const report = (await officer.get('/api/reconciliation?regionCode=330600')).json();
    expect(report.counts).toEqual({ unlisted: 6, disposedListed: 2, valueMismatch: 2, lateListing: 2 });
    const [cards] = (await one<{ n: number }>(sql`select count(*)::int as n from asset_cards`)).rows;
    expect(cards?.n).toBeGreaterThan(479 + 6);
    // The demo manager's university carries the first planted gaps, so their own list is not empty.
    const manager = t.client();
    await manager.login('manager@demo.kechuang.cn');
    const own = (await manager.get('/api/reconciliation')).json();
    expect(own.organisations).toHaveLength(1);
    expect(own.counts.unlisted).toBe(2);
    expect(own.counts.disposedListed + own.counts.valueMismatch + own.counts.lateListing).toBeGreaterThanOrEqual(3);
  });

  it('is searchable in Chinese and is not seeded twice', async () => {
    const res = await t.client().get(`/api/instruments?q=${encodeURIComponent('扫描电镜')}`);
    expect(res.json().total).toBeGreaterThan(0);
    await seedDemo(t.database.db);
    const [n] = (await one<{ n: number }>(sql`select count(*)::int as n from instruments`)).rows;
    expect(n?.n).toBe(479);
  });

  it('ranks the issue’s queries sensibly over the demo catalogue', async () => {
    const names = async (q: string) =>
      (await t.client().get(`/api/instruments?q=${encodeURIComponent(q)}&pageSize=10`))
        .json()
        .items.map((i: { nameZh: string }) => i.nameZh);
    const sem = await names('扫描电镜');
    expect(sem.length).toBeGreaterThan(3);
    for (const n of sem) expect(n).toMatch(/扫描电子显微镜|扫描电镜/);
    const lcms = await names('液相色谱 质谱');
    expect(lcms.length).toBeGreaterThan(0);
    for (const n of lcms) expect(n).toMatch(/液相色谱.*质谱/);
    const xrd = await names('X射线衍射');
    expect(xrd[0]).toMatch(/X射线衍射/);
  });

  it('has managers’ varied rules, reviews with comments, and two weeks of bookings ahead', async () => {
    const [rules] = (
      await one<{ sets: number; testing: number; blackouts: number }>(sql`
      select count(distinct booking_rules - 'blackouts')::int as sets,
             count(*) filter (where booking_rules->'serviceModes' = '["sample_testing"]'::jsonb)::int as testing,
             count(*) filter (where jsonb_array_length(booking_rules->'blackouts') > 0)::int as blackouts
      from instruments`)
    ).rows;
    expect(rules?.sets).toBeGreaterThanOrEqual(4);
    expect(rules?.testing).toBeGreaterThan(50);
    expect(rules?.blackouts).toBeGreaterThan(10);
    const [reviews] = (
      await one<{ rated: number; commented: number; low: number }>(sql`
      select count(rating)::int as rated, count(comment)::int as commented,
             count(*) filter (where rating <= 3)::int as low from service_records`)
    ).rows;
    expect(reviews?.commented).toBeGreaterThan(100);
    expect(reviews?.low).toBeGreaterThan(0);
    const manager = t.client();
    await manager.login('manager@demo.kechuang.cn');
    const queue = (await manager.get('/api/bookings/queue')).json();
    expect(queue.total).toBeGreaterThan(0);
    const enterprise = t.client();
    await enterprise.login('enterprise@demo.kechuang.cn');
    const from = new Date();
    const to = new Date(from.getTime() + 20 * 86_400_000);
    const ahead = (
      await enterprise.get(`/api/bookings/mine/calendar?from=${from.toISOString()}&to=${to.toISOString()}`)
    ).json();
    expect(ahead.bookings.length).toBeGreaterThan(0);
    const mine = (await enterprise.get('/api/bookings/mine?status=completed')).json();
    expect(mine.total).toBeGreaterThan(5);
  });

  it("has a 揭榜挂帅 batch shaped like Shenyang's first: 308 needs, 31 lists published, 26 taken", async () => {
    const f = (await t.client().get('/api/challenges/funnel')).json();
    expect(f.totals).toMatchObject({ needsSubmitted: 308, listsPublished: 31, listsTaken: 26 });
    expect(f.byDirection).toHaveLength(20);
    const hall = (await t.client().get('/api/challenges/lists?status=unclaimed')).json();
    expect(hall.total).toBe(5);
  });
});

describe('demo vouchers (创新券): the demo accounts walk the whole flow', () => {
  const login = async (who: string) => {
    const c = t.client();
    await c.login(`${who}@demo.kechuang.cn`);
    return c;
  };

  it('has a programme with a partner region, quotas, months of claims and settlement batches, balanced books', async () => {
    const programmes = (await t.client().get('/api/vouchers/programmes')).json();
    const sx = programmes.items.find((p: { regionCode: string }) => p.regionCode === '330600');
    expect(sx).toMatchObject({ status: 'active', partnerRegionCodes: ['310000'], admittedProviders: 5 });
    const enterprise = await login('enterprise');
    const wallet = (await enterprise.get('/api/vouchers/wallet')).json();
    expect(wallet.quotas[0]).toMatchObject({ status: 'active', acceptedInRegions: ['330600', '310000'] });
    expect(wallet.totals.issuedFen).toBe(5_000_000);
    expect(wallet.openProgrammes.map((p: { id: string }) => p.id)).toContain(sx.id);
    const officer = await login('officer');
    const queue = (await officer.get('/api/vouchers/claims?side=review&status=pending_review')).json();
    expect(queue.items.some((c: { flagged: boolean }) => c.flagged)).toBe(true);
    expect(queue.items.some((c: { evidence: string }) => c.evidence === 'self_reported')).toBe(true);
    const figures = (await officer.get('/api/vouchers/figures?groupBy=month')).json();
    expect(figures.totals.settledFen).toBeGreaterThan(0);
    expect(figures.totals.sensorShare).toBeGreaterThan(0.7);
    const verify = (await (await login('auditor')).get('/api/vouchers/ledger/verify')).json();
    expect(verify).toMatchObject({ ok: true, totalFen: 0 });
  });

  it('enterprise applies → officer issues → booking with voucher → manager claims → officer approves → finance pays', async () => {
    const enterprise = await login('enterprise');
    const officer = await login('officer');
    const manager = await login('manager');
    const finance = await login('finance');
    const sx = (await enterprise.get('/api/vouchers/programmes?regionCode=330600')).json().items[0];
    const applied = await enterprise.post('/api/vouchers/quota-applications', {
      programmeId: sx.id,
      amountFen: 1_000_000,
      purpose: '演示：追加申领',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const issued = await officer.post(`/api/vouchers/quota-applications/${applied.json().id}/approve`, {});
    expect(issued.json().status).toBe('approved');
    const [instrument] = (
      await one<{ id: string }>(sql`
        select i.id::text as id from instruments i join organisations o on o.id = i.organisation_id
        where o.name = '绍兴文理学院' and i.status = 'normal' and i.share_mode = 'external' and i.fee_per_sample_fen is not null
        order by i.asset_no limit 1`)
    ).rows;
    // The next weekday at least two days ahead, 10:00–11:00 in Shanghai.
    let day = Date.now() + 2 * 86_400_000;
    while ([0, 6].includes(new Date(day + 8 * 3_600_000).getUTCDay())) day += 86_400_000;
    const date = new Date(day + 8 * 3_600_000).toISOString().slice(0, 10);
    const booked = await enterprise.post('/api/bookings', {
      instrumentId: instrument?.id,
      start: `${date}T10:00:00+08:00`,
      end: `${date}T11:00:00+08:00`,
      mode: 'sample_testing',
      sampleCount: 3,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const reserved = await enterprise.post('/api/vouchers/reservations', {
      bookingId: booked.json().id,
      quotaId: issued.json().quotaId,
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    // Demo instruments differ in rules: some need the manager's approval, some are approved at once.
    const steps = { requested: ['approve', 'confirm'], approved: ['confirm'], confirmed: [] }[
      booked.json().status as 'requested' | 'approved' | 'confirmed'
    ];
    expect(steps, booked.body).toBeDefined();
    for (const step of steps)
      expect((await manager.post(`/api/bookings/${booked.json().id}/${step}`, {})).statusCode).toBe(200);
    const done = await manager.post(`/api/bookings/${booked.json().id}/complete`, {
      prepMinutes: 10,
      measureMinutes: 40,
      postMinutes: 10,
      samples: 3,
    });
    expect(done.statusCode, done.body).toBe(200);
    const claim = await manager.post('/api/vouchers/claims', { reservationId: reserved.json().id });
    expect(claim.statusCode, claim.body).toBe(201);
    const approved = await officer.post(`/api/vouchers/claims/${claim.json().id}/approve`, {});
    expect(approved.json().status).toBe('approved');
    const payable = (await finance.get('/api/vouchers/settlements?status=open'))
      .json()
      .items.find((b: { payable: boolean }) => b.payable);
    const paid = await finance.post(`/api/vouchers/settlements/${payable.id}/pay`, {
      paymentRef: 'SXKJ-DEMO-001',
      paidOn: new Date().toISOString().slice(0, 10),
      totalFen: payable.totalFen,
    });
    expect(paid.json().status).toBe('paid');
    expect((await (await login('auditor')).get('/api/vouchers/ledger/verify')).json().ok).toBe(true);
  });
});
