import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { registerOrg, seedBureau } from '../../../../test/factories.js';
import {
  auditLog,
  challengeApplications,
  challengeCreditRecords,
  challengeListEvents,
  notifications,
  organisations,
  users,
} from '../../db/schema.js';
import { applicationInput, publishedList } from './application.test-fixtures.js';
import { applicationFunnelCounts } from './funnel.apply.js';

let t: TestApp;
let as: Awaited<ReturnType<typeof seedBureau>>['as'];
let dataDir: string;
let enterpriseOrgId: string;
let listId: string;
const DAY = 24 * 3600_000;

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00');

async function verifiedOrg(regionCode = '330602') {
  const { client, me } = await registerOrg(t, { regionCode });
  const orgId = me.memberships[0].organisation.id as string;
  await t.database.db.update(organisations).set({ status: 'verified' }).where(eq(organisations.id, orgId));
  // Memberships carry the status into the session's actor: sign in again after verification.
  const email = me.user.email as string;
  const c = t.client();
  await c.login(email);
  void client;
  return { client: c, orgId, email };
}

async function upload(c: TestClient, url: string, filename: string, bytes: Buffer) {
  return c.request({
    method: 'POST',
    url: `${url}?filename=${encodeURIComponent(filename)}`,
    payload: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kc-chal-'));
  t = await createTestApp({ KECHUANG_DATA_DIR: dataDir });
  t.clock.set('2026-11-25T02:00:00Z');
  ({ as } = await seedBureau(t));
  const enterprise = await as('enterprise');
  enterpriseOrgId = (await enterprise.get('/api/auth/me')).json().memberships[0].organisation.id;
  ({
    list: { id: listId },
  } = await publishedList(t.database.db, { organisationId: enterpriseOrgId, now: t.clock.now() }));
});
afterAll(() => t.close());

describe('applying', () => {
  let lead: Awaited<ReturnType<typeof verifiedOrg>>;
  let member: Awaited<ReturnType<typeof verifiedOrg>>;
  let appId: string;

  it('refuses an unverified organisation', async () => {
    const { client } = await registerOrg(t);
    const res = await client.post('/api/challenge-applications', applicationInput(listId));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ORG_NOT_VERIFIED');
  });

  it('refuses without the integrity pledge or with weights not adding up to 100', async () => {
    lead = await verifiedOrg();
    member = await verifiedOrg('210102');
    const noPledge = await lead.client.post('/api/challenge-applications', applicationInput(listId, { pledge: false }));
    expect(noPledge.json().code).toBe('CHALLENGE_PLEDGE_REQUIRED');
    const plan = applicationInput(listId).milestonePlan.map((m) => ({ ...m, weight: 10 }));
    const weights = await lead.client.post(
      '/api/challenge-applications',
      applicationInput(listId, { milestonePlan: plan }),
    );
    expect(weights.json()).toMatchObject({ code: 'CHALLENGE_MILESTONE_WEIGHTS' });
    expect(weights.json().message).toContain('30');
  });

  it('accepts a consortium application and keeps script text as text', async () => {
    const res = await lead.client.post(
      '/api/challenge-applications',
      applicationInput(listId, { members: [member.orgId], technicalPlan: '<script>alert("x")</script> 技术路线' }),
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    appId = body.id;
    expect(body).toMatchObject({ status: 'submitted', consortium: true, editable: true, budgetTotalFen: 300_000_000 });
    expect(body.technicalPlan).toBe('<script>alert("x")</script> 技术路线');
    expect(body.parties.map((p: { role: string }) => p.role).sort()).toEqual(['lead', 'member']);
    const officerNotes = await t.database.db
      .select({ n: count() })
      .from(notifications)
      .where(like(notifications.titleZh, '新的揭榜申报%'));
    expect(officerNotes[0]?.n).toBeGreaterThan(0);
  });

  it('refuses a second application by a consortium member, writing nothing', async () => {
    const before = await t.database.db.select({ n: count() }).from(challengeApplications);
    const res = await member.client.post('/api/challenge-applications', applicationInput(listId));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CHALLENGE_APPLICATION_DUPLICATE');
    const after = await t.database.db.select({ n: count() }).from(challengeApplications);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses a blacklisted organisation until the entry expires', async () => {
    const black = await verifiedOrg();
    const officer = await as('officer');
    const entry = await officer.post('/api/challenge-credit-records', {
      organisationId: black.orgId,
      kind: 'blacklist',
      reason: '虚报材料',
      expiresAt: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(),
    });
    expect(entry.statusCode).toBe(201);
    const refused = await black.client.post('/api/challenge-applications', applicationInput(listId));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CHALLENGE_ORG_BLACKLISTED');
    // A blacklisted consortium member also blocks the application.
    const other = await verifiedOrg();
    const viaMember = await other.client.post(
      '/api/challenge-applications',
      applicationInput(listId, { members: [black.orgId] }),
    );
    expect(viaMember.json().code).toBe('CHALLENGE_ORG_BLACKLISTED');
  });

  it('stores a real PDF by its SHA-256 and refuses disguised or oversized files', async () => {
    const ok = await upload(lead.client, `/api/challenge-applications/${appId}/attachments`, '技术方案.pdf', pdf);
    expect(ok.statusCode).toBe(201);
    const sha = ok.json().sha256 as string;
    expect(existsSync(join(dataDir, 'challenge-files', sha.slice(0, 2), sha))).toBe(true);
    const disguised = await upload(lead.client, `/api/challenge-applications/${appId}/attachments`, '方案.pdf', exe);
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().code).toBe('CHALLENGE_ATTACHMENT_DISGUISED');
    const exeName = await upload(lead.client, `/api/challenge-applications/${appId}/attachments`, 'tool.exe', exe);
    expect(exeName.json().code).toBe('CHALLENGE_ATTACHMENT_TYPE');
    const big = Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]);
    const tooBig = await upload(lead.client, `/api/challenge-applications/${appId}/attachments`, 'big.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('CHALLENGE_ATTACHMENT_TOO_LARGE');
    const detail = (await lead.client.get(`/api/challenge-applications/${appId}`)).json();
    expect(detail.attachments).toHaveLength(1);
    const download = await lead.client.get(`/api/challenge-attachments/${detail.attachments[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const stranger = await verifiedOrg();
    expect((await stranger.client.get(`/api/challenge-attachments/${detail.attachments[0].id}`)).statusCode).toBe(404);
  });

  it('edits until the deadline and refuses edits and applications after it', async () => {
    const current = (await lead.client.get(`/api/challenge-applications/${appId}`)).json();
    const { listId: _l, ...rest } = applicationInput(listId, { members: [member.orgId], priorResults: '新增成果' });
    const edited = await lead.client.put(`/api/challenge-applications/${appId}`, { ...rest, version: current.version });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().priorResults).toBe('新增成果');
    const stale = await lead.client.put(`/api/challenge-applications/${appId}`, { ...rest, version: current.version });
    expect(stale.json().code).toBe('STALE_STATE');

    // A second applicant, then the window closes.
    const second = await verifiedOrg('110105');
    const res2 = await second.client.post('/api/challenge-applications', applicationInput(listId));
    expect(res2.statusCode).toBe(201);

    t.clock.advance(11 * DAY);
    const late = await verifiedOrg();
    const lateRes = await late.client.post('/api/challenge-applications', applicationInput(listId));
    expect(lateRes.statusCode).toBe(409);
    expect(lateRes.json().code).toBe('CHALLENGE_LIST_NOT_OPEN');
    const relog = t.client();
    await relog.login(lead.email);
    lead = { ...lead, client: relog };
    const lateEdit = await relog.put(`/api/challenge-applications/${appId}`, { ...rest, version: current.version + 1 });
    expect(lateEdit.json().code).toBe('CHALLENGE_LIST_NOT_OPEN');
    const lateFile = await upload(relog, `/api/challenge-applications/${appId}/attachments`, 'late.pdf', pdf);
    expect(lateFile.json().code).toBe('CHALLENGE_LIST_NOT_OPEN');
  });
});

describe('screening, review and selection', () => {
  let appIds: string[] = [];
  let officer: TestClient;
  let expert: TestClient;
  let expertId: string;

  it('screens in a batch, reporting what could not be screened', async () => {
    officer = await as('officer');
    const queue = (await officer.get(`/api/challenge-applications?listId=${listId}`)).json();
    expect(queue.total).toBe(2);
    appIds = queue.items.map((i: { id: string }) => i.id);
    const noReason = await officer.post('/api/challenge-applications/screen', { ids: appIds, decision: 'rejected' });
    expect(noReason.json().code).toBe('CHALLENGE_REASON_REQUIRED');
    const res = await officer.post('/api/challenge-applications/screen', { ids: appIds, decision: 'passed' });
    expect(res.json().done.sort()).toEqual([...appIds].sort());
    const again = await officer.post('/api/challenge-applications/screen', { ids: [appIds[0]], decision: 'passed' });
    expect(again.json().failed[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    const enterprise = await as('enterprise');
    expect((await enterprise.get(`/api/challenge-applications?listId=${listId}`)).json().total).toBe(2);
  });

  it('blocks a conflicted expert automatically and lets the rest be assigned', async () => {
    expert = await as('expert');
    expertId = (await expert.get('/api/auth/me')).json().user.id;
    // The demo expert declares a relationship with the first applicant's lead organisation.
    const first = (await officer.get(`/api/challenge-applications/${appIds[0]}`)).json();
    const lead = first.parties.find((p: { role: string }) => p.role === 'lead');
    expect(
      (await expert.post('/api/challenge-conflicts', { organisationId: lead.organisationId, relation: '师生' }))
        .statusCode,
    ).toBe(200);
    const refused = await officer.post(`/api/challenge-lists/${listId}/assignments`, {
      applicationIds: appIds,
      expertUserIds: [expertId],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CHALLENGE_EXPERT_CONFLICT');
    expect(refused.json().message).toContain('师生');
    const partial = await officer.post(`/api/challenge-lists/${listId}/assignments`, {
      applicationIds: appIds,
      expertUserIds: [expertId],
      skipConflicts: true,
    });
    expect(partial.json()).toMatchObject({ assigned: 1, skipped: [{ applicationId: appIds[0] }] });
    const notMember = await officer.post(`/api/challenge-lists/${listId}/assignments`, {
      applicationIds: appIds,
      expertUserIds: [first.parties[0] ? (await officer.get('/api/auth/me')).json().user.id : expertId],
    });
    expect(notMember.json().code).toBe('CHALLENGE_NOT_EXPERT');
  });

  it('scores with the weighted rubric, blind, and shows progress', async () => {
    const settings = await officer.put(`/api/challenge-lists/${listId}/review-settings`, {
      rubric: [
        { key: 'tech', labelZh: '技术', labelEn: 'Tech', weight: 60 },
        { key: 'team', labelZh: '团队', labelEn: 'Team', weight: 40 },
      ],
      blind: true,
    });
    expect(settings.statusCode).toBe(200);
    const mine = (await expert.get('/api/challenge-reviews/mine')).json();
    expect(mine).toMatchObject({ done: 0, total: 1 });
    expect(mine.items[0].organisationName).toBeNull();
    expect(mine.items[0].alias).toMatch(/^方案 [AB]$/);
    const detail = (await expert.get(`/api/challenge-applications/${mine.items[0].applicationId}`)).json();
    expect(detail.organisationName).toBeNull();
    expect(detail.parties).toEqual([]);
    const bad = await expert.post(`/api/challenge-reviews/${mine.items[0].id}/score`, { scores: { tech: 120 } });
    expect(bad.json().code).toBe('CHALLENGE_SCORES_INVALID');
    const ok = await expert.post(`/api/challenge-reviews/${mine.items[0].id}/score`, {
      scores: { tech: 90, team: 80 },
      comment: '方案可行',
    });
    expect(ok.statusCode).toBe(200);
    const after = (await expert.get('/api/challenge-reviews/mine')).json();
    expect(after).toMatchObject({ done: 1, total: 1 });
    expect(after.items[0].total).toBe(86);
    const board = (await officer.get(`/api/challenge-lists/${listId}/review-board`)).json();
    expect(board.experts[0]).toMatchObject({ done: 1, assigned: 1 });
    const comparison = (await (await as('enterprise')).get(`/api/challenge-lists/${listId}/comparison`)).json();
    expect(comparison.blind).toBe(true);
    expect(comparison.items).toHaveLength(2);
    expect(comparison.items[0]).toMatchObject({ score: 86, organisationName: null });
  });

  it('lets two officers race to select: one wins, the other gets a coded conflict', async () => {
    const admin = await as('admin');
    const [a, b] = await Promise.all([
      officer.post(`/api/challenge-lists/${listId}/selection`, { applicationIds: [appIds[0]] }),
      admin.post(`/api/challenge-lists/${listId}/selection`, { applicationIds: [appIds[1]] }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['STALE_STATE', 'INVALID_TRANSITION']).toContain(loser.json().code);
    const winner = (a.statusCode === 200 ? a : b).json();
    expect(winner.listStatus).toBe('publicised');
    const events = await t.database.db.select().from(challengeListEvents).where(eq(challengeListEvents.listId, listId));
    expect(events.map((e) => e.toStatus)).toEqual(['selecting', 'publicised']);
  });

  it('confirms only after the public notice', async () => {
    const early = await officer.post(`/api/challenge-lists/${listId}/selection/confirm`);
    expect(early.json().code).toBe('CHALLENGE_NOTICE_NOT_OVER');
    t.clock.advance(8 * DAY);
    officer = await as('officer');
    const done = await officer.post(`/api/challenge-lists/${listId}/selection/confirm`);
    expect(done.json()).toMatchObject({ listStatus: 'taken' });
  });
});

describe('contract, subsidy and milestones', () => {
  let officer: TestClient;
  let contractId: string;
  let solver: TestClient;

  it('records the contract of the selected solver; no subsidy before registration', async () => {
    officer = await as('officer');
    const selected = (await officer.get(`/api/challenge-applications?listId=${listId}&status=selected`)).json()
      .items[0];
    const wrongType = await officer.post('/api/challenge-contracts', {
      applicationId: selected.id,
      type: 'development',
      subType: 'patent',
      title: '减薄主轴委托开发合同',
      contractAmountFen: 800_000_000,
      techAmountFen: 700_000_000,
      signedOn: '2026-12-20',
    });
    expect(wrongType.json().code).toBe('CHALLENGE_CONTRACT_TYPE');
    const res = await officer.post('/api/challenge-contracts', {
      applicationId: selected.id,
      type: 'development',
      subType: 'commissioned',
      title: '减薄主轴委托开发合同',
      contractAmountFen: 800_000_000,
      techAmountFen: 700_000_000,
      signedOn: '2026-12-20',
    });
    expect(res.statusCode).toBe(201);
    contractId = res.json().id;
    expect(res.json().milestones).toHaveLength(3);
    const unregistered = await officer.post(`/api/challenge-contracts/${contractId}/subsidy-requests`);
    expect(unregistered.statusCode).toBe(409);
    expect(unregistered.json().code).toBe('CHALLENGE_CONTRACT_UNREGISTERED');
    const noCert = await officer.post(`/api/challenge-contracts/${contractId}/register`, {
      registrationNo: '2126010100000123',
      registry: '沈阳市技术市场',
      registeredOn: '2026-12-28',
    });
    expect(noCert.json().code).toBe('CHALLENGE_CERTIFICATE_REQUIRED');
    const [sel] = await t.database.db
      .select()
      .from(challengeApplications)
      .where(eq(challengeApplications.id, selected.id));
    const [member] = await t.database.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, sel?.createdBy as string));
    solver = t.client();
    await solver.login(member?.email as string);
  });

  it('registers with the certificate and computes min(50 % × 技术交易额, cap)', async () => {
    const cert = await upload(officer, `/api/challenge-contracts/${contractId}/certificate`, '登记证明.pdf', pdf);
    expect(cert.statusCode).toBe(201);
    const reg = await officer.post(`/api/challenge-contracts/${contractId}/register`, {
      registrationNo: '2126010100000123',
      registry: '沈阳市技术市场',
      registeredOn: '2026-12-28',
    });
    expect(reg.statusCode).toBe(200);
    // 50 % of 7,000,000 yuan is 3,500,000: capped at 3,000,000.
    expect(reg.json()).toMatchObject({ status: 'registered', entitlementFen: 300_000_000 });
  });

  it('releases a tranche when a milestone passes and finance pays it', async () => {
    const enterprise = await as('enterprise');
    let d = (await solver.get(`/api/challenge-contracts/${contractId}`)).json();
    const m1 = d.milestones[0].id;
    expect((await enterprise.post(`/api/challenge-milestones/${m1}/confirm`, {})).json().code).toBe(
      'INVALID_TRANSITION',
    );
    expect((await solver.post(`/api/challenge-milestones/${m1}/report`, { text: '完成设计' })).statusCode).toBe(200);
    expect((await solver.post(`/api/challenge-milestones/${m1}/confirm`, {})).json().code).toBe('FORBIDDEN');
    expect((await enterprise.post(`/api/challenge-milestones/${m1}/confirm`, {})).statusCode).toBe(200);
    d = (await officer.post(`/api/challenge-milestones/${m1}/pass`, { text: '达到节点要求' })).json();
    expect(d.tranches).toEqual([
      expect.objectContaining({ kind: 'tranche', amountFen: 90_000_000, status: 'pending' }),
    ]);
    const finance = await as('finance');
    const paid = await finance.post(`/api/challenge-tranches/${d.tranches[0].id}/pay`);
    expect(paid.json()).toMatchObject({ paidFen: 90_000_000, pendingFen: 0 });
    expect((await officer.post(`/api/challenge-tranches/${d.tranches[0].id}/pay`)).statusCode).toBe(403);
  });

  it('claws back on a change below what was paid, and everything on cancellation', async () => {
    const changed = await officer.post(`/api/challenge-contracts/${contractId}/change`, {
      contractAmountFen: 150_000_000,
      techAmountFen: 100_000_000,
      reason: '合同金额调减',
    });
    // New entitlement 500,000 yuan; 900,000 paid: 400,000 to claw back.
    expect(changed.json()).toMatchObject({ status: 'changed', entitlementFen: 50_000_000 });
    expect(changed.json().tranches.at(-1)).toMatchObject({
      kind: 'clawback',
      amountFen: -40_000_000,
      status: 'pending',
    });
    const cancelled = await officer.post(`/api/challenge-contracts/${contractId}/cancel`, { reason: '合同解除' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', entitlementFen: 0 });
    const owed = cancelled
      .json()
      .tranches.filter((x: { kind: string; status: string }) => x.kind === 'clawback' && x.status === 'pending');
    expect(owed.reduce((a: number, x: { amountFen: number }) => a + x.amountFen, 0)).toBe(-90_000_000);
    const again = await solver.post(`/api/challenge-contracts/${contractId}/subsidy-requests`);
    expect(again.json().code).toBe('CHALLENGE_CONTRACT_UNREGISTERED');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'challenge_contract'), eq(auditLog.targetId, contractId)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'challenge_contract.register',
        'challenge_contract.change',
        'challenge_contract.cancel',
        'challenge_subsidy.paid',
      ]),
    );
  });

  it('records a failed acceptance in the credit record', async () => {
    const res = await officer.post(`/api/challenge-contracts/${contractId}/acceptance`, {
      outcome: 'failed',
      reason: '指标未达到',
    });
    expect(res.statusCode).toBe(200);
    const breaches = await t.database.db
      .select()
      .from(challengeCreditRecords)
      .where(eq(challengeCreditRecords.kind, 'breach'));
    expect(breaches).toHaveLength(1);
  });

  it('counts applicant organisations (local vs external), contracts and subsidy for the funnel', async () => {
    const counts = await applicationFunnelCounts(t.database.db, {});
    // Lead 330602 (local) + member 210102 (external) + second applicant 110105 (external).
    expect(counts).toMatchObject({
      applicantOrgs: 3,
      applicantOrgsLocal: 1,
      applicantOrgsExternal: 2,
      contractsRegistered: 0,
      subsidyPaidFen: 90_000_000,
      subsidyPaidCount: 1,
    });
  });
});
