/** Metrics journeys: the dashboard's figures move when a service is recorded. */
/// <reference lib="dom" />

import type { Page } from 'playwright-core';
import {
  apiAs,
  type Ctx,
  ENTERPRISE,
  MANAGER,
  nav,
  newPage,
  nextWeekdayInShanghai,
  OFFICER,
  shot,
  signIn,
} from '../lib.js';

/** `1,234.5 小时` → 1234.5 */
const hoursOf = (text: string) => Number(text.replace(/[^\d.]/g, ''));

async function kpi(page: Page, id: string): Promise<number> {
  const value = page.getByTestId(id).locator('.ant-statistic-content-value');
  await value.waitFor();
  return hoursOf(await value.innerText());
}

/** The dashboard for a year, waiting until the figures (not the skeleton) are there. */
async function openDashboard(ctx: Ctx, page: Page, year: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/metrics/monthly') && r.ok()),
    page.goto(`${ctx.url}/sharing-metrics?year=${year}`),
  ]);
  await page.getByRole('heading', { name: '共享指标' }).waitFor();
  await page.getByTestId('kpi-effective').locator('.ant-statistic-content-value').waitFor();
}

/** The instrument's row in the table after filtering by its name: [effective, external, booked] hours. */
async function instrumentRow(page: Page, name: string): Promise<number[]> {
  const filter = page.getByTestId('metrics-name-filter').locator('input');
  await filter.fill(name);
  await filter.press('Enter');
  const row = page.getByTestId('metrics-instrument-table').locator('tr.ant-table-row', { hasText: name });
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  // instrument, owner, purpose, effective, external, sharing rate, quota, quota %, booked, services
  return [hoursOf(cells[3] ?? ''), hoursOf(cells[4] ?? ''), hoursOf(cells[8] ?? '')];
}

/**
 * (g) The metrics move: the manager lists an instrument and reads the dashboard; an enterprise books
 * it for sample testing, the manager approves, confirms and completes it with 30 + 120 + 30 minutes;
 * after a reload the organisation's effective and external hours are 3 h higher, the booked hours 2 h
 * higher, and the instrument's row shows 3 / 3 / 2. The bureau officer's regional view with its
 * drill-down, and the English dashboard, as screenshots.
 */
export async function metricsMove(ctx: Ctx): Promise<void> {
  let page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, MANAGER);
  const me = await apiAs<{ memberships: { organisation: { id: string } }[] }>(page, 'GET', '/api/auth/me');
  const orgId = me.memberships[0]?.organisation.id;
  if (!orgId) throw new Error('the demo manager has no organisation');
  const suffix = Date.now().toString(36).slice(-5);
  const name = `共享指标演示液相色谱仪-${suffix}`;
  const instrument = await apiAs<{ id: string }>(page, 'POST', '/api/instruments', {
    organisationId: orgId,
    assetNo: `E2E-LC-${suffix}`,
    nameZh: name,
    nameEn: 'High-performance liquid chromatograph (metrics demo)',
    classCode: '010101',
    originalValueFen: 80_000_000,
    manufacturer: '安捷伦',
    country: 'USA',
    model: '1290 Infinity II',
    specs: '压力上限 1300 bar',
    functions: '有机物定性定量分析',
    serviceContent: '委托测试',
    feePerHourFen: 200_00,
    openRules: '校外用户须提前预约。',
    location: '理化楼 B105',
    contactName: '王老师',
    contactPhone: '13800138001',
    bookingRules: { requiresApproval: true, advanceNoticeHours: 0 },
  });
  const day = nextWeekdayInShanghai();
  const year = day.slice(0, 4);

  await nav(page).getByRole('link', { name: '共享指标' }).click();
  await page.getByRole('heading', { name: '共享指标' }).waitFor();
  await openDashboard(ctx, page, year);
  const before = {
    effective: await kpi(page, 'kpi-effective'),
    external: await kpi(page, 'kpi-external'),
    booked: await kpi(page, 'kpi-booked'),
  };
  const rowBefore = await instrumentRow(page, name);
  if (rowBefore.some((n) => n !== 0)) throw new Error(`a new instrument should start at zero: ${rowBefore}`);
  await page.close();

  // An enterprise books it; the manager approves, confirms and completes it with a service record.
  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, ENTERPRISE);
  const booking = await apiAs<{ id: string }>(page, 'POST', '/api/bookings', {
    instrumentId: instrument.id,
    start: `${day}T14:00:00+08:00`,
    end: `${day}T16:00:00+08:00`,
    mode: 'sample_testing',
    sampleCount: 2,
    purpose: '药物杂质分析',
  });
  await page.close();
  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, MANAGER);
  await apiAs(page, 'POST', `/api/bookings/${booking.id}/approve`, {});
  await apiAs(page, 'POST', `/api/bookings/${booking.id}/confirm`, {});
  await apiAs(page, 'POST', `/api/bookings/${booking.id}/complete`, {
    prepMinutes: 30,
    measureMinutes: 120,
    postMinutes: 30,
    samples: 2,
  });

  await openDashboard(ctx, page, year);
  const after = {
    effective: await kpi(page, 'kpi-effective'),
    external: await kpi(page, 'kpi-external'),
    booked: await kpi(page, 'kpi-booked'),
  };
  const moved = (a: number, b: number, by: number) => Math.abs(a - b - by) < 0.05;
  if (!moved(after.effective, before.effective, 3) || !moved(after.external, before.external, 3)) {
    throw new Error(`effective/external hours did not move by 3 h: ${JSON.stringify({ before, after })}`);
  }
  if (!moved(after.booked, before.booked, 2)) {
    throw new Error(`booked hours did not move by 2 h: ${JSON.stringify({ before, after })}`);
  }
  await shot(page, '07-metrics-manager', true);
  const rowAfter = await instrumentRow(page, name);
  if (rowAfter.join() !== '3,3,2') throw new Error(`the instrument's row shows ${rowAfter}, expected 3,3,2`);
  await page.getByTestId('metrics-instrument-table').scrollIntoViewIfNeeded();
  await shot(page, '07-metrics-instrument-row');
  await page.close();

  // The bureau officer sees the region with its roll-up; a click on the first bar drills down.
  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, OFFICER);
  await openDashboard(ctx, page, year);
  await page.getByTestId('chart-breakdown').waitFor();
  await page.getByRole('tab', { name: '地区汇总' }).click();
  await page.getByTestId('metrics-region-table').locator('tr.ant-table-row').first().waitFor();
  await shot(page, '07-metrics-bureau', true);
  const first = page.getByTestId('metrics-region-table').locator('tr.ant-table-row').first().locator('a').first();
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/metrics/rollup')), first.click()]);
  await page.waitForURL(/regionCode=\d{6}/);
  await page.getByTestId('kpi-effective').locator('.ant-statistic-content-value').waitFor();
  await shot(page, '07-metrics-bureau-drilled', true);
  // Export links carry the filters.
  const href = await page.getByTestId('metrics-export-xlsx').getAttribute('href');
  if (!href?.includes(`year=${year}`) || !/regionCode=\d{6}/.test(href)) throw new Error(`export link ${href}`);
  await page.close();

  // The same dashboard in English, then back to Chinese for the journeys after this one.
  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, OFFICER);
  await openDashboard(ctx, page, year);
  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: 'Sharing metrics' }).waitFor();
  await page.getByText('Effective hours').first().waitFor();
  await shot(page, '07-metrics-english', true);
  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { name: '共享指标' }).waitFor();
  await page.close();
}
