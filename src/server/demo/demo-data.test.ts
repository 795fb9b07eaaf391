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
  it('has 166 instruments connected with a year of power-on hours from roll-ups', async () => {
    const year = new Date().getUTCFullYear();
    const { rows } = await one<{ n: number; h: number; days: number }>(sql`
      select count(distinct instrument_id)::int as n, (sum(on_s) / 3600)::float8 as h, count(*)::int as days
      from power_daily`);
    expect(rows[0]?.n).toBe(166);
    expect(rows[0]?.days).toBe(166 * 365);
    // About the bureau's quoted 215,432 h a year.
    expect(rows[0]?.h).toBeGreaterThan(150_000);
    expect(rows[0]?.h).toBeLessThan(280_000);
    const head = await t.client().get(`/api/telemetry/headline?year=${year}&regionCode=330600`);
    expect(head.json().connectedInstruments).toBe(166);
    expect(head.json().powerOnHours).toBeGreaterThan(0);
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
