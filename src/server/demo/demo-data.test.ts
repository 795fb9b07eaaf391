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

  it("has a 揭榜挂帅 batch shaped like Shenyang's first: 308 needs, 31 lists published, 26 taken", async () => {
    const f = (await t.client().get('/api/challenges/funnel')).json();
    expect(f.totals).toMatchObject({ needsSubmitted: 308, listsPublished: 31, listsTaken: 26 });
    expect(f.byDirection).toHaveLength(20);
    const hall = (await t.client().get('/api/challenges/lists?status=unclaimed')).json();
    expect(hall.total).toBe(5);
  });
});
