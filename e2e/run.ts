/**
 * Browser journeys against the real platform: starts it in-process on a fresh data folder and a free
 * port, drives Debian's chromium with playwright-core, saves a screenshot after each step into
 * e2e/screenshots/, and ends with `N passed, N failed` (exit 1 if any failed).
 *
 *   npx tsx e2e/run.ts            build the web first if the build is missing or older than its sources
 *   npx tsx e2e/run.ts --build    always rebuild the web first
 *   npx tsx e2e/run.ts --only=register,verify   run some journeys (later ones may need earlier ones)
 */
/// <reference lib="dom" />

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildWeb, webBuildState } from '../scripts/web-build.js';
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
  if (soon !== 2) throw new Error(`expected 2 "即将上线" tags (instruments is live), saw ${soon}`);
  await page.getByTestId('programme-instruments-link').waitFor();
  await page.getByRole('link', { name: '登录' }).first().waitFor();
  await page.getByRole('link', { name: '单位注册' }).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`page is ${overflow}px wider than the 375px screen`);
  await shot(page, '05-home-mobile', true);
  await page.close();
}

const MANAGER = 'manager@demo.kechuang.cn';
const ENTERPRISE = 'enterprise@demo.kechuang.cn';

/** The next weekday after today in Asia/Shanghai, as YYYY-MM-DD (the demo rules open Mon–Fri). */
function nextWeekdayInShanghai(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  for (let i = 1; i <= 7; i++) {
    const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + i));
    const wd = day.getUTCDay();
    if (wd >= 1 && wd <= 5) return day.toISOString().slice(0, 10);
  }
  throw new Error('no weekday in the next 7 days');
}

