import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings } from '../../db/schema.js';
import { march, type VoucherWorld, voucherWorld } from './voucher.test-fixtures.js';

let w: VoucherWorld;
let instrumentId: string;
let programmeId: string;
let userId: string;

const one = async <T>(q: ReturnType<typeof sql>) =>
  ((await w.t.database.db.execute(q)) as unknown as { rows: T[] }).rows[0] as T;

/** `n` confirmed sample-testing bookings of the enterprise, ¥1,200 each (so ¥600 of voucher each at 50%). */
async function bookingsFor(n: number, firstDay: number) {
  const values = Array.from({ length: n }, (_, i) => {
    const start = march(firstDay + Math.floor(i / 10), 8 + (i % 10));
    const end = new Date(Date.parse(start) + 3_600_000).toISOString();
    return {
      instrumentId,
      userId,
      organisationId: w.enterpriseId,
      mode: 'sample_testing',
      status: 'confirmed',
      startAt: new Date(start),
      endAt: new Date(end),
      slot: `[${start},${end})`,
      sampleCount: 4,
      estimatedFeeFen: 120_000,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
  });
  return (await w.t.database.db.insert(bookings).values(values).returning({ id: bookings.id })).map((b) => b.id);
}

beforeAll(async () => {
  w = await voucherWorld();
  instrumentId = (await w.instrument()).id;
  programmeId = await w.programme();
  await w.admit(programmeId);
  userId = (await (await w.as('enterprise')).get('/api/auth/me')).json().user.id;
});
afterAll(() => w.t.close());

describe('no overspend under concurrency', () => {
  it('100 concurrent reservations against a voucher covering 10: exactly 10 accepted, 90 coded refusals, books balanced', async () => {
    const quotaId = await w.quota(programmeId, 10 * 60_000);
    const ids = await bookingsFor(100, 9);
    const enterprise = await w.as('enterprise');
    const results = await Promise.all(
      ids.map((bookingId) => enterprise.post('/api/vouchers/reservations', { bookingId, quotaId })),
    );
    const accepted = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(90);
    expect(new Set(refused.map((r) => r.json().code))).toEqual(new Set(['VOUCHER_INSUFFICIENT_BALANCE']));
    expect(accepted.every((r) => r.json().amountFen === 60_000)).toBe(true);
    const balances = (await enterprise.get(`/api/vouchers/quotas/${quotaId}`)).json().balances;
    expect(balances).toMatchObject({ issuedFen: 600_000, availableFen: 0, reservedFen: 600_000 });
    const held = await one<{ n: number; s: number }>(sql`
      select count(*)::int as n, sum(amount_fen)::int as s from voucher_reservations where quota_id = ${quotaId} and status = 'held'`);
    expect(held).toEqual({ n: 10, s: 600_000 });
    const journals = await one<{ n: number }>(
      sql`select count(*)::int as n from voucher_journal where quota_id = ${quotaId}`,
    );
    expect(journals.n).toBe(11);
    expect(await w.t.services.vouchers.service.verify()).toMatchObject({ ok: true, totalFen: 0 });
  });

  it('a request retried 20 times at once with one Idempotency-Key reserves once', async () => {
    const quotaId = await w.quota(programmeId, 600_000);
    const [bookingId] = await bookingsFor(1, 25);
    const enterprise = await w.as('enterprise');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        enterprise.request({
          method: 'POST',
          url: '/api/vouchers/reservations',
          payload: { bookingId, quotaId },
          headers: { 'idempotency-key': 'retry-storm-0001' },
        }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 201);
    // Every answer is the one reservation, or (a racer that lost the booking lock) the coded "already reserved".
    expect(new Set(ok.map((r) => r.json().id)).size).toBe(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('VOUCHER_ALREADY_RESERVED');
    const n = await one<{ n: number }>(
      sql`select count(*)::int as n from voucher_journal where quota_id = ${quotaId} and kind = 'reserve'`,
    );
    expect(n.n).toBe(1);
    const again = await enterprise.request({
      method: 'POST',
      url: '/api/vouchers/reservations',
      payload: { bookingId, quotaId },
      headers: { 'idempotency-key': 'retry-storm-0001' },
    });
    expect(again.json().id).toBe(ok[0]?.json().id);
    const reused = await enterprise.request({
      method: 'POST',
      url: '/api/vouchers/reservations',
      payload: { bookingId: (await bookingsFor(1, 26))[0], quotaId },
      headers: { 'idempotency-key': 'retry-storm-0001' },
    });
    expect(reused.json().code).toBe('VOUCHER_IDEMPOTENCY_KEY_REUSED');
  });

  it('cancelling bookings while their vouchers are being approved and released keeps the books balanced', async () => {
    const quotaId = await w.quota(programmeId, 600_000);
    const ids = await bookingsFor(10, 27);
    const enterprise = await w.as('enterprise');
    for (const bookingId of ids)
      expect((await enterprise.post('/api/vouchers/reservations', { bookingId, quotaId })).statusCode).toBe(201);
    const manager = await w.as('manager');
    await Promise.all(
      ids.flatMap((id, i) => [
        i % 2
          ? enterprise.post(`/api/bookings/${id}/cancel`, {})
          : manager.post(`/api/bookings/${id}/cancel`, { reason: '设备故障' }),
        enterprise.post('/api/vouchers/reservations', { bookingId: id, quotaId }),
      ]),
    );
    const balances = (await enterprise.get(`/api/vouchers/quotas/${quotaId}`)).json().balances;
    expect(balances).toMatchObject({ availableFen: 600_000, reservedFen: 0 });
    expect(await w.t.services.vouchers.service.verify()).toMatchObject({ ok: true });
  });
});
