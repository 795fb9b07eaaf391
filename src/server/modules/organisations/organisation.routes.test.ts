import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { registerOrg, registration, seedBureau } from '../../../../test/factories.js';
import { randomCreditCode } from '../../../shared/credit-code.js';
import { auditLog, organisationEvents, organisations, roleAssignments } from '../../db/schema.js';

let t: TestApp;
let as: Awaited<ReturnType<typeof seedBureau>>['as'];
let officer: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  ({ as } = await seedBureau(t));
  officer = await as('officer');
  admin = await as('admin');
});
afterAll(() => t.close());

const tag = () => randomBytes(3).toString('hex');

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
}

/** Registers an organisation with a chosen name (so list filters can single out a test's own rows). */
async function registerNamed(name: string, overrides: Parameters<typeof registration>[0] = {}) {
  const client = t.client();
  const body = registration(overrides);
  body.organisation.name = name;
  const res = await client.post('/api/auth/register', body);
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.body}`);
  const me = res.json();
  return { client, me, body, id: me.memberships[0].organisation.id as string };
}

async function orgRow(id: string) {
  const [row] = await t.database.db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw new Error(`no organisation ${id}`);
  return row;
}

/** An organisation registered by the bureau admin, which starts out verified. */
async function createVerified(name: string, regionCode: string) {
  const res = await admin.post('/api/organisations', {
    name,
    type: 'enterprise',
    regionCode,
    creditCode: randomCreditCode({ regionCode }),
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return res.json() as { id: string; creditCode: string };
}

/** A valid code with its check character swapped: fails only the checksum. */
function checksumFailing(regionCode: string) {
  const code = randomCreditCode({ regionCode });
  return code.slice(0, 17) + (code.at(-1) === '0' ? '1' : '0');
}

describe('GET /api/organisations (bureau list)', () => {
  it('filters by q, status and type and pages through the result', async () => {
    const k = `筛选${tag()}`;
    // Created by the bureau admin, so already verified (keeps bureau transitions out of this test).
    const a = await createVerified(`${k}甲科技有限公司`, '330602');
    await registerNamed(`${k}乙科技有限公司`, { regionCode: '330603' });
    await registerNamed(`${k}丙大学`, { regionCode: '330681', type: 'university' });

    const all = await officer.get(`/api/organisations?q=${encodeURIComponent(k)}&sort=name`);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(all.json().items.map((o: { name: string }) => o.name)).toEqual(
      [`${k}丙大学`, `${k}乙科技有限公司`, `${k}甲科技有限公司`].sort(),
    );
    expect(all.json().items[0]).toMatchObject({ memberCount: 1, regionName: expect.stringMatching(/^浙江省 绍兴市 /) });

    const registered = await officer.get(`/api/organisations?q=${encodeURIComponent(k)}&status=registered`);
    expect(registered.json().total).toBe(2);
    expect(registered.json().items.every((o: { status: string }) => o.status === 'registered')).toBe(true);

    const universities = await officer.get(`/api/organisations?q=${encodeURIComponent(k)}&type=university`);
    expect(universities.json().items.map((o: { name: string }) => o.name)).toEqual([`${k}丙大学`]);

    const byRegion = await officer.get(`/api/organisations?q=${encodeURIComponent(k)}&regionCode=330603`);
    expect(byRegion.json().items.map((o: { name: string }) => o.name)).toEqual([`${k}乙科技有限公司`]);

    const byCode = await officer.get(`/api/organisations?q=${a.creditCode}`);
    expect(byCode.json().items.map((o: { id: string }) => o.id)).toEqual([a.id]);

    const page1 = (
      await officer.get(`/api/organisations?q=${encodeURIComponent(k)}&pageSize=2&page=1&sort=name`)
    ).json();
    const page2 = (
      await officer.get(`/api/organisations?q=${encodeURIComponent(k)}&pageSize=2&page=2&sort=name`)
    ).json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page2.items).toHaveLength(1);
    const ids = [...page1.items, ...page2.items].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('treats LIKE wildcards in q literally', async () => {
    const res = await officer.get(`/api/organisations?q=${encodeURIComponent('%')}`);
    expect(res.json().total).toBe(0);
  });

  it('does not show an organisation outside the officer’s region', async () => {
    const k = `杭州${tag()}`;
    const hz = await registerNamed(`${k}科技有限公司`, { regionCode: '330106' });
    const list = await officer.get(`/api/organisations?q=${encodeURIComponent(k)}`);
    expect(list.json()).toMatchObject({ total: 0, items: [] });
    expectError(await officer.get(`/api/organisations/${hz.id}`), 404, 'NOT_FOUND');
    expectError(await officer.post(`/api/organisations/${hz.id}/verify`, {}), 404, 'NOT_FOUND');
    expect((await orgRow(hz.id)).status).toBe('registered');
    // Asking for the region explicitly does not widen the scope.
    const explicit = await officer.get(`/api/organisations?q=${encodeURIComponent(k)}&regionCode=330100`);
    expect(explicit.json().total).toBe(0);
  });

  it('is forbidden to enterprise users, and needs a session', async () => {
    const { client } = await registerOrg(t);
    expectError(await client.get('/api/organisations'), 403, 'FORBIDDEN');
    expectError(await t.client().get('/api/organisations'), 401, 'UNAUTHENTICATED');
  });

  it('filters by a region whose code ends in 0 without catching its neighbours (台州 vs 丽水)', async () => {
    const k = `浙江${tag()}`;
    const { me: provincial } = await registerOrg(t);
    // A province-level officer, granted directly: no bureau admin in the demo data reaches 330000.
    await t.database.db
      .insert(roleAssignments)
      .values({ userId: provincial.user.id, role: 'bureau_officer', regionCode: '330000', grantedAt: t.clock.now() });
    const client = t.client();
    await client.login(provincial.user.email);
    const taizhou = await registerNamed(`${k}台州科技有限公司`, { regionCode: '331002' });
    await registerNamed(`${k}丽水科技有限公司`, { regionCode: '331102' });

    const both = await client.get(`/api/organisations?q=${encodeURIComponent(k)}`);
    expect(both.json().total).toBe(2);
    const res = await client.get(`/api/organisations?q=${encodeURIComponent(k)}&regionCode=331000`);
    expect(res.json().items.map((o: { id: string }) => o.id)).toEqual([taizhou.id]);
  });
});

describe('organisation review', () => {
  // Regression: the transition once read admins outside its transaction and deadlocked PGlite's single
  // connection; on its own database, so a regression cannot wedge the shared one.
  it('verify completes on the embedded database (no deadlock)', async () => {
    const own = await createTestApp();
    const bureau = await seedBureau(own);
    const reviewer = await bureau.as('officer');
    const org = await registerOrg(own);
    const res = await reviewer.post(`/api/organisations/${org.me.memberships[0].organisation.id}/verify`, {});
    expect(res.statusCode).toBe(200);
    await own.close();
    // A deadlock hangs for ever, so any finite limit catches it; 20 s leaves room for a loaded
    // machine (setting up a fresh app and database alone took over 5 s under load there).
  }, 20_000);

  it('accepts a transition without a body, as documented', async () => {
    // Already verified, so a body that gets through validation meets the status guard, not the database.
    const org = await createVerified(`无体${tag()}科技有限公司`, '330602');
    const res = await officer.request({ method: 'POST', url: `/api/organisations/${org.id}/verify` });
    expectError(res, 409, 'INVALID_TRANSITION');
  });

  it('verify: registered → verified, with an event, an audit row and a notice to the organisation’s admin', async () => {
    const org = await registerNamed(`核验${tag()}科技有限公司`, { regionCode: '330602' });
    const officerMe = (await officer.get('/api/auth/me')).json();
    const mailsBefore = t.mailer.sent.length;

    const res = await officer.post(`/api/organisations/${org.id}/verify`, { reason: '材料齐全' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.id, status: 'verified', verifiedAt: t.clock.now().toISOString() });
    expect(res.json().events.at(-1)).toMatchObject({
      fromStatus: 'registered',
      toStatus: 'verified',
      actorName: officerMe.user.name,
      reason: '材料齐全',
    });

    const row = await orgRow(org.id);
    expect(row).toMatchObject({ status: 'verified', verifiedBy: officerMe.user.id });
    const events = await t.database.db
      .select()
      .from(organisationEvents)
      .where(eq(organisationEvents.organisationId, org.id))
      .orderBy(organisationEvents.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorUserId])).toEqual([
      [null, 'registered', org.me.user.id],
      ['registered', 'verified', officerMe.user.id],
    ]);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'organisation.verify'), eq(auditLog.targetId, org.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: officerMe.user.id,
      regionCode: '330602',
      summary: { before: { status: 'registered' }, after: { status: 'verified' }, reason: '材料齐全' },
    });

    const inbox = (await org.client.get('/api/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      category: 'organisation',
      title: expect.stringContaining(org.body.organisation.name),
    });
    expect(t.mailer.sent.slice(mailsBefore).map((m) => m.to)).toEqual([org.body.user.email]);

    // The organisation's own view shows the new status.
    expect((await org.client.get('/api/auth/me')).json().memberships[0].organisation.status).toBe('verified');
  });

  it('verifying twice is INVALID_TRANSITION and writes nothing more', async () => {
    const org = await registerNamed(`重复${tag()}科技有限公司`);
    expect((await officer.post(`/api/organisations/${org.id}/verify`, {})).statusCode).toBe(200);
    const res = await officer.post(`/api/organisations/${org.id}/verify`, {});
    expectError(res, 409, 'INVALID_TRANSITION');
    expect(res.json().details).toMatchObject({ from: 'verified', command: 'verify' });
    const events = await t.database.db
      .select()
      .from(organisationEvents)
      .where(eq(organisationEvents.organisationId, org.id));
    expect(events).toHaveLength(2);
  });

  it('reject without a reason is VALIDATION_FAILED and changes nothing', async () => {
    const org = await registerNamed(`退回${tag()}科技有限公司`);
    const empty = await officer.post(`/api/organisations/${org.id}/reject`, {});
    expectError(empty, 400, 'VALIDATION_FAILED');
    expect(empty.json().details).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expectError(await officer.post(`/api/organisations/${org.id}/reject`, { reason: ' ' }), 400, 'VALIDATION_FAILED');
    expectError(await officer.post(`/api/organisations/${org.id}/reject`), 400, 'VALIDATION_FAILED');
    expect((await orgRow(org.id)).status).toBe('registered');
    const events = await t.database.db
      .select()
      .from(organisationEvents)
      .where(eq(organisationEvents.organisationId, org.id));
    expect(events).toHaveLength(1);
  });

  it('reject with a reason returns the registration; its admin resubmits', async () => {
    const org = await registerNamed(`退回${tag()}科技有限公司`);
    const res = await officer.post(`/api/organisations/${org.id}/reject`, { reason: '营业执照模糊' });
    expect(res.statusCode).toBe(200);
    expect((await orgRow(org.id)).status).toBe('rejected');

    // The organisation's admin resubmits; the officer cannot.
    expectError(await officer.post(`/api/organisations/${org.id}/resubmit`, {}), 403, 'FORBIDDEN');
    expect((await org.client.post(`/api/organisations/${org.id}/resubmit`, {})).statusCode).toBe(200);
    expect((await orgRow(org.id)).status).toBe('registered');
  });

  it('an enterprise user cannot verify their own organisation', async () => {
    const org = await registerNamed(`自核${tag()}科技有限公司`);
    expectError(await org.client.post(`/api/organisations/${org.id}/verify`, {}), 403, 'FORBIDDEN');
    expect((await orgRow(org.id)).status).toBe('registered');
    const events = await t.database.db
      .select()
      .from(organisationEvents)
      .where(eq(organisationEvents.organisationId, org.id));
    expect(events).toHaveLength(1);
  });

  it('finance officers and auditors read but do not review', async () => {
    const org = await registerNamed(`只读${tag()}科技有限公司`);
    for (const who of ['finance', 'auditor'] as const) {
      const c = await as(who);
      expect((await c.get(`/api/organisations/${org.id}`)).statusCode).toBe(200);
      expectError(await c.post(`/api/organisations/${org.id}/verify`, {}), 403, 'FORBIDDEN');
    }
    expect((await orgRow(org.id)).status).toBe('registered');
  });

  it('two reviewers verifying at once: exactly one wins, the other gets a 409', async () => {
    const org = await registerNamed(`并发${tag()}科技有限公司`);
    const responses = await Promise.all([
      officer.post(`/api/organisations/${org.id}/verify`, {}),
      admin.post(`/api/organisations/${org.id}/verify`, {}),
    ]);
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = responses.find((r) => r.statusCode === 409) as LightMyRequestResponse;
    expect(['INVALID_TRANSITION', 'STALE_STATE']).toContain(loser.json().code);
    const events = await t.database.db
      .select()
      .from(organisationEvents)
      .where(and(eq(organisationEvents.organisationId, org.id), eq(organisationEvents.toStatus, 'verified')));
    expect(events).toHaveLength(1);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'organisation.verify'), eq(auditLog.targetId, org.id)));
    expect(audit).toHaveLength(1);
    const inbox = (await org.client.get('/api/notifications')).json();
    expect(inbox.total).toBe(1);
  });
});

describe('POST /api/organisations (bureau admin registers)', () => {
  const body = (over: Record<string, unknown>) => ({
    name: `补录${tag()}科技有限公司`,
    type: 'enterprise',
    regionCode: '330602',
    creditCode: randomCreditCode({ regionCode: '330602' }),
    ...over,
  });

  it('creates a verified organisation with a valid code', async () => {
    const b = body({});
    const res = await admin.post('/api/organisations', b);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'verified',
      creditCode: b.creditCode,
      creditCodeChecked: true,
      memberCount: 0,
    });
  });

  it('accepts a checksum-failing pilot code only with overrideChecksum and a reason', async () => {
    const code = checksumFailing('330603');
    expectError(
      await admin.post('/api/organisations', body({ creditCode: code, regionCode: '330603' })),
      400,
      'CREDIT_CODE_CHECKSUM',
    );
    expectError(
      await admin.post('/api/organisations', body({ creditCode: code, regionCode: '330603', overrideChecksum: true })),
      400,
      'VALIDATION_FAILED',
    );
    const [none] = await t.database.db.select().from(organisations).where(eq(organisations.creditCode, code));
    expect(none).toBeUndefined();

    const res = await admin.post(
      '/api/organisations',
      body({
        creditCode: code,
        regionCode: '330603',
        overrideChecksum: true,
        overrideReason: '2015 年试点代码，已核对原件',
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ creditCode: code, creditCodeChecked: false, status: 'verified' });
    const row = await orgRow(res.json().id);
    expect(row.creditCodeOverrideReason).toBe('2015 年试点代码，已核对原件');
    const [event] = await t.database.db
      .select()
      .from(organisationEvents)
      .where(eq(organisationEvents.organisationId, row.id));
    expect(event?.reason).toContain('2015 年试点代码');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'organisation.create'), eq(auditLog.targetId, row.id)));
    expect(audit?.summary).toMatchObject({ after: { checksumOk: false } });
  });

  it('the override does not excuse a malformed code', async () => {
    const res = await admin.post(
      '/api/organisations',
      body({ creditCode: '91330602MA2B3C4DIO', overrideChecksum: true, overrideReason: '试点代码说明' }),
    );
    expectError(res, 400, 'CREDIT_CODE_INVALID_FORMAT');
  });

  it('refuses a region outside the admin’s jurisdiction (福州 350100) with FORBIDDEN', async () => {
    const res = await admin.post(
      '/api/organisations',
      body({
        creditCode: '91350100M0001TGQXM',
        regionCode: '350100',
        overrideChecksum: true,
        overrideReason: '福建早期试点代码',
      }),
    );
    expectError(res, 403, 'FORBIDDEN');
    const [none] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.creditCode, '91350100M0001TGQXM'));
    expect(none).toBeUndefined();
  });

  it('refuses an unknown region with REGION_UNKNOWN', async () => {
    expectError(await admin.post('/api/organisations', body({ regionCode: '999999' })), 400, 'REGION_UNKNOWN');
  });

  it('an officer cannot register organisations, override or not', async () => {
    const code = checksumFailing('330602');
    const res = await officer.post(
      '/api/organisations',
      body({ creditCode: code, overrideChecksum: true, overrideReason: '试点代码说明' }),
    );
    expectError(res, 403, 'FORBIDDEN');
    const [none] = await t.database.db.select().from(organisations).where(eq(organisations.creditCode, code));
    expect(none).toBeUndefined();
  });

  it('refuses a code already registered', async () => {
    const { body: existing } = await registerOrg(t);
    expectError(
      await admin.post('/api/organisations', body({ creditCode: existing.organisation.creditCode })),
      409,
      'ORG_DUPLICATE',
    );
  });
});

describe('GET /api/organisations/export.csv', () => {
  it('has a BOM, a Chinese header and only the filtered rows; formulas are defused', async () => {
    const k = `导出${tag()}`;
    const a = await registerNamed(`${k}甲科技有限公司`, { regionCode: '330602' });
    const b = await createVerified(`${k}乙科技有限公司`, '330603');
    const formula = await registerNamed(`=HYPERLINK("http://x","${k}")`, { regionCode: '330602' });
    await registerNamed(`${k}杭州科技有限公司`, { regionCode: '330106' });

    const res = await officer.get(`/api/organisations/export.csv?q=${encodeURIComponent(k)}&status=registered`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('单位列表.csv'));
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\n');
    expect(lines[0]).toBe('单位名称,统一社会信用代码,类型,地区,状态,注册时间,核验时间');
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(1)
        .some((l) =>
          l.startsWith(`${k}甲科技有限公司,${a.body.organisation.creditCode},企业,浙江省 绍兴市 越城区,待核验,`),
        ),
    ).toBe(true);
    expect(lines.slice(1).some((l) => l.startsWith(`"'=HYPERLINK(`))).toBe(true);
    expect(res.body).not.toContain(b.creditCode);
    expect(res.body).toContain(formula.body.organisation.creditCode);
    expect(res.body).not.toContain('杭州科技');
  });

  it('has an English header with accept-language: en', async () => {
    const res = await officer.request({
      method: 'GET',
      url: `/api/organisations/export.csv?q=${tag()}`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.body).toBe('\uFEFFName,Credit code,Type,Region,Status,Registered,Verified\n');
  });

  it('is forbidden to enterprise users', async () => {
    const { client } = await registerOrg(t);
    expectError(await client.get('/api/organisations/export.csv'), 403, 'FORBIDDEN');
  });
});

