import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { registerOrg, seedBureau } from '../../../../test/factories.js';
import { retryOnDeadlock } from '../../db/deadlock.js';
import { auditLog, bookings, notifications, serviceRecords } from '../../db/schema.js';

let t: TestApp;
let manager: TestClient;
let enterprise: TestClient;
let managerOrgId: string;
let seq = 0;

// Wednesday 2026-11-25 10:00 in Shanghai; bookings go on the following Monday (2026-11-30).
const NOW = '2026-11-25T02:00:00Z';
const monday = (fromHour: number, toHour: number) => ({
  start: `2026-11-30T${String(fromHour - 8).padStart(2, '0')}:00:00Z`,
  end: `2026-11-30T${String(toHour - 8).padStart(2, '0')}:00:00Z`,
});

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  enterprise = await bureau.as('enterprise');
  managerOrgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
});
afterAll(() => t.close());

async function listInstrument(overrides: Record<string, unknown> = {}) {
  seq++;
  const res = await manager.post('/api/instruments', {
    organisationId: managerOrgId,
    assetNo: `ZC-T-${seq}-${Date.now()}`,
    nameZh: '场发射扫描电子显微镜',
    nameEn: 'Field-emission scanning electron microscope',
    classCode: '010101',
    originalValueFen: 450_000_000,
    manufacturer: '日立 Hitachi',
    model: 'SU8010',
    functions: '表面形貌观察、能谱元素分析',
    feePerHourFen: 60_000,
    feePerSampleFen: 30_000,
    bookingRules: { requiresApproval: true },
    ...overrides,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; regionCode: string };
}

describe('instrument listing', () => {
  it('lists an instrument and finds it by a Chinese short-form query', async () => {
    const listed = await listInstrument({ nameZh: '场发射扫描电子显微镜', assetNo: 'ZC-SEM-SEARCH' });
    const found = await t.client().get(`/api/instruments?q=${encodeURIComponent('扫描电镜')}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((i: { id: string }) => i.id)).toContain(listed.id);
    const page = await t.client().get(`/api/instruments/${listed.id}`);
    expect(page.json()).toMatchObject({
      className: '分析仪器 / 电子光学仪器',
      canManage: false,
      contactPhoneMasked: null,
    });
  });

  it('refuses bad listings with coded errors and writes nothing', async () => {
    const before = await t.database.db.execute(sql`select count(*)::int as n from instruments`);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ classCode: '999999' }, 400, 'INSTRUMENT_CLASS_UNKNOWN'],
      [{ originalValueFen: 29_999_999 }, 400, 'INSTRUMENT_BELOW_THRESHOLD'],
      [{ bookingRules: { minMinutes: 600, maxMinutes: 60 } }, 400, 'BOOKING_RULES_INVALID'],
      [{ regionCode: '999999' }, 400, 'REGION_UNKNOWN'],
    ];
    for (const [overrides, status, code] of cases) {
      const res = await manager.post('/api/instruments', {
        organisationId: managerOrgId,
        assetNo: `ZC-BAD-${code}`,
        nameZh: '测试仪器',
        classCode: '010101',
        originalValueFen: 40_000_000,
        ...overrides,
      });
      expect([res.statusCode, res.json().code], code).toEqual([status, code]);
    }
    const dup = await listInstrument({ assetNo: 'ZC-DUP' }).then(() =>
      manager.post('/api/instruments', {
        organisationId: managerOrgId,
        assetNo: 'ZC-DUP',
        nameZh: '重复',
        classCode: '010101',
        originalValueFen: 40_000_000,
      }),
    );
    expect(dup.json().code).toBe('INSTRUMENT_DUPLICATE_ASSET');
    const forbidden = await enterprise.post('/api/instruments', {
      organisationId: managerOrgId,
      assetNo: 'X',
      nameZh: '越权',
      classCode: '010101',
      originalValueFen: 40_000_000,
    });
    expect(forbidden.json().code).toBe('FORBIDDEN');
    const after = await t.database.db.execute(sql`select count(*)::int as n from instruments`);
    const n = (r: unknown) => (r as { rows: { n: number }[] }).rows[0]?.n ?? 0;
    expect(n(after)).toBe(n(before) + 1);
  });
});

describe('booking lifecycle', () => {
  it('requested → approved → confirmed → in use → completed, with events, audit, notices and a service record', async () => {
    const inst = await listInstrument();
    const created = await enterprise.post('/api/bookings', {
      instrumentId: inst.id,
      ...monday(10, 12),
      mode: 'self_operated',
      purpose: '材料断口形貌',
    });
    expect(created.statusCode).toBe(201);
    const booking = created.json();
    expect(booking).toMatchObject({ status: 'requested', estimatedFeeFen: 120_000 });

    const managerInbox = await manager.get('/api/notifications');
    expect(managerInbox.json().items[0].link).toBe(`/bookings/${booking.id}`);

    for (const [command, status] of [
      ['approve', 'approved'],
      ['confirm', 'confirmed'],
    ] as const) {
      const res = await manager.post(`/api/bookings/${booking.id}/${command}`, {});
      expect([res.statusCode, res.json().status], command).toEqual([200, status]);
    }
    // Days before the slot, check-in is closed; 20 minutes before it, it is open.
    const early = await manager.post(`/api/bookings/${booking.id}/check-in`, {});
    expect([early.statusCode, early.json().code]).toEqual([409, 'BOOKING_CHECK_IN_WINDOW']);
    t.clock.set('2026-11-30T01:40:00Z');
    let done: Awaited<ReturnType<TestClient['post']>>;
    try {
      // Moving the clock days ahead ends the old sessions, so the manager signs in again.
      const onSite = t.client();
      await onSite.login('manager@demo.kechuang.cn');
      const checkedIn = await onSite.post(`/api/bookings/${booking.id}/check-in`, {});
      expect(checkedIn.json().status).toBe('in_use');
      done = await onSite.post(`/api/bookings/${booking.id}/complete`, {
        prepMinutes: 15,
        measureMinutes: 90,
        postMinutes: 15,
        samples: 3,
      });
    } finally {
      t.clock.set(NOW);
    }
    expect(done.json()).toMatchObject({
      status: 'completed',
      service: { measureMinutes: 90, feeFen: 90_000, external: true },
    });
    expect(done.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'requested',
      'approved',
      'confirmed',
      'in_use',
      'completed',
    ]);

    const rated = await enterprise.post(`/api/bookings/${booking.id}/rating`, { rating: 5, comment: '服务很好' });
    expect(rated.json().service).toMatchObject({ rating: 5, comment: '服务很好' });
    const twice = await enterprise.post(`/api/bookings/${booking.id}/rating`, { rating: 1 });
    expect(twice.statusCode).toBe(409);
    // The rating is public on the instrument's page, the reviewer named only by kind of organisation.
    const reviews = (await t.client().get(`/api/instruments/${inst.id}/reviews`)).json();
    expect(reviews).toMatchObject({ average: 5, count: 1, distribution: [0, 0, 0, 0, 1], total: 1 });
    expect(reviews.items[0]).toMatchObject({
      rating: 5,
      comment: '服务很好',
      external: true,
      organisationType: 'enterprise',
    });
    expect(JSON.stringify(reviews)).not.toContain('userName');

    const records = await t.database.db.select().from(serviceRecords).where(eq(serviceRecords.bookingId, booking.id));
    expect(records).toHaveLength(1);
    const audits = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, booking.id));
    expect(audits.map((a) => a.action)).toEqual([
      'booking.create',
      'booking.approve',
      'booking.confirm',
      'booking.check_in',
      'booking.complete',
      'booking.rate',
    ]);
    const userNotices = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/bookings/${booking.id}`));
    expect(userNotices.length).toBeGreaterThanOrEqual(4);
  });

  it('only the instrument’s managers approve; the booker cannot, and a wrong-state command is refused', async () => {
    const inst = await listInstrument();
    const b = (
      await enterprise.post('/api/bookings', {
        instrumentId: inst.id,
        ...monday(13, 14),
        mode: 'sample_testing',
        sampleCount: 2,
      })
    ).json();
    expect(b.estimatedFeeFen).toBe(60_000);
    expect((await enterprise.post(`/api/bookings/${b.id}/approve`, {})).json().code).toBe('FORBIDDEN');
    expect((await manager.post(`/api/bookings/${b.id}/check-in`, {})).json().code).toBe('INVALID_TRANSITION');
    expect((await manager.post(`/api/bookings/${b.id}/reject`, {})).json().code).toBe('VALIDATION_FAILED');
    const rejected = await manager.post(`/api/bookings/${b.id}/reject`, { reason: '样品不符合要求' });
    expect(rejected.json().status).toBe('rejected');
  });

  it('explains rule violations in the request’s language', async () => {
    const inst = await listInstrument();
    const saturday = await enterprise.post('/api/bookings', {
      instrumentId: inst.id,
      start: '2026-11-28T02:00:00Z',
      end: '2026-11-28T03:00:00Z',
      mode: 'self_operated',
    });
    expect(saturday.statusCode).toBe(422);
    expect(saturday.json().code).toBe('BOOKING_RULE_VIOLATION');
    expect(saturday.json().details.map((d: { code: string }) => d.code)).toContain('BOOKING_OUTSIDE_OPENING_HOURS');
    const past = await enterprise.request({
      method: 'POST',
      url: '/api/bookings',
      headers: { 'accept-language': 'en' },
      payload: {
        instrumentId: inst.id,
        start: '2026-11-23T02:00:00Z',
        end: '2026-11-23T03:00:00Z',
        mode: 'self_operated',
      },
    });
    expect(past.json().details.map((d: { code: string }) => d.code)).toContain('BOOKING_IN_PAST');
    expect(past.json().message).toMatch(/booking rules/);
  });

  it('self-operation needs a training record when the instrument requires one', async () => {
    const inst = await listInstrument({ bookingRules: { requiresApproval: false, qualificationRequired: true } });
    const body = { instrumentId: inst.id, ...monday(9, 10), mode: 'self_operated' };
    const refused = await enterprise.post('/api/bookings', body);
    expect(refused.json().details.map((d: { code: string }) => d.code)).toEqual(['BOOKING_QUALIFICATION_REQUIRED']);
    const me = (await enterprise.get('/api/auth/me')).json();
    await manager.post(`/api/instruments/${inst.id}/qualifications`, {
      userId: me.user.id,
      validUntil: '2027-06-30T00:00:00Z',
    });
    const ok = await enterprise.post('/api/bookings', body);
    expect([ok.statusCode, ok.json().status]).toEqual([201, 'confirmed']);
  });

  it('an unverified organisation cannot book', async () => {
    const inst = await listInstrument();
    const { client } = await registerOrg(t);
    const res = await client.post('/api/bookings', {
      instrumentId: inst.id,
      ...monday(10, 11),
      mode: 'sample_testing',
    });
    expect([res.statusCode, res.json().code]).toEqual([403, 'ORG_NOT_VERIFIED']);
  });
});

