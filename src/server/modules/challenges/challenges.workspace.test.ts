import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { registerOrg, seedBureau } from '../../../../test/factories.js';
import { auditLog, organisations } from '../../db/schema.js';
import { applicationInput, publishedList } from './application.test-fixtures.js';

/*
 * What the workspace screens need beyond the workflow itself: queue filters and export, the record
 * a merged need's enterprise sees, the notices to source enterprises, workspace figures per role,
 * and the funnel split by direction down to the applications stages.
 */

let t: TestApp;
let officer: TestClient;
let expert: TestClient;
let enterprise: TestClient;
let other: TestClient;
let otherEmail: string;
let enterpriseOrgId: string;
let batchId: string;
let directionId: string;

const need = (over: Record<string, unknown> = {}) => ({
  batchId,
  directionId,
  category: 'basic_parts',
  title: '谐波减速器柔轮疲劳寿命提升',
  problem: '谐波减速器柔轮在高负载下疲劳断裂，寿命不足一万小时，需要改进材料与热处理工艺。',
  indicators: [{ name: '疲劳寿命', target: '≥20000', unit: '小时', testMethod: '加速寿命试验' }],
  technicalBase: '已有样机。',
  expectedCompletion: '2028-06-30',
  ownFundingFen: 300_000_000,
  confidentiality: 'public',
  ipIntent: 'shared',
  contactName: '张企业',
  contactPhone: '13912345678',
  submit: true,
  ...over,
});

async function report(c: TestClient, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/challenges/needs', need(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().need.id as string;
}

const listBody = (needIds: string[]) => ({
  needIds,
  title: '谐波减速器长寿命柔轮攻关',
  goal: '柔轮疲劳寿命达到两万小时。',
  indicators: [{ name: '疲劳寿命', target: '≥20000', unit: '小时', testMethod: '第三方试验' }],
  eligibility: '国内外高校、院所、企业均可揭榜。',
  periodMonths: 24,
  enterpriseInvestmentFen: 600_000_000,
  applyOpensAt: '2026-11-26T00:00:00Z',
  applyClosesAt: '2027-01-31T16:00:00Z',
  contactName: '李晓燕',
  contactPhone: '0575-88123456',
});

async function verifiedOrg(regionCode: string) {
  const { me } = await registerOrg(t, { regionCode });
  const orgId = me.memberships[0].organisation.id as string;
  await t.database.db.update(organisations).set({ status: 'verified' }).where(eq(organisations.id, orgId));
  const c = t.client();
  const email = me.user.email as string;
  await c.login(email);
  return { client: c, orgId, email };
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T02:00:00Z');
  const bureau = await seedBureau(t);
  officer = await bureau.as('officer');
  expert = await bureau.as('expert');
  enterprise = await bureau.as('enterprise');
  enterpriseOrgId = (await enterprise.get('/api/auth/me')).json().memberships[0].organisation.id;
  ({ client: other, email: otherEmail } = await verifiedOrg('330603'));
  const res = await officer.post('/api/challenges/batches', {
    code: 'W2026-1',
    title: '工作台测试批次',
    regionCode: '330600',
    needsOpenAt: '2026-11-01T00:00:00Z',
    needsCloseAt: '2026-12-31T16:00:00Z',
    directions: [
      { code: 'ROBOT', name: '机器人' },
      { code: 'CNC', name: '数控机床' },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  batchId = res.json().id;
  directionId = res.json().directions[0].id;
});
afterAll(() => t.close());

describe('the officer queue', () => {
  it('filters by region and by "available for a list", and exports the filtered set', async () => {
    const a = await report(enterprise, { title: '越城区企业的机器人关节需求' });
    const b = await report(other, { title: '柯桥区企业的机器人关节需求' });
    await officer.post(`/api/challenges/needs/${a}/accept`, {});
    const keqiao = (await officer.get(`/api/challenges/needs/queue?batchId=${batchId}&regionCode=330603`)).json();
    expect(keqiao.items.map((i: { id: string }) => i.id)).toEqual([b]);
    const available = (await officer.get(`/api/challenges/needs/queue?batchId=${batchId}&available=true`)).json();
    expect(available.items.map((i: { id: string }) => i.id)).toEqual([a]);

    const csv = await officer.get(`/api/challenges/needs/queue/export?batchId=${batchId}&regionCode=330603&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('需求名称');
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toContain('柯桥区企业的机器人关节需求');

    const xlsx = await officer.get(`/api/challenges/needs/queue/export?batchId=${batchId}&format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(3);

    expect((await enterprise.get('/api/challenges/needs/queue/export')).statusCode).toBe(403);
  });
});

describe('a merged need and its list', () => {
  it("shows the source's enterprise what it was merged into and the list that carries it; both enterprises hear of drafting and withdrawal", async () => {
    const target = await report(enterprise, { title: '精密减速器柔轮寿命不足' });
    const source = await report(other, { title: '精密减速器柔轮寿命偏低（同类）' });
    const merged = await officer.post('/api/challenges/needs/merge', {
      targetId: target,
      sourceIds: [source],
      reason: '同一技术问题',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    await officer.post(`/api/challenges/needs/${target}/accept`, {});
    const list = await officer.post('/api/challenges/lists', listBody([target]));
    expect(list.statusCode, list.body).toBe(201);

    const seen = (await other.get(`/api/challenges/needs/${source}`)).json();
    expect(seen.status).toBe('merged');
    expect(seen.mergedInto).toEqual({ id: target, title: '精密减速器柔轮寿命不足', status: 'accepted' });
    expect(seen.list).toEqual(expect.objectContaining({ id: list.json().id, status: 'drafting' }));
    expect(seen.batchCode).toBe('W2026-1');

    const withdraw = await officer.post(`/api/challenges/lists/${list.json().id}/withdraw`, {
      version: list.json().version,
      reason: '方向调整',
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    for (const client of [enterprise, other]) {
      const inbox = (await client.get('/api/notifications?pageSize=100')).json();
      const titles = inbox.items.map((n: { title: string }) => n.title);
      expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/^需求已进入榜单凝练/)]));
      expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/^榜单已撤回/)]));
    }
    const mine = (await other.get('/api/challenges/workspace')).json();
    expect(mine.enterprise).toEqual(expect.objectContaining({ inScreening: 1 }));
  });
});

