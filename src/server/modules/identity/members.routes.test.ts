import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { PASSWORD, registerOrg, seedBureau } from '../../../../test/factories.js';
import { auditLog, invitations, memberships, roleAssignments, sessions, users } from '../../db/schema.js';
import { hashToken } from '../../lib/tokens.js';

let t: TestApp;
let as: Awaited<ReturnType<typeof seedBureau>>['as'];
beforeAll(async () => {
  t = await createTestApp();
  ({ as } = await seedBureau(t));
});
afterAll(() => t.close());

const DAY = 86_400_000;
const MINUTE = 60_000;

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
}

const newEmail = (prefix = 'colleague') => `${prefix}-${randomBytes(4).toString('hex')}@example.cn`;

async function userByEmail(email: string) {
  const [u] = await t.database.db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

/** An organisation with its signed-in admin, and an invitation sent by that admin. */
async function orgWithInvitation(invite: { roles?: string[]; makeAdmin?: boolean } = {}) {
  const org = await registerOrg(t);
  const orgId = org.me.memberships[0].organisation.id as string;
  const email = newEmail();
  const res = await org.client.post(`/api/organisations/${orgId}/invitations`, { email, ...invite });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.body}`);
  const token = (res.json().acceptUrl as string).split('/invite/')[1] as string;
  return { ...org, orgId, email, token, invitation: res.json() };
}

/** A member who is not an administrator, signed in. */
async function plainMember(orgId: string, inviter: TestClient) {
  const email = newEmail('member');
  const inv = await inviter.post(`/api/organisations/${orgId}/invitations`, { email, roles: ['solver'] });
  const token = inv.json().acceptUrl.split('/invite/')[1];
  const client = t.client();
  const res = await client.post('/api/invitations/accept', { token, name: '普通成员', password: PASSWORD });
  if (res.statusCode !== 200) throw new Error(`accept failed: ${res.body}`);
  return { client, email, userId: res.json().user.id as string };
}

describe('invitations', () => {
  it('an org admin invites a colleague: 201, an accept URL, an email and an audit row', async () => {
    const org = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    const email = newEmail();
    const mails = t.mailer.sent.length;
    const res = await org.client.post(`/api/organisations/${orgId}/invitations`, {
      email: email.toUpperCase(),
      roles: ['solver', 'instrument_manager'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email, roles: ['solver', 'instrument_manager'], makeAdmin: false, acceptedAt: null });
    expect(body.acceptUrl).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{40,}$/);
    expect(new Date(body.expiresAt).getTime() - t.clock.now().getTime()).toBe(7 * DAY);

    const sent = t.mailer.sent.slice(mails);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(email);
    expect(sent[0]?.text).toContain(body.acceptUrl);

    const token = body.acceptUrl.split('/invite/')[1];
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, body.id));
    // Only the hash of the token is stored.
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.invite'), eq(auditLog.targetId, orgId)));
    expect(audit?.actorUserId).toBe(org.me.user.id);

    const list = await org.client.get(`/api/organisations/${orgId}/invitations`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([body.id]);
  });

  it('can be previewed without signing in', async () => {
    const inv = await orgWithInvitation();
    const res = await t.client().get(`/api/invitations/${inv.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      organisationName: inv.body.organisation.name,
      email: inv.email,
      expiresAt: inv.invitation.expiresAt,
      accountExists: false,
    });
  });

  it('is accepted as a new user, who is signed in as a member with the invited roles', async () => {
    const inv = await orgWithInvitation({ roles: ['solver', 'instrument_manager'] });
    const client = t.client();
    const res = await client.post('/api/invitations/accept', {
      token: inv.token,
      name: '新同事',
      password: 'Colleague#2026x',
    });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user).toMatchObject({ email: inv.email, name: '新同事' });
    expect(me.memberships).toEqual([{ organisation: expect.objectContaining({ id: inv.orgId }), isAdmin: false }]);
    expect(me.roles.map((r: { role: string }) => r.role).sort()).toEqual(['instrument_manager', 'solver']);
    expect(client.cookies.has('kc_session')).toBe(true);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);

    const user = await userByEmail(inv.email);
    const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(membership).toMatchObject({ organisationId: inv.orgId, isAdmin: false });
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, inv.invitation.id));
    expect(row).toMatchObject({ acceptedUserId: user.id });
    expect(row?.acceptedAt?.getTime()).toBe(t.clock.now().getTime());
    const [join] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.join'), eq(auditLog.actorUserId, user.id)));
    expect(join?.targetId).toBe(inv.orgId);

    // The admin sees the new member.
    const members = (await inv.client.get(`/api/organisations/${inv.orgId}/members`)).json().items;
    expect(members.map((m: { email: string }) => m.email)).toContain(inv.email);
  });

  it('cannot be used twice', async () => {
    const inv = await orgWithInvitation();
    expect(
      (await t.client().post('/api/invitations/accept', { token: inv.token, name: '甲', password: PASSWORD }))
        .statusCode,
    ).toBe(200);
    const again = await t
      .client()
      .post('/api/invitations/accept', { token: inv.token, name: '乙', password: PASSWORD });
    expectError(again, 400, 'INVITATION_INVALID');
    expectError(await t.client().get(`/api/invitations/${inv.token}`), 400, 'INVITATION_INVALID');
    const rows = await t.database.db.select().from(users).where(eq(users.email, inv.email));
    expect(rows).toHaveLength(1);
  });

  it('is refused once expired (after 7 days)', async () => {
    const inv = await orgWithInvitation();
    t.clock.advance(8 * DAY);
    expectError(await t.client().get(`/api/invitations/${inv.token}`), 400, 'INVITATION_INVALID');
    const res = await t
      .client()
      .post('/api/invitations/accept', { token: inv.token, name: '迟到', password: PASSWORD });
    expectError(res, 400, 'INVITATION_INVALID');
    const rows = await t.database.db.select().from(users).where(eq(users.email, inv.email));
    expect(rows).toEqual([]);
  });

  it('an unknown token is INVITATION_INVALID', async () => {
    expectError(await t.client().get(`/api/invitations/${'x'.repeat(43)}`), 400, 'INVITATION_INVALID');
  });

  it('a new user must give a name and a strong password, and nothing is half-written', async () => {
    const inv = await orgWithInvitation();
    expectError(await t.client().post('/api/invitations/accept', { token: inv.token }), 400, 'VALIDATION_FAILED');
    expectError(
      await t.client().post('/api/invitations/accept', { token: inv.token, name: '弱密码', password: 'weakpass' }),
      400,
      'WEAK_PASSWORD',
    );
    expect(await t.database.db.select().from(users).where(eq(users.email, inv.email))).toEqual([]);
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, inv.invitation.id));
    expect(row?.acceptedAt).toBeNull();
    // Still usable.
    expect((await t.client().get(`/api/invitations/${inv.token}`)).statusCode).toBe(200);
  });

  it('an email that already has an account must sign in first, then joins as itself', async () => {
    const org = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    const other = await registerOrg(t);
    const inv = await org.client.post(`/api/organisations/${orgId}/invitations`, { email: other.body.user.email });
    expect(inv.statusCode).toBe(201);
    const token = inv.json().acceptUrl.split('/invite/')[1];
    // An existing user is told in the inbox, not by email.
    const inbox = (await other.client.get('/api/notifications')).json();
    expect(inbox.items[0]).toMatchObject({ category: 'invitation', link: `/invite/${token}` });

    expect((await t.client().get(`/api/invitations/${token}`)).json().accountExists).toBe(true);
    const anonymous = await t
      .client()
      .post('/api/invitations/accept', { token, name: '冒名', password: 'Other#Password1' });
    expectError(anonymous, 409, 'INVITATION_EMAIL_EXISTS');

    const res = await other.client.post('/api/invitations/accept', { token });
    expect(res.statusCode).toBe(200);
    expect(res.json().memberships.map((m: { organisation: { id: string } }) => m.organisation.id)).toContain(orgId);
    expect(res.json().user.id).toBe(other.me.user.id);
  });

  it('refuses to invite someone who is already a member', async () => {
    const org = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    const res = await org.client.post(`/api/organisations/${orgId}/invitations`, { email: org.body.user.email });
    expectError(res, 409, 'ALREADY_MEMBER');
  });

  it('a member who is not an admin cannot invite or list invitations', async () => {
    const org = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    const member = await plainMember(orgId, org.client);
    const before = await t.database.db.select().from(invitations).where(eq(invitations.organisationId, orgId));
    expectError(
      await member.client.post(`/api/organisations/${orgId}/invitations`, { email: newEmail() }),
      403,
      'FORBIDDEN',
    );
    expectError(await member.client.get(`/api/organisations/${orgId}/invitations`), 403, 'FORBIDDEN');
    const after = await t.database.db.select().from(invitations).where(eq(invitations.organisationId, orgId));
    expect(after).toHaveLength(before.length);
    // They can still see their colleagues.
    expect((await member.client.get(`/api/organisations/${orgId}/members`)).statusCode).toBe(200);
  });

  it('outsiders cannot tell the organisation exists', async () => {
    const org = await registerOrg(t);
    const outsider = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    expectError(
      await outsider.client.post(`/api/organisations/${orgId}/invitations`, { email: newEmail() }),
      404,
      'NOT_FOUND',
    );
    expectError(await outsider.client.get(`/api/organisations/${orgId}/members`), 404, 'NOT_FOUND');
  });

  it('an invitation can be revoked, and then is refused', async () => {
    const inv = await orgWithInvitation();
    const res = await inv.client.delete(`/api/organisations/${inv.orgId}/invitations/${inv.invitation.id}`);
    expect(res.statusCode).toBe(200);
    expectError(
      await t.client().post('/api/invitations/accept', { token: inv.token, name: '被撤销', password: PASSWORD }),
      400,
      'INVITATION_INVALID',
    );
    expectError(
      await inv.client.delete(`/api/organisations/${inv.orgId}/invitations/${inv.invitation.id}`),
      400,
      'INVITATION_INVALID',
    );
  });

  it('two people accepting one link at once: one wins, the other gets INVITATION_INVALID (not a 500)', async () => {
    const inv = await orgWithInvitation();
    const responses = await Promise.all([
      t.client().post('/api/invitations/accept', { token: inv.token, name: '甲', password: PASSWORD }),
      t.client().post('/api/invitations/accept', { token: inv.token, name: '乙', password: PASSWORD }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const loser = responses.find((r) => r.statusCode !== 200) as LightMyRequestResponse;
    expect(loser.json().code).toBe('INVITATION_INVALID');
  });
});

describe('member administration', () => {
  it('the last admin cannot be demoted or removed', async () => {
    const org = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    const url = `/api/organisations/${orgId}/members/${org.me.user.id}`;
    expectError(await org.client.put(url, { isAdmin: false, roles: ['enterprise_user'] }), 409, 'LAST_ADMIN');
    expectError(await org.client.delete(url), 409, 'LAST_ADMIN');
    const [m] = await t.database.db.select().from(memberships).where(eq(memberships.userId, org.me.user.id));
    expect(m?.isAdmin).toBe(true);
  });

  it('an admin promotes a colleague, who may then demote the first admin', async () => {
    const org = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    const member = await plainMember(orgId, org.client);
    const promoted = await org.client.put(`/api/organisations/${orgId}/members/${member.userId}`, {
      isAdmin: true,
      roles: ['solver', 'instrument_manager'],
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({
      isAdmin: true,
      roles: expect.arrayContaining(['solver', 'instrument_manager']),
    });

    const demoted = await member.client.put(`/api/organisations/${orgId}/members/${org.me.user.id}`, {
      isAdmin: false,
      roles: [],
    });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json()).toMatchObject({ isAdmin: false, roles: [] });
    // The former admin's org role was revoked, not deleted.
    const grants = await t.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, org.me.user.id));
    expect(grants.map((g) => [g.role, g.revokedAt !== null])).toEqual([['enterprise_user', true]]);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.update'), eq(auditLog.targetId, org.me.user.id)));
    expect(audit[0]?.summary).toMatchObject({
      before: { isAdmin: true, roles: ['enterprise_user'] },
      after: { isAdmin: false, roles: [] },
    });
  });

  it('the member list masks phones', async () => {
    const org = await registerOrg(t);
    const orgId = org.me.memberships[0].organisation.id;
    const res = await org.client.get(`/api/organisations/${orgId}/members`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        userId: org.me.user.id,
        phoneMasked: '139****5678',
        isAdmin: true,
        roles: ['enterprise_user'],
      }),
    ]);
    expect(res.body).not.toContain(org.body.user.phone);
  });
});

