import { randomBytes } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { PASSWORD, registerOrg, registration } from '../../../../test/factories.js';
import { randomCreditCode } from '../../../shared/credit-code.js';
import {
  auditLog,
  memberships,
  organisationEvents,
  organisations,
  roleAssignments,
  sessions,
  users,
} from '../../db/schema.js';
import { hashToken } from '../../lib/tokens.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

async function rowCounts() {
  const db = t.database.db;
  const [o] = await db.select({ n: count() }).from(organisations);
  const [u] = await db.select({ n: count() }).from(users);
  const [m] = await db.select({ n: count() }).from(memberships);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { organisations: o?.n, users: u?.n, memberships: m?.n, audit: a?.n };
}

async function userByEmail(email: string) {
  const [u] = await t.database.db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

/** Neither SQL nor a stack trace nor database wording ever reaches a client. */
function expectNoLeak(res: LightMyRequestResponse) {
  expect(res.body).not.toMatch(/\bselect\b|\binsert\b|\bupdate "|duplicate key|violates|constraint|sqlstate/i);
  expect(res.body).not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+/);
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
  expect(res.json().requestId).toEqual(expect.any(String));
  expect(res.json().message).toEqual(expect.any(String));
  expectNoLeak(res);
}

const uniqueEmail = (prefix = 'u') => `${prefix}-${randomBytes(4).toString('hex')}@example.cn`;

describe('POST /api/auth/register', () => {
  it('creates the organisation, its admin and a session; answers 201 with Me', async () => {
    const client = t.client();
    const body = registration({ regionCode: '330602' });
    const res = await client.post('/api/auth/register', body);
    expect(res.statusCode).toBe(201);

    const session = res.cookies.find((c) => c.name === 'kc_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session?.value.length).toBeGreaterThanOrEqual(40);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('kc_session='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    const me = res.json();
    expect(me.user).toMatchObject({ email: body.user.email, name: body.user.name, phoneMasked: '139****5678' });
    expect(me.memberships).toEqual([
      {
        organisation: expect.objectContaining({
          name: body.organisation.name,
          status: 'registered',
          regionCode: '330602',
        }),
        isAdmin: true,
      },
    ]);
    const orgId = me.memberships[0].organisation.id;
    expect(me.roles).toEqual([expect.objectContaining({ role: 'enterprise_user', organisationId: orgId })]);
    expect(me.csrfToken).toBe(client.cookies.get('kc_csrf'));

    const db = t.database.db;
    const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
    expect(org).toMatchObject({
      creditCode: body.organisation.creditCode,
      status: 'registered',
      creditCodeChecked: true,
    });
    const user = await userByEmail(body.user.email);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const [membership] = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(membership).toMatchObject({ organisationId: orgId, isAdmin: true });
    const [live] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id));
    expect(live?.n).toBe(1);

    const audit = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.targetId, [orgId, user.id]));
    expect(audit.map((a) => a.action).sort()).toEqual(['organisation.create', 'user.register']);
    expect(audit.find((a) => a.action === 'user.register')).toMatchObject({
      actorUserId: user.id,
      actorOrgId: orgId,
      regionCode: '330602',
    });
    // The organisation's first event and audit row name the person who registered it.
    expect(audit.find((a) => a.action === 'organisation.create')?.actorUserId).toBe(user.id);
    const [created] = await db.select().from(organisationEvents).where(eq(organisationEvents.organisationId, orgId));
    expect(created?.actorUserId).toBe(user.id);

    // The session works.
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('gives a non-enterprise organisation the solver role', async () => {
    const { me } = await registerOrg(t, { type: 'university' });
    expect(me.roles.map((r: { role: string }) => r.role)).toEqual(['solver']);
  });

  it('accepts a full-width credit code with spaces and stores it normalised', async () => {
    const code = randomCreditCode({ regionCode: '330603' });
    const fullWidth = [...code].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    const body = registration({
      regionCode: '330603',
      creditCode: `${fullWidth.slice(0, 6)}\u3000${fullWidth.slice(6)}`,
    });
    const res = await t.client().post('/api/auth/register', body);
    expect(res.statusCode).toBe(201);
    const [org] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, res.json().memberships[0].organisation.id));
    expect(org?.creditCode).toBe(code);
  });

  describe('refuses bad input with a code and writes nothing', () => {
    const badCode = (code: string) => {
      const last = code.at(-1) === '0' ? '1' : '0';
      return code.slice(0, 17) + last;
    };
    const cases: [string, () => Promise<ReturnType<typeof registration>>, number, string][] = [
      [
        'a failing checksum',
        async () => registration({ creditCode: badCode(randomCreditCode()) }),
        400,
        'CREDIT_CODE_CHECKSUM',
      ],
      [
        'letters outside the alphabet',
        async () => registration({ creditCode: '91330602MA2B3C4DIO' }),
        400,
        'CREDIT_CODE_INVALID_FORMAT',
      ],
      ['a short code', async () => registration({ creditCode: '91330602MA2B3C4' }), 400, 'CREDIT_CODE_INVALID_FORMAT'],
      [
        'an unknown region',
        async () => registration({ regionCode: '999999', creditCode: randomCreditCode() }),
        400,
        'REGION_UNKNOWN',
      ],
      [
        'a weak password',
        async () => {
          const b = registration();
          b.user.password = 'password12';
          return b;
        },
        400,
        'WEAK_PASSWORD',
      ],
      [
        'a password containing the phone',
        async () => {
          const b = registration();
          b.user.password = 'Aa!13912345678';
          return b;
        },
        400,
        'WEAK_PASSWORD',
      ],
      [
        'a duplicate organisation',
        async () => {
          const first = await registerOrg(t);
          return registration({ creditCode: first.body.organisation.creditCode });
        },
        409,
        'ORG_DUPLICATE',
      ],
      [
        'a duplicate email (in another case)',
        async () => {
          const first = await registerOrg(t);
          return registration({ email: first.body.user.email.toUpperCase() });
        },
        409,
        'EMAIL_TAKEN',
      ],
    ];

    it.each(cases)('%s', async (_name, build, status, code) => {
      const body = await build();
      const before = await rowCounts();
      const client = t.client();
      const res = await client.post('/api/auth/register', body);
      expectError(res, status, code);
      expect(await rowCounts()).toEqual(before);
      expect(client.cookies.has('kc_session')).toBe(false);
      const [u] = await t.database.db.select().from(users).where(eq(users.email, body.user.email.toLowerCase()));
      if (code !== 'EMAIL_TAKEN') expect(u).toBeUndefined();
    });

    it('a duplicate organisation does not create the second user', async () => {
      const first = await registerOrg(t);
      const second = registration({ creditCode: first.body.organisation.creditCode });
      const res = await t.client().post('/api/auth/register', second);
      expectError(res, 409, 'ORG_DUPLICATE');
      const rows = await t.database.db.select().from(users).where(eq(users.email, second.user.email));
      expect(rows).toEqual([]);
      const [orgs] = await t.database.db
        .select({ n: count() })
        .from(organisations)
        .where(eq(organisations.creditCode, first.body.organisation.creditCode));
      expect(orgs?.n).toBe(1);
    });

    it('reports missing fields with their paths', async () => {
      const before = await rowCounts();
      const res = await t.client().post('/api/auth/register', {
        organisation: { name: '缺字段科技有限公司', type: 'enterprise' },
        user: { email: 'not-an-email' },
      });
      expectError(res, 400, 'VALIDATION_FAILED');
      const paths = res.json().details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'body.organisation.creditCode',
          'body.organisation.regionCode',
          'body.user.name',
          'body.user.email',
          'body.user.password',
          'body.acceptTerms',
        ]),
      );
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses malformed JSON', async () => {
      const before = await rowCounts();
      const res = await t.client().request({
        method: 'POST',
        url: '/api/auth/register',
        payload: '{bad',
        headers: { 'content-type': 'application/json' },
      });
      expectError(res, 400, 'MALFORMED_JSON');
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a body over BODY_LIMIT_BYTES with 413', async () => {
      const before = await rowCounts();
      const body = registration();
      body.organisation.name = 'x'.repeat(t.config.BODY_LIMIT_BYTES + 1);
      const res = await t.client().post('/api/auth/register', body);
      expectError(res, 413, 'BODY_TOO_LARGE');
      expect(res.json().message).toMatch(/1024 KiB/);
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a form-encoded body as an unsupported media type', async () => {
      const res = await t.client().request({
        method: 'POST',
        url: '/api/auth/register',
        payload: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });
});

