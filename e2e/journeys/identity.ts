/** Identity journeys: signing in, registering and verifying an organisation, the English switch, the phone home page. */
/// <reference lib="dom" />

import { randomCreditCode } from '../../src/shared/credit-code.js';
import { type Ctx, nav, newPage, OFFICER, pickCascader, pickSelect, shot, signIn } from '../lib.js';

/** (a) An officer signs in and sees the workspace with the bureau's navigation. */
export async function officerSignsIn(ctx: Ctx): Promise<void> {
  const page = await newPage(ctx, { signedOut: true });
  await page.goto(`${ctx.url}/login`);
  await page.getByRole('heading', { name: '登录科创平台' }).waitFor();
  await shot(page, '01-sign-in');
  await signIn(ctx, page, OFFICER);
  await nav(page).getByRole('link', { name: '单位管理' }).waitFor();
  await shot(page, '01-officer-workspace');
  await page.close();
}

/** (b) A new organisation registers through the form, including the region cascader. */
export async function registerOrganisation(ctx: Ctx): Promise<void> {
  const page = await newPage(ctx, { signedOut: true });
  const suffix = Date.now().toString(36).slice(-5);
  const org = {
    name: `绍兴测试精密仪器有限公司${suffix}`,
    creditCode: randomCreditCode({ regionCode: '330602' }),
    email: `e2e-${suffix}@example.cn`,
  };
  await page.goto(`${ctx.url}/register`);
  await page.getByRole('heading', { name: '单位注册' }).waitFor();

  await page.getByLabel('单位名称').fill(org.name);
  // A wrong check character is caught while typing, before the server is asked.
  const codeInput = page.getByLabel('统一社会信用代码');
  const last = org.creditCode.slice(-1);
  const wrong = org.creditCode.slice(0, 17) + (last === '0' ? '1' : '0');
  await codeInput.fill(wrong);
  await page.getByText(/校验位不正确/).waitFor();
  await shot(page, '02-register-checksum-hint');
  await codeInput.fill(org.creditCode.toLowerCase());
  const checked = page.waitForResponse((r) => r.url().includes('/api/credit-codes/') && r.ok());
  await codeInput.press('Tab');
  await checked;
  await page.getByText('代码校验通过，尚未注册').waitFor();

  await pickSelect(page, '单位类型', '企业');
  await pickCascader(page, '所在地区', ['浙江省', '绍兴市', '越城区']);
  await page.getByLabel('详细地址（选填）').fill('绍兴市越城区解放北路 1 号');
  await page.getByLabel('姓名').fill('王测试');
  await page.getByLabel('邮箱').fill(org.email);
  await page.getByLabel('手机号（选填）').fill('13800138000');
  await page.getByLabel('密码', { exact: true }).fill('weak');
  await page.getByText('强度：弱').waitFor();
  await page.getByLabel('密码', { exact: true }).fill('Shaoxing#2026ok');
  await page.getByText(/强度：(合格|强)/).waitFor();
  await page.getByLabel('确认密码').fill('Shaoxing#2026ok');
  await page.getByRole('checkbox', { name: /服务协议/ }).check();
  await shot(page, '02-register-filled', true);

  await page.getByRole('button', { name: '提交注册' }).click();
  await page.waitForURL(/\/workspace$/);
  await page.getByTestId('verification-notice').waitFor();
  await page.getByText(org.name).first().waitFor();
  await shot(page, '02-registered-workspace');

  // The new organisation's own page shows where it stands.
  await nav(page).getByRole('link', { name: '我的单位' }).click();
  await page.getByRole('heading', { name: org.name }).waitFor();
  await page.getByText('等待科技局工作人员核验').waitFor();
  await shot(page, '02-my-organisation', true);
  ctx.org = org;
  await page.close();
}

