/**
 * Browser journeys against the real platform: starts it in-process on a fresh data folder and a free
 * port, drives Debian's chromium with playwright-core, saves a screenshot after each step into
 * e2e/screenshots/, and ends with `N passed, N failed` (exit 1 if any failed).
 *
 *   npx tsx e2e/run.ts            build the web first only if dist/web/index.html is missing
 *   npx tsx e2e/run.ts --build    always rebuild the web first
 *   npx tsx e2e/run.ts --only=register,verify   run some journeys (later ones may need earlier ones)
 */
/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { randomCreditCode } from '../src/shared/credit-code.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const shots = join(root, 'e2e', 'screenshots');
const args = process.argv.slice(2);
const forceBuild = args.includes('--build');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const DEMO_PASSWORD = 'Kechuang#2026';
const OFFICER = 'officer@demo.kechuang.cn';
const STEP_TIMEOUT = 20_000;

interface Ctx {
  url: string;
  context: BrowserContext;
  /** Shared between journeys: the organisation registered in (b) and verified in (c). */
  org: { name: string; creditCode: string; email: string } | null;
}

// ---------------------------------------------------------------------------------------------------
// helpers

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

async function newPage(ctx: Ctx, opts: { signedOut?: boolean; locale?: 'zh-CN' | 'en' } = {}): Promise<Page> {
  if (opts.signedOut) await ctx.context.clearCookies();
  const page = await ctx.context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  // The language choice lives in localStorage; set it before any page script runs.
  await page.addInitScript((locale) => {
    if (locale && !sessionStorage.getItem('kc.e2e.localeSet')) {
      localStorage.setItem('kc.locale', locale);
      sessionStorage.setItem('kc.e2e.localeSet', '1');
    }
  }, opts.locale ?? 'zh-CN');
  return page;
}

async function signIn(ctx: Ctx, page: Page, email: string): Promise<void> {
  await page.goto(`${ctx.url}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(/\/workspace$/);
  await page.getByRole('heading', { name: /您好/ }).waitFor();
}

/** antd Select: open it by its label, then pick the option with this text. */
async function pickSelect(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** antd Cascader: open it, then walk the columns; each column is fetched as the previous one is picked. */
async function pickCascader(page: Page, label: string, path: string[]): Promise<void> {
  await page.getByLabel(label).click();
  for (const [i, name] of path.entries()) {
    const item = page
      .locator(`.ant-cascader-dropdown:visible .ant-cascader-menu`)
      .nth(i)
      .getByTitle(name, { exact: true });
    await item.click();
  }
  await page.locator('.ant-cascader-dropdown:visible').waitFor({ state: 'hidden' });
}

/** The workspace's left navigation (the breadcrumb is a navigation landmark too). */
function nav(page: Page) {
  return page.getByRole('navigation', { name: /主导航|Main navigation/ });
}

const pageErrors: string[] = [];

/** Never let a stuck close keep the run from reporting. */
async function withTimeout(p: Promise<unknown> | undefined, ms: number, what: string): Promise<void> {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), ms);
  });
  try {
    if ((await Promise.race([p, timeout])) === 'timeout') console.log(`  (${what} took over ${ms / 1000}s; gave up)`);
  } catch (err) {
    console.log(`  (${what} failed: ${(err as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------
// journeys

/** (a) An officer signs in and sees the workspace with the bureau's navigation. */
async function officerSignsIn(ctx: Ctx): Promise<void> {
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
async function registerOrganisation(ctx: Ctx): Promise<void> {
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
async function officerVerifies(ctx: Ctx): Promise<void> {
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
  const filtered = page.waitForResponse(
    (r) => r.url().includes('/api/organisations?') && r.url().includes('q=') && r.url().includes('status=registered'),
  );
  await search.press('Enter');
  await page.waitForURL(/q=.*status=registered|status=registered.*q=/);
  await filtered;
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
async function englishSwitch(ctx: Ctx): Promise<void> {
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
async function homeOnPhone(ctx: Ctx): Promise<void> {
  const page = await newPage(ctx, { signedOut: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${ctx.url}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  for (const title of ['揭榜挂帅', '大型仪器共享', '创新券']) await page.getByText(title, { exact: true }).waitFor();
  const soon = await page.getByText('即将上线').count();
  if (soon !== 3) throw new Error(`expected 3 "即将上线" tags, saw ${soon}`);
  await page.getByRole('link', { name: '登录' }).first().waitFor();
  await page.getByRole('link', { name: '单位注册' }).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`page is ${overflow}px wider than the 375px screen`);
  await shot(page, '05-home-mobile', true);
  await page.close();
}

const journeys: [string, (ctx: Ctx) => Promise<void>][] = [
  ['officer signs in and sees the workspace', officerSignsIn],
  ['register a new organisation with the region cascader', registerOrganisation],
  ['officer finds it, verifies it, sees 已核验 and history', officerVerifies],
  ['English switch turns the workspace into English', englishSwitch],
  ['home page at 375×812', homeOnPhone],
];

// ---------------------------------------------------------------------------------------------------
// runner

async function main(): Promise<number> {
  mkdirSync(shots, { recursive: true });
  if (forceBuild || !existsSync(join(root, 'dist', 'web', 'index.html'))) {
    console.log('building the web (vite build)…');
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'src', 'web'), logLevel: 'warn' });
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'kc-e2e-data-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'kc-e2e-chromium-'));
  let platform: { url: string; close(): Promise<void> } | null = null;
  let context: BrowserContext | null = null;
  let passed = 0;
  let failed = 0;
  try {
    const { startPlatform } = await import('../src/server/main.js');
    platform = await startPlatform({
      quiet: true,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        KECHUANG_DATA_DIR: dataDir,
        DEMO_DATA: 'true',
        MQTT_PORT: '0',
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
    });
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const ctx: Ctx = { url: platform.url, context, org: null };
    console.log(`platform at ${platform.url}; screenshots in ${shots}`);

    for (const [name, run] of journeys) {
      if (only && !only.some((o) => run.name.toLowerCase().includes(o.toLowerCase()))) continue;
      const started = performance.now();
      const errorsBefore = pageErrors.length;
      try {
        await run(ctx);
        const newErrors = pageErrors.slice(errorsBefore);
        if (newErrors.length) throw new Error(`uncaught page errors:\n  ${newErrors.join('\n  ')}`);
        passed++;
        console.log(`✓ ${name} (${((performance.now() - started) / 1000).toFixed(1)}s)`);
      } catch (err) {
        failed++;
        console.log(`✗ ${name} (${((performance.now() - started) / 1000).toFixed(1)}s)`);
        console.log(`  ${(err as Error).message.split('\n').join('\n  ')}`);
        for (const e of pageErrors.slice(errorsBefore)) console.log(`  page error: ${e}`);
        for (const page of context.pages()) {
          await page.screenshot({ path: join(shots, `failed-${run.name}.png`), fullPage: true }).catch(() => undefined);
          await page.close().catch(() => undefined);
        }
      }
    }
  } catch (err) {
    failed++;
    console.log(`✗ setup: ${(err as Error).stack ?? err}`);
  } finally {
    await withTimeout(context?.close(), 15_000, 'closing the browser');
    await withTimeout(platform?.close(), 15_000, 'closing the platform');
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
