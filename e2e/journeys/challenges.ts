/** 揭榜挂帅 journey: need → accepted → list drafted → 论证 → published → visible in the public hall. */
/// <reference lib="dom" />

import { apiAs, type Ctx, ENTERPRISE, newPage, OFFICER, shot, signIn } from '../lib.js';

interface Batch {
  id: string;
  code: string;
  open: boolean;
  directions: { id: string }[];
}

/**
 * The workflow steps run through the API as each role (the workspace screens are not built yet);
 * the public hall, the list page and the open-data funnel are checked in the browser, signed out.
 */
export async function challengeToHall(ctx: Ctx): Promise<void> {
  let page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, ENTERPRISE);
  const batches = await apiAs<Batch[]>(page, 'GET', '/api/challenges/batches');
  const batch = batches.find((b) => b.open);
  if (!batch) throw new Error('the demo has no open batch');
  const tag = Date.now().toString(36).slice(-4);
  const created = await apiAs<{ need: { id: string } }>(page, 'POST', '/api/challenges/needs', {
    batchId: batch.id,
    directionId: batch.directions[3]?.id,
    category: 'basic_parts',
    title: `E2E 谐波减速器柔轮疲劳寿命 ${tag}`,
    problem: '谐波减速器柔轮在高负载下疲劳断裂，寿命不足一万小时。<script>alert(1)</script>',
    indicators: [{ name: '疲劳寿命', target: '≥20000', unit: '小时', testMethod: '加速寿命试验' }],
    technicalBase: '已有样机。',
    expectedCompletion: '2028-06-30',
    ownFundingFen: 300_000_000,
    confidentiality: 'public',
    ipIntent: 'shared',
    contactName: '张企业',
    contactPhone: '13912345678',
    submit: true,
  });
  await page.close();

  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, OFFICER);
  await apiAs(page, 'POST', `/api/challenges/needs/${created.need.id}/accept`, {});
  const list = await apiAs<{ id: string; version: number }>(page, 'POST', '/api/challenges/lists', {
    needIds: [created.need.id],
    title: `E2E 谐波减速器长寿命柔轮攻关 ${tag}`,
    goal: '柔轮疲劳寿命达到两万小时 <b>不加粗</b>',
    indicators: [{ name: '疲劳寿命', target: '≥20000', unit: '小时', testMethod: '第三方试验' }],
    eligibility: '国内外高校、院所、企业均可揭榜。',
    periodMonths: 24,
    enterpriseInvestmentFen: 600_000_000,
    applyOpensAt: new Date().toISOString(),
    applyClosesAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    contactName: '李晓燕',
    contactPhone: '0575-88123456',
  });
  const inReview = await apiAs<{ version: number }>(page, 'POST', `/api/challenges/lists/${list.id}/submit-review`, {
    version: list.version,
  });
  await page.close();

  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, 'expert@demo.kechuang.cn');
  const approved = await apiAs<{ version: number; status: string }>(
    page,
    'POST',
    `/api/challenges/lists/${list.id}/review`,
    {
      verdict: 'approve',
      comment: '指标可测，同意发榜',
      version: inReview.version,
    },
  );
  await page.close();

  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, OFFICER);
  await apiAs(page, 'POST', `/api/challenges/lists/${list.id}/publish`, { version: approved.version });
  await page.close();

  page = await newPage(ctx, { signedOut: true });
  await page.goto(`${ctx.url}/challenges`);
  await page.getByPlaceholder(/搜索榜单/).fill('谐波减速器');
  await page.getByPlaceholder(/搜索榜单/).press('Enter');
  await page.getByRole('link', { name: new RegExp(`长寿命柔轮攻关 ${tag}`) }).click();
  await page.getByText('<b>不加粗</b>', { exact: false }).waitFor();
  await shot(page, 'challenges-list-page', true);
  await page.goto(`${ctx.url}/challenges`);
  await page
    .getByRole('cell', { name: /2026-01-001/ })
    .first()
    .waitFor();
  await shot(page, 'challenges-hall');
  await page.goto(`${ctx.url}/open-data/challenges`);
  await page.getByText('揭榜挂帅开放数据').waitFor();
  await page.waitForTimeout(800);
  await shot(page, 'challenges-open-funnel');
  await page.close();
}
