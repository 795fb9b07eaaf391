import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { registerOrg, seedBureau } from '../../../../test/factories.js';
import { auditLog, challengeListEvents, challengeNeeds, notifications } from '../../db/schema.js';
import { users } from '../identity/user.table.js';
import { transitionList } from './list.status.js';

let t: TestApp;
let officer: TestClient;
let admin: TestClient;
let expert: TestClient;
let enterprise: TestClient;
let publicClient: TestClient;
let batchId: string;
let directionId: string;

const NOW = '2026-11-25T02:00:00Z';

const need = (over: Record<string, unknown> = {}) => ({
  batchId,
  directionId,
  category: 'basic_parts',
  title: '高速精密轴承寿命提升',
  problem: '数控机床主轴用高速精密轴承在两万转工况下寿命不足，需要提升滚动体材料与热处理工艺。',
  indicators: [{ name: '额定寿命', target: '≥20000', unit: '小时', testMethod: '台架试验 GB/T 24607' }],
  technicalBase: '已有小批量试制线，寿命约 8000 小时。',
  expectedCompletion: '2028-06-30',
  ownFundingFen: 500_000_000,
  confidentiality: 'public',
  ipIntent: 'shared',
  contactName: '张企业',
  contactPhone: '13912345678',
  ...over,
});

const listBody = (needIds: string[], over: Record<string, unknown> = {}) => ({
  needIds,
  title: '高速精密主轴轴承长寿命技术攻关',
  goal: '突破高速精密轴承材料与热处理工艺，寿命达到 20000 小时。',
  indicators: [{ name: '额定寿命', target: '≥20000', unit: '小时', testMethod: '第三方台架试验' }],
  eligibility: '国内外高校、科研院所、企业均可揭榜，可组建联合体。',
  periodMonths: 24,
  enterpriseInvestmentFen: 800_000_000,
  applyOpensAt: '2026-11-26T00:00:00Z',
  applyClosesAt: '2027-01-31T16:00:00Z',
  contactName: '李晓燕',
  contactPhone: '0575-88123456',
  ...over,
});