describe('workspace figures', () => {
  it('give each role what waits for them, and nothing for roles they do not hold', async () => {
    await report(enterprise, { title: '数控机床主轴热变形补偿' });
    const o = (await officer.get('/api/challenges/workspace')).json();
    expect(o.enterprise).toBeNull();
    expect(o.expert).toBeNull();
    expect(o.officer.needsToScreen).toBeGreaterThanOrEqual(1);
    expect(o.officer).toEqual(
      expect.objectContaining({ listsDrafting: 0, listsInReview: 0, listsToPublish: 0, questionsOpen: 0 }),
    );
    const e = (await enterprise.get('/api/challenges/workspace')).json();
    expect(e.officer).toBeNull();
    expect(e.enterprise.inScreening).toBeGreaterThanOrEqual(1);
    const x = (await expert.get('/api/challenges/workspace')).json();
    expect(x.expert).toEqual({ listsToReview: 0, proposalsToScore: 0 });
    expect((await t.client().get('/api/challenges/workspace')).statusCode).toBe(401);
  });
});

describe('the funnel by direction', () => {
  it('counts applicant organisations per direction too, not only needs and lists', async () => {
    const { batch, list } = await publishedList(t.database.db, { organisationId: enterpriseOrgId, now: t.clock.now() });
    const solver = await verifiedOrg('110108');
    const applied = await solver.client.post('/api/challenge-applications', applicationInput(list.id));
    expect(applied.statusCode, applied.body).toBe(201);
    const f = (await officer.get(`/api/challenges/funnel/batches/${batch.id}`)).json();
    expect(f.byDirection).toHaveLength(1);
    expect(f.byDirection[0].counts).toEqual(
      expect.objectContaining({ listsPublished: 1, applicantOrgs: 1, applicantOrgsExternal: 1 }),
    );
  });
});

