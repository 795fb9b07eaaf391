import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { registerOrg, seedBureau } from '../../../../test/factories.js';
import { auditLog, notifications, qualifications } from '../../db/schema.js';

let t: TestApp;
let manager: TestClient;
let enterprise: TestClient;
let officer: TestClient;
let enterpriseUserId: string;
let managerOrgId: string;

// Wednesday 2026-11-25 10:00 in Shanghai.
const NOW = '2026-11-25T02:00:00Z';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  enterprise = await bureau.as('enterprise');
  officer = await bureau.as('officer');
  managerOrgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  enterpriseUserId = (await enterprise.get('/api/auth/me')).json().user.id;
});
afterAll(() => t.close());

let seq = 0;
async function listInstrument(qualificationRequired = true) {
  seq++;
  const res = await manager.post('/api/instruments', {
    organisationId: managerOrgId,
    assetNo: `ZC-Q-${seq}`,
    nameZh: `激光共聚焦显微镜 ${seq}`,
    classCode: '010101',
    originalValueFen: 450_000_000,
    feePerHourFen: 40_000,
    bookingRules: { requiresApproval: false, qualificationRequired },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string };
}

const monday = { start: '2026-11-30T01:00:00Z', end: '2026-11-30T02:00:00Z' };

describe('training records', () => {
  it('grants by email, lists with state, and the grant lets the user book', async () => {
    const inst = await listInstrument();
    const book = () => enterprise.post('/api/bookings', { instrumentId: inst.id, ...monday, mode: 'self_operated' });
    expect((await book()).json().details[0].code).toBe('BOOKING_QUALIFICATION_REQUIRED');

    const granted = await manager.post(`/api/instruments/${inst.id}/qualifications`, {
      email: 'ENTERPRISE@demo.kechuang.cn',
      validUntil: '2026-12-20T00:00:00+08:00',
      level: 'supervised',
      note: '2026-11 培训班',
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({
      userId: enterpriseUserId,
      level: 'supervised',
      note: '2026-11 培训班',
      // 25 days left: inside the 30-day warning window.
      state: 'expiring',
      grantedByName: expect.any(String),
    });

    const list = await manager.get(`/api/instruments/${inst.id}/qualifications`);
    expect(list.json().items.map((q: { userId: string }) => q.userId)).toEqual([enterpriseUserId]);
    expect((await manager.get(`/api/instruments/${inst.id}/qualifications?state=active`)).json().items).toEqual([]);
    expect((await manager.get(`/api/instruments/${inst.id}/qualifications?state=expiring`)).json().items).toHaveLength(
      1,
    );

    expect((await book()).statusCode).toBe(201);

    const mine = (await enterprise.get('/api/qualifications/mine')).json().items;
    expect(mine.map((q: { instrumentId: string }) => q.instrumentId)).toContain(inst.id);

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'qualification.grant'), eq(auditLog.targetId, granted.json().id)));
    expect(audits).toHaveLength(1);
    const notices = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, enterpriseUserId), like(notifications.link, '/bookings/qualifications')));
    expect(notices.length).toBeGreaterThan(0);
  });

  it('refuses a second live grant, a past expiry, an unknown user and a non-manager, writing nothing', async () => {
    const inst = await listInstrument();
    const ok = await manager.post(`/api/instruments/${inst.id}/qualifications`, {
      userId: enterpriseUserId,
      validUntil: '2027-06-30T00:00:00+08:00',
    });
    expect(ok.statusCode).toBe(201);
    const count = async () =>
      (
        await t.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(qualifications)
          .where(eq(qualifications.instrumentId, inst.id))
      )[0] as { n: number };
    const cases: [TestClient, Record<string, unknown>, number, string][] = [
      [manager, { userId: enterpriseUserId, validUntil: '2027-12-31T00:00:00+08:00' }, 409, 'QUALIFICATION_EXISTS'],
      [
        manager,
        { email: 'nobody@example.cn', validUntil: '2027-12-31T00:00:00+08:00' },
        404,
        'QUALIFICATION_USER_UNKNOWN',
      ],
      [
        manager,
        { email: 'officer@demo.kechuang.cn', validUntil: '2026-11-01T00:00:00+08:00' },
        400,
        'QUALIFICATION_EXPIRY_PAST',
      ],
      [manager, { validUntil: '2027-12-31T00:00:00+08:00' }, 400, 'VALIDATION_FAILED'],
      [officer, { email: 'officer@demo.kechuang.cn', validUntil: '2027-12-31T00:00:00+08:00' }, 403, 'FORBIDDEN'],
      [enterprise, { userId: enterpriseUserId, validUntil: '2027-12-31T00:00:00+08:00' }, 403, 'FORBIDDEN'],
    ];
    for (const [client, body, status, code] of cases) {
      const res = await client.post(`/api/instruments/${inst.id}/qualifications`, body);
      expect([res.statusCode, res.json().code]).toEqual([status, code]);
    }
    expect((await count()).n).toBe(1);
    expect((await enterprise.get(`/api/instruments/${inst.id}/qualifications`)).statusCode).toBe(403);
  });

  it('renews (null clears the note), revokes with a reason, and a revoked record no longer qualifies', async () => {
    const inst = await listInstrument();
    const q = (
      await manager.post(`/api/instruments/${inst.id}/qualifications`, {
        userId: enterpriseUserId,
        validUntil: '2026-11-29T00:00:00+08:00',
        note: '临时',
      })
    ).json();
    // Valid until Saturday: a Monday booking is refused until the record is renewed.
    const book = (start: string, end: string) =>
      enterprise.post('/api/bookings', { instrumentId: inst.id, start, end, mode: 'self_operated' });
    expect((await book(monday.start, monday.end)).statusCode).toBe(422);

    const renewed = await manager.post(`/api/qualifications/${q.id}/renew`, {
      validUntil: '2027-11-30T00:00:00+08:00',
      level: 'trainer',
      note: null,
    });
    expect(renewed.json()).toMatchObject({
      state: 'active',
      level: 'trainer',
      note: null,
      renewedAt: NOW.replace('Z', '.000Z'),
    });
    expect((await book(monday.start, monday.end)).statusCode).toBe(201);

    // Omitting the note keeps it; sending one sets it.
    await manager.post(`/api/qualifications/${q.id}/renew`, { validUntil: '2027-12-30T00:00:00+08:00', note: '复训' });
    const kept = await manager.post(`/api/qualifications/${q.id}/renew`, { validUntil: '2027-12-31T00:00:00+08:00' });
    expect(kept.json().note).toBe('复训');

    expect((await manager.post(`/api/qualifications/${q.id}/revoke`, { reason: ' ' })).statusCode).toBe(400);
    const revoked = await manager.post(`/api/qualifications/${q.id}/revoke`, { reason: '违规操作' });
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokeReason: '违规操作' });
    expect((await book('2026-11-30T03:00:00Z', '2026-11-30T04:00:00Z')).json().details[0].code).toBe(
      'BOOKING_QUALIFICATION_REQUIRED',
    );
    expect(
      (await manager.post(`/api/qualifications/${q.id}/renew`, { validUntil: '2028-01-01T00:00:00+08:00' })).json()
        .code,
    ).toBe('QUALIFICATION_REVOKED');
    expect((await manager.post(`/api/qualifications/${q.id}/revoke`, { reason: '再次' })).json().code).toBe(
      'QUALIFICATION_REVOKED',
    );
    // Once revoked, a fresh grant is possible; the old record stays in the history.
    const again = await manager.post(`/api/instruments/${inst.id}/qualifications`, {
      userId: enterpriseUserId,
      validUntil: '2027-01-31T00:00:00+08:00',
    });
    expect(again.statusCode).toBe(201);
    const states = (await manager.get(`/api/instruments/${inst.id}/qualifications`))
      .json()
      .items.map((x: { state: string }) => x.state);
    expect(states).toEqual(['active', 'revoked']);

    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, q.id))).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual([
      'qualification.grant',
      'qualification.renew',
      'qualification.renew',
      'qualification.renew',
      'qualification.revoke',
    ]);
  });

  it('suggests users by email prefix or name to the instrument manager only', async () => {
    const inst = await listInstrument(false);
    const { body } = await registerOrg(t, { email: 'zhang.wei@lab.example.cn' });
    const res = await manager.get(`/api/instruments/${inst.id}/qualification-candidates?q=zhang.wei`);
    expect(res.json().items).toEqual([
      {
        id: expect.any(String),
        name: body.user.name,
        email: 'zhang.wei@lab.example.cn',
        organisationName: body.organisation.name,
      },
    ]);
    expect((await manager.get(`/api/instruments/${inst.id}/qualification-candidates?q=%25%25`)).json().items).toEqual(
      [],
    );
    expect((await enterprise.get(`/api/instruments/${inst.id}/qualification-candidates?q=zh`)).statusCode).toBe(403);
  });
});

