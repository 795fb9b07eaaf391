/** Sensor journey: provision a device in the UI, publish with its credentials, see the board go live. */
/// <reference lib="dom" />

import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { apiAs, type Ctx, MANAGER, nav, newPage, OFFICER, shot, signIn } from '../lib.js';

/**
 * (g) The manager lists an instrument, provisions a sensor for it on the devices page (credentials
 * shown once), opens the live board (the new sensor listed as never reported, among the demo's 166),
 * the test publishes a few readings with those credentials to the embedded broker, and the open
 * board turns the tile to working without a reload; then the device record and the power trace.
 */
/** Waits until the page's finite CSS animations and transitions (antd modal motion) have finished. */
async function settle(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        // Spinners and the live badge pulse for ever; their `finished` never resolves.
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
}

export async function sensorGoesLive(ctx: Ctx): Promise<void> {
  if (!ctx.mqttPort) throw new Error('the platform did not report its embedded MQTT port');
  const page = await newPage(ctx, { signedOut: true });
  await signIn(ctx, page, MANAGER);
  const me = await apiAs<{ memberships: { organisation: { id: string } }[] }>(page, 'GET', '/api/auth/me');
  const orgId = me.memberships[0]?.organisation.id;
  if (!orgId) throw new Error('the demo manager has no organisation');
  const suffix = Date.now().toString(36).slice(-5);
  const nameZh = `X射线衍射仪 ${suffix}`;
  const instrument = await apiAs<{ id: string }>(page, 'POST', '/api/instruments', {
    organisationId: orgId,
    assetNo: `E2E-XRD-${suffix}`,
    nameZh,
    nameEn: `X-ray diffractometer ${suffix}`,
    classCode: '010101',
    originalValueFen: 2_800_000_00,
    manufacturer: '布鲁克',
    country: 'DEU',
    model: 'D8 Advance',
    specs: '测角仪半径 280 mm',
    functions: '物相分析',
    serviceContent: '委托测试',
    feePerHourFen: 200_00,
    openRules: '预约后上机。',
    location: '理工楼 B105',
    contactName: '王老师',
    contactPhone: '13800138001',
    bookingRules: { requiresApproval: true, advanceNoticeHours: 0 },
  });

  // Provision in the UI.
  await nav(page).getByRole('link', { name: '传感设备' }).click();
  await page.getByRole('heading', { name: '传感设备' }).waitFor();
  await shot(page, '07-devices-empty');
  await page.getByTestId('device-create').click();
  const dialog = page.getByRole('dialog', { name: '配置设备' });
  await dialog.getByLabel('仪器', { exact: true }).click();
  await page.keyboard.type(suffix);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${nameZh}"]`).click();
  await dialog.getByTestId('device-label').fill('插座 SN-0042');
  await page.getByTestId('device-create-submit').click();
  const creds = page.getByTestId('device-credentials');
  await creds.waitFor();
  await page.getByText('关闭此窗口后将无法再次查看密码').waitFor();
  await settle(page);
  await shot(page, '08-device-credentials');
  const read = async (key: string) => (await page.getByTestId(`cred-${key}`).first().innerText()).trim();
  const username = await read('username');
  const password = await read('password');
  const topic = await read('topic');
  const clientId = await read('clientId');
  // The credentials name the broker's real port, even though the platform started with MQTT_PORT=0.
  const brokerUrl = await read('brokerUrl');
  if (!brokerUrl.endsWith(`:${ctx.mqttPort}`))
    throw new Error(`credentials name ${brokerUrl}, but the broker listens on ${ctx.mqttPort}`);
  await page.getByTestId('credentials-close').click();
  await page.waitForURL(/\/devices\/kcd-/);
  await page.getByTestId('device-summary').getByText(nameZh).waitFor();
  await shot(page, '09-device-record');

  // The board already lists it, as not yet reported, beside the organisation's live demo sensors.
  await nav(page).getByRole('link', { name: '实时看板' }).click();
  await page.getByRole('heading', { name: '实时看板' }).waitFor();
  await page.getByTestId('board-stream').getByText('实时').waitFor();
  const tile = page.locator(`[data-testid="board-tile"][data-instrument="${instrument.id}"]`);
  await tile.waitFor();
  if ((await tile.getAttribute('data-state')) !== 'never')
    throw new Error(`a fresh sensor should show as never reported, not ${await tile.getAttribute('data-state')}`);
  if ((await page.locator('[data-testid="board-tile"]').count()) < 2)
    throw new Error("the manager's board should show the organisation's demo sensors too");
  await shot(page, '10a-board-before');

  // Publish as the sensor while the board is open: warm-up then working, 30 s windows ending now.
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${ctx.mqttPort}`, {
    clientId,
    username,
    password,
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  try {
    const now = Date.now();
    const readings = Array.from({ length: 12 }, (_, i) => ({
      ts: now - (11 - i) * 30_000,
      p: i < 3 ? 80 : 1500 + (i % 3) * 20,
      win: 30,
    }));
    await client.publishAsync(topic, JSON.stringify(readings), { qos: 1 });
  } finally {
    await client.endAsync();
  }
  // Pushed to the open page (server-sent events), no reload.
  await page.waitForFunction((id) => {
    const el = document.querySelector(`[data-testid="board-tile"][data-instrument="${id}"]`);
    return el?.getAttribute('data-state') === 'working';
  }, instrument.id);
  await shot(page, '10-live-board');

  // Its power trace.
  await tile.click();
  await page.getByRole('heading', { name: new RegExp(`功率曲线：${nameZh}`) }).waitFor();
  await page.locator('canvas').first().waitFor();
  await shot(page, '11-power-trace', true);

  // A bad message (negative power) is not stored but kept with its reason, shown on the device page.
  const bad = await mqtt.connectAsync(`mqtt://127.0.0.1:${ctx.mqttPort}`, {
    clientId,
    username,
    password,
    reconnectPeriod: 0,
  });
  try {
    await bad.publishAsync(topic, JSON.stringify({ ts: Date.now(), p: -5 }), { qos: 1 });
  } finally {
    await bad.endAsync();
  }
  await page.goto(`${ctx.url}/devices/${username}`);
  const summary = page.getByTestId('device-summary');
  await summary.getByText(nameZh).waitFor();
  if (await summary.getByText('从未上报').isVisible()) throw new Error('the readings were not recorded for the device');
  await page.getByTestId('device-dead-letters').getByText('功率不能为负数。').waitFor();
  await shot(page, '09b-device-seen', true);
  await page.close();

  // The bureau's view: the region's 166 connected demo instruments (and the new one) on the board,
  // and last year's "166 instruments connected, 215,432 power-on hours" one click from the hours page.
  const officer = await newPage(ctx, { signedOut: true });
  await signIn(ctx, officer, OFFICER);
  await nav(officer).getByRole('link', { name: '实时看板' }).click();
  await officer.getByTestId('board-stream').getByText('实时').waitFor();
  await officer.locator(`[data-testid="board-tile"][data-instrument="${instrument.id}"]`).waitFor();
  const tiles = await officer.locator('[data-testid="board-tile"]').count();
  if (tiles !== 167)
    throw new Error(`the region's board should show 166 demo instruments and the new one, not ${tiles}`);
  await shot(officer, '12-region-board');
  await nav(officer).getByRole('link', { name: '开机时长统计' }).click();
  await officer
    .getByTestId('hours-headline')
    .getByText(/台仪器已接入/)
    .waitFor();
  const lastYear = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' })) - 1;
  await officer.getByTestId('hours-year-quick').getByText(`上年（${lastYear}）`).click();
  await officer.getByTestId('hours-headline').getByText(`166 台仪器已接入，${lastYear} 年开机 215,432 小时`).waitFor();
  await shot(officer, '13-hours-last-year', true);
  await officer.close();
}