/** The signed-in page's API, with the CSRF header the server wants on writes. */
async function apiAs<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie
        .split(';')
        .map((c) => c.trim().split('='))
        .find(([k]) => k === 'kc_csrf')?.[1];
      const r = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(csrf ? { 'X-CSRF-Token': decodeURIComponent(csrf) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, text: await r.text() };
    },
    { method, path, body },
  );
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${res.text}`);
  return JSON.parse(res.text) as T;
}

/**
 * (f) Instrument booking: the manager lists an SEM (through the API), an enterprise user finds it in
 * the catalogue by 扫描电镜, books the next weekday 10:00–12:00 (待审核); the manager approves it in the
 * queue, confirms, checks in and completes it with a service record. The catalogue also on a phone.
 */
async function instrumentBooking(ctx: Ctx): Promise<void> {
  // The manager lists the instrument (the demo generator does not seed instruments yet).
  let page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, MANAGER);
  const me = await apiAs<{ memberships: { organisation: { id: string; name: string } }[] }>(
    page,
    'GET',
    '/api/auth/me',
  );
  const org = me.memberships[0]?.organisation;
  if (!org) throw new Error('the demo manager has no organisation');
  const suffix = Date.now().toString(36).slice(-5);
  const instrument = await apiAs<{ id: string; nameZh: string }>(page, 'POST', '/api/instruments', {
    organisationId: org.id,
    assetNo: `E2E-SEM-${suffix}`,
    nameZh: '场发射扫描电子显微镜',
    nameEn: 'Field-emission scanning electron microscope',
    classCode: '010101',
    originalValueFen: 4_500_000_00,
    manufacturer: '蔡司',
    country: 'DEU',
    model: 'Sigma 300',
    specs: '分辨率 1.2 nm @ 15 kV；放大倍数 10–1,000,000×',
    functions: '材料表面形貌观察、断口分析、能谱元素分析',
    serviceContent: '自主上机与委托测试',
    feePerHourFen: 300_00,
    feePerSampleFen: 150_00,
    openRules: '校外用户须提前预约，经管理员审批后上机。',
    location: '绍兴文理学院 理工楼 A201',
    contactName: '刘老师',
    contactPhone: '13800138000',
    bookingRules: { requiresApproval: true, advanceNoticeHours: 0 },
  });
  await page.close();

  // The enterprise user searches, opens the instrument and books the next weekday.
  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, ENTERPRISE);
  await page.goto(`${ctx.url}/`);
  await page.getByRole('link', { name: '仪器目录' }).first().click();
  await page.getByRole('heading', { name: '大型科研仪器目录' }).waitFor();
  const search = page.locator('input#catalogue-q');
  await search.fill('扫描电镜');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/instruments?') && r.url().includes('q=')),
    search.press('Enter'),
  ]);
  await page.waitForURL(/q=/);
  const link = page.locator(`a[href="/instruments/${instrument.id}"]`);
  await link.waitFor();
  await page.getByTestId('catalogue-total').getByText('扫描电镜').waitFor();
  await shot(page, '06-catalogue-search');
  await link.click();
  await page.getByRole('heading', { name: /场发射扫描电子显微镜/ }).waitFor();
  await page.getByText('4,500,000 元').waitFor();
  await page.getByTestId('week-calendar').waitFor();
  await page.getByText(/本周已占用|本周开放时段内暂无预约/).waitFor();
  await shot(page, '06-instrument-page', true);

  const day = nextWeekdayInShanghai();
  const dateInput = page.getByLabel('日期', { exact: true });
  await dateInput.click();
  await dateInput.fill(day);
  await dateInput.press('Enter');
  await page.getByText(/当日开放时段/).waitFor();
  await pickSelect(page, '开始时间', '10:00');
  // Let the first list close before opening the second (both hold a 12:00).
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  await pickSelect(page, '结束时间', '12:00');
  // Sample testing: the manager completes it without a check-in, which only opens around the slot.
  await page.getByText('委托测试', { exact: true }).click();
  await page.getByLabel('样品数量').fill('3');
  await page.getByLabel('用途说明（选填）').fill('观察复合材料断口形貌');
  await page.getByTestId('book-submit').click();
  await page.waitForURL(/\/bookings\/[0-9a-f-]{36}\?new=1$/);
  const bookingId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page
    .getByRole('heading', { name: /场发射扫描电子显微镜/ })
    .getByText('待审核')
    .waitFor();
  await page.getByText(`${day} 10:00–12:00`).first().waitFor();
  await page.getByTestId('booking-history').getByTestId('booking-event').filter({ hasText: '待审核' }).waitFor();
  await shot(page, '06-booking-requested', true);
  // Back on the instrument page the week calendar shows the slot as mine.
  await page.locator(`#main a[href="/instruments/${instrument.id}"]`).first().click();
  await page.getByText(/本周已占用|本周开放时段内暂无预约/).waitFor();
  if (!(await page.getByTestId('calendar-mine').isVisible())) {
    await page.getByRole('button', { name: '下一周' }).click();
  }
  await page.getByTestId('calendar-mine').waitFor();
  await page.getByTestId('week-calendar').screenshot({ path: join(shots, '06-instrument-calendar-mine.png') });
  await page.close();

  // The manager approves it in the queue, then confirms it and records the service.
  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, MANAGER);
  await nav(page).getByRole('link', { name: '预约审批' }).click();
  await page.getByRole('heading', { name: '预约审批' }).waitFor();
  const row = page.locator('tr.ant-table-row', { has: page.locator(`a[href="/bookings/${bookingId}"]`) });
  await row.waitFor();
  await row.getByText('待审核').waitFor();
  await row.getByRole('checkbox').check();
  await page.getByTestId('queue-batch-approve').and(page.locator(':enabled')).waitFor();
  await page.waitForTimeout(300); // let the button and checkbox finish their transitions
  await shot(page, '06-queue');
  await page.getByTestId('queue-batch-approve').click();
  await page.getByRole('dialog').getByRole('button', { name: '批准' }).click();
  await page.getByText('已批准 1 个预约').waitFor();
  await pickSelect(page, '状态', '已批准');
  await row.getByText('已批准').waitFor();
  await row.getByRole('link').click();
  await page.waitForURL(new RegExp(`/bookings/${bookingId}$`));

  for (const [action, status] of [['confirm', '已确认']] as const) {
    await page.getByTestId(`booking-action-${action}`).click();
    await page.getByTestId('booking-action-ok').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page
      .getByRole('heading', { name: /场发射扫描电子显微镜/ })
      .getByText(status)
      .waitFor();
  }
  await page.getByTestId('booking-action-complete').click();
  const dialog = page.getByRole('dialog');
  // Prefilled: the slot's 120 minutes; the fee from the schedule, 3 samples at 150 元 = 450 元.
  if ((await dialog.getByLabel('测量用时').inputValue()) !== '120') throw new Error('measure minutes not prefilled');
  await dialog.getByLabel('准备用时').fill('15');
  await dialog.getByLabel('收尾用时').fill('10');
  await dialog.getByLabel('样品数').fill('3');
  await page.getByTestId('booking-complete-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  await page
    .getByRole('heading', { name: /场发射扫描电子显微镜/ })
    .getByText('已完成')
    .waitFor();
  await page.getByTestId('booking-service').getByText('450 元').waitFor();
  await page.getByTestId('booking-history').getByTestId('booking-event').filter({ hasText: '已完成' }).waitFor();
  await shot(page, '06-booking-completed', true);
  await page.close();

  // The catalogue on a phone: cards, nothing wider than the screen.
  page = await newPage(ctx, { signedOut: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${ctx.url}/instruments?q=${encodeURIComponent('扫描电镜')}`);
  await page.getByTestId('instrument-card').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`catalogue is ${overflow}px wider than the 375px screen`);
  await shot(page, '06-catalogue-mobile', true);
  await page.close();
}

const journeys: [string, (ctx: Ctx) => Promise<void>][] = [
  ['officer signs in and sees the workspace', officerSignsIn],
  ['register a new organisation with the region cascader', registerOrganisation],
  ['officer finds it, verifies it, sees 已核验 and history', officerVerifies],
  ['English switch turns the workspace into English', englishSwitch],
  ['home page at 375×812', homeOnPhone],
  ['instrument booking: search, book, approve, complete', instrumentBooking],
];

// ---------------------------------------------------------------------------------------------------
// runner

async function main(): Promise<number> {
  mkdirSync(shots, { recursive: true });
  if (forceBuild || webBuildState() !== 'fresh') {
    console.log('building the web (vite build)…');
    await buildWeb();
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