describe('training records export', () => {
  it('exports an instrument’s records with the state filter, for its managers only', async () => {
    const inst = await listInstrument();
    await manager.post(`/api/instruments/${inst.id}/qualifications`, {
      email: 'enterprise@demo.kechuang.cn',
      validUntil: '2027-06-30T00:00:00Z',
      level: 'supervised',
      note: '=2026 年第 4 期培训',
    });
    const csv = await manager.get(`/api/instruments/${inst.id}/qualifications/export`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace('\uFEFF', '').trim().split('\n');
    expect(lines[0]).toBe('仪器,用户,邮箱,级别,有效期至,状态,授予人,授予时间,续期时间,备注,撤销原因');
    expect(lines[1]).toContain('enterprise@demo.kechuang.cn');
    expect(lines[1]).toContain('需陪同操作');
    expect(lines[1]).toContain('2027-06-30 08:00');
    expect(lines[1]).toContain("'=2026");
    const revoked = await manager.get(`/api/instruments/${inst.id}/qualifications/export?state=revoked`);
    expect(revoked.body.replace('\uFEFF', '').trim().split('\n')).toHaveLength(1);
    const xlsx = await manager.get(`/api/instruments/${inst.id}/qualifications/export?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await enterprise.get(`/api/instruments/${inst.id}/qualifications/export`)).json().code).toBe('FORBIDDEN');
  });
});
