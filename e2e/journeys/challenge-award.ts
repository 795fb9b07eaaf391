/**
 * 揭榜挂帅, the award half: a solver asks and applies, the officer screens and assigns an expert,
 * the expert scores, the enterprise compares, the officer selects (公示, then taken), the contract is
 * recorded and registered, a milestone is reported, confirmed and passed, and finance pays the
 * tranche. Time passes on the platform's clock for the application deadline and the notice period.
 */
/// <reference lib="dom" />

import type { Page } from 'playwright-core';
import { randomCreditCode } from '../../src/shared/credit-code.js';
import {
  apiAs,
  type Ctx,
  DEMO_PASSWORD,
  ENTERPRISE,
  nav,
  newPage,
  OFFICER,
  settledDialog,
  shot,
  signIn,
} from '../lib.js';
import { EXPERT, noDialogs } from './challenges.js';

const DAY = 86_400_000;
const FINANCE = 'finance@demo.kechuang.cn';
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function okDialog(page: Page, fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>) {
  const dialog = await settledDialog(page);
  await fill?.(dialog);
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
}

/**
 * Setup, not part of the journey: a new institute registers and the bureau verifies it (the
 * identity journeys cover those screens). The demo's own expert belongs to the demo university,
 * so the solver has to be someone else for the review to be free of conflicts of interest.
 */
async function registerSolver(ctx: Ctx, tag: string) {
  const page = await newPage(ctx, { signedOut: true });
  await page.goto(`${ctx.url}/`);
  const email = `solver-${tag.toLowerCase()}@example.cn`;
  const name = `绍兴精密传动研究院${tag}`;
  const me = await apiAs<{ memberships: { organisation: { id: string } }[] }>(page, 'POST', '/api/auth/register', {
    organisation: {
      name,
      creditCode: randomCreditCode({ regionCode: '330602' }),
      type: 'new_rd_institute',
      regionCode: '330602',
    },
    user: { name: '陈揭榜', email, phone: '13700001111', password: DEMO_PASSWORD },
    acceptTerms: true,
  });
  await page.close();
  const officer = await newPage(ctx, { signedOut: true });
  await signIn(ctx, officer, OFFICER);
  await apiAs(officer, 'POST', `/api/organisations/${me.memberships[0]?.organisation.id}/verify`, { reason: '已核对' });
  await officer.close();
  return { email, name };
}

export async function awardToPaidTranche(
  ctx: Ctx,
  l: { listId: string; listTitle: string; needA: string; tag: string },
): Promise<void> {
  if (!ctx.clock) throw new Error('the award half needs the platform clock (e2e/run.ts passes it)');
  const solver = await registerSolver(ctx, l.tag);
  try {
    await run(ctx, ctx.clock, l, solver);
  } finally {
    ctx.clock.reset();
  }
}