describe('GET /api/credit-codes/:code/check', () => {
  it('reports a valid, unregistered code', async () => {
    const code = randomCreditCode();
    const res = await t.client().get(`/api/credit-codes/${code}/check`);
    expect(res.json()).toEqual({ normalised: code, ok: true, reason: null, registered: false });
  });

  it('reports a registered code, also when typed in lower case with spaces', async () => {
    const { body } = await registerOrg(t);
    const code = body.organisation.creditCode;
    const typed = `${code.slice(0, 9)} ${code.slice(9)}`.toLowerCase();
    const res = await t.client().get(`/api/credit-codes/${encodeURIComponent(typed)}/check`);
    expect(res.json()).toEqual({ normalised: code, ok: true, reason: null, registered: true });
  });

  it.each([
    ['91350100M0001TGQXM', 'CHECKSUM'],
    ['91330602MA2B3C4DIO', 'CHARSET'],
    ['9133060', 'LENGTH'],
  ])('%s fails with %s', async (code, reason) => {
    const res = await t.client().get(`/api/credit-codes/${code}/check`);
    expect(res.json()).toMatchObject({ ok: false, reason, registered: false });
  });
});

describe('GET /api/regions', () => {
  it('lists provinces', async () => {
    const res = await t.client().get('/api/regions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThanOrEqual(31);
    expect(items).toEqual(
      expect.arrayContaining([
        { code: '330000', name: '浙江省', level: 'province', hasChildren: true },
        expect.objectContaining({ code: '110000', name: '北京市' }),
      ]),
    );
  });

  it('lists the children of a parent', async () => {
    const res = await t.client().get('/api/regions?parent=330000');
    const items = res.json().items;
    expect(items.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['330100', '330600']));
    expect(items.find((r: { code: string }) => r.code === '330600')).toEqual({
      code: '330600',
      name: '绍兴市',
      level: 'city',
      hasChildren: true,
    });
    const counties = (await t.client().get('/api/regions?parent=330600')).json().items;
    expect(counties.find((r: { code: string }) => r.code === '330602')).toMatchObject({
      name: '越城区',
      hasChildren: false,
    });
  });

  it('refuses an unknown parent with REGION_UNKNOWN and a malformed one with VALIDATION_FAILED', async () => {
    const unknown = await t.client().get('/api/regions?parent=999999');
    expectError(unknown, 400, 'REGION_UNKNOWN');
    expect(unknown.json().message).toContain('999999');
    expectError(await t.client().get('/api/regions?parent=33'), 400, 'VALIDATION_FAILED');
  });
});

describe('GET /api/organisations/:id for members', () => {
  it('an organisation admin sees their organisation but not another one', async () => {
    const mine = await registerNamed(`本单位${tag()}科技有限公司`);
    const other = await registerNamed(`他单位${tag()}科技有限公司`);
    expect((await mine.client.get(`/api/organisations/${mine.id}`)).statusCode).toBe(200);
    // Not-found and not-allowed look the same, so ids cannot be probed.
    expectError(await mine.client.get(`/api/organisations/${other.id}`), 404, 'NOT_FOUND');
    expectError(await mine.client.get('/api/organisations/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });
});
