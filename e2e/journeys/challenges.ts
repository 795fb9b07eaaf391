/**
 * 揭榜挂帅 from need to paid subsidy tranche, through the screens of every role. This file: the
 * open-data figures, needs (report, duplicates, merge, accept), the list (draft, 论证, publish), the
 * public hall with Q&A, and the check that script typed into text fields is shown as text. The
 * award half (apply → tranche paid) is in challenge-award.ts.
 */
/// <reference lib="dom" />

import type { Page } from 'playwright-core';
import { type Ctx, ENTERPRISE, nav, newPage, OFFICER, pickSelect, settledDialog, shot, signIn } from '../lib.js';
import { awardToPaidTranche } from './challenge-award.js';

export const EXPERT = 'expert@demo.kechuang.cn';
const SCRIPT = '<script>alert(1)</script>';

/** Fails the journey if any page ever opens a dialog: typed script must never run. */
export function noDialogs(page: Page) {
  page.on('dialog', (d) => {
    void d.dismiss();
    throw new Error(`a page opened a dialog (${d.message()}): script in a text field ran`);
  });
}

/** Opens a need or list record from the workspace list by its title. */
async function openRow(page: Page, title: string) {
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { name: new RegExp(title.slice(0, 12)) }).waitFor();
}

/** The confirm dialog of a record action (reason box optional), and wait until it has closed. */
async function confirmAction(page: Page, okTestId: string, reason?: string) {
  const dialog = await settledDialog(page);
  if (reason) await dialog.getByRole('textbox').first().fill(reason);
  await dialog.getByTestId(okTestId).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
}

async function fillNeed(page: Page, n: { title: string; problem: string }) {
  await pickSelect(page, '产业链创新方向', '机器人');
  await page.getByLabel('需求名称').fill(n.title);
  await page.getByLabel('问题描述').fill(n.problem);
  await page.getByLabel('指标名称 1').fill('柔轮疲劳寿命');
  await page.getByLabel('目标值 1').fill('≥20000');
  await page.getByLabel('单位 1').fill('小时');
  await page.getByLabel('检测方法 1').fill('加速寿命试验，第三方检测');
  await page.getByRole('button', { name: '增加指标' }).click();
  await page.getByLabel('指标名称 2').fill('传动精度');
  await page.getByLabel('目标值 2').fill('≤30');
  await page.getByLabel('单位 2').fill('角秒');
  await page.getByLabel('检测方法 2').fill('GB/T 35089 精度测试');
  await page.getByLabel('现有技术基础').fill('已有样机两台，寿命约八千小时；具备疲劳试验台。');
  const due = page.getByLabel('期望完成时间');
  await due.click();
  await due.fill('2028-06-30');
  await due.press('Enter');
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
  await page.getByLabel('企业自筹经费').fill('300');
  await page.getByLabel('联系电话').fill('13912345678');
}

/** The whole journey: the first half here, the award half in challenge-award.ts. */
export async function challengeNeedToPaidTranche(ctx: Ctx): Promise<void> {
  const tag = Date.now().toString(36).slice(-4).toUpperCase();
  const published = await needToPublishedList(ctx, tag);
  await awardToPaidTranche(ctx, { ...published, tag });
}

