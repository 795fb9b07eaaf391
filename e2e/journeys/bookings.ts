/** Booking management journeys: training records and the manager calendar. */
/// <reference lib="dom" />

import { apiAs, type Ctx, ENTERPRISE, MANAGER, nav, newPage, nextWeekdayInShanghai, shot, signIn } from '../lib.js';

/**
 * (g) The manager lists an instrument that requires training; the enterprise user's self-operated
 * booking is refused; the manager grants a training record in 培训记录 (user picked by search), the
 * user books and sees the record; the manager sees both bookings, the blackout and closed hours on
 * 预约日历 (week and day), and opens a booking from it with the menu still on 预约日历.
 */
export async function bookingCalendarAndTraining(ctx: Ctx): Promise<void> {
  const day = nextWeekdayInShanghai();
  let page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, MANAGER);
  const me = await apiAs<{ memberships: { organisation: { id: string } }[] }>(page, 'GET', '/api/auth/me');
  const orgId = me.memberships[0]?.organisation.id;
  if (!orgId) throw new Error('the demo manager has no organisation');
  const suffix = Date.now().toString(36).slice(-5);
  const instrument = await apiAs<{ id: string; nameZh: string }>(page, 'POST', '/api/instruments', {
    organisationId: orgId,
    assetNo: `E2E-CLSM-${suffix}`,
    nameZh: '激光扫描共聚焦显微镜',
    classCode: '010101',
    originalValueFen: 3_800_000_00,
    model: 'LSM 980',
    feePerHourFen: 400_00,
    feePerSampleFen: 200_00,
    feeNotes: '校外单位按 1.2 倍收费',
    bookingRules: {
      requiresApproval: true,
      qualificationRequired: true,
      advanceNoticeHours: 0,
      blackouts: [{ start: `${day}T15:00:00+08:00`, end: `${day}T17:30:00+08:00`, reason: '激光器校准' }],
    },
  });

  // Without a training record, self-operation is refused with the reason.
  const enterprisePage = await newPage(ctx);
  await ctx.context.clearCookies();
  await signIn(ctx, enterprisePage, ENTERPRISE);
  const selfOperated = {
    instrumentId: instrument.id,
    start: `${day}T09:00:00+08:00`,
    end: `${day}T10:30:00+08:00`,
    mode: 'self_operated',
  };
  const refused = await apiAs(enterprisePage, 'POST', '/api/bookings', selfOperated).catch((e: Error) => e.message);
  if (typeof refused !== 'string' || !refused.includes('BOOKING_QUALIFICATION_REQUIRED'))
    throw new Error(`expected a refusal for missing training, got ${JSON.stringify(refused)}`);
  await enterprisePage.close();

  // The manager grants the record in 培训记录.
  await ctx.context.clearCookies();
  page = await newPage(ctx);
  await signIn(ctx, page, MANAGER);
  await nav(page).getByRole('link', { name: '培训记录' }).click();
  await page.getByRole('heading', { name: '培训记录' }).waitFor();
  await page.getByLabel('仪器', { exact: true }).fill('激光扫描共聚焦');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '激光扫描共聚焦显微镜' })
    .first()
    .click();
  await page.getByText('这台仪器还没有培训记录').waitFor();
  await page.getByTestId('training-grant').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户').fill('enterprise@');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'enterprise@demo.kechuang.cn' })
    .click();
  await dialog.getByLabel('备注').fill('2026 年第 4 期上机培训，考核合格');
  await shot(page, '07-training-grant');
  await dialog.getByRole('button', { name: '授予资格' }).click();
  await page.getByText(/已授予 .* 上机资格/).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  const row = page.getByTestId('training-table').locator('tr.ant-table-row').first();
  await row.getByText('enterprise@demo.kechuang.cn').waitFor();
  await row.getByText('有效', { exact: true }).waitFor();
  await shot(page, '07-training-records', true);
  await page.close();

  // Now the user can book self-operation; a second booking (sample testing) waits for approval.
  await ctx.context.clearCookies();
  page = await newPage(ctx);
  await signIn(ctx, page, ENTERPRISE);
  const first = await apiAs<{ id: string; status: string }>(page, 'POST', '/api/bookings', selfOperated);
  await apiAs(page, 'POST', '/api/bookings', {
    instrumentId: instrument.id,
    start: `${day}T13:00:00+08:00`,
    end: `${day}T14:30:00+08:00`,
    mode: 'sample_testing',
    sampleCount: 4,
    purpose: '细胞荧光成像',
  });
  // Enter in the booking form's date box confirms the date and does not submit the form.
  await page.goto(`${ctx.url}/instruments/${instrument.id}`);
  const dateInput = page.getByLabel('日期', { exact: true });
  await dateInput.click();
  await dateInput.fill(day);
  await dateInput.press('Enter');
  await page.getByText(/当日开放时段/).waitFor();
  await page.waitForTimeout(500);
  if ((await page.getByText('请选择开始时间').count()) > 0) throw new Error('Enter in the date box submitted the form');
  if (!page.url().endsWith(`/instruments/${instrument.id}`)) throw new Error(`Enter navigated to ${page.url()}`);
  await page.goto(`${ctx.url}/bookings/qualifications`);
  await page.getByTestId('my-qualifications').getByText('激光扫描共聚焦显微镜').waitFor();
  await shot(page, '07-my-qualifications');
  await page.close();

  // The manager approves the first and looks at the calendar.
  await ctx.context.clearCookies();
  page = await newPage(ctx);
  await signIn(ctx, page, MANAGER);
  await apiAs(page, 'POST', `/api/bookings/${first.id}/approve`, {});
  await nav(page).getByRole('link', { name: '预约日历' }).click();
  await page.getByRole('heading', { name: '预约日历' }).waitFor();
  await page.goto(`${ctx.url}/bookings/calendar?day=${day}`);
  const calendarRow = page.getByTestId('calendar-row').filter({ hasText: '激光扫描共聚焦显微镜' });
  await calendarRow.getByTestId('calendar-booking').nth(1).waitFor();
  if ((await calendarRow.locator('[data-status="approved"]').count()) !== 1)
    throw new Error('approved booking not shown');
  if ((await calendarRow.locator('[data-status="requested"]').count()) !== 1)
    throw new Error('requested booking not shown');
  await calendarRow.getByTestId('calendar-blackout').first().waitFor();
  await shot(page, '07-calendar-week', true);
  await page.getByTestId('calendar-view').getByText('日', { exact: true }).click();
  await page.waitForURL(/view=day/);
  await calendarRow.getByTestId('calendar-booking').nth(1).waitFor();
  await shot(page, '07-calendar-day', true);

  await calendarRow.locator('[data-status="approved"]').click();
  await page.waitForURL(new RegExp(`/bookings/calendar/${first.id}$`));
  await page.getByTestId('booking-fees').getByText('400 元/小时').waitFor();
  const selected = (await nav(page).locator('.ant-menu-item-selected').innerText()).trim();
  if (selected !== '预约日历') throw new Error(`the menu highlights ${selected}, not 预约日历`);
  await shot(page, '07-calendar-booking', true);

  // The queue's export carries its filters.
  await nav(page).getByRole('link', { name: '预约审批' }).click();
  await page.getByRole('heading', { name: '预约审批' }).waitFor();
  await page.getByTestId('booking-export').hover();
  const href = await page.getByTestId('export-xlsx').getAttribute('href');
  if (!href?.includes('status=requested') || !href.includes('format=xlsx')) throw new Error(`export link ${href}`);
  await page.close();
}
