import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { bookings, instruments, organisations, serviceRecords, users } from '../../db/schema.js';

let t: TestApp;
let sem: string;
let nmr: string;
let ownerId: string;
let outsiderId: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedBureau(t);
  const orgs = await t.database.db.select().from(organisations);
  ownerId = orgs.find((o) => o.name === '绍兴文理学院')?.id as string;
  outsiderId = orgs.find((o) => o.type === 'enterprise' && o.status === 'verified')?.id as string;
  const base = {
    organisationId: ownerId,
    classCode: '010101',
    originalValueFen: 50_000_000,
    bookingRules: {},
    regionCode: '330602',
  };
  const [a, b] = await t.database.db
    .insert(instruments)
    .values([
      { ...base, assetNo: 'M-1', nameZh: '扫描电子显微镜', purpose: 'general' },
      {
        ...base,
        assetNo: 'M-2',
        nameZh: '核磁共振波谱仪',
        classCode: '010601',
        purpose: 'special',
        regionCode: '330603',
      },
    ])
    .returning();
  sem = a?.id as string;
  nmr = b?.id as string;
  const service = (instrumentId: string, external: boolean, at: string, measure: number) => ({
    instrumentId,
    userOrganisationId: external ? outsiderId : ownerId,
    external,
    startedAt: new Date(at),
    prepMinutes: 30,
    measureMinutes: measure,
    postMinutes: 30,
    feeFen: 0,
    recordedBy: '00000000-0000-4000-8000-000000000000',
    recordedAt: new Date(at),
  });
  await t.database.db.insert(serviceRecords).values([
    service(sem, true, '2026-03-02T02:00:00Z', 60), // 2 h external
    service(sem, false, '2026-03-03T02:00:00Z', 180), // 4 h internal
    service(nmr, true, '2026-05-01T02:00:00Z', 540), // 10 h external
    service(sem, true, '2025-12-31T16:30:00Z', 60), // 2025 in UTC but 00:30 on 2026-01-01 in Shanghai: counts in 2026
    service(sem, true, '2025-12-31T15:59:00+08:00', 600), // 2025 in Shanghai: not counted
  ]);
  // Booked time: a completed 3 h slot counts, a cancelled one does not.
  const [user] = await t.database.db.select().from(users).limit(1);
  const booking = (status: string, start: string, end: string) => ({
    instrumentId: sem,
    userId: user?.id as string,
    organisationId: outsiderId,
    mode: 'self',
    status,
    startAt: new Date(start),
    endAt: new Date(end),
    slot: `[${new Date(start).toISOString()},${new Date(end).toISOString()})`,
    createdAt: new Date(start),
    updatedAt: new Date(start),
  });
  await t.database.db
    .insert(bookings)
    .values([
      booking('completed', '2026-03-02T10:00:00+08:00', '2026-03-02T13:00:00+08:00'),
      booking('cancelled', '2026-03-04T10:00:00+08:00', '2026-03-04T18:00:00+08:00'),
    ]);
});
afterAll(() => t.close());