async function submitNeed(over: Record<string, unknown> = {}) {
  const res = await enterprise.post('/api/challenges/needs', { ...need(over), submit: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { need: { id: string; version: number }; duplicates: { id: string; similarity: number }[] };
}

async function acceptNeed(id: string) {
  const res = await officer.post(`/api/challenges/needs/${id}/accept`, {});
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  const bureau = await seedBureau(t);
  officer = await bureau.as('officer');
  admin = await bureau.as('admin');
  expert = await bureau.as('expert');
  enterprise = await bureau.as('enterprise');
  publicClient = t.client();
  const res = await officer.post('/api/challenges/batches', {
    code: 'T2026-1',
    title: '2026年第一批揭榜挂帅',
    regionCode: '330600',
    needsOpenAt: '2026-11-01T00:00:00Z',
    needsCloseAt: '2026-12-31T16:00:00Z',
    directions: [
      { code: 'IC', name: '集成电路' },
      { code: 'EQ', name: '高端装备' },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  batchId = res.json().id;
  directionId = res.json().directions[1].id;
});
afterAll(() => t.close());

describe('batches', () => {
  it('carry the default subsidy policy: 50%, cap 3,000,000 yuan, base 技术交易额', async () => {
    const b = (await publicClient.get(`/api/challenges/batches/${batchId}`)).json();
    expect(b.policies).toEqual([
      expect.objectContaining({ version: 1, ratioBp: 5000, capFen: 300_000_000, base: 'tech_trade_amount' }),
    ]);
    expect(b.open).toBe(true);
  });

  it('adds a policy version the bureau chooses (amount paid), keeping the first', async () => {
    const res = await officer.post(`/api/challenges/batches/${batchId}/policies`, {
      ratioBp: 5000,
      capFen: 300_000_000,
      base: 'amount_paid',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().policies.map((p: { version: number; base: string }) => [p.version, p.base])).toEqual([
      [2, 'amount_paid'],
      [1, 'tech_trade_amount'],
    ]);
  });

  it('refuses a window that ends before it starts, a taken code, and non-bureau users', async () => {
    const base = { title: 'x', regionCode: '330600', directions: [{ code: 'A', name: 'a' }] };
    const bad = await officer.post('/api/challenges/batches', {
      ...base,
      code: 'BAD',
      needsOpenAt: '2026-12-01T00:00:00Z',
      needsCloseAt: '2026-11-01T00:00:00Z',
    });
    expect(bad.json().code).toBe('CHALLENGE_WINDOW_INVALID');
    const dup = await officer.post('/api/challenges/batches', {
      ...base,
      code: 'T2026-1',
      needsOpenAt: '2026-11-01T00:00:00Z',
      needsCloseAt: '2026-12-01T00:00:00Z',
    });
    expect(dup.json().code).toBe('CHALLENGE_BATCH_CODE_TAKEN');
    const ent = await enterprise.post('/api/challenges/batches', {
      ...base,
      code: 'ENT',
      needsOpenAt: '2026-11-01T00:00:00Z',
      needsCloseAt: '2026-12-01T00:00:00Z',
    });
    expect(ent.statusCode).toBe(403);
  });
});

describe('needs', () => {
  it('saves a draft, submits it inside the window, tells the officers, records event and audit', async () => {
    const draft = await enterprise.post('/api/challenges/needs', need({ title: '草稿需求：工业传感器标定' }));
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().need.id;
    expect(draft.json().need.status).toBe('draft');
    expect(draft.json().need.commands).toEqual(['edit', 'submit']);
    const sub = await enterprise.post(`/api/challenges/needs/${id}/submit`, {});
    expect(sub.json().status).toBe('submitted');
    expect(sub.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['draft', 'submitted']);
    const [officerUser] = await t.database.db.select().from(users).where(eq(users.email, 'officer@demo.kechuang.cn'));
    const inbox = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, officerUser?.id as string), like(notifications.titleZh, '%工业传感器标定%')));
    expect(inbox).toHaveLength(1);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((a) => a.action)).toEqual(['challenge_need.create', 'challenge_need.submit']);
  });

  it('refuses submission outside the batch window and writes nothing', async () => {
    // A batch whose collection ended yesterday (moving the clock would expire the sessions instead).
    const closed = await officer.post('/api/challenges/batches', {
      code: 'T2026-0',
      title: '已截止批次',
      regionCode: '330600',
      needsOpenAt: '2026-10-01T00:00:00Z',
      needsCloseAt: '2026-11-24T00:00:00Z',
      directions: [{ code: 'EQ', name: '高端装备' }],
    });
    const before = (await t.database.db.select().from(challengeNeeds)).length;
    const res = await enterprise.post('/api/challenges/needs', {
      ...need({ batchId: closed.json().id, directionId: closed.json().directions[0].id }),
      submit: true,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CHALLENGE_BATCH_CLOSED');
    expect(res.json().message).toContain('2026');
    expect((await t.database.db.select().from(challengeNeeds)).length).toBe(before);
  });

  it('refuses a direction of another batch, an unverified organisation, and bad input', async () => {
    const wrongDir = await enterprise.post(
      '/api/challenges/needs',
      need({ directionId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(wrongDir.json().code).toBe('CHALLENGE_DIRECTION_UNKNOWN');
    const { client } = await registerOrg(t);
    const unverified = await client.post('/api/challenges/needs', need());
    expect(unverified.json().code).toBe('ORG_NOT_VERIFIED');
    const noIndicators = await enterprise.post('/api/challenges/needs', need({ indicators: [] }));
    expect(noIndicators.json().code).toBe('VALIDATION_FAILED');
    const negative = await enterprise.post('/api/challenges/needs', need({ ownFundingFen: -1 }));
    expect(negative.json().code).toBe('VALIDATION_FAILED');
  });

  it('shows likely duplicates on submit, ranked, and in the officer queue', async () => {
    const first = await submitNeed();
    await submitNeed({
      title: '工业设计仿真软件国产化',
      problem: '三维建模与有限元仿真软件依赖进口，需要自主可控的求解器。',
    });
    const second = await submitNeed({
      title: '数控机床主轴轴承寿命不足',
      problem: '我公司数控机床主轴高速精密轴承寿命短，希望改进热处理工艺，延长使用寿命。',
    });
    expect(second.duplicates[0]?.id).toBe(first.need.id);
    expect(second.duplicates[0]?.similarity).toBeGreaterThanOrEqual(40);
    const dups = (await officer.get(`/api/challenges/needs/${first.need.id}/duplicates`)).json();
    expect(dups.map((d: { id: string }) => d.id)).toContain(second.need.id);
    expect(dups.every((d: { title: string }) => !d.title.includes('仿真'))).toBe(true);
  });

  it('lets officers screen, return (with reason) and reject; each needs the right role and state', async () => {
    const a = await submitNeed({ title: '激光焊接变形控制' });
    const screened = await officer.post(`/api/challenges/needs/${a.need.id}/screen`, {});
    expect(screened.json().status).toBe('screening');
    const noReason = await officer.post(`/api/challenges/needs/${a.need.id}/return`, {});
    expect(noReason.json().code).toBe('VALIDATION_FAILED');
    const returned = await officer.post(`/api/challenges/needs/${a.need.id}/return`, { reason: '请补充测试方法' });
    expect(returned.json().status).toBe('returned');
    const byEnterprise = await enterprise.post(`/api/challenges/needs/${a.need.id}/accept`, {});
    expect(byEnterprise.statusCode).toBe(403);
    const wrongState = await officer.post(`/api/challenges/needs/${a.need.id}/accept`, {});
    expect(wrongState.json().code).toBe('INVALID_TRANSITION');
    // Returned → edited → resubmitted.
    const detail = (await enterprise.get(`/api/challenges/needs/${a.need.id}`)).json();
    const edited = await enterprise.put(`/api/challenges/needs/${a.need.id}`, {
      ...need({ title: '激光焊接变形控制（补充测试方法）' }),
      version: detail.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const stale = await enterprise.put(`/api/challenges/needs/${a.need.id}`, { ...need(), version: detail.version });
    expect(stale.json().code).toBe('STALE_STATE');
    expect((await enterprise.post(`/api/challenges/needs/${a.need.id}/submit`, {})).json().status).toBe('submitted');
  });

  it('runs batch actions need by need and reports each refusal', async () => {
    const a = await submitNeed({ title: '批量甲：陶瓷基板' });
    const b = await submitNeed({ title: '批量乙：高纯石英' });
    await officer.post(`/api/challenges/needs/${b.need.id}/reject`, { reason: '不属于本批方向' });
    const res = await officer.post('/api/challenges/needs/batch', { ids: [a.need.id, b.need.id], command: 'accept' });
    expect(res.json().done).toEqual([a.need.id]);
    expect(res.json().failed).toEqual([expect.objectContaining({ id: b.need.id, code: 'INVALID_TRANSITION' })]);
  });

  it('merges duplicates: sources stay linked, their enterprises are told', async () => {
    const target = await submitNeed({ title: '合并目标：碳化硅衬底缺陷控制' });
    const src = await submitNeed({ title: '合并来源：碳化硅衬底微管缺陷' });
    const res = await officer.post('/api/challenges/needs/merge', {
      targetId: target.need.id,
      sourceIds: [src.need.id],
      reason: '同一技术问题',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mergedFrom.map((m: { id: string }) => m.id)).toEqual([src.need.id]);
    const source = (await enterprise.get(`/api/challenges/needs/${src.need.id}`)).json();
    expect(source.status).toBe('merged');
    expect(source.mergedIntoId).toBe(target.need.id);
    const again = await officer.post('/api/challenges/needs/merge', {
      targetId: target.need.id,
      sourceIds: [src.need.id],
      reason: '再次合并',
    });
    expect(again.json().code).toBe('CHALLENGE_MERGE_INVALID');
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(like(notifications.titleZh, '需求已合并：合并来源%'));
    expect(told.length).toBe(1);
  });
});

describe('lists, 论证 and the hall', () => {
  let listId: string;
  let needId: string;

  it('drafts a list from accepted needs only', async () => {
    const n = await submitNeed({
      title: '榜单来源：精密减速器回差',
      confidentiality: 'desensitised',
      publicSummary: '某装备企业精密减速器需求',
    });
    needId = n.need.id;
    const notAccepted = await officer.post('/api/challenges/lists', listBody([needId]));
    expect(notAccepted.json().code).toBe('CHALLENGE_NEED_UNAVAILABLE');
    await acceptNeed(needId);
    const res = await officer.post('/api/challenges/lists', listBody([needId]));
    expect(res.statusCode, res.body).toBe(201);
    listId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'drafting', code: 'T2026-1-001', confidentiality: 'desensitised' });
    expect(res.json().policy.version).toBe(2);
    const twice = await officer.post('/api/challenges/lists', listBody([needId]));
    expect(twice.json().code).toBe('CHALLENGE_NEED_UNAVAILABLE');
    const badWindow = await officer.post(
      '/api/challenges/lists',
      listBody([needId], { applyClosesAt: '2026-11-20T00:00:00Z' }),
    );
    expect(badWindow.json().code).toBe('CHALLENGE_WINDOW_INVALID');
  });

  it('is invisible to the public while drafted', async () => {
    expect((await publicClient.get(`/api/challenges/lists/${listId}`)).statusCode).toBe(404);
  });

  it('two officers acting on the same list at once: one wins, the other gets a coded conflict', async () => {
    const v = (await officer.get(`/api/challenges/lists/${listId}`)).json().version;
    const [a, b] = await Promise.all([
      officer.put(`/api/challenges/lists/${listId}`, { title: '标题甲', version: v }),
      admin.put(`/api/challenges/lists/${listId}`, { title: '标题乙', version: v }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)?.json().code).toBe('STALE_STATE');
    const v2 = (await officer.get(`/api/challenges/lists/${listId}`)).json().version;
    expect(v2).toBe(v + 1);
    const [c, d] = await Promise.all([
      officer.post(`/api/challenges/lists/${listId}/submit-review`, { version: v2 }),
      admin.post(`/api/challenges/lists/${listId}/submit-review`, { version: v2 }),
    ]);
    expect([c.statusCode, d.statusCode].sort()).toEqual([200, 409]);
    const events = await t.database.db.select().from(challengeListEvents).where(eq(challengeListEvents.listId, listId));
    expect(events.filter((e) => e.toStatus === 'in_review')).toHaveLength(1);
  });

  it('experts argue it: revise sends it back, approval moves it on; officers cannot review', async () => {
    let l = (await expert.get(`/api/challenges/lists/${listId}`)).json();
    expect(l.commands).toContain('review');
    const byOfficer = await officer.post(`/api/challenges/lists/${listId}/review`, {
      verdict: 'approve',
      comment: '同意',
      version: l.version,
    });
    expect(byOfficer.statusCode).toBe(403);
    const revise = await expert.post(`/api/challenges/lists/${listId}/review`, {
      verdict: 'revise',
      comment: '考核指标需增加振动指标',
      version: l.version,
    });
    expect(revise.statusCode, revise.body).toBe(200);
    expect(revise.json().status).toBe('drafting');
    l = (await officer.get(`/api/challenges/lists/${listId}`)).json();
    await officer.put(`/api/challenges/lists/${listId}`, {
      indicators: [...l.indicators, { name: '振动', target: '≤Z2', unit: '级', testMethod: 'GB/T 32333' }],
      version: l.version,
    });
    l = (await officer.get(`/api/challenges/lists/${listId}`)).json();
    const early = await officer.post(`/api/challenges/lists/${listId}/publish`, { version: l.version });
    expect(early.json().code).toBe('INVALID_TRANSITION');
    l = (await officer.post(`/api/challenges/lists/${listId}/submit-review`, { version: l.version })).json();
    const ok = await expert.post(`/api/challenges/lists/${listId}/review`, {
      verdict: 'approve',
      comment: '同意发榜',
      version: l.version,
    });
    expect(ok.json().status).toBe('approved');
    expect(ok.json().reviews.map((r: { verdict: string }) => r.verdict)).toEqual(['revise', 'approve']);
    const twice = await expert.post(`/api/challenges/lists/${listId}/review`, {
      verdict: 'approve',
      comment: '再次',
      version: ok.json().version,
    });
    expect(twice.json().code).toBe('INVALID_TRANSITION');
  });

  it('publishes; the hall shows it without sign-in, desensitised, and finds it by jieba search', async () => {
    const l = (await officer.get(`/api/challenges/lists/${listId}`)).json();
    const pub = await officer.post(`/api/challenges/lists/${listId}/publish`, { version: l.version });
    expect(pub.json().status).toBe('published');
    const hall = (await publicClient.get('/api/challenges/lists?q=减速器')).json();
    expect(hall.items.map((i: { id: string }) => i.id)).not.toContain(listId);
    const byTitle = (await publicClient.get(`/api/challenges/lists?q=${encodeURIComponent('轴承热处理')}`)).json();
    expect(byTitle.items.map((i: { id: string }) => i.id)).toContain(listId);
    const page = (await publicClient.get(`/api/challenges/lists/${listId}`)).json();
    expect(page.organisationName).toBeNull();
    expect(page.needs).toEqual([{ id: needId, title: '某装备企业精密减速器需求', organisationName: null }]);
    expect(page.events).toEqual([]);
    const filtered = (
      await publicClient.get(`/api/challenges/lists?directionId=${directionId}&deadlineFrom=2027-01-01`)
    ).json();
    expect(filtered.total).toBe(1);
    const none = (await publicClient.get('/api/challenges/lists?deadlineTo=2026-12-01')).json();
    expect(none.total).toBe(0);
    const told = await t.database.db.select().from(notifications).where(like(notifications.titleZh, '榜单已发布%'));
    expect(told.length).toBeGreaterThan(0);
  });

  it('takes public questions as text; officers answer, answers are public', async () => {
    const anon = await publicClient.post(`/api/challenges/lists/${listId}/questions`, { question: 'x' });
    expect(anon.statusCode).toBe(401);
    const script = '<script>alert(1)</script> 联合体可以有几家成员？';
    const q = await enterprise.post(`/api/challenges/lists/${listId}/questions`, { question: script });
    expect(q.statusCode, q.body).toBe(201);
    expect((await publicClient.get(`/api/challenges/lists/${listId}`)).json().questions).toEqual([]);
    const byEnterprise = await enterprise.post(`/api/challenges/questions/${q.json().id}/answer`, { answer: '不限' });
    expect(byEnterprise.statusCode).toBe(403);
    await officer.post(`/api/challenges/questions/${q.json().id}/answer`, { answer: '联合体成员不超过 3 家。' });
    const shown = (await publicClient.get(`/api/challenges/lists/${listId}`)).json().questions;
    expect(shown).toEqual([expect.objectContaining({ question: script, answer: '联合体成员不超过 3 家。' })]);
  });

  it('transitionList enforces the table for the selection side', async () => {
    const ctx = { actorUserId: null, actorOrgId: null, requestId: null, ip: null };
    await expect(
      t.database.db.transaction((tx) => transitionList(tx, listId, 'taken', ctx, null)),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(
      t.database.db.transaction((tx) => transitionList(tx, listId, 'unclaimed', ctx, '')),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const r = await t.database.db.transaction((tx) => transitionList(tx, listId, 'selecting', ctx, null));
    expect(r).toMatchObject({ from: 'published', to: 'selecting' });
  });
});

describe('funnel', () => {
  it('is open data overall, with CSV and XLSX exports; batch detail is for the bureau', async () => {
    const f = (await publicClient.get('/api/challenges/funnel')).json();
    expect(f.totals.needsSubmitted).toBeGreaterThan(5);
    expect(f.totals.listsPublished).toBe(1);
    expect(f.byDirection.map((d: { name: string }) => d.name)).toEqual(['高端装备']);
    const csv = await publicClient.get('/api/challenges/funnel/export?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('征集需求');
    const xlsx = await publicClient.get('/api/challenges/funnel/export?format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await publicClient.get(`/api/challenges/funnel/batches/${batchId}`)).statusCode).toBe(401);
    expect((await enterprise.get(`/api/challenges/funnel/batches/${batchId}`)).statusCode).toBe(403);
    const batch = (await officer.get(`/api/challenges/funnel/batches/${batchId}`)).json();
    expect(batch.totals.needsAccepted).toBeGreaterThan(0);
  });
});