describe('no double booking, ever', () => {
  it('200 concurrent requests for one slot: exactly one booking, 199 coded conflicts', async () => {
    const inst = await listInstrument({ bookingRules: { requiresApproval: false } });
    const body = { instrumentId: inst.id, ...monday(14, 16), mode: 'sample_testing', sampleCount: 1 };
    const responses = await Promise.all(Array.from({ length: 200 }, () => enterprise.post('/api/bookings', body)));
    const codes = responses.map((r) => (r.statusCode === 201 ? 'CREATED' : r.json().code));
    expect(codes.filter((c) => c === 'CREATED')).toHaveLength(1);
    expect(codes.filter((c) => c === 'BOOKING_CONFLICT')).toHaveLength(199);
    const rows = await t.database.db
      .select()
      .from(bookings)
      .where(
        and(
          eq(bookings.instrumentId, inst.id),
          inArray(bookings.status, ['requested', 'approved', 'confirmed', 'in_use']),
        ),
      );
    expect(rows).toHaveLength(1);
  });

  it('the database itself refuses overlapping active slots, even written straight past the service', async () => {
    const inst = await listInstrument();
    const me = (await enterprise.get('/api/auth/me')).json();
    const row = (i: number) => ({
      instrumentId: inst.id,
      userId: me.user.id,
      organisationId: me.memberships[0].organisation.id,
      mode: 'sample_testing',
      status: 'requested',
      startAt: new Date(`2026-12-01T0${1 + (i % 3)}:00:00Z`),
      endAt: new Date('2026-12-01T05:00:00Z'),
      slot: `[2026-12-01T0${1 + (i % 3)}:00:00Z,2026-12-01T05:00:00Z)`,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const results = await Promise.allSettled(
      // Run again if chosen as a deadlock victim, as the booking service does (db/deadlock.ts): the
      // overlap must then be refused by the constraint itself.
      Array.from({ length: 30 }, (_, i) =>
        retryOnDeadlock(() => t.database.db.transaction((tx) => tx.insert(bookings).values(row(i)))),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason.cause?.code).toBe('23P01');
    }
  });

  it('a cancelled booking frees its slot, and the calendar and "free now" filter follow', async () => {
    const inst = await listInstrument({ bookingRules: { requiresApproval: false } });
    const body = { instrumentId: inst.id, ...monday(15, 17), mode: 'sample_testing' };
    const first = (await enterprise.post('/api/bookings', body)).json();
    const cal = await t
      .client()
      .get(`/api/instruments/${inst.id}/calendar?from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z`);
    const iso = (s: string) => new Date(s).toISOString();
    expect(cal.json().items).toEqual([
      { start: iso(body.start), end: iso(body.end), status: 'confirmed', mine: false },
    ]);
    const busy = await t
      .client()
      .get(`/api/instruments?organisationId=${managerOrgId}&freeFrom=${body.start}&freeTo=${body.end}&pageSize=100`);
    expect(busy.json().items.map((i: { id: string }) => i.id)).not.toContain(inst.id);

    expect((await enterprise.post('/api/bookings', body)).json().code).toBe('BOOKING_CONFLICT');
    expect((await enterprise.post(`/api/bookings/${first.id}/cancel`, {})).json().status).toBe('cancelled');
    const again = await enterprise.post('/api/bookings', body);
    expect(again.statusCode).toBe(201);
  });
});

describe('cancellation', () => {
  it('the booker cannot cancel once the booking has started; a late cancellation is flagged', async () => {
    const inst = await listInstrument({ bookingRules: { requiresApproval: false } });
    const b = (
      await enterprise.post('/api/bookings', { instrumentId: inst.id, ...monday(10, 11), mode: 'sample_testing' })
    ).json();
    const c = (
      await enterprise.post('/api/bookings', { instrumentId: inst.id, ...monday(11, 12), mode: 'sample_testing' })
    ).json();
    // Moving the clock days ahead ends the existing sessions, so sign in afresh at each moment.
    const signIn = async (who: string) => {
      const c = t.client();
      await c.login(`${who}@demo.kechuang.cn`);
      return c;
    };
    try {
      t.clock.set('2026-11-29T12:00:00Z'); // 14 hours before: inside the default 24-hour deadline
      const late = await (await signIn('enterprise')).post(`/api/bookings/${b.id}/cancel`, {});
      expect(late.json()).toMatchObject({ status: 'cancelled', cancelledLate: true });
      t.clock.set('2026-11-30T03:30:00Z'); // half an hour into booking c
      const started = await (await signIn('enterprise')).post(`/api/bookings/${c.id}/cancel`, {});
      expect([started.statusCode, started.json().code]).toEqual([409, 'BOOKING_ALREADY_STARTED']);
      const byManager = await (await signIn('manager')).post(`/api/bookings/${c.id}/cancel`, { reason: '设备故障' });
      expect(byManager.json().status).toBe('cancelled');
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('no-show release', () => {
  it('frees self-operated bookings nobody checked in to, after the release time, once', async () => {
    const inst = await listInstrument({ bookingRules: { requiresApproval: false, noShowReleaseMinutes: 30 } });
    const me = (await enterprise.get('/api/auth/me')).json();
    await manager.post(`/api/instruments/${inst.id}/qualifications`, {
      userId: me.user.id,
      validUntil: '2027-01-01T00:00:00Z',
    });
    const b = (
      await enterprise.post('/api/bookings', { instrumentId: inst.id, ...monday(14, 15), mode: 'self_operated' })
    ).json();
    const release = t.services.bookings.service.releaseNoShows;
    const status = async () => (await t.database.db.select().from(bookings).where(eq(bookings.id, b.id)))[0]?.status;
    try {
      t.clock.set('2026-11-30T06:29:00Z'); // 14:29, 29 minutes after the start
      await release();
      expect(await status()).toBe('confirmed');
      t.clock.set('2026-11-30T06:30:00Z');
      expect(await release()).toBeGreaterThanOrEqual(1);
      expect(await status()).toBe('no_show');
      expect(await release()).toBe(0);
    } finally {
      t.clock.set(NOW);
    }
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, b.id), eq(auditLog.action, 'booking.no_show')));
    expect(audits).toHaveLength(1);
  });
});

describe('my bookings', () => {
  it('filters by status', async () => {
    const all = (await enterprise.get('/api/bookings/mine?pageSize=100')).json();
    const cancelled = (await enterprise.get('/api/bookings/mine?status=cancelled&pageSize=100')).json();
    expect(cancelled.total).toBeGreaterThan(0);
    expect(cancelled.total).toBeLessThan(all.total);
    expect(cancelled.items.every((b: { status: string }) => b.status === 'cancelled')).toBe(true);
  });
});
