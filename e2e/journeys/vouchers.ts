/** Innovation voucher journey: from quota application to settlement, with the sensor as evidence. */
/// <reference lib="dom" />

import mqtt from 'mqtt';
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
  pickSelect,
  shot,
  signIn,
} from '../lib.js';

export const FINANCE = 'finance@demo.kechuang.cn';

const shanghaiDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

/** Open a record's command, confirm the dialog (with a reason when given) and wait for it to close. */
async function command(page: Page, testId: string, formTestId: string, reason?: string): Promise<void> {
  await page.getByTestId(testId).click();
  const form = page.getByTestId(formTestId);
  await form.waitFor();
  if (reason) await form.getByLabel(/原因|理由|备注/).fill(reason);
  await page.getByTestId(`${formTestId}-ok`).click();
  await form.waitFor({ state: 'hidden' });
}

/** Lists and charts finished loading: no spinner left (a screenshot mid-load shows a faded table). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton').length === 0);
}

async function signInAs(ctx: Ctx, email: string): Promise<Page> {
  const page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, email);
  return page;
}

/**
 * (h) 创新券, end to end in the browser: the officer sets up and activates a programme; the university
 * applies to be a provider and is admitted; the enterprise applies for a quota, the officer approves
 * it; the enterprise books the university's SEM and pays part with the voucher (covered and own share
 * shown before confirming); the manager runs the service while the SEM's sensor reports it, completes
 * the booking and files the claim (automatic checks shown before filing); the officer approves it
 * from the evidence panel (the booked slot over the power trace); the claim lands in the provider's
 * monthly settlement batch, finance marks it paid, and the enterprise's wallet shows every movement.
 */