describe('bureau user administration', () => {
  // Signed in afresh for each test: other tests move the clock past the session lifetime.
  let admin: TestClient;
  beforeEach(async () => {
    admin = await as('admin');
  });

  it('lists users within the admin’s region only', async () => {
    const sx = await registerOrg(t, { regionCode: '330603' });
    const hz = await registerOrg(t, { regionCode: '330106' });
    const inRegion = await admin.get(`/api/admin/users?q=${encodeURIComponent(sx.body.user.email)}`);
    expect(inRegion.statusCode).toBe(200);
    expect(inRegion.json().items.map((u: { id: string }) => u.id)).toEqual([sx.me.user.id]);
    expect(inRegion.json().items[0]).toMatchObject({
      phoneMasked: '139****5678',
      organisations: [expect.objectContaining({ isAdmin: true })],
      roles: [expect.objectContaining({ role: 'enterprise_user' })],
    });
    const outside = await admin.get(`/api/admin/users?q=${encodeURIComponent(hz.body.user.email)}`);
    expect(outside.json()).toMatchObject({ total: 0, items: [] });
    expectError(
      await admin.post(`/api/admin/users/${hz.me.user.id}/status`, { status: 'disabled', reason: '越权尝试' }),
      404,
      'NOT_FOUND',
    );

    // Bureau staff are in the list through their region grants.
    const staff = (await admin.get('/api/admin/users?role=bureau_officer')).json();
    expect(staff.items.map((u: { email: string }) => u.email)).toContain('officer@demo.kechuang.cn');
  });

  it('is forbidden to officers and enterprise users', async () => {
    expectError(await (await as('officer')).get('/api/admin/users'), 403, 'FORBIDDEN');
    expectError(await (await registerOrg(t)).client.get('/api/admin/users'), 403, 'FORBIDDEN');
  });

  it('grants bureau_officer within the region, refuses it outside', async () => {
    const u = await registerOrg(t, { regionCode: '330602' });
    const ok = await admin.post(`/api/admin/users/${u.me.user.id}/roles`, {
      role: 'bureau_officer',
      regionCode: '330602',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'bureau_officer', regionCode: '330602' })]),
    );
    const [grant] = await t.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, u.me.user.id), eq(roleAssignments.role, 'bureau_officer')));
    expect(grant).toMatchObject({ regionCode: '330602', revokedAt: null, organisationId: null });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'role.grant'), eq(auditLog.targetId, u.me.user.id)));
    expect(audit).toMatchObject({ regionCode: '330602', summary: { role: 'bureau_officer', regionCode: '330602' } });

    const out = await admin.post(`/api/admin/users/${u.me.user.id}/roles`, {
      role: 'bureau_officer',
      regionCode: '330100',
    });
    expectError(out, 403, 'REGION_OUT_OF_SCOPE');
    expectError(
      await admin.post(`/api/admin/users/${u.me.user.id}/roles`, { role: 'bureau_officer' }),
      400,
      'ROLE_NOT_ALLOWED',
    );
    expectError(
      await admin.post(`/api/admin/users/${u.me.user.id}/roles`, { role: 'solver' }),
      400,
      'ROLE_NOT_ALLOWED',
    );
    const grants = await t.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, u.me.user.id), eq(roleAssignments.role, 'bureau_officer')));
    expect(grants).toHaveLength(1);

    // The new officer can now work in 越城区.
    const officer = t.client();
    await officer.login(u.body.user.email);
    expect((await officer.get('/api/organisations')).statusCode).toBe(200);
  });

  it('refuses to make someone with another role an auditor (separation of duties)', async () => {
    const u = await registerOrg(t, { regionCode: '330602' });
    const res = await admin.post(`/api/admin/users/${u.me.user.id}/roles`, { role: 'auditor', regionCode: '330602' });
    expectError(res, 409, 'ROLE_CONFLICT');
    const grants = await t.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, u.me.user.id), eq(roleAssignments.role, 'auditor')));
    expect(grants).toEqual([]);
  });

  it('grants and revokes the expert role', async () => {
    const u = await registerOrg(t, { regionCode: '330602' });
    const granted = await admin.post(`/api/admin/users/${u.me.user.id}/roles`, { role: 'expert' });
    const grant = granted.json().roles.find((g: { role: string }) => g.role === 'expert');
    expect(grant).toMatchObject({ regionCode: null });
    const revoked = await admin.delete(`/api/admin/users/${u.me.user.id}/roles/${grant.id}`);
    expect(revoked.json().roles.map((g: { role: string }) => g.role)).toEqual(['enterprise_user']);
    const active = await t.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, u.me.user.id), isNull(roleAssignments.revokedAt)));
    expect(active.map((g) => g.role)).toEqual(['enterprise_user']);
  });

  it('disabling a user ends their sessions and stops sign-in; enabling restores it', async () => {
    const u = await registerOrg(t, { regionCode: '330602' });
    const res = await admin.post(`/api/admin/users/${u.me.user.id}/status`, { status: 'disabled', reason: '人员离职' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');

    expectError(await u.client.get('/api/auth/me'), 401, 'SESSION_EXPIRED');
    expectError(
      await t.client().post('/api/auth/login', { email: u.body.user.email, password: PASSWORD }),
      403,
      'ACCOUNT_DISABLED',
    );
    const live = await t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, u.me.user.id), isNull(sessions.revokedAt)));
    expect(live).toEqual([]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.disable'), eq(auditLog.targetId, u.me.user.id)));
    expect(audit?.summary).toMatchObject({
      before: { status: 'active' },
      after: { status: 'disabled' },
      reason: '人员离职',
    });

    await admin.post(`/api/admin/users/${u.me.user.id}/status`, { status: 'active', reason: '返聘' });
    expect(
      (await t.client().post('/api/auth/login', { email: u.body.user.email, password: PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('an admin cannot disable themselves', async () => {
    const me = (await admin.get('/api/auth/me')).json();
    expectError(
      await admin.post(`/api/admin/users/${me.user.id}/status`, { status: 'disabled', reason: '测试自停' }),
      403,
      'FORBIDDEN',
    );
    expect((await userByEmail('admin@demo.kechuang.cn')).status).toBe('active');
  });

  it('unlocks a locked-out user', async () => {
    const u = await registerOrg(t, { regionCode: '330602' });
    const email = u.body.user.email;
    for (let i = 0; i < t.config.LOGIN_MAX_ATTEMPTS; i++)
      await t.client().post('/api/auth/login', { email, password: `Wrong#Password${i}` });
    expectError(await t.client().post('/api/auth/login', { email, password: PASSWORD }), 423, 'ACCOUNT_LOCKED');
    const listed = (await admin.get(`/api/admin/users?q=${encodeURIComponent(email)}`)).json().items[0];
    expect(listed.lockedUntil).toBe(
      new Date(t.clock.now().getTime() + t.config.LOGIN_LOCK_MINUTES * MINUTE).toISOString(),
    );

    const res = await admin.post(`/api/admin/users/${u.me.user.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    expect(await userByEmail(email)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect((await t.client().post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('the users CSV export masks phones', async () => {
    const u = await registerOrg(t, { regionCode: '330602' });
    const res = await admin.get(`/api/admin/users/export.csv?q=${encodeURIComponent(u.body.user.email)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\n');
    expect(lines[0]).toBe('姓名,邮箱,手机,状态,所属单位,角色,创建时间');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `${u.body.user.name},${u.body.user.email},139****5678,active,${u.body.organisation.name},企业用户,`,
    );
    expect(res.body).not.toContain(u.body.user.phone);

    const all = await admin.get('/api/admin/users/export.csv');
    expect(all.body).not.toMatch(/1[3-9]\d{9}/);
  });
});
