import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';

let t: TestApp;
let manager: TestClient;
let enterprise: TestClient;
let admin: TestClient;
let officer: TestClient;
let managerOrgId: string;
let sem: { id: string };
let xrd: { id: string };
const bookingIds: string[] = [];

// Wednesday 2026-11-25 10:00 in Shanghai; bookings go on Monday 2026-11-30 and Tuesday 2026-12-01.
const NOW = '2026-11-25T02:00:00Z';
const week = { from: '2026-11-29T16:00:00Z', to: '2026-12-06T16:00:00Z' };

async function listInstrument(nameZh: string, assetNo: string, rules: Record<string, unknown> = {}) {
  const res = await manager.post('/api/instruments', {
    organisationId: managerOrgId,
    assetNo,
    nameZh,
    classCode: '010101',
    originalValueFen: 450_000_000,
    feePerHourFen: 60_000,
    feePerSampleFen: 30_000,
    feeNotes: '校外单位按 1.2 倍收费',
    bookingRules: { requiresApproval: false, ...rules },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string };
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  enterprise = await bureau.as('enterprise');
  admin = await bureau.as('admin');
  officer = await bureau.as('officer');
  managerOrgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  sem = await listInstrument('场发射扫描电子显微镜', 'ZC-CAL-1', {
    blackouts: [{ start: '2026-12-02T08:00:00+08:00', end: '2026-12-02T12:00:00+08:00', reason: '年度维护' }],
  });
  xrd = await listInstrument('X射线衍射仪', 'ZC-CAL-2');
  const slots: [string, string, string, string][] = [
    [sem.id, '2026-11-30T01:00:00Z', '2026-11-30T03:00:00Z', '表面形貌 =1+1'],
    [sem.id, '2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z', '能谱'],
    [xrd.id, '2026-11-30T05:00:00Z', '2026-11-30T06:00:00Z', '物相分析'],
  ];
  for (const [instrumentId, start, end, purpose] of slots) {
    const res = await enterprise.post('/api/bookings', {
      instrumentId,
      start,
      end,
      mode: 'sample_testing',
      sampleCount: 2,
      purpose,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    bookingIds.push(res.json().id);
  }
  // A cancelled booking holds no time and stays off the calendar.
  await enterprise.post(`/api/bookings/${bookingIds[1]}/cancel`, { reason: '计划调整' });
});
afterAll(() => t.close());

describe('manager calendar', () => {
  it('shows every managed instrument with hours, blackouts and its live bookings in the window', async () => {
    const res = await manager.get(`/api/bookings/calendar?from=${week.from}&to=${week.to}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.instruments.map((i: { nameZh: string }) => i.nameZh);
    expect(names).toEqual(expect.arrayContaining(['场发射扫描电子显微镜', 'X射线衍射仪']));
    const semRow = body.instruments.find((i: { id: string }) => i.id === sem.id);
    expect(semRow.blackouts).toEqual([expect.objectContaining({ reason: '年度维护' })]);
    expect(semRow.openingHours['1']).toEqual([{ from: '08:30', to: '17:30' }]);
    expect(semRow.timezone).toBe('Asia/Shanghai');
    expect(body.bookings.map((b: { id: string }) => b.id).sort()).toEqual([bookingIds[0], bookingIds[2]].sort());
    expect(body.bookings[0]).toMatchObject({
      status: 'confirmed',
      userName: expect.any(String),
      organisationName: expect.any(String),
    });
    expect(body.truncated).toBe(false);

    // Outside the window nothing is listed.
    const later = await manager.get('/api/bookings/calendar?from=2026-12-07T00:00:00Z&to=2026-12-08T00:00:00Z');
    expect(later.json().bookings).toEqual([]);
  });

  it('scopes by the access policy: the bureau admin by region and organisation, others see nothing', async () => {
    const byAdmin = await admin.get(
      `/api/bookings/calendar?from=${week.from}&to=${week.to}&organisationId=${managerOrgId}`,
    );
    expect(byAdmin.json().instruments.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([sem.id, xrd.id]),
    );
    expect(byAdmin.json().instruments.every((i: { organisationId: string }) => i.organisationId === managerOrgId)).toBe(
      true,
    );
    for (const client of [enterprise, officer]) {
      const res = await client.get(`/api/bookings/calendar?from=${week.from}&to=${week.to}`);
      expect(res.json()).toEqual({ instruments: [], bookings: [], truncated: false });
    }
    expect((await t.client().get(`/api/bookings/calendar?from=${week.from}&to=${week.to}`)).statusCode).toBe(401);
  });

  it('refuses an empty, reversed or too long window with a coded error', async () => {
    for (const [from, to] of [
      [week.to, week.from],
      ['2026-11-01T00:00:00Z', '2026-12-15T00:00:00Z'],
    ]) {
      const res = await manager.get(`/api/bookings/calendar?from=${from}&to=${to}`);
      expect([res.statusCode, res.json().code]).toEqual([400, 'BOOKING_CALENDAR_RANGE']);
    }
    expect((await manager.get('/api/bookings/calendar?from=tomorrow&to=later')).json().code).toBe('VALIDATION_FAILED');
  });
});

describe('my calendar', () => {
  it('shows my live bookings on every instrument in the window, and nobody else’s', async () => {
    const res = await enterprise.get(`/api/bookings/mine/calendar?from=${week.from}&to=${week.to}`);
    expect(res.statusCode).toBe(200);
    const { bookings } = res.json();
    expect(bookings.map((b: { id: string }) => b.id)).toEqual([bookingIds[0], bookingIds[2]]);
    expect(bookings[1]).toMatchObject({
      instrumentId: xrd.id,
      instrumentName: 'X射线衍射仪',
      instrumentOrganisation: expect.any(String),
      status: 'confirmed',
      mode: 'sample_testing',
    });
    // A window that only clips the end of a booking still shows it.
    const clip = await enterprise.get('/api/bookings/mine/calendar?from=2026-11-30T02:00:00Z&to=2026-11-30T02:30:00Z');
    expect(clip.json().bookings.map((b: { id: string }) => b.id)).toEqual([bookingIds[0]]);
    const theirs = await manager.get(`/api/bookings/mine/calendar?from=${week.from}&to=${week.to}`);
    expect(theirs.json().bookings).toEqual([]);
    const bad = await enterprise.get(`/api/bookings/mine/calendar?from=${week.to}&to=${week.from}`);
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'BOOKING_CALENDAR_RANGE']);
    expect((await t.client().get(`/api/bookings/mine/calendar?from=${week.from}&to=${week.to}`)).statusCode).toBe(401);
  });
});

describe('booking detail', () => {
  it("names the booker and their organisation and carries the instrument's fees", async () => {
    const me = (await enterprise.get('/api/auth/me')).json();
    const res = await manager.get(`/api/bookings/${bookingIds[0]}`);
    expect(res.json()).toMatchObject({
      userName: me.user.name,
      organisationName: me.memberships[0].organisation.name,
      fees: { perHourFen: 60_000, perSampleFen: 30_000, notes: '校外单位按 1.2 倍收费' },
    });
  });
});

describe('booking lists and export', () => {
  it('filters the queue by instrument, days and text, and the export carries the same filters', async () => {
    const q = `instrumentId=${sem.id}&from=2026-11-30&to=2026-11-30`;
    const listed = (await manager.get(`/api/bookings/queue?${q}`)).json();
    expect(listed.items.map((b: { id: string }) => b.id)).toEqual([bookingIds[0]]);
    expect((await manager.get(`/api/bookings/queue?q=${encodeURIComponent('衍射')}`)).json().total).toBe(1);

    const csv = await manager.get(`/api/bookings/queue/export?${q}`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^仪器,预约人,预约单位,服务方式,状态,开始时间/);
    // Shanghai wall-clock times; a purpose starting with = is not a formula.
    expect(lines[1]).toContain('2026-11-30 09:00');
    expect(lines[1]).toContain('委托测试');
    expect(lines[1]).toContain('表面形貌 =1+1');

    const en = await manager.request({
      method: 'GET',
      url: '/api/bookings/queue/export?status=cancelled',
      headers: { 'accept-language': 'en' },
    });
    const enLines = en.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(enLines[0]).toMatch(/^Instrument,Booked by/);
    expect(enLines).toHaveLength(2);
    expect(enLines[1]).toContain('Cancelled');
  });

  it('exports my bookings as an XLSX workbook', async () => {
    const res = await enterprise.get('/api/bookings/mine/export?format=xlsx&status=confirmed');
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(1).getCell(1).value).toBe('仪器');
    const names = [2, 3].map((r) => sheet?.getRow(r).getCell(1).value);
    expect(names.sort()).toEqual(['X射线衍射仪', '场发射扫描电子显微镜']);
    expect(sheet?.getRow(2).getCell(10).value).toBe(600);
    expect((await t.client().get('/api/bookings/mine/export')).statusCode).toBe(401);
    expect((await enterprise.get('/api/bookings/mine/export?format=pdf')).json().code).toBe('VALIDATION_FAILED');
  });
});

describe('editing an instrument', () => {
  it('clears optional fields sent as null and keeps the ones left out', async () => {
    const res = await manager.patch(`/api/instruments/${xrd.id}`, {
      feeNotes: null,
      feePerSampleFen: null,
      model: 'D8 ADVANCE',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      feeNotes: null,
      feePerSampleFen: null,
      feePerHourFen: 60_000,
      model: 'D8 ADVANCE',
    });
    const detail = (await manager.get(`/api/bookings/${bookingIds[2]}`)).json();
    expect(detail.fees).toEqual({ perHourFen: 60_000, perSampleFen: null, notes: null });
    // Required fields cannot be cleared.
    const bad = await manager.patch(`/api/instruments/${xrd.id}`, { nameZh: null });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
