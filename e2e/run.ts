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
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { buildWeb, webBuildState } from '../scripts/web-build.js';
import { assetImportJourney } from './journeys/assets.js';
import { bookingCalendarAndTraining } from './journeys/bookings.js';
import { challengeNeedToPaidTranche } from './journeys/challenges.js';
import {
  englishSwitch,
  homeOnPhone,
  officerSignsIn,
  officerVerifies,
  registerOrganisation,
} from './journeys/identity.js';
import { instrumentBooking } from './journeys/instruments.js';
import { metricsMove } from './journeys/metrics.js';
import { sensorGoesLive } from './journeys/telemetry.js';
import { voucherJourney } from './journeys/vouchers.js';
import { type Ctx, pageErrors, shots, withTimeout } from './lib.js';

const args = process.argv.slice(2);
const forceBuild = args.includes('--build');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const journeys: [string, (ctx: Ctx) => Promise<void>][] = [
  ['officer signs in and sees the workspace', officerSignsIn],
  ['register a new organisation with the region cascader', registerOrganisation],
  ['officer finds it, verifies it, sees 已核验 and history', officerVerifies],
  ['English switch turns the workspace into English', englishSwitch],
  ['home page at 375×812', homeOnPhone],
  ['instrument booking: search, book, approve, complete', instrumentBooking],
  ['the metrics move: dashboard figures before and after a recorded service', metricsMove],
  ['asset register: import with mapping, preview, commit, report, reconciliation to-do', assetImportJourney],
  ['training records and the manager calendar', bookingCalendarAndTraining],
  ['sensor: provision a device, publish over MQTT, see it live on the board', sensorGoesLive],
  ['创新券: quota → booking paid with vouchers → sensor-checked claim → evidence → settlement paid', voucherJourney],
  // Last: it moves the platform's clock forward (deadline, notice period) and back at the end.
  [
    '揭榜挂帅: need → merge → list → 论证 → hall → apply → review → select → contract → tranche paid',
    challengeNeedToPaidTranche,
  ],
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
  let platform: Awaited<ReturnType<typeof import('../src/server/main.js').startPlatform>> | null = null;
  let context: BrowserContext | null = null;
  let passed = 0;
  let failed = 0;
  try {
    const { startPlatform } = await import('../src/server/main.js');
    const { shiftableClock } = await import('../src/server/lib/clock.js');
    const clock = shiftableClock();
    platform = await startPlatform({
      clock,
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
    const ctx: Ctx = {
      url: platform.url,
      context,
      org: null,
      mqttPort: platform.mqttPort,
      clock,
      database: platform.database,
    };
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
