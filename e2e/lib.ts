/** What the browser journeys share: the context, sign-in, antd helpers and screenshots. */
/// <reference lib="dom" />

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { Database } from '../src/server/db/client.js';

export const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const shots = join(root, 'e2e', 'screenshots');

export const DEMO_PASSWORD = 'Kechuang#2026';
export const OFFICER = 'officer@demo.kechuang.cn';
export const STEP_TIMEOUT = 20_000;

export interface Ctx {
  url: string;
  context: BrowserContext;
  /** Shared between journeys: the organisation registered in (b) and verified in (c). */
  org: { name: string; creditCode: string; email: string } | null;
  /** The embedded MQTT broker's port (the platform starts it on a free port). */
  mqttPort?: number | null;
  /** The platform's clock: journeys move it forward to let a deadline or a notice period pass. */
  clock?: { advance(ms: number): void; reset(): void };
  /**
   * The platform's database, for setup a browser cannot do in real time (the voucher journey places
   * a service in last month, since a month cannot pass during a run). Journeys assert through the UI.
   */
  database?: Database;
}

// ---------------------------------------------------------------------------------------------------
// helpers

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

export async function newPage(ctx: Ctx, opts: { signedOut?: boolean; locale?: 'zh-CN' | 'en' } = {}): Promise<Page> {
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

export async function signIn(ctx: Ctx, page: Page, email: string): Promise<void> {
  await page.goto(`${ctx.url}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(/\/workspace$/);
  await page.getByRole('heading', { name: /您好/ }).waitFor();
}

/** antd Select: open it by its label, then pick the option with this text. */
export async function pickSelect(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** antd Cascader: open it, then walk the columns; each column is fetched as the previous one is picked. */
export async function pickCascader(page: Page, label: string, path: string[]): Promise<void> {
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
export function nav(page: Page) {
  return page.getByRole('navigation', { name: /主导航|Main navigation/ });
}

export const pageErrors: string[] = [];

/** Never let a stuck close keep the run from reporting. */
export async function withTimeout(p: Promise<unknown> | undefined, ms: number, what: string): Promise<void> {
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

export const MANAGER = 'manager@demo.kechuang.cn';
export const ENTERPRISE = 'enterprise@demo.kechuang.cn';

/** The signed-in page's API, with the CSRF header the server wants on writes. */
export async function apiAs<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
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

/** The next weekday after today in Asia/Shanghai, as YYYY-MM-DD (the demo rules open Mon–Fri). */
export function nextWeekdayInShanghai(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  for (let i = 1; i <= 7; i++) {
    const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + i));
    const wd = day.getUTCDay();
    if (wd >= 1 && wd <= 5) return day.toISOString().slice(0, 10);
  }
  throw new Error('no weekday in the next 7 days');
}

/**
 * The open antd modal once its opening animation is over (a click during the zoom can be lost), and
 * a way to wait until it has gone.
 */
export async function settledDialog(page: Page) {
  const dialog = page.locator('div.ant-modal[role="dialog"]:not(.ant-zoom):not(.ant-zoom-appear):visible');
  await dialog.waitFor();
  return dialog;
}