describe('the expert after selection', () => {
  it('finds the contracts of the proposals they scored and is told when a milestone awaits assessment', async () => {
    const { list } = await publishedList(t.database.db, {
      organisationId: enterpriseOrgId,
      now: t.clock.now(),
      openDays: 2,
      tag: 'expert',
    });
    const solver = await verifiedOrg('330602');
    const applied = await solver.client.post('/api/challenge-applications', applicationInput(list.id));
    expect(applied.statusCode, applied.body).toBe(201);
    const appId = applied.json().id as string;
    expect(
      (await officer.post('/api/challenge-applications/screen', { ids: [appId], decision: 'passed' })).json().done,
    ).toEqual([appId]);
    const expertId = (await expert.get('/api/auth/me')).json().user.id as string;
    const assigned = await officer.post(`/api/challenge-lists/${list.id}/assignments`, {
      applicationIds: [appId],
      expertUserIds: [expertId],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const task = (await expert.get('/api/challenge-reviews/mine'))
      .json()
      .items.find((i: { applicationId: string }) => i.applicationId === appId);
    const scored = await expert.post(`/api/challenge-reviews/${task.id}/score`, {
      scores: { technical: 80, capability: 80, indicators: 80, budget: 80 },
      comment: '可行',
    });
    expect(scored.statusCode, scored.body).toBe(200);
    // Days pass: sessions idle out, so everyone signs in again.
    const later = async (days: number) => {
      t.clock.advance(days * 86_400_000);
      for (const [c, email] of [
        [officer, 'officer@demo.kechuang.cn'],
        [expert, 'expert@demo.kechuang.cn'],
        [enterprise, 'enterprise@demo.kechuang.cn'],
        [solver.client, solver.email],
        [other, otherEmail],
      ] as const)
        await c.login(email);
    };
    await later(3);
    expect(
      (await officer.post(`/api/challenge-lists/${list.id}/selection`, { applicationIds: [appId], noticeDays: 1 }))
        .statusCode,
    ).toBe(200);
    await later(2);
    expect((await officer.post(`/api/challenge-lists/${list.id}/selection/confirm`)).statusCode).toBe(200);
    const contract = await solver.client.post('/api/challenge-contracts', {
      applicationId: appId,
      type: 'development',
      subType: 'commissioned',
      title: '减薄主轴委托开发合同（专家可见）',
      contractAmountFen: 100_000_000,
      techAmountFen: 90_000_000,
      signedOn: '2026-12-01',
    });
    expect(contract.statusCode, contract.body).toBe(201);
    const contractId = contract.json().id as string;
    const mine = (await expert.get('/api/challenge-contracts')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(contractId);

    const m1 = contract.json().milestones[0].id as string;
    expect((await solver.client.post(`/api/challenge-milestones/${m1}/report`, { text: '完成设计' })).statusCode).toBe(
      200,
    );
    expect((await enterprise.post(`/api/challenge-milestones/${m1}/confirm`, {})).statusCode).toBe(200);
    const inbox = (await expert.get('/api/notifications?pageSize=100')).json();
    expect(inbox.items.map((n: { title: string }) => n.title)).toContain(
      '里程碑待考核：减薄主轴委托开发合同（专家可见）',
    );
    const d = (await expert.get(`/api/challenge-contracts/${contractId}`)).json();
    expect(d.milestones[0].allowedCommands).toEqual(expect.arrayContaining(['pass', 'fail']));
  });
});

describe("the enterprise's lists", () => {
  it('are the published lists drawn from its needs, for comparing proposals', async () => {
    const id = await report(enterprise, { title: '工业机器人关节力矩传感器漂移' });
    await officer.post(`/api/challenges/needs/${id}/accept`, {});
    const l = (
      await officer.post('/api/challenges/lists', { ...listBody([id]), title: '关节力矩传感器零漂抑制攻关' })
    ).json();
    const mine = async (c: TestClient) =>
      (await c.get('/api/challenges/lists/mine')).json().items.map((x: { id: string }) => x.id) as string[];
    expect(await mine(enterprise)).not.toContain(l.id);
    const r = (await officer.post(`/api/challenges/lists/${l.id}/submit-review`, { version: l.version })).json();
    const a = (
      await expert.post(`/api/challenges/lists/${l.id}/review`, {
        verdict: 'approve',
        comment: '同意',
        version: r.version,
      })
    ).json();
    expect((await officer.post(`/api/challenges/lists/${l.id}/publish`, { version: a.version })).statusCode).toBe(200);
    expect(await mine(enterprise)).toContain(l.id);
    expect(await mine(other)).not.toContain(l.id);
    expect((await t.client().get('/api/challenges/lists/mine')).statusCode).toBe(401);
  });
});

describe('changing a batch', () => {
  it('extends the window and adds directions, audited; refuses a repeated code, a reversed window and non-bureau users', async () => {
    const res = await officer.put(`/api/challenges/batches/${batchId}`, {
      needsCloseAt: '2027-01-31T16:00:00Z',
      addDirections: [{ code: 'AI', name: '人工智能' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().needsCloseAt).toBe('2027-01-31T16:00:00.000Z');
    expect(res.json().directions.map((d: { code: string }) => d.code)).toEqual(['ROBOT', 'CNC', 'AI']);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'challenge_batch.update'), eq(auditLog.targetId, batchId)));
    expect(entry).toBeDefined();

    const repeated = await officer.put(`/api/challenges/batches/${batchId}`, {
      addDirections: [{ code: 'CNC', name: '数控' }],
    });
    expect(repeated.json().code).toBe('VALIDATION_FAILED');
    const reversed = await officer.put(`/api/challenges/batches/${batchId}`, { needsCloseAt: '2026-10-01T00:00:00Z' });
    expect(reversed.json().code).toBe('CHALLENGE_WINDOW_INVALID');
    expect((await enterprise.put(`/api/challenges/batches/${batchId}`, { title: 'x' })).statusCode).toBe(403);
    const after = (await officer.get(`/api/challenges/batches/${batchId}`)).json();
    expect(after.directions).toHaveLength(3);
  });
});