async function needToPublishedList(ctx: Ctx, tag: string) {
  // 0. The open data, signed out, before this journey adds to it: the Shenyang-shaped demo batch.
  let page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await page.goto(`${ctx.url}/open-data/challenges`);
  await page.getByRole('heading', { name: '揭榜挂帅开放数据' }).waitFor();
  for (const [id, n] of [
    ['needsSubmitted', '308'],
    ['listsPublished', '31'],
    ['applicantOrgs', '127'],
    ['listsTaken', '26'],
  ] as const)
    await page.getByTestId(`funnel-${id}`).getByText(n, { exact: true }).waitFor();
  await page.getByTestId('funnel-chart').locator('canvas').waitFor();
  await shot(page, 'chal-01-open-data', true);
  await page.close();

  // 1. The enterprise reports a need: a draft first, then submitted (no duplicates yet).
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, ENTERPRISE);
  await nav(page).getByRole('link', { name: '我的需求' }).click();
  await page.getByRole('heading', { name: '我的需求' }).waitFor();
  await page.getByTestId('need-new').click();
  await page.getByRole('heading', { name: '填报需求' }).waitFor();
  const needA = `谐波减速器柔轮疲劳寿命提升 ${tag}`;
  await fillNeed(page, {
    title: needA,
    problem: `机器人关节用谐波减速器柔轮在高负载下疲劳断裂，寿命不足一万小时，需要改进材料与热处理工艺。${SCRIPT}`,
  });
  await shot(page, 'chal-02-need-form', true);
  await page.getByTestId('need-save-draft').click();
  await page.waitForURL(/\/my-needs\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: needA }).getByText('草稿').waitFor();
  await page.getByTestId('need-action-submit').click();
  await confirmAction(page, 'need-action-ok');
  await page.getByTestId('need-submitted').getByText('未发现相似需求').waitFor();
  await page.getByRole('heading', { name: needA }).getByText('已提交').waitFor();
  await shot(page, 'chal-03-need-submitted', true);

  // A second, similar need: duplicates show while typing and, ranked, on submit.
  await nav(page).getByRole('link', { name: '我的需求' }).click();
  await page.getByTestId('need-new').click();
  const needB = `谐波减速器柔轮寿命偏短 ${tag}`;
  await fillNeed(page, {
    title: needB,
    problem: '协作机器人谐波减速器柔轮疲劳寿命偏短，高负载下易断裂，需提升材料与工艺。',
  });
  await page.getByTestId('similar-while-typing').getByText(needA).waitFor();
  await page.getByTestId('similar-while-typing').scrollIntoViewIfNeeded();
  await shot(page, 'chal-04-need-similar-while-typing');
  await page.getByTestId('need-submit').click();
  await page.waitForURL(/\/my-needs\/[0-9a-f-]{36}$/);
  const dupItem = page.getByTestId('need-submitted').getByTestId('duplicate-item').filter({ hasText: needA });
  await dupItem.waitFor();
  await shot(page, 'chal-05-need-duplicates-on-submit', true);
  await page.close();

  // 2. The officer: the queue, batch screening, the duplicates panel, merging, accepting.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await page.getByTestId('ckpi-needsToScreen').waitFor();
  await shot(page, 'chal-06-officer-workspace');
  await nav(page).getByRole('link', { name: '需求甄别' }).click();
  await page.getByRole('heading', { name: '需求甄别' }).waitFor();
  await pickSelect(page, '征集批次', '2026-02 2026年第二批揭榜挂帅');
  await page.getByLabel('关键词').fill(tag);
  await page.getByLabel('关键词').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('tr.ant-table-row').length === 2);
  await page.getByRole('checkbox', { name: `选择 ${needA}` }).check();
  await page.getByRole('checkbox', { name: `选择 ${needB}` }).check();
  await shot(page, 'chal-07-need-queue');
  await page.getByTestId('queue-batch-screen').click();
  await confirmAction(page, 'queue-batch-ok');
  await page.getByText('已办理 2 条需求').waitFor();
  await page.locator('tr.ant-table-row', { hasText: needA }).getByText('甄别中').waitFor();
  await openRow(page, needA);
  // Script typed into the problem statement is shown as text, never run.
  await page.getByTestId('need-problem').getByText(SCRIPT, { exact: false }).waitFor();
  const panel = page.getByTestId('duplicates-panel');
  await panel.getByTestId('duplicate-item').filter({ hasText: needB }).waitFor();
  await shot(page, 'chal-08-need-duplicates-panel', true);
  await panel.getByRole('checkbox', { name: `选择 ${needB}` }).check();
  await page.getByTestId('merge-into-this').click();
  await confirmAction(page, 'merge-ok', '同一技术问题，合并办理');
  await page.getByText('并入本需求的相似需求（1）').waitFor();
  await page.getByTestId('need-action-accept').click();
  await confirmAction(page, 'need-action-ok');
  await page.getByRole('heading', { name: needA }).getByText('已采纳').waitFor();
  await page.getByTestId('need-history').getByText('已采纳').first().waitFor();
  await shot(page, 'chal-09-need-accepted', true);

  // 3. The officer drafts a list from the accepted need and sends it to 论证.
  await page.getByTestId('need-draft-list').click();
  await page.getByRole('heading', { name: '凝练榜单' }).waitFor();
  const listTitle = `谐波减速器长寿命柔轮攻关 ${tag}`;
  await page.getByLabel('榜单名称').fill(listTitle);
  await page.getByLabel('攻关目标').fill('柔轮疲劳寿命达到两万小时 <b>不加粗</b>，实现国产替代。');
  await page.getByLabel('联系电话').fill('0575-88123456');
  await shot(page, 'chal-10-list-form', true);
  await page.getByTestId('list-save').click();
  await page.waitForURL(/\/challenge-admin\/lists\/[0-9a-f-]{36}$/);
  const listId = new URL(page.url()).pathname.split('/').pop() as string;
  await page.getByRole('heading', { name: listTitle }).getByText('凝练中').waitFor();
  await page.getByTestId('list-action-submit_review').click();
  await confirmAction(page, 'list-action-ok');
  await page.getByRole('heading', { name: listTitle }).getByText('专家论证中').waitFor();
  await shot(page, 'chal-11-list-in-review', true);
  await page.close();

  // 4. The expert argues it (论证) and approves.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, EXPERT);
  await nav(page).getByRole('link', { name: '榜单论证' }).click();
  await page.getByRole('heading', { name: '榜单论证' }).waitFor();
  await openRow(page, listTitle);
  await page.getByTestId('review-form').getByLabel('意见').fill('考核指标可测，周期与投入匹配，同意发榜。');
  await shot(page, 'chal-12-expert-review', true);
  await page.getByTestId('review-submit').click();
  await page.getByRole('heading', { name: listTitle }).getByText('论证通过').waitFor();
  await page.close();

  // 5. The officer publishes it.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await page.goto(`${ctx.url}/challenge-admin/lists/${listId}`);
  await page.getByTestId('list-opinions').getByText('同意发榜').first().waitFor();
  await page.getByTestId('list-action-publish').click();
  await confirmAction(page, 'list-action-ok');
  await page.getByRole('heading', { name: listTitle }).getByText('已发榜').waitFor();
  await shot(page, 'chal-13-list-published', true);
  await page.close();

  // 6. The public hall, signed out: filtered by batch, direction and keyword; the list page shows
  // the markup typed into the goal as text.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await page.goto(`${ctx.url}/challenges`);
  await page.getByRole('heading', { name: '榜单大厅' }).waitFor();
  await pickSelect(page, '征集批次', '2026年第二批揭榜挂帅');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  await pickSelect(page, '创新方向', '机器人');
  await page.getByLabel('关键词').fill('谐波减速器');
  await page.getByLabel('关键词').press('Enter');
  await page.waitForURL(/q=/);
  await page.getByRole('link', { name: listTitle }).waitFor();
  await shot(page, 'chal-14-hall-filtered');
  await page.getByRole('link', { name: listTitle }).click();
  await page.getByTestId('list-goal').getByText('<b>不加粗</b>', { exact: false }).waitFor();
  if (await page.locator('[data-testid="list-goal"] b').count()) throw new Error('markup in the goal was rendered');
  await shot(page, 'chal-15-list-page', true);
  await page.close();
  return { listId, listTitle, needA };
}
