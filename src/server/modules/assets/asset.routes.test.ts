import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { assetCards, assetImports, auditLog } from '../../db/schema.js';

let t: TestApp;
let manager: TestClient;
let enterprise: TestClient;
let finance: TestClient;
let orgId: string;
let enterpriseOrgId: string;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER =
  '资产编号,原资产编号,资产名称,资产分类代码,规格型号,品牌,生产厂家,国别,取得方式,购置日期,价值(元),资金来源,使用状况,使用部门,存放地点';
const GOOD = [
  'ZC-2019-001,,场发射扫描电子显微镜,2410101,SU8010,日立,日立高新,日本,购置,2019/3/15,"4,500,000.00",科教项目,在用,材料学院,理科楼 101',
  'ZC-2020-002,OLD-7,液相色谱-质谱联用仪,2410201,6545,安捷伦,安捷伦科技,美国,购置,2020-06-01,¥3280000.5,财政补助,在用,化学学院,化学楼 204',
  'ZC-2015-003,,旧离心机,2410301,,,,中国,调拨,2015-01-01,0.29,其他,报废,生命学院,',
];
const csv = (...rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`);

function upload(
  client: TestClient,
  org: string,
  body: Buffer,
  q: { dryRun?: boolean; filename?: string; mapping?: object; type?: string } = {},
) {
  const params = new URLSearchParams({ dryRun: String(q.dryRun ?? false), filename: q.filename ?? '资产卡片.csv' });
  if (q.mapping) params.set('mapping', JSON.stringify(q.mapping));
  return client.request({
    method: 'POST',
    url: `/api/organisations/${org}/asset-imports?${params}`,
    payload: body,
    headers: { 'content-type': q.type ?? 'text/csv' },
  });
}

const cardsOf = (org: string) =>
  t.database.db.select().from(assetCards).where(eq(assetCards.organisationId, org)).orderBy(asc(assetCards.assetNo));

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  enterprise = await bureau.as('enterprise');
  finance = await bureau.as('finance');
  orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  enterpriseOrgId = (await enterprise.get('/api/auth/me')).json().memberships[0].organisation.id;
});
afterAll(() => t.close());

describe('asset register import', () => {
  it('preview reports what would happen and writes no cards, only its report', async () => {
    const res = await upload(manager, orgId, csv(...GOOD), { dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      source: 'csv',
      filename: '资产卡片.csv',
      dryRun: true,
      rowsTotal: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
    });
    expect(await cardsOf(orgId)).toEqual([]);
    const [report] = await t.database.db.select().from(assetImports).where(eq(assetImports.id, res.json().id));
    expect(report).toMatchObject({ dryRun: true, rowsInserted: 3, organisationId: orgId });
  });

  it('commit inserts the cards with exact fen, dates, status and the raw row, and audits the counts', async () => {
    const res = await upload(manager, orgId, csv(...GOOD));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ dryRun: false, inserted: 3, updated: 0, unchanged: 0, failed: 0 });
    const cards = await cardsOf(orgId);
    expect(
      cards.map((c) => [c.assetNo, c.originalValueFen, c.purchaseDate, c.useStatus, c.disposedAt !== null]),
    ).toEqual([
      ['ZC-2015-003', 29, '2015-01-01', '报废', true],
      ['ZC-2019-001', 450_000_000, '2019-03-15', '在用', false],
      ['ZC-2020-002', 328_000_050, '2020-06-01', '在用', false],
    ]);
    expect(cards[2]).toMatchObject({
      originalAssetNo: 'OLD-7',
      classCode: '2410201',
      classScheme: 'GB/T 14885',
      classVersion: '2010',
      brand: '安捷伦',
      manufacturer: '安捷伦科技',
      country: '美国',
      acquisitionMethod: '购置',
      fundingSource: '财政补助',
      usingDepartment: '化学学院',
      location: '化学楼 204',
      source: 'csv',
      lastImportId: res.json().id,
    });
    expect(cards[2]?.raw).toMatchObject({ '价值(元)': '¥3280000.5', 资产编号: 'ZC-2020-002' });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'asset.import'));
    expect(audit.at(-1)).toMatchObject({
      targetId: orgId,
      summary: expect.objectContaining({ importId: res.json().id, inserted: 3, updated: 0, unchanged: 0, failed: 0 }),
    });
  });

  it('re-importing the same file changes nothing: every row unchanged', async () => {
    const before = await cardsOf(orgId);
    t.clock.advance(3_600_000);
    const res = await upload(manager, orgId, csv(...GOOD));
    expect(res.json()).toMatchObject({ rowsTotal: 3, inserted: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(await cardsOf(orgId)).toEqual(before);
  });

  it('a changed value updates that card only', async () => {
    const changed = GOOD.map((r, i) => (i === 1 ? r.replace('¥3280000.5', '"3,280,000.51"') : r));
    const res = await upload(manager, orgId, csv(...changed));
    expect(res.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const card = (await cardsOf(orgId)).find((c) => c.assetNo === 'ZC-2020-002');
    expect(card).toMatchObject({ originalValueFen: 328_000_051, lastImportId: res.json().id });
  });

  it('bad rows are reported with row numbers and codes while the good rows are imported', async () => {
    t.clock.advance(60_000);
    const res = await upload(
      manager,
      orgId,
      csv(
        'ZC-NEW-1,,原子力显微镜,,,,,,,2024-01-05,"680,000.00",,在用,,',
        'ZC-NEW-2,,缺金额,,,,,,,2024-01-05,,,在用,,',
        'ZC-NEW-3,,坏日期,,,,,,,2024-13-05,100,,在用,,',
        'ZC-NEW-1,,重复编号,,,,,,,2024-01-05,100,,在用,,',
        ',,,,,,,,,,100,,,,',
        '"=cmd|\' /C calc\'!A0",,公式注入,,,,,,,2024-01-05,=1+1,,在用,,',
      ),
      { filename: 'bad.csv' },
    );
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ rowsTotal: 6, inserted: 1, failed: 5, errorsTruncated: false });
    expect(report.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, '价值(元)', 'ASSET_ROW_REQUIRED'],
      [4, '购置日期', 'ASSET_ROW_DATE_INVALID'],
      [5, '资产编号', 'ASSET_ROW_DUPLICATE'],
      [6, '资产编号', 'ASSET_ROW_REQUIRED'],
      [6, '资产名称', 'ASSET_ROW_REQUIRED'],
      [7, '价值(元)', 'ASSET_ROW_AMOUNT_INVALID'],
    ]);
    expect(report.errors[0].message.zh).toBe('「价值(元)」不能为空。');
    const nos = (await cardsOf(orgId)).map((c) => c.assetNo);
    expect(nos).toContain('ZC-NEW-1');
    expect(nos).not.toContain('ZC-NEW-2');
    expect((await cardsOf(orgId)).find((c) => c.assetNo === 'ZC-NEW-1')?.name).toBe('原子力显微镜');

    const reopened = await manager.get(`/api/organisations/${orgId}/asset-imports/${report.id}`);
    expect(reopened.json()).toEqual(report);
    const history = await manager.get(`/api/organisations/${orgId}/asset-imports`);
    expect(history.json().items[0]).toMatchObject({ id: report.id, failed: 5 });
    expect(history.json().items[0].errors).toBeUndefined();
    expect(history.json().total).toBe(5);
  });

  it('imports an XLSX register with Excel dates and stored formula results, through a column mapping', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('卡片');
    ws.addRow(['卡片号', '资产名称', '金额', '取得日期', '使用状况']);
    ws.addRow(['XL-1', 'X射线衍射仪', 1_234_567.89, new Date(Date.UTC(2021, 2, 15)), '在用']);
    ws.addRow(['XL-2', '拉曼光谱仪', { formula: 'C2/2', result: 617_283.945 }, 44_270, '在用']);
    ws.addRow(['XL-3', '热分析仪', { formula: 'C2*3', result: 900_000 }, 44_270, '闲置']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(manager, orgId, bytes, {
      type: XLSX,
      filename: '卡片.xlsx',
      mapping: { assetNo: '卡片号', originalValue: '金额' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: 'xlsx', inserted: 2, failed: 1, columns: { assetNo: '卡片号' } });
    expect(res.json().errors[0]).toMatchObject({ row: 3, column: '金额', code: 'ASSET_ROW_AMOUNT_INVALID' });
    const cards = (await cardsOf(orgId)).filter((c) => c.assetNo.startsWith('XL-'));
    expect(cards.map((c) => [c.assetNo, c.originalValueFen, c.purchaseDate, c.source])).toEqual([
      ['XL-1', 123_456_789, '2021-03-15', 'xlsx'],
      ['XL-3', 90_000_000, '2021-03-15', 'xlsx'],
    ]);
  });

  it('reads a GBK-encoded CSV', async () => {
    const gbk = Buffer.from(
      'd7cab2fab1e0bac52cd7cab2fac3fbb3c62cbcdbd6b528d4aa292ccab9d3c3d7b4bff60d0a5a432d3030312cc9a8c3e8b5e7beb52c22312c3233342c3536372e3839222cd4dad3c30d0a',
      'hex',
    );
    const res = await upload(manager, enterpriseOrgId, gbk).then(() => upload(manager, orgId, gbk));
    expect(res.json()).toMatchObject({ inserted: 1, failed: 0 });
    expect((await cardsOf(orgId)).find((c) => c.assetNo === 'ZC-001')).toMatchObject({
      name: '扫描电镜',
      originalValueFen: 123_456_789,
      useStatus: '在用',
    });
  });
});

describe('oversized finance push', () => {
  it('is refused as BODY_TOO_LARGE naming the route’s own 10 MB limit, not the global one', async () => {
    const big = { cards: [{ assetNo: 'X', name: 'x'.repeat(11 * 1024 * 1024) }] };
    const res = await manager.post(`/api/organisations/${orgId}/asset-cards`, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
    expect(res.json().message).toContain('10240 KiB');
  });
});

describe('refused imports: a coded error and nothing written', () => {
  async function counts() {
    return {
      cards: (await t.database.db.select().from(assetCards)).length,
      imports: (await t.database.db.select().from(assetImports)).length,
    };
  }

  it.each([
    ['over 10 MB', () => upload(manager, orgId, Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)), 413, 'ASSET_FILE_TOO_LARGE'],
    ['an unknown organisation', () => upload(manager, randomUUID(), csv(...GOOD)), 404, 'NOT_FOUND'],
    ['an enterprise user for another organisation', () => upload(enterprise, orgId, csv(...GOOD)), 403, 'FORBIDDEN'],
    ['missing columns', () => upload(manager, orgId, Buffer.from('编号,品名\n1,2\n')), 400, 'ASSET_COLUMNS_MISSING'],
    [
      'a bad mapping',
      () => upload(manager, orgId, csv(...GOOD), { mapping: { colour: 'x' } }),
      400,
      'ASSET_MAPPING_INVALID',
    ],
    ['a header row only', () => upload(manager, orgId, csv()), 400, 'ASSET_FILE_EMPTY'],
    [
      'a legacy .xls',
      () => upload(manager, orgId, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])),
      415,
      'ASSET_FILE_TYPE',
    ],
    [
      'a JSON body',
      () => manager.post(`/api/organisations/${orgId}/asset-imports?dryRun=false`, { a: 1 }),
      415,
      'ASSET_FILE_TYPE',
    ],
  ] as const)('%s', async (_name, send, status, code) => {
    const before = await counts();
    const res = await send();
    expect([res.statusCode, res.json().code]).toEqual([status, code]);
    expect(await counts()).toEqual(before);
  });

  it('names the columns found and the ones required', async () => {
    const res = await upload(manager, orgId, Buffer.from('编号,品名\n1,2\n'));
    expect(res.json().message).toBe(
      '找不到必需的列：资产编号、资产名称、价值(元)。文件中的列为：编号、品名。请调整表头或提交列对应关系（mapping）。',
    );
    expect(res.json().details).toMatchObject({
      found: ['编号', '品名'],
      missing: ['assetNo', 'name', 'originalValue'],
    });
  });
});

describe('JSON push from the finance system', () => {
  const url = () => `/api/organisations/${orgId}/asset-cards`;

  it('the region’s finance officer pushes cards with the same validation and report', async () => {
    const res = await finance.post(url(), {
      cards: [
        { assetNo: 'API-1', name: '核磁共振波谱仪', originalValue: '5,600,000.00', purchaseDate: '2022-09-01' },
        { assetNo: 'API-2', name: '流式细胞仪', originalValueFen: 98_000_000, useStatus: '在用' },
        { assetNo: 'API-3', name: '坏金额', originalValue: 'abc' },
        { assetNo: 'API-1', name: '重复', originalValue: 1 },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: 'api', filename: null, rowsTotal: 4, inserted: 2, failed: 2 });
    expect(
      res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, 'originalValue', 'ASSET_ROW_AMOUNT_INVALID'],
      [4, 'assetNo', 'ASSET_ROW_DUPLICATE'],
    ]);
    const [card] = await t.database.db
      .select()
      .from(assetCards)
      .where(and(eq(assetCards.organisationId, orgId), eq(assetCards.assetNo, 'API-1')));
    expect(card).toMatchObject({ originalValueFen: 560_000_000, source: 'api', purchaseDate: '2022-09-01' });
    const again = await finance.post(url(), {
      cards: [{ assetNo: 'API-2', name: '流式细胞仪', originalValueFen: 98_000_000, useStatus: '在用' }],
    });
    expect(again.json()).toMatchObject({ unchanged: 1, inserted: 0, updated: 0 });
  });

  it('refuses more than 5,000 cards per call and unknown fields', async () => {
    const many = Array.from({ length: 5_001 }, (_, i) => ({ assetNo: `M-${i}`, name: '仪器', originalValue: 1 }));
    const res = await finance.post(url(), { cards: many });
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const odd = await finance.post(url(), { cards: [{ assetNo: 'X', name: 'Y', originalValue: 1, colour: 'red' }] });
    expect(odd.json().code).toBe('VALIDATION_FAILED');
  });

  it('an enterprise user cannot push to another organisation', async () => {
    const res = await enterprise.post(url(), { cards: [{ assetNo: 'X', name: 'Y', originalValue: 1 }] });
    expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
  });
});