/** (c) The officer finds it in the list (待核验), opens it, verifies it: 已核验 with a history entry. */
export async function officerVerifies(ctx: Ctx): Promise<void> {
  if (!ctx.org) throw new Error('needs the organisation registered by the previous journey');
  const { name } = ctx.org;
  const page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, OFFICER);
  await nav(page).getByRole('link', { name: '单位管理' }).click();
  await page.getByRole('heading', { name: '单位管理' }).waitFor();
  await pickSelect(page, '状态', '待核验');
  await page.waitForURL(/status=registered/);
  const search = page.getByLabel('关键词');
  await search.fill(name);
  // Waited for together, so a missing response fails this journey instead of crashing the run.
  await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes('/api/organisations?') && r.url().includes('q=') && r.url().includes('status=registered'),
    ),
    search.press('Enter'),
  ]);
  await page.waitForURL(/q=.*status=registered|status=registered.*q=/);
  // The list now holds exactly the new organisation: keyword and status filters both applied.
  await page.waitForFunction(() => document.querySelectorAll('tr.ant-table-row').length === 1);
  await page.getByRole('button', { name: '清除筛选' }).and(page.locator(':enabled')).waitFor();
  const row = page.locator('tr.ant-table-row', { hasText: name });
  await row.waitFor();
  await row.getByText('待核验').waitFor();
  await shot(page, '03-officer-list');

  await row.getByRole('link', { name }).click();
  await page.waitForURL(/\/admin\/organisations\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name }).waitFor();
  await page.getByTestId('org-action-verify').click();
  await page.getByRole('dialog').getByLabel('备注（选填）').fill('已核对营业执照');
  await page.getByTestId('org-action-confirm').click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name }).getByText('已核验').waitFor();
  const history = page.getByTestId('org-history');
  await history.getByTestId('org-event').filter({ hasText: '已核验' }).filter({ hasText: '已核对营业执照' }).waitFor();
  await page.getByTestId('org-action-suspend').waitFor();
  await shot(page, '03-officer-verified', true);
  await page.close();
}

/** (d) The English switch turns the workspace into English, and back. */
export async function englishSwitch(ctx: Ctx): Promise<void> {
  const page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, OFFICER);
  await nav(page).getByRole('link', { name: '单位管理' }).click();
  await page.getByRole('heading', { name: '单位管理' }).waitFor();
  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: 'Organisations' }).waitFor();
  await nav(page).getByRole('link', { name: 'Workspace' }).waitFor();
  await page.getByRole('link', { name: 'Export CSV' }).waitFor();
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== 'en') throw new Error(`html lang is ${lang}, expected en`);
  // The server answers in English too: its error messages follow Accept-Language.
  const message = await page.evaluate(async () => {
    const r = await fetch('/api/organisations/00000000-0000-4000-8000-000000000000', {
      headers: { 'Accept-Language': localStorage.getItem('kc.locale') ?? 'zh-CN' },
    });
    return ((await r.json()) as { message: string }).message;
  });
  if (/[\u4e00-\u9fff]/.test(message)) throw new Error(`server message not in English: ${message}`);
  await shot(page, '04-english-workspace', true);
  await nav(page).getByRole('link', { name: 'Workspace' }).click();
  await page.getByRole('heading', { name: /Hello/ }).waitFor();
  await shot(page, '04-english-home');
  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: /您好/ }).waitFor();
  await page.close();
}

/** (e) The public home page on a phone (375 × 812): programmes as cards, nothing wider than the screen. */
export async function homeOnPhone(ctx: Ctx): Promise<void> {
  const page = await newPage(ctx, { signedOut: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${ctx.url}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  for (const title of ['揭榜挂帅', '大型仪器共享', '创新券']) await page.getByText(title, { exact: true }).waitFor();
  const soon = await page.getByText('即将上线').count();
  if (soon !== 1) throw new Error(`expected 1 "即将上线" tag (challenges and instruments are live), saw ${soon}`);
  await page.getByTestId('programme-instruments-link').waitFor();
  await page.getByTestId('programme-challenges-link').waitFor();
  await page.getByRole('link', { name: '登录' }).first().waitFor();
  await page.getByRole('link', { name: '单位注册' }).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`page is ${overflow}px wider than the 375px screen`);
  await shot(page, '05-home-mobile', true);
  await page.close();
}