export async function voucherJourney(ctx: Ctx): Promise<void> {
  if (!ctx.mqttPort) throw new Error('the platform did not report its embedded MQTT port');
  const suffix = Date.now().toString(36).slice(-5);
  const programmeName = `E2E 创新券 ${suffix}`;

  // ---------------------------------------------------------------- officer: the programme
  let page = await signInAs(ctx, OFFICER);
  await nav(page).getByRole('link', { name: '创新券政策' }).click();
  await page.getByRole('heading', { name: '创新券政策' }).waitFor();
  await page.getByTestId('programme-new').click();
  await page.getByRole('heading', { name: '新建政策' }).waitFor();
  await page.getByLabel('政策编号').fill(`E2E-${suffix}`);
  await page.getByLabel('政策名称').fill(programmeName);
  // Valid from the start of last month to the end of next year: yesterday's service qualifies.
  const now = new Date();
  const [y, m] = shanghaiDay(now).split('-').map(Number) as [number, number];
  const from = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const until = `${y + 1}-12-31`;
  const validity = page.getByLabel('有效期');
  await validity.click();
  await validity.fill(from);
  await validity.press('Enter');
  await page.locator('.ant-picker-range input').nth(1).fill(until);
  await page.locator('.ant-picker-range input').nth(1).press('Enter');
  await shot(page, '12-vch-01-programme-new', true);
  await page.getByTestId('programme-submit').click();
  await page.waitForURL(/\/vouchers\/programmes\/[0-9a-f-]{36}$/);
  const programmeId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page.getByTestId('programme-status').getByText('草稿').waitFor();
  await command(page, 'programme-activate', 'programme-command-form');
  await page.getByTestId('programme-status').getByText('实施中').waitFor();
  await page.getByTestId('programme-settings').getByText(`${from} – ${until}`).waitFor();
  await shot(page, '12-vch-02-programme-active', true);
  await page.close();

  // ---------------------------------------------------------------- provider: admission, SEM with a sensor
  page = await signInAs(ctx, MANAGER);
  const me = await apiAs<{ memberships: { organisation: { id: string; name: string } }[] }>(
    page,
    'GET',
    '/api/auth/me',
  );
  const university = me.memberships[0]?.organisation;
  if (!university) throw new Error('the demo manager has no organisation');
  const instrumentName = `场发射扫描电镜 ${suffix}`;
  const instrument = await apiAs<{ id: string }>(page, 'POST', '/api/instruments', {
    organisationId: university.id,
    assetNo: `E2E-VCH-${suffix}`,
    nameZh: instrumentName,
    nameEn: `FE-SEM ${suffix}`,
    classCode: '010101',
    originalValueFen: 4_500_000_00,
    manufacturer: '蔡司',
    country: 'DEU',
    model: 'Sigma 300',
    specs: '分辨率 1.2 nm @ 15 kV',
    functions: '表面形貌观察、能谱分析',
    serviceContent: '委托测试',
    feePerHourFen: 300_00,
    feePerSampleFen: 150_00,
    openRules: '预约后送样。',
    location: '理工楼 A201',
    contactName: '刘老师',
    contactPhone: '13800138000',
    bookingRules: { requiresApproval: true, advanceNoticeHours: 0 },
  });
  const sensor = await apiAs<{ credentials: { clientId: string; username: string; password: string; topic: string } }>(
    page,
    'POST',
    '/api/devices',
    { instrumentId: instrument.id, label: `插座 ${suffix}` },
  );

  await nav(page).getByRole('link', { name: '服务机构入库' }).click();
  await page.getByRole('heading', { name: '服务机构入库' }).waitFor();
  await page.getByTestId('provider-apply').click();
  await page.getByRole('heading', { name: '服务机构入库申请' }).waitFor();
  await page.getByLabel('创新券政策').click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${programmeName}（"]`).click();
  await page.getByLabel('机构介绍').fill('学校分析测试中心，拥有扫描电镜等大型仪器，通过 CMA 认证。');
  await page.getByLabel('联系人').fill('刘老师');
  await page.getByLabel('联系电话').fill('13800138000');
  await page.getByTestId('provider-pledge').check();
  await page.getByTestId('provider-apply-submit').click();
  await page.waitForURL(/\/vouchers\/provider\/[0-9a-f-]{36}$/);
  await page.getByTestId('provider-status').getByText('待审核').waitFor();
  await shot(page, '12-vch-03-provider-applied', true);
  await page.close();

  // ---------------------------------------------------------------- officer: admits the provider
  page = await signInAs(ctx, OFFICER);
  await nav(page).getByRole('link', { name: '服务机构审核' }).click();
  await page.getByRole('heading', { name: '服务机构审核' }).waitFor();
  const providerRow = page.locator('tr.ant-table-row', { hasText: programmeName });
  await providerRow.getByRole('link', { name: university.name }).click();
  await page.getByTestId('provider-credit').waitFor();
  await shot(page, '12-vch-04-provider-review', true);
  await command(page, 'provider-approve', 'provider-command-form');
  await page.getByTestId('provider-status').getByText('已入库').waitFor();
  await page.close();

  // ---------------------------------------------------------------- enterprise: applies for a quota
  page = await signInAs(ctx, ENTERPRISE);
  await nav(page).getByRole('link', { name: '创新券钱包' }).click();
  await page.getByRole('heading', { name: '创新券钱包' }).waitFor();
  await page.getByTestId('wallet-apply').click();
  const applyForm = page.getByTestId('apply-form');
  await applyForm.waitFor();
  await pickSelect(page, '创新券政策', programmeName);
  await page.getByTestId('apply-eligible').waitFor();
  await applyForm.getByLabel('申领金额（元）').fill('50000');
  await applyForm.getByLabel('用途说明').fill('委托测试新型封装材料的断口形貌，支撑企业研发项目。');
  await shot(page, '12-vch-05-apply');
  await page.getByTestId('apply-submit').click();
  await page.waitForURL(/\/vouchers\/wallet\/applications\/[0-9a-f-]{36}$/);
  const applicationId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page.getByTestId('application-status').getByText('待审核').waitFor();
  await page.close();

  // ---------------------------------------------------------------- officer: approves it from the queue
  page = await signInAs(ctx, OFFICER);
  await nav(page).getByRole('link', { name: '创新券申领审核' }).click();
  await page.getByRole('heading', { name: '创新券申领审核' }).waitFor();
  const appRow = page.locator('tr.ant-table-row', {
    has: page.locator(`a[href="/vouchers/quotas/applications/${applicationId}"]`),
  });
  await appRow.getByRole('checkbox').check();
  await page.getByTestId('vq-batch-approve').and(page.locator(':enabled')).waitFor();
  await settled(page);
  await shot(page, '12-vch-06-quota-queue');
  await page.getByTestId('vq-batch-approve').click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.locator('.ant-modal-confirm-title', { hasText: '批准选中的 1 份申领？' }).waitFor();
  await confirm.getByRole('button', { name: '批准发放' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByText('已批准 1 份申领').waitFor();
  await page.goto(`${ctx.url}/vouchers/quotas/applications/${applicationId}`);
  await page.getByTestId('application-status').getByText('已发放').waitFor();
  await page.close();

  // ---------------------------------------------------------------- enterprise: books and pays with the voucher
  page = await signInAs(ctx, ENTERPRISE);
  await nav(page).getByRole('link', { name: '创新券钱包' }).click();
  const card = page.getByTestId('wallet-quota').filter({ hasText: programmeName });
  await card.getByText('50,000 元').first().waitFor();
  await settled(page);
  await shot(page, '12-vch-07-wallet-issued', true);

  await page.goto(`${ctx.url}/instruments/${instrument.id}`);
  await page.getByRole('heading', { name: new RegExp(instrumentName) }).waitFor();
  const day = nextWeekdayInShanghai();
  const dateInput = page.getByLabel('日期', { exact: true });
  await dateInput.click();
  await dateInput.fill(day);
  await dateInput.press('Enter');
  await page.getByText(/当日开放时段/).waitFor();
  await pickSelect(page, '开始时间', '10:00');
  // Let the first list close before opening the second (both hold a 12:00); a list that stays open
  // after the pick (seen on a loaded machine) is closed with Escape.
  const openList = page.locator('.ant-select-dropdown:visible');
  await openList.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => page.keyboard.press('Escape'));
  await openList.waitFor({ state: 'hidden' });
  await pickSelect(page, '结束时间', '12:00');
  await page.getByTestId('booking-form').getByText('委托测试', { exact: true }).click();
  await page.getByLabel('样品数量').fill('3');
  await page.getByTestId('book-pay-vouchers').check();
  await page.getByTestId('book-submit').click();
  await page.waitForURL(/\/bookings\/[0-9a-f-]{36}\?new=1/);
  const bookingId = new URL(page.url()).pathname.split('/').pop() ?? '';
  // The payment step opens by itself: 3 samples × 150 元 = 450 元, half covered.
  const split = page.getByTestId('pay-split');
  await split.waitFor();
  await page.getByTestId('pay-covered').getByText('225 元').waitFor();
  await page.getByTestId('pay-own').getByText('225 元').waitFor();
  await shot(page, '12-vch-08-pay-split');
  await page.getByTestId('pay-confirm').click();
  await split.waitFor({ state: 'hidden' });
  await page.getByTestId('reservation-status').getByText('已冻结').waitFor();
  await shot(page, '12-vch-09-booking-reserved', true);
  await page.close();

  // ---------------------------------------------------------------- manager: the service, measured by the sensor
  page = await signInAs(ctx, MANAGER);
  await page.goto(`${ctx.url}/bookings/queue/${bookingId}`);
  for (const [action, status] of [
    ['approve', '已批准'],
    ['confirm', '已确认'],
  ] as const) {
    await page.getByTestId(`booking-action-${action}`).click();
    await page.getByTestId('booking-action-ok').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page
      .getByRole('heading', { name: new RegExp(instrumentName) })
      .getByText(status)
      .waitFor();
  }
  const slot = await moveServiceToYesterday(ctx, bookingId);
  await publishService(ctx.mqttPort, sensor.credentials, slot);
  await page.reload();
  await page.getByTestId('booking-action-complete').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('准备用时').fill('15');
  await dialog.getByLabel('收尾用时').fill('10');
  await dialog.getByLabel('样品数').fill('3');
  await page.getByTestId('booking-complete-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  await page
    .getByRole('heading', { name: new RegExp(instrumentName) })
    .getByText('已完成')
    .waitFor();

  // The claim, filed from the booking: the checks run before it is sent.
  await page.getByTestId('booking-file-claim').click();
  await page.getByTestId('claim-file-form').waitFor();
  const precheck = page.getByTestId('claim-precheck');
  await precheck.waitFor();
  await precheck.getByText('传感器佐证').waitFor();
  await page.locator('[data-testid="claim-check"][data-check="usage"][data-outcome="pass"]').first().waitFor();
  await shot(page, '12-vch-10-claim-precheck', true);
  await page.getByTestId('claim-file-submit').click();
  await page.waitForURL(/\/vouchers\/claims\/[0-9a-f-]{36}\?filed=1$/);
  const claimId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await page.getByTestId('claim-status').getByText('待审核').waitFor();
  const checks = await page.getByTestId('claim-checks').getByTestId('claim-check').count();
  if (checks !== 9) throw new Error(`the claim shows ${checks} checks, expected 9`);
  await shot(page, '12-vch-11-claim-filed', true);
  await page.close();

  // ---------------------------------------------------------------- officer: reviews with the evidence panel
  page = await signInAs(ctx, OFFICER);
  await nav(page).getByRole('link', { name: '兑付审核' }).click();
  await page.getByRole('heading', { name: '兑付审核' }).waitFor();
  const claimRow = page.locator(`tr[data-claim="${claimId}"]`);
  await claimRow.waitFor();
  await settled(page);
  await shot(page, '12-vch-12-review-queue');
  await claimRow.getByRole('link').first().click();
  await page.waitForURL(new RegExp(`/vouchers/review/${claimId}$`));
  await page.getByTestId('evidence-trace').locator('canvas').first().waitFor();
  await page.getByTestId('evidence-service').waitFor();
  await shot(page, '12-vch-13-evidence', true);
  await command(page, 'claim-approve', 'claim-decision-form', '预约、服务记录与传感器机时一致');
  await page.getByTestId('claim-status').getByText('审核通过').waitFor();
  await page.close();

  // ---------------------------------------------------------------- finance: the monthly batch, paid
  // This month's batch is not payable yet: finance sees it waiting for the month to end.
  page = await signInAs(ctx, FINANCE);
  await page.goto(`${ctx.url}/vouchers/settlements?programmeId=${programmeId}`);
  await page
    .locator('tr[data-testid="settlement-row"]', { hasText: university.name })
    .getByText('本月未结束')
    .waitFor();
  await page.close();
  const month = await closeTheMonth(ctx, programmeId, university.id);
  page = await signInAs(ctx, FINANCE);
  await nav(page).getByRole('link', { name: '兑付结算' }).click();
  await page.getByRole('heading', { name: '兑付结算' }).waitFor();
  // The demo's own programme has batches of the same provider and month: filter by the programme.
  await page.getByLabel('创新券政策').click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${programmeName}"]`).click();
  await page.waitForURL(new RegExp(`programmeId=${programmeId}`));
  const batchRow = page.locator('tr[data-testid="settlement-row"]', { hasText: university.name }).filter({
    hasText: month,
  });
  await batchRow.first().waitFor();
  await settled(page);
  await shot(page, '12-vch-14-settlements');
  await batchRow.first().getByRole('link').first().click();
  await page.getByTestId('settlement-total').getByText('225 元').waitFor();
  await page.getByTestId('settlement-pay').click();
  const pay = page.getByTestId('settlement-pay-form');
  await pay.getByLabel('财务凭证号').fill(`CW-${suffix}`);
  await page.getByTestId('settlement-pay-form-ok').click();
  await pay.waitFor({ state: 'hidden' });
  await page.getByTestId('settlement-status').getByText('已拨付').waitFor();
  await shot(page, '12-vch-15-settlement-paid', true);
  await page.close();

  // ---------------------------------------------------------------- enterprise: every movement of the quota
  page = await signInAs(ctx, ENTERPRISE);
  await nav(page).getByRole('link', { name: '创新券钱包' }).click();
  await page
    .getByTestId('wallet-quota')
    .filter({ hasText: programmeName })
    .getByRole('link', { name: '查看流水' })
    .click();
  const movements = page.getByTestId('quota-movements');
  for (const kind of ['发放', '预约冻结', '兑付'])
    await movements.getByTestId('movement-kind').getByText(kind).first().waitFor();
  await page.getByTestId('quota-balances').getByText('49,775 元', { exact: true }).waitFor();
  await settled(page);
  await shot(page, '12-vch-16-movements', true);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${ctx.url}/vouchers/wallet`);
  await page.getByTestId('wallet-quota').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`the wallet is ${overflow}px wider than the 375px screen`);
  await settled(page);
  await shot(page, '12-vch-17-wallet-phone', true);
  await page.close();

  // ---------------------------------------------------------------- officer: the figures
  page = await signInAs(ctx, OFFICER);
  await nav(page).getByRole('link', { name: '创新券统计' }).click();
  await page.getByRole('heading', { name: '创新券统计' }).waitFor();
  await page.getByTestId('vch-chart-amounts').waitFor();
  await settled(page);
  await shot(page, '12-vch-18-figures-all', true);
  // Narrowed to the journey's programme, the figures are its own: 225 元 redeemed and settled.
  await page.goto(`${ctx.url}/vouchers/figures?programmeId=${programmeId}&groupBy=provider`);
  await page.getByTestId('vch-kpi-redeemed').getByText('225').waitFor();
  await page.getByTestId('vch-kpi-settled').getByText('225').waitFor();
  await settled(page);
  await page.waitForTimeout(1200); // the bars' grow-in animation
  await shot(page, '12-vch-19-figures-programme', true);
  await page.close();
}

/**
 * The journey cannot wait for a booked slot to pass, and the sensor can only report the past. So the
 * confirmed booking (and the voucher reserved on it) is moved to 10:00–12:00 yesterday before the
 * service is recorded; the rest of the platform sees a service done then.
 */
async function moveServiceToYesterday(ctx: Ctx, bookingId: string): Promise<{ start: number; end: number }> {
  if (!ctx.database) throw new Error('the journey needs the platform database to place the service yesterday');
  const date = shanghaiDay(new Date(Date.now() - 86_400_000));
  const start = Date.parse(`${date}T10:00:00+08:00`);
  const end = Date.parse(`${date}T12:00:00+08:00`);
  const { sql } = await import('drizzle-orm');
  const s = new Date(start).toISOString();
  const e = new Date(end).toISOString();
  // The slot column (buffer-widened, for the no-overlap constraint) moves with the booking.
  await ctx.database.db.execute(
    sql`update bookings set start_at = ${s}, end_at = ${e}, slot = tstzrange(${s}::timestamptz, ${e}::timestamptz, '[)')
        where id = ${bookingId}`,
  );
  await ctx.database.db.execute(
    sql`update voucher_reservations set service_start = ${s} where subject_id = ${bookingId}`,
  );
  return { start, end };
}

/**
 * A batch is payable once its month is over, and the approval just made is in this month's batch.
 * The month cannot end during a run, so the batch is dated last month: what finance sees after the
 * month closes. Returns that month.
 */
async function closeTheMonth(ctx: Ctx, programmeId: string, providerId: string): Promise<string> {
  if (!ctx.database) throw new Error('the journey needs the platform database to close the month');
  const [y, m] = shanghaiDay(new Date()).split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const { sql } = await import('drizzle-orm');
  await ctx.database.db.execute(
    sql`update voucher_settlements set month = ${last}
        where programme_id = ${programmeId} and provider_organisation_id = ${providerId} and status = 'open'`,
  );
  return last;
}

/** The SEM's sensor reports the service: idle while the sample goes in, then 105 minutes working. */
async function publishService(
  port: number,
  creds: { clientId: string; username: string; password: string; topic: string },
  slot: { start: number; end: number },
): Promise<void> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
    clientId: creds.clientId,
    username: creds.username,
    password: creds.password,
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  try {
    const readings: { ts: number; p: number; win: number }[] = [];
    for (let ts = slot.start - 30 * 60_000; ts <= slot.end + 30 * 60_000; ts += 30_000) {
      const working = ts > slot.start + 10 * 60_000 && ts <= slot.start + 115 * 60_000;
      const idle = ts > slot.start - 5 * 60_000 && ts <= slot.end + 5 * 60_000;
      readings.push({ ts, p: working ? 1500 + (ts % 7) * 10 : idle ? 90 : 3, win: 30 });
    }
    // Uploaded oldest first, as a device empties its buffer; at most 64 KiB a message.
    for (let i = 0; i < readings.length; i += 200) {
      await client.publishAsync(creds.topic, JSON.stringify(readings.slice(i, i + 200)), { qos: 1 });
    }
  } finally {
    await client.endAsync();
  }
}