describe('POST /api/auth/login', () => {
  it('signs in with the right password and records the sign-in', async () => {
    const { body } = await registerOrg(t);
    const client = t.client();
    const res = await client.post('/api/auth/login', { email: body.user.email.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.email).toBe(body.user.email);
    const user = await userByEmail(body.user.email);
    expect(user.lastLoginAt?.getTime()).toBe(t.clock.now().getTime());
    const logins = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorUserId, user.id)));
    expect(logins).toHaveLength(1);
  });

  it('answers a wrong password and an unknown email with the same code', async () => {
    const { body } = await registerOrg(t);
    const wrong = await t.client().post('/api/auth/login', { email: body.user.email, password: 'Wrong#Password1' });
    const unknown = await t.client().post('/api/auth/login', { email: uniqueEmail('nobody'), password: PASSWORD });
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(wrong.json().message).toBe(unknown.json().message);
    expect((await userByEmail(body.user.email)).failedLoginCount).toBe(1);
  });

  it('locks after LOGIN_MAX_ATTEMPTS wrong passwords, even against the right one, until the lock runs out', async () => {
    const { body } = await registerOrg(t);
    const email = body.user.email;
    const client = t.client();
    const codes: string[] = [];
    for (let i = 0; i < t.config.LOGIN_MAX_ATTEMPTS; i++)
      codes.push((await client.post('/api/auth/login', { email, password: `Wrong#Password${i}` })).json().code);
    expect(codes).toEqual([...Array(t.config.LOGIN_MAX_ATTEMPTS - 1).fill('INVALID_CREDENTIALS'), 'ACCOUNT_LOCKED']);

    const locked = await client.post('/api/auth/login', { email, password: PASSWORD });
    expectError(locked, 423, 'ACCOUNT_LOCKED');
    const user = await userByEmail(email);
    expect(user.failedLoginCount).toBe(t.config.LOGIN_MAX_ATTEMPTS);
    expect(user.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + t.config.LOGIN_LOCK_MINUTES * MINUTE);
    expect(locked.json().details.until).toBe(user.lockedUntil?.toISOString());
    // The message names the end of the lock in the bureau's time zone (UTC+8), to the minute.
    const beijing = new Date((user.lockedUntil as Date).getTime() + 8 * 3_600_000).toISOString();
    expect(locked.json().message).toContain(`${beijing.slice(0, 10)} ${beijing.slice(11, 16)}`);
    const lockouts = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.lockout'), eq(auditLog.targetId, user.id)));
    expect(lockouts).toHaveLength(1);

    t.clock.advance((t.config.LOGIN_LOCK_MINUTES - 1) * MINUTE);
    expectError(await client.post('/api/auth/login', { email, password: PASSWORD }), 423, 'ACCOUNT_LOCKED');

    t.clock.advance(2 * MINUTE);
    expect((await client.post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
    const after = await userByEmail(email);
    expect(after).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('counts concurrent wrong passwords exactly and still locks', async () => {
    const { body } = await registerOrg(t);
    const email = body.user.email;
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.client().post('/api/auth/login', { email, password: `Wrong#Password${i}` }),
      ),
    );
    const codes = responses.map((r) => r.json().code);
    // Failures 1..4 are plain; the 5th locks; later ones see the lock.
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(t.config.LOGIN_MAX_ATTEMPTS - 1);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(10 - (t.config.LOGIN_MAX_ATTEMPTS - 1));

    const user = await userByEmail(email);
    expect(user.lockedUntil?.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const failures = await t.database.db
      .select()
      .from(auditLog)
      .where(and(inArray(auditLog.action, ['auth.login_failed', 'auth.lockout']), eq(auditLog.targetId, user.id)));
    // Every counted failure left exactly one audit row, and the counter equals them.
    expect(user.failedLoginCount).toBe(failures.length);
    expect(user.failedLoginCount).toBeGreaterThanOrEqual(t.config.LOGIN_MAX_ATTEMPTS);
    expect(failures.filter((f) => f.action === 'auth.login_failed')).toHaveLength(t.config.LOGIN_MAX_ATTEMPTS - 1);
    expectError(await t.client().post('/api/auth/login', { email, password: PASSWORD }), 423, 'ACCOUNT_LOCKED');
  });

  it('parallel wrong passwords after a lock has run out lock the account again', async () => {
    const { body } = await registerOrg(t);
    const email = body.user.email;
    const client = t.client();
    for (let i = 0; i < t.config.LOGIN_MAX_ATTEMPTS; i++)
      await client.post('/api/auth/login', { email, password: `Wrong#Password${i}` });
    t.clock.advance((t.config.LOGIN_LOCK_MINUTES + 1) * MINUTE);

    await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.client().post('/api/auth/login', { email, password: `Again#Wrong${i}` })),
    );
    const user = await userByEmail(email);
    expect(user.failedLoginCount).toBeGreaterThanOrEqual(t.config.LOGIN_MAX_ATTEMPTS);
    expectError(await t.client().post('/api/auth/login', { email, password: PASSWORD }), 423, 'ACCOUNT_LOCKED');
  });

  it('validates the body before looking anything up', async () => {
    const res = await t.client().post('/api/auth/login', { email: 'nope', password: '' });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(
      res
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.email', 'body.password']);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me is 200 signed in and 401 UNAUTHENTICATED without a cookie', async () => {
    const { client, me } = await registerOrg(t);
    const res = await client.get('/api/auth/me');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(me.user.id);
    expectError(await t.client().get('/api/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('an unknown session token is SESSION_EXPIRED and the cookie is cleared', async () => {
    const client = t.client();
    client.cookies.set('kc_session', 'forged-token-value-0123456789');
    const res = await client.get('/api/auth/me');
    expectError(res, 401, 'SESSION_EXPIRED');
    expect(client.cookies.has('kc_session')).toBe(false);
  });

  it('ends after SESSION_IDLE_MINUTES without activity, but activity keeps it alive', async () => {
    const { client: idle } = await registerOrg(t);
    const { client: busy } = await registerOrg(t);
    const idleLimit = t.config.SESSION_IDLE_MINUTES * MINUTE;
    t.clock.advance(idleLimit / 2);
    expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(idleLimit / 2 + MINUTE);
    expectError(await idle.get('/api/auth/me'), 401, 'SESSION_EXPIRED');
    expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
    // The expired cookie was cleared, so the next call is plainly signed out.
    expectError(await idle.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('logout revokes the session server-side', async () => {
    const { client } = await registerOrg(t);
    const token = client.cookies.get('kc_session') as string;
    const res = await client.post('/api/auth/logout');
    expect(res.statusCode).toBe(200);
    expect(client.cookies.has('kc_session')).toBe(false);
    expectError(await client.get('/api/auth/me'), 401, 'UNAUTHENTICATED');

    // Replaying the old cookie does not bring it back.
    const replay = t.client();
    replay.cookies.set('kc_session', token);
    expectError(await replay.get('/api/auth/me'), 401, 'SESSION_EXPIRED');
    const [row] = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)));
    expect(row?.revokedAt?.getTime()).toBe(t.clock.now().getTime());
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the header and changes nothing', async () => {
    const { client, me } = await registerOrg(t);
    const before = await userByEmail(me.user.email);
    const res = await client.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'Brand#NewPass2027' },
      csrf: false,
    });
    expectError(res, 403, 'CSRF_TOKEN_MISSING');
    expect((await userByEmail(me.user.email)).passwordHash).toBe(before.passwordHash);
  });

  it('refuses a wrong header and changes nothing', async () => {
    const { client, me } = await registerOrg(t);
    const before = await userByEmail(me.user.email);
    const res = await client.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'Brand#NewPass2027' },
      headers: { 'x-csrf-token': 'not-the-token' },
    });
    expectError(res, 403, 'CSRF_TOKEN_INVALID');
    expect((await userByEmail(me.user.email)).passwordHash).toBe(before.passwordHash);
  });

  it('refuses a header matching a planted cookie but not the session’s token', async () => {
    const { client, me } = await registerOrg(t);
    client.cookies.set('kc_csrf', 'planted-by-attacker');
    const res = await client.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'planted-by-attacker' },
    });
    expectError(res, 403, 'CSRF_TOKEN_INVALID');
    const [live] = await t.database.db.select().from(sessions).where(eq(sessions.userId, me.user.id));
    expect(live?.revokedAt).toBeNull();
  });

  it('refuses a registration without the header, writing nothing', async () => {
    const before = await rowCounts();
    const res = await t
      .client()
      .request({ method: 'POST', url: '/api/auth/register', payload: registration(), csrf: false });
    expectError(res, 403, 'CSRF_TOKEN_MISSING');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('error bodies', () => {
  it('are in English with accept-language: en and in Chinese by default', async () => {
    const en = await t.client().request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.json().message).toBe('Please sign in.');
    const zh = await t.client().get('/api/auth/me');
    expect(zh.json().message).toBe('请先登录。');
    const fromCookie = t.client();
    fromCookie.cookies.set('kc_lang', 'en');
    expect((await fromCookie.post('/api/auth/login', { email: uniqueEmail(), password: 'x' })).json().message).toMatch(
      /^Wrong email or password\. After 5 failures/,
    );
  });

  it('fill placeholders in the message', async () => {
    const res = await t.client().request({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ regionCode: '999999' }),
      headers: { 'accept-language': 'en' },
    });
    expect(res.json().message).toBe('Unknown region code 999999 (GB/T 2260, 6 digits).');
  });
});

