import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { PASSWORD, registerOrg, registration, seedBureau } from '../../../../test/factories.js';
import { auditLog } from '../../db/schema.js';

let t: TestApp;
let as: Awaited<ReturnType<typeof seedBureau>>['as'];
let auditor: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  ({ as } = await seedBureau(t));
  auditor = await as('auditor');
});
afterAll(() => t.close());

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
}

const requestId = () => `audit-test-${randomBytes(6).toString('hex')}`;

/** Registers an organisation with a known request id and client address, as a proxy would forward them. */
async function registerTraced(regionCode: string, ip = '203.0.113.7') {
  const id = requestId();
  const body = registration({ regionCode });
  const client = t.client();
  const res = await client.request({
    method: 'POST',
    url: '/api/auth/register',
    payload: body,
    headers: { 'x-request-id': id, 'x-forwarded-for': ip },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.body}`);
  return { client, body, me: res.json(), requestId: id, ip };
}

async function allIds() {
  return (await t.database.db.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id))).map((r) => r.id);
}

describe('GET /api/audit', () => {
  it('shows the auditor the rows of their region with actor name, request id and IP', async () => {
    const reg = await registerTraced('330602');
    const res = await auditor.get(`/api/audit?q=${reg.requestId}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((e: { action: string }) => e.action).sort()).toEqual(['organisation.create', 'user.register']);
    const register = items.find((e: { action: string }) => e.action === 'user.register');
    expect(register).toMatchObject({
      actorUserId: reg.me.user.id,
      actorName: reg.body.user.name,
      regionCode: '330602',
      requestId: reg.requestId,
      ip: reg.ip,
      targetType: 'user',
      targetId: reg.me.user.id,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Newest first.
    expect(items[0].id).toBeGreaterThan(items[1].id);
  });

  it('does not show another region’s rows to a city auditor', async () => {
    const reg = await registerTraced('330106');
    const res = await auditor.get(`/api/audit?q=${reg.requestId}`);
    expect(res.json()).toMatchObject({ total: 0, items: [] });
    // The rows exist, with their region.
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.requestId, reg.requestId));
    expect(rows.map((r) => r.regionCode)).toEqual(['330106', '330106']);
  });

  it('filters by action prefix and by free text', async () => {
    const reg = await registerTraced('330603');
    const users = (await auditor.get(`/api/audit?action=user.&q=${reg.requestId}`)).json();
    expect(users.items.map((e: { action: string }) => e.action)).toEqual(['user.register']);

    const byPrefix = (await auditor.get('/api/audit?action=organisation.&pageSize=200')).json();
    expect(byPrefix.items.length).toBeGreaterThan(0);
    expect(byPrefix.items.every((e: { action: string }) => e.action.startsWith('organisation.'))).toBe(true);

    // Free text reaches the summary (here: the credit code) and the actor's name.
    const byCode = (await auditor.get(`/api/audit?q=${reg.body.organisation.creditCode}`)).json();
    expect(byCode.items.map((e: { action: string }) => e.action)).toEqual(['organisation.create']);
    const byName = (await auditor.get(`/api/audit?q=${encodeURIComponent(reg.body.user.name)}`)).json();
    expect(byName.items.map((e: { actorUserId: string }) => e.actorUserId)).toContain(reg.me.user.id);

    // The registrant is the actor of both rows of their registration, newest first.
    const byActor = (await auditor.get(`/api/audit?actorUserId=${reg.me.user.id}`)).json();
    expect(byActor.items.map((e: { action: string }) => e.action)).toEqual(['user.register', 'organisation.create']);
  });

  it('pages', async () => {
    const page1 = (await auditor.get('/api/audit?pageSize=2&page=1')).json();
    const page2 = (await auditor.get('/api/audit?pageSize=2&page=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThanOrEqual(3);
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);
  });

  it('is forbidden to enterprise users and officers, and needs a session', async () => {
    const { client } = await registerOrg(t);
    expectError(await client.get('/api/audit'), 403, 'FORBIDDEN');
    expectError(await client.get('/api/audit/verify'), 403, 'FORBIDDEN');
    expectError(await client.get('/api/audit/export.csv'), 403, 'FORBIDDEN');
    expectError(await (await as('officer')).get('/api/audit'), 403, 'FORBIDDEN');
    expectError(await t.client().get('/api/audit'), 401, 'UNAUTHENTICATED');
  });

  it('the bureau admin reads it too', async () => {
    const admin = await as('admin');
    expect((await admin.get('/api/audit')).statusCode).toBe(200);
  });

  it('exports the filtered rows as CSV', async () => {
    const reg = await registerTraced('330602');
    const res = await auditor.get(`/api/audit/export.csv?q=${reg.requestId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\n');
    expect(lines[0]).toBe('序号,时间,操作人,操作,对象类型,对象,地区,摘要,请求编号,IP,哈希');
    expect(lines).toHaveLength(3);
    expect(res.body).toContain(reg.requestId);
  });

  it('the city auditor sees the bureau admin disabling and unlocking a user of their region', async () => {
    const admin = await as('admin');
    const { me } = await registerOrg(t, { regionCode: '330602' });
    expect(
      (await admin.post(`/api/admin/users/${me.user.id}/status`, { status: 'disabled', reason: '离职' })).statusCode,
    ).toBe(200);
    expect((await admin.post(`/api/admin/users/${me.user.id}/unlock`)).statusCode).toBe(200);
    const seen = (await auditor.get(`/api/audit?targetId=${me.user.id}`)).json();
    expect(seen.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.disable', 'user.unlock']),
    );
  });
});

describe('the audit chain', () => {
  it('GET /api/audit/verify reports an intact chain', async () => {
    await registerTraced('330602');
    const res = await auditor.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, firstBrokenId: null, problem: null });
    expect(body.checked).toBe((await allIds()).length);
    expect(body.checked).toBeGreaterThan(0);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    const [row] = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.id)).limit(1);
    if (!row) throw new Error('no audit rows');
    const db = t.database.db;
    await expect(db.execute(sql`update audit_log set summary = '{}'::jsonb where id = ${row.id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log where id = ${row.id}`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [after] = await db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(after).toEqual(row);
    expect((await auditor.get('/api/audit/verify')).json().ok).toBe(true);
  });

  it('detects a row edited behind the trigger’s back, naming the row', async () => {
    const reg = await registerTraced('330602');
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.requestId, reg.requestId), eq(auditLog.action, 'user.register')));
    if (!row) throw new Error('no audit row');
    const db = t.database.db;
    const rewrite = async (summary: Record<string, unknown>) => {
      await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      try {
        await db.execute(sql`update audit_log set summary = ${JSON.stringify(summary)}::jsonb where id = ${row.id}`);
      } finally {
        await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
      }
    };

    await rewrite({ ...row.summary, after: { email: 'someone-else@example.cn' } });
    try {
      const res = (await auditor.get('/api/audit/verify')).json();
      expect(res).toMatchObject({ ok: false, firstBrokenId: row.id, problem: 'row content changed' });
      expect(res.checked).toBe(row.id - 1);
      // The trigger is back on.
      await expect(db.execute(sql`update audit_log set summary = '{}'::jsonb where id = ${row.id}`)).rejects.toThrow();
    } finally {
      // Put history back so the rest of the file sees an intact chain.
      await rewrite(row.summary);
    }
    expect((await auditor.get('/api/audit/verify')).json().ok).toBe(true);
  });

  it('stays linear and dense under 20 concurrent audited actions', async () => {
    const { body } = await registerOrg(t);
    const before = (await allIds()).length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.client().post('/api/auth/login', { email: body.user.email, password: PASSWORD }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));

    const ids = await allIds();
    expect(ids.length).toBe(before + 20);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    const rows = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, checked: ids.length });
  });
});
