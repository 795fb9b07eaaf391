/** Instrument journeys: search, book, approve, complete. */
/// <reference lib="dom" />

import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import {
  apiAs,
  type Ctx,
  ENTERPRISE,
  MANAGER,
  nav,
  newPage,
  nextWeekdayInShanghai,
  pickSelect,
  shot,
  shots,
  signIn,
} from '../lib.js';

/** A real PNG (a soft gradient with a dark band), so the browser draws the uploaded photo. */
function pngPhoto(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const band = y > height * 0.55 && y < height * 0.8;
      rows[at + 1 + x * 3] = band ? 40 : 90 + Math.round((120 * x) / width);
      rows[at + 2 + x * 3] = band ? 50 : 130 + Math.round((80 * y) / height);
      rows[at + 3 + x * 3] = band ? 70 : 200;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * (f) Instrument booking: the manager lists an SEM (through the API), an enterprise user finds it in
 * the catalogue by 扫描电镜, books the next weekday 10:00–12:00 (待审核); the manager approves it in the
 * queue, confirms and completes it with a service record; the user rates it, and the rating shows on
 * the instrument's page beside the photo the manager uploaded; the user's week calendar shows the
 * booking. The catalogue also on a phone, with the status and purpose filters and its export.
 */
export async function instrumentBooking(ctx: Ctx): Promise<void> {
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
  // The manager adds a photo on the instrument's page; it becomes the catalogue's cover.
  await page.goto(`${ctx.url}/instruments/${instrument.id}`);
  await page
    .getByTestId('instrument-photos')
    .getByText(/还没有照片/)
    .waitFor();
  await page
    .getByTestId('instrument-photos')
    .locator('input[type=file]')
    .setInputFiles({ name: 'sem.png', mimeType: 'image/png', buffer: pngPhoto(480, 360) });
  await page.getByText('照片已上传').waitFor();
  await page.getByTestId('instrument-photo').first().waitFor();
  await page.getByTestId('instrument-photos').screenshot({ path: join(shots, '06-instrument-photos-manager.png') });
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
  const row = page.locator('tr.ant-table-row', { has: page.locator(`a[href="/bookings/queue/${bookingId}"]`) });
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
  await page.waitForURL(new RegExp(`/bookings/queue/${bookingId}$`));

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

  // The user rates the service; the instrument's page shows the rating, the photo and the calendar.
  page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, ENTERPRISE);
  await page.goto(`${ctx.url}/bookings/${bookingId}`);
  const rating = page.getByTestId('rating-form');
  await rating.locator('.ant-rate-star').nth(4).click();
  await rating.getByLabel('评价内容（选填）').fill('老师指导耐心，断口形貌图像清晰，报告当天出具。');
  await rating.getByRole('button', { name: '提交评价' }).click();
  await page.getByTestId('booking-service').locator('.ant-rate-disabled').waitFor();
  await page.goto(`${ctx.url}/instruments/${instrument.id}`);
  await page.getByTestId('reviews-average').getByText('5.0').waitFor();
  await page.getByTestId('review').getByText('断口形貌图像清晰').waitFor();
  await page.getByTestId('instrument-photo').first().waitFor();
  await shot(page, '06-instrument-page-reviewed', true);
  // My bookings as a week calendar, on the booked week.
  await page.goto(`${ctx.url}/bookings?view=calendar&day=${day}`);
  await page.getByTestId('my-calendar-booking').filter({ hasText: '场发射扫描电子显微镜' }).first().waitFor();
  await shot(page, '06-my-calendar', true);
  await page.close();

  // The catalogue's cover, status and purpose filters, and an export that carries the filters.
  page = await newPage(ctx, { signedOut: true });
  await page.goto(`${ctx.url}/instruments?q=${encodeURIComponent('扫描电镜')}&status=normal&purpose=general`);
  const coverRow = page.locator('tr.ant-table-row', { has: page.locator(`a[href="/instruments/${instrument.id}"]`) });
  await coverRow.locator('img').waitFor();
  await page.getByTestId('catalogue-export').hover();
  const exportHref = await page.getByTestId('export-xlsx').getAttribute('href');
  if (!exportHref?.includes('status=normal') || !exportHref.includes('purpose=general') || !exportHref.includes('q='))
    throw new Error(`catalogue export link ${exportHref}`);
  await shot(page, '06-catalogue-filters');
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