describe('personal data', () => {
  it('masks the phone in Me and never returns it in full', async () => {
    const bodies: string[] = [];
    const client = t.client();
    const body = registration();
    const reg = await client.post('/api/auth/register', body);
    bodies.push(reg.body);
    expect(reg.json().user.phoneMasked).toBe('139****5678');
    bodies.push((await client.get('/api/auth/me')).body);
    const orgId = reg.json().memberships[0].organisation.id;
    bodies.push((await client.get(`/api/organisations/${orgId}/members`)).body);
    const again = t.client();
    bodies.push((await again.post('/api/auth/login', { email: body.user.email, password: PASSWORD })).body);
    for (const b of bodies) expect(b).not.toContain(body.user.phone);
    // It is stored in full, for the bureau to call.
    expect((await userByEmail(body.user.email)).phone).toBe(body.user.phone);
  });
});

describe('POST /api/auth/password', () => {
  it('refuses a wrong current password', async () => {
    const { client, me } = await registerOrg(t);
    const before = await userByEmail(me.user.email);
    const res = await client.post('/api/auth/password', {
      currentPassword: 'Not#MyPassword1',
      newPassword: 'Brand#NewPass2027',
    });
    expectError(res, 400, 'WRONG_CURRENT_PASSWORD');
    expect((await userByEmail(me.user.email)).passwordHash).toBe(before.passwordHash);
  });

  it('refuses a weak new password', async () => {
    const { client } = await registerOrg(t);
    expectError(
      await client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }),
      400,
      'WEAK_PASSWORD',
    );
  });

  it('changes it, signs out other sessions and keeps the current one', async () => {
    const { client, me, body } = await registerOrg(t);
    const other = t.client();
    await other.login(body.user.email);
    const res = await client.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Brand#NewPass2027',
    });
    expect(res.statusCode).toBe(200);

    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expectError(await other.get('/api/auth/me'), 401, 'SESSION_EXPIRED');

    expectError(
      await t.client().post('/api/auth/login', { email: body.user.email, password: PASSWORD }),
      401,
      'INVALID_CREDENTIALS',
    );
    expect(
      (await t.client().post('/api/auth/login', { email: body.user.email, password: 'Brand#NewPass2027' })).statusCode,
    ).toBe(200);

    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, me.user.id));
    expect(rows.filter((s) => s.revokedAt === null)).toHaveLength(2);
    const changes = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.password_change'), eq(auditLog.targetId, me.user.id)));
    expect(changes).toHaveLength(1);
  });

  it('needs a session', async () => {
    expectError(
      await t.client().post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Brand#NewPass2027' }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('role grants in Me', () => {
  it('lists only active grants', async () => {
    const { client, me } = await registerOrg(t);
    await t.database.db
      .update(roleAssignments)
      .set({ revokedAt: t.clock.now() })
      .where(eq(roleAssignments.userId, me.user.id));
    expect((await client.get('/api/auth/me')).json().roles).toEqual([]);
  });
});