async function run(
  ctx: Ctx,
  clock: NonNullable<Ctx['clock']>,
  l: { listId: string; listTitle: string; needA: string },
  solver: { email: string; name: string },
) {
  // 7. The solver asks a public question and applies from the list page.
  let page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, solver.email);
  await page.goto(`${ctx.url}/challenges/${l.listId}`);
  await page.getByLabel('向科技局提问').fill('联合体成员是否可以包括境外高校？<img src=x onerror=alert(2)>');
  await page.getByTestId('hall-ask').click();
  await page.getByText('问题已提交，答复后将公开显示').waitFor();
  await page.getByTestId('hall-apply').click();
  await page.waitForURL(/\/challenges\/apply\/mine\?listId=/);
  const drawer = page.getByRole('dialog');
  await drawer.getByText(l.listTitle).first().waitFor();
  await drawer
    .getByLabel('技术方案')
    .fill('采用新型高强度合金柔轮与渗氮强化工艺，结合有限元寿命预测，分两阶段完成样机与验证。');
  await drawer.getByPlaceholder('节点名称').fill('样机研制');
  await drawer.getByPlaceholder('交付物').fill('样机两台与寿命试验报告');
  const weight = drawer.getByPlaceholder('拨付比例 %');
  await weight.fill('100');
  await drawer.getByPlaceholder('科目').fill('材料与试验费');
  await drawer.getByPlaceholder('金额（元）').fill('1800000');
  await drawer.getByPlaceholder('姓名').fill('陈揭榜');
  await drawer.getByPlaceholder('职称').fill('研究员');
  await drawer.getByPlaceholder('分工').fill('项目负责人');
  await drawer.getByLabel('前期成果').fill('承担省重点研发计划精密减速器课题，授权发明专利 6 项。');
  await drawer.getByRole('checkbox', { name: /科研诚信承诺书/ }).check();
  await shot(page, 'chal-16-application-form', true);
  await drawer.getByRole('button', { name: '提交申报' }).click();
  await page.waitForURL(/\/challenges\/apply\/applications\/[0-9a-f-]{36}$/);
  const applicationUrl = page.url();
  await page.getByRole('heading', { name: new RegExp(l.listTitle) }).waitFor();
  await page.getByTestId('chal-event').first().waitFor();
  await shot(page, 'chal-17-application-submitted', true);
  await page.close();

  // 8. The officer answers the question; then, after the deadline, screens and assigns the expert.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await page.goto(`${ctx.url}/challenge-admin/lists/${l.listId}`);
  const qa = page.getByTestId('list-questions');
  await qa.getByText('<img src=x onerror=alert(2)>', { exact: false }).waitFor();
  await qa.getByTestId('answer-open').click();
  await qa.getByLabel('答复内容（公开）').fill('可以，牵头单位须为境内法人单位。');
  await qa.getByTestId('answer-submit').click();
  await page.getByText('答复已公开，提问人会收到通知').waitFor();
  await page.close();
  clock.advance(46 * DAY); // the application window (45 days from publication) closes
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await page.goto(`${ctx.url}/challenge-admin/lists/${l.listId}`);
  await page.getByTestId('list-screening').click();
  await page.waitForURL(/\/challenges\/apply\/screening\?listId=/);
  const row = page.locator('tr.ant-table-row', { hasText: solver.name }).first();
  await row.waitFor();
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: '形式审查通过' }).click();
  await okDialog(page);
  await row.getByText('形式审查通过').waitFor();
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: '分配专家' }).click();
  await okDialog(page, async (d) => {
    await d.getByLabel('评审专家').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '周教授' }).click();
    await d.locator('.ant-select-selection-item', { hasText: '周教授' }).waitFor();
    await d.locator('.ant-modal-title').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  });
  await page.getByText(/已分配 1 项评审任务/).waitFor();
  await shot(page, 'chal-18-officer-screening', true);
  await page.close();

  // 9. The expert scores the proposal with the weighted rubric.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, EXPERT);
  await nav(page).getByRole('link', { name: '揭榜评审' }).click();
  const task = page.locator('tr.ant-table-row', { hasText: l.listTitle }).first();
  await task.getByRole('button', { name: '评分' }).click();
  await okDialog(page, async (d) => {
    const scores: [string, string][] = [
      ['技术方案先进性与可行性', '88'],
      ['研发基础与团队能力', '85'],
      ['考核指标可达性', '90'],
      ['经费预算合理性', '80'],
    ];
    for (const [label, v] of scores) await d.getByLabel(new RegExp(label)).fill(v);
    await d.getByLabel('评审意见').fill('技术路线清晰，团队基础扎实。');
  });
  await task.getByText('86.45').waitFor();
  await shot(page, 'chal-19-expert-scored');
  await page.close();

  // 10. The enterprise compares the proposals (方案比选) from its need.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, ENTERPRISE);
  await nav(page).getByRole('link', { name: '我的需求' }).click();
  await page.getByRole('link', { name: l.needA }).click();
  await page.getByTestId('need-list').getByRole('link', { name: '方案比选' }).click();
  await page.locator('tr.ant-table-row', { hasText: solver.name }).getByText('86.45').waitFor();
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  await shot(page, 'chal-20-enterprise-compare', true);
  await page.close();

  // 11. The officer selects the solver (公示); after the notice period the list is taken.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await page.goto(`${ctx.url}/challenges/apply/screening?listId=${l.listId}`);
  const picked = page.locator('tr.ant-table-row', { hasText: solver.name }).first();
  await picked.getByRole('checkbox').check();
  await page.getByLabel('公示天数').fill('1');
  await page.getByRole('button', { name: '遴选并公示', exact: true }).click();
  await page
    .getByText(/公示中/)
    .first()
    .waitFor();
  await page.close();
  clock.advance(2 * DAY); // the notice period ends
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await page.goto(`${ctx.url}/challenges/apply/screening?listId=${l.listId}`);
  await page.getByRole('button', { name: '公示期满，确认揭榜' }).click();
  await page
    .getByText(/已揭榜/)
    .first()
    .waitFor();
  await shot(page, 'chal-21-selected-taken', true);
  await page.close();

  // 12. The solver records the technology contract.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, solver.email);
  await page.goto(applicationUrl);
  await page.getByRole('button', { name: '录入技术合同' }).click();
  await okDialog(page, async (d) => {
    await d.getByLabel('成交额（元）').fill('2000000');
    await d.getByLabel('技术交易额（元）').fill('1800000');
    const signed = d.getByLabel('签订日期');
    await signed.click();
    await signed.fill('2026-12-01');
    await signed.press('Enter');
  });
  await page.waitForURL(/\/challenges\/apply\/contracts\/[0-9a-f-]{36}$/);
  const contractUrl = page.url();
  await page.getByText('已签订（未登记）').first().waitFor();
  await page.close();

  // 13. The officer uploads the registration certificate and registers the contract.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await page.goto(contractUrl);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '技术合同登记证明.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('link', { name: '技术合同登记证明.pdf' }).waitFor();
  await page.getByRole('button', { name: '认定登记' }).click();
  await okDialog(page, async (d) => {
    await d.getByLabel('登记编号').fill(`3306012026${Date.now().toString().slice(-6)}`);
    await d.getByLabel('登记机构').fill('绍兴市技术市场');
    const on = d.getByLabel('登记日期');
    await on.click();
    await on.fill('2026-12-05');
    await on.press('Enter');
  });
  await page.getByText('900,000 元').first().waitFor();
  await shot(page, 'chal-22-contract-registered', true);
  await page.close();

  // 14. Milestone: the solver reports, the enterprise confirms, the expert passes it.
  const steps: { who: string; button: string; text?: string }[] = [
    { who: solver.email, button: '提交报告', text: '样机两台完成，寿命试验达到 21000 小时。' },
    { who: ENTERPRISE, button: '企业确认' },
    { who: EXPERT, button: '考核通过', text: '指标达到要求。' },
  ];
  const trancheRow = (p: Page) => p.locator('tr.ant-table-row', { hasText: '里程碑拨付' });
  for (const step of steps) {
    page = await newPage(ctx, { signedOut: true });
    noDialogs(page);
    await signIn(ctx, page, step.who);
    if (step.who === EXPERT) {
      // The expert who scored the proposal finds the contract among theirs and assesses the milestone.
      await nav(page).getByRole('link', { name: '揭榜合同与补助' }).click();
      await page.getByRole('link', { name: l.listTitle }).click();
    } else await page.goto(contractUrl);
    await page.getByRole('button', { name: step.button }).click();
    const text = step.text;
    await okDialog(page, text ? (d) => d.getByRole('textbox').fill(text) : undefined);
    if (step.who === EXPERT) await trancheRow(page).getByText('待拨付').waitFor();
    else await page.getByRole('button', { name: step.button }).waitFor({ state: 'detached' });
    await page.close();
  }

  // 15. Finance pays the tranche: the subsidy is paid.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, FINANCE);
  await nav(page).getByRole('link', { name: '揭榜合同与补助' }).click();
  await page.getByRole('link', { name: l.listTitle }).click();
  await trancheRow(page).getByRole('button', { name: '拨付' }).click();
  await trancheRow(page).getByText('已拨付').waitFor();
  await shot(page, 'chal-23-tranche-paid', true);
  await page.close();

  // 16. The batch funnel shows the whole path.
  page = await newPage(ctx, { signedOut: true });
  noDialogs(page);
  await signIn(ctx, page, OFFICER);
  await nav(page).getByRole('link', { name: '揭榜批次' }).click();
  await page.getByRole('link', { name: '2026年第二批揭榜挂帅' }).click();
  const funnel = page.getByTestId('batch-funnel');
  await funnel.getByTestId('funnel-listsTaken').getByText('1', { exact: true }).waitFor();
  await funnel.getByTestId('funnel-subsidyPaid').getByText('900,000', { exact: true }).waitFor();
  // The stages chart and both breakdowns have drawn.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="batch-funnel"] canvas').length >= 3);
  await shot(page, 'chal-24-batch-funnel', true);
  await page.getByTestId('batch-edit').click();
  const edit = await settledDialog(page);
  await edit.getByText('增加创新方向').waitFor();
  await shot(page, 'chal-24b-batch-edit');
  await edit.getByRole('button', { name: /取\s*消/ }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  // The workspace in English: the queue and a need record read in English, data stays as typed.
  await page.getByTestId('language-switch').click();
  await nav(page).getByRole('link', { name: 'Need screening' }).click();
  await page.getByRole('heading', { name: 'Need screening' }).waitFor();
  await page.getByRole('link', { name: l.needA }).click();
  await page.getByText('Likely duplicates').waitFor();
  await shot(page, 'chal-25-need-record-english', true);
  await page.getByTestId('language-switch').click();
  await page.getByText('疑似重复需求').waitFor();
  await page.close();
}
