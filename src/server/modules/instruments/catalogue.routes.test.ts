import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { cataloguePage } from '../../../shared/api/instruments.js';
import { createInstrumentRepository } from './instrument.repository.js';

let t: TestApp;
let manager: Awaited<ReturnType<Awaited<ReturnType<typeof seedBureau>>['as']>>;
let orgId: string;

async function list(instrument: number) {
  const res = await manager.post('/api/instruments', {
    organisationId: orgId,
    assetNo: `CR-${instrument}`,
    originalValueFen: 40_000_000 + instrument,
    nameZh: `场发射扫描电子显微镜 ${instrument}号`,
    classCode: '010101',
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
});
afterAll(() => t.close());

describe('catalogue answers: cache and count', () => {
  it('a search answered from the cache still shows an instrument listed a moment later', async () => {
    await list(1);
    const first = await t.client().get('/api/instruments?q=扫描电镜');
    expect(first.json()).toMatchObject({ total: 1, totalCapped: false });
    const id = await list(2);
    const second = await t.client().get('/api/instruments?q=扫描电镜');
    expect(second.json().total).toBe(2);
    expect(second.json().items.map((i: { id: string }) => i.id)).toContain(id);
    await manager.patch(`/api/instruments/${id}`, { nameZh: '透射电子显微镜' });
    expect((await t.client().get('/api/instruments?q=扫描电镜')).json().total).toBe(1);
  });

  it('the SQL baseline stops counting at its cap and says so; the page itself is unaffected', async () => {
    await list(3);
    const repo = createInstrumentRepository(t.database.db, { countCap: 2 });
    const capped = await repo.catalogueSql({ q: '电子显微镜', sort: 'relevance' }, 1, 20);
    expect(capped).toMatchObject({ total: 2, totalCapped: true });
    expect(capped.ids).toHaveLength(3);
    const exact = await createInstrumentRepository(t.database.db, { countCap: 3 }).catalogueSql(
      { q: '电子显微镜', sort: 'relevance' },
      1,
      20,
    );
    expect(exact).toMatchObject({ total: 3, totalCapped: false });
    // The platform's own answer counts exactly.
    const res = await t.client().get(`/api/instruments?q=${encodeURIComponent('电子显微镜')}`);
    expect(res.json()).toMatchObject({ total: 3, totalCapped: false });
  });
});

describe('catalogue export', () => {
  it('exports the filtered list in its order as CSV (BOM, Chinese headers, formula-safe) and XLSX', async () => {
    const id = await list(4);
    await manager.patch(`/api/instruments/${id}`, { model: '=HYPERLINK("http://evil")' });
    const csv = await t.client().get(`/api/instruments/export?q=${encodeURIComponent('扫描电镜')}&sort=-value`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF仪器名称,英文名称,分类代码')).toBe(true);
    const lines = csv.body.trim().split('\n');
    const search = (await t.client().get(`/api/instruments?q=${encodeURIComponent('扫描电镜')}&sort=-value`)).json();
    expect(lines).toHaveLength(1 + search.total);
    expect(lines[1]).toContain(search.items[0].nameZh);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).toContain(`/instruments/${id}`);

    const xlsx = await t.client().request({
      method: 'GET',
      url: `/api/instruments/export?format=xlsx&organisationId=${orgId}&status=normal`,
      headers: { 'accept-language': 'en' },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('Instruments');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Instrument');
    expect(sheet?.getRow(2).getCell(11).value).toBe('In service');
    expect((sheet?.actualRowCount ?? 0) - 1).toBe(4);
  });

  it('refuses a bad filter with a coded error', async () => {
    const res = await t.client().get('/api/instruments/export?regionCode=999999');
    expect([res.statusCode, res.json().code]).toEqual([400, 'REGION_UNKNOWN']);
  });
});

describe('catalogue page JSON', () => {
  it('a page is exactly what the response schema lets out, and an edited row is shown as edited', async () => {
    const id = await list(5);
    const page = async () => (await t.client().get(`/api/instruments?q=${encodeURIComponent('5号')}`)).body;
    const before = await page();
    // The page is assembled from per-row JSON: it must equal the schema's own output, field order included.
    expect(before).toBe(JSON.stringify(cataloguePage.parse(JSON.parse(before))));
    expect(JSON.parse(before).items.map((i: { id: string }) => i.id)).toEqual([id]);
    await manager.patch(`/api/instruments/${id}`, { model: 'JSM-IT800', manufacturer: '日本电子' });
    const after = JSON.parse(await page()).items[0];
    expect([after.model, after.manufacturer]).toEqual(['JSM-IT800', '日本电子']);
  });
});