describe('open-sharing metrics', () => {
  it('per instrument: effective and external hours, sharing rate, quota by purpose', async () => {
    const res = await t.client().get('/api/metrics/instruments?year=2026&regionCode=330600');
    expect(res.statusCode).toBe(200);
    const byId = Object.fromEntries(res.json().items.map((i: { instrumentId: string }) => [i.instrumentId, i]));
    expect(byId[sem]).toMatchObject({
      effectiveHours: 8,
      externalHours: 4,
      sharingRate: 0.5,
      quotaHours: 1400,
      belowQuota: true,
      services: 3,
      bookedHours: 3,
    });
    expect(byId[nmr]).toMatchObject({ effectiveHours: 10, externalHours: 10, sharingRate: 1, quotaHours: 800 });
    expect(res.json().total).toMatchObject({
      instruments: 2,
      effectiveHours: 18,
      externalHours: 14,
      quotaHours: 2200,
      belowQuotaCount: 2,
    });
  });

  it('rolls up by county below a city, and by organisation', async () => {
    const byRegion = (await t.client().get('/api/metrics/rollup?year=2026&regionCode=330600&by=region')).json().items;
    expect(byRegion.map((g: { key: string; effectiveHours: number }) => [g.key, g.effectiveHours])).toEqual([
      ['330603', 10],
      ['330602', 8],
    ]);
    const byOrg = (await t.client().get('/api/metrics/rollup?year=2026&by=organisation')).json().items;
    expect(byOrg).toEqual([
      expect.objectContaining({ key: ownerId, name: '绍兴文理学院', instruments: 2, effectiveHours: 18 }),
    ]);
  });

  it('filters by region scope and exports CSV with a BOM', async () => {
    const elsewhere = await t.client().get('/api/metrics/instruments?year=2026&regionCode=330100');
    expect(elsewhere.json().items).toEqual([]);
    const csv = await t.client().get('/api/metrics/instruments/export.csv?year=2026');
    expect(csv.body.startsWith('\uFEFF仪器,所属单位')).toBe(true);
    expect(csv.body).toContain('50.0%');
    const bad = await t.client().get('/api/metrics/instruments?year=2026&regionCode=999999');
    expect(bad.json().code).toBe('REGION_UNKNOWN');
  });

  it('by month in Shanghai time, with empty months as zeros', async () => {
    const res = await t.client().get('/api/metrics/monthly?year=2026&regionCode=330600');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(12);
    expect(items[0]).toMatchObject({ month: '2026-01', effectiveHours: 2, externalHours: 2, services: 1 });
    expect(items[1]).toMatchObject({ month: '2026-02', effectiveHours: 0, sharingRate: null, bookedHours: 0 });
    expect(items[2]).toMatchObject({ month: '2026-03', effectiveHours: 6, externalHours: 2, bookedHours: 3 });
    expect(items[4]).toMatchObject({ month: '2026-05', effectiveHours: 10, sharingRate: 1 });
  });

  it('a month range prorates the quota; purpose filters; a reversed range is a coded error', async () => {
    const spring = (await t.client().get(`/api/metrics/instruments?year=2026&fromMonth=3&toMonth=4`)).json();
    const semRow = spring.items.find((i: { instrumentId: string }) => i.instrumentId === sem);
    // March and April: 61 days of the 1,400 h year.
    expect(semRow).toMatchObject({ effectiveHours: 6, externalHours: 2, quotaHours: Math.round((1400 * 61) / 365) });
    const months = (await t.client().get('/api/metrics/monthly?year=2026&fromMonth=3&toMonth=4')).json().items;
    expect(months.map((m: { month: string }) => m.month)).toEqual(['2026-03', '2026-04']);
    const special = (await t.client().get('/api/metrics/instruments?year=2026&purpose=special')).json();
    expect(special.items.map((i: { instrumentId: string }) => i.instrumentId)).toEqual([nmr]);
    const bad = await t.client().get('/api/metrics/instruments?year=2026&fromMonth=5&toMonth=3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'METRICS_PERIOD_INVALID' });
    expect(bad.json().message).toContain('5 月');
    const worse = await t.client().get('/api/metrics/monthly?year=2026&fromMonth=13');
    expect(worse.statusCode).toBe(400);
  });

  it('exports the organisation roll-up as CSV', async () => {
    const csv = await t.client().get('/api/metrics/rollup/export.csv?year=2026&regionCode=330600');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace('\uFEFF', '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('单位,仪器台套数,有效机时,对外服务机时,共享率,定额机时,预约机时,服务次数,低于定额台套数');
    expect(lines[1]).toBe('绍兴文理学院,2,18,14,77.8%,2200,3,4,2');
  });
});

async function workbook(url: string, headers: Record<string, string> = {}) {
  const res = await t.client().request({ method: 'GET', url, headers });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { wb, res };
}

describe('XLSX export', () => {
  it('a workbook with a summary, instruments, organisations, each region level below the scope and months', async () => {
    const { wb, res } = await workbook('/api/metrics/instruments/export.xlsx?year=2026&regionCode=330600');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('仪器共享指标-2026.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '仪器', '单位', '按区县', '月度']);

    const summary = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    expect(summary.getCell('B3').value).toBe('浙江省 绍兴市（2026 年）');
    expect(summary.getCell('A5').value).toBe('有效机时');
    expect(summary.getCell('B5').value).toBe(18);

    const sheet = wb.getWorksheet('仪器') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1).values as unknown[];
    expect(header.slice(1, 8)).toEqual(['仪器', '所属单位', '地区代码', '地区', '用途', '有效机时', '对外服务机时']);
    const semRow = sheet.getRows(2, sheet.rowCount - 1)?.find((r) => r.getCell(1).value === '扫描电子显微镜');
    expect(semRow?.getCell(5).value).toBe('通用');
    expect(semRow?.getCell(6).value).toBe(8);
    expect(semRow?.getCell(6).numFmt).toBe('#,##0.0');
    expect(semRow?.getCell(8).value).toBe(0.5);
    expect(semRow?.getCell(8).numFmt).toBe('0.0%');
    expect(semRow?.getCell(12).value).toBe('是');

    const counties = wb.getWorksheet('按区县') as ExcelJS.Worksheet;
    expect(counties.getCell('A1').value).toBe('地区');
    expect(counties.getCell('A2').value).toBe('浙江省 绍兴市 柯桥区');
    expect(counties.getCell('C2').value).toBe(10);
    const months = wb.getWorksheet('月度') as ExcelJS.Worksheet;
    expect(months.rowCount).toBe(13);
    expect(months.getCell('A4').value).toBe('2026-03');
    expect(months.getCell('E4').value).toBe(3);
  });

  it('in English, with province and city sheets when no region is chosen, beside the roll-up CSV too', async () => {
    const { wb, res } = await workbook('/api/metrics/rollup/export.xlsx?year=2026&fromMonth=3&toMonth=5', {
      'accept-language': 'en',
    });
    expect(String(res.headers['content-disposition'])).toContain('organisation-metrics-2026-03-05.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Instruments',
      'Organisations',
      'By province',
      'By city',
      'By county',
      'Months',
    ]);
    const orgs = wb.getWorksheet('Organisations') as ExcelJS.Worksheet;
    expect(orgs.getCell('A1').value).toBe('Organisation');
    expect(orgs.getCell('A2').value).toBe('绍兴文理学院');
    expect(orgs.getCell('C2').value).toBe(16);
    expect((wb.getWorksheet('By province') as ExcelJS.Worksheet).getCell('A2').value).toBe('浙江省');
    const bad = await t.client().get('/api/metrics/instruments/export.xlsx?year=2026&regionCode=999999');
    expect(bad.json().code).toBe('REGION_UNKNOWN');
  });
});
