import { and, asc, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { assetCards } from '../../db/schema.js';

/**
 * The card's use, acquisition and depreciation columns (出厂编号, 供应商, 投入使用日期, 保修截止日期,
 * 累计折旧, 账面净值, 使用方向, 管理部门, 使用人, 备注): mapped from the register's headers,
 * validated per row, stored, and re-imported without change.
 */

let t: TestApp;
let manager: TestClient;
let finance: TestClient;
let orgId: string;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function upload(body: Buffer, q: { dryRun?: boolean; type?: string } = {}) {
  const params = new URLSearchParams({ dryRun: String(q.dryRun ?? false), filename: 'cards' });
  return manager.request({
    method: 'POST',
    url: `/api/organisations/${orgId}/asset-imports?${params}`,
    payload: body,
    headers: { 'content-type': q.type ?? 'text/csv' },
  });
}

const cards = (prefix: string) =>
  t.database.db
    .select()
    .from(assetCards)
    .where(and(eq(assetCards.organisationId, orgId), like(assetCards.assetNo, `${prefix}%`)))
    .orderBy(asc(assetCards.assetNo));

const errorsOf = (report: { errors: { row: number; column: string; code: string }[] }) =>
  report.errors.map((e) => [e.row, e.column, e.code]);

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  finance = await bureau.as('finance');
  orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
});
afterAll(() => t.close());

describe('CSV with the card’s use and depreciation columns', () => {
  const HEADER =
    '资产编号,资产名称,价值(元),购置日期,出厂编号,供应商,投入使用日期,保修截止日期,累计折旧(元),账面净值(元),使用方向,管理部门,使用部门,使用人,存放地点,备注';
  const GOOD = [
    'CF-1,场发射扫描电子显微镜,"4,500,000.00",2023-03-15,SU8010-0923,浙江仪器设备有限公司,2023/5/8,2026-05-07,"1,350,000.00","3,150,000.00",科研,设备与实验室管理处,材料学院,王建华,理科楼 101,含能谱附件',
    'CF-2,液相色谱-质谱联用仪,3280000.5,2024-06-01,,,,,0,3280000.5,教学,,化学学院,李晓燕,化学楼 204,',
  ];
  const BAD = [
    'CF-3,坏净值,400000,2024-01-01,,,,,,N/A,科研,,,,,',
    'CF-4,坏保修日期,400000,2024-01-01,,,,2024-02-30,,,科研,,,,,',
    'CF-5,负折旧,400000,2024-01-01,,,,,-5,,科研,,,,,',
    `CF-6,备注过长,400000,2024-01-01,,,,,,,科研,,,,,${'长'.repeat(501)}`,
    'CF-7,坏启用日期,400000,2024-01-01,,,明年,,,,科研,,,,,',
  ];
  const file = () => Buffer.from(`\uFEFF${[HEADER, ...GOOD, ...BAD].join('\r\n')}\r\n`);

  it('maps the columns by their Chinese headers, keeps the good rows and reports each bad cell by row and code', async () => {
    const res = await upload(file());
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ rowsTotal: 7, inserted: 2, updated: 0, failed: 5 });
    expect(report.columns).toMatchObject({
      serialNo: '出厂编号',
      supplier: '供应商',
      startUseDate: '投入使用日期',
      warrantyUntil: '保修截止日期',
      accumulatedDepreciation: '累计折旧(元)',
      netValue: '账面净值(元)',
      usageDirection: '使用方向',
      managingDepartment: '管理部门',
      custodian: '使用人',
      remarks: '备注',
    });
    expect(errorsOf(report)).toEqual([
      [4, '账面净值(元)', 'ASSET_ROW_AMOUNT_INVALID'],
      [5, '保修截止日期', 'ASSET_ROW_DATE_INVALID'],
      [6, '累计折旧(元)', 'ASSET_ROW_AMOUNT_INVALID'],
      [7, '备注', 'ASSET_ROW_TOO_LONG'],
      [8, '投入使用日期', 'ASSET_ROW_DATE_INVALID'],
    ]);
    expect(report.errors[0].message).toEqual({
      zh: '「账面净值(元)」不是有效金额：N/A（应为以元为单位、最多两位小数的非负数，如 1,234,567.89）。',
      en: '"账面净值(元)" is not a valid amount: N/A (non-negative yuan with at most 2 decimals, e.g. 1,234,567.89).',
    });
    expect(report.errors[3].message.zh).toBe('「备注」过长（最多 500 个字符）。');

    const stored = await cards('CF-');
    expect(stored.map((c) => c.assetNo)).toEqual(['CF-1', 'CF-2']);
    expect(stored[0]).toMatchObject({
      serialNo: 'SU8010-0923',
      supplier: '浙江仪器设备有限公司',
      startUseDate: '2023-05-08',
      warrantyUntil: '2026-05-07',
      originalValueFen: 450_000_000,
      accumulatedDepreciationFen: 135_000_000,
      netValueFen: 315_000_000,
      usageDirection: '科研',
      managingDepartment: '设备与实验室管理处',
      usingDepartment: '材料学院',
      custodian: '王建华',
      location: '理科楼 101',
      remarks: '含能谱附件',
    });
    expect(stored[1]).toMatchObject({
      serialNo: null,
      startUseDate: null,
      accumulatedDepreciationFen: 0,
      netValueFen: 328_000_050,
      usageDirection: '教学',
      managingDepartment: null,
      custodian: '李晓燕',
      remarks: null,
    });
    // A new card's report lists the new fields it sets.
    const first = report.changes.find((c: { assetNo: string }) => c.assetNo === 'CF-1');
    expect(first.fields).toEqual(
      expect.arrayContaining([
        { field: 'netValueFen', old: null, new: 315_000_000 },
        { field: 'custodian', old: null, new: '王建华' },
        { field: 'warrantyUntil', old: null, new: '2026-05-07' },
      ]),
    );
  });

  it('importing the same file again changes nothing', async () => {
    const before = await cards('CF-');
    t.clock.advance(3_600_000);
    const res = await upload(file());
    expect(res.json()).toMatchObject({ rowsTotal: 7, inserted: 0, updated: 0, unchanged: 2, failed: 5 });
    expect(await cards('CF-')).toEqual(before);
  });

  it('a card handed to someone else is an update of that field only, old → new', async () => {
    const moved = GOOD.map((r, i) => (i === 1 ? r.replace('李晓燕,化学楼 204', '陈志强,化学楼 310') : r));
    const res = await upload(Buffer.from([HEADER, ...moved].join('\n')), { dryRun: true });
    expect(res.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, failed: 0 });
    expect(res.json().changes).toEqual([
      {
        row: 3,
        assetNo: 'CF-2',
        kind: 'changed',
        fields: [
          { field: 'custodian', old: '李晓燕', new: '陈志强' },
          { field: 'location', old: '化学楼 204', new: '化学楼 310' },
        ],
      },
    ]);
    expect((await cards('CF-2'))[0]?.custodian).toBe('李晓燕');
  });
});

describe('XLSX with the same columns under other registers’ headers', () => {
  async function workbook(bad: boolean) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('通用设备卡片');
    ws.addRow(['固定资产卡片（导出）']);
    ws.addRow([
      '资产编码',
      '资产名称',
      '账面原值(元)',
      '取得日期',
      'SN',
      '供货商',
      '启用日期',
      '保修期至',
      '累计折旧额',
      '净值',
      '用途',
      '归口管理部门',
      '使用单位',
      '保管人',
      '存放位置',
      '说明',
    ]);
    const date = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
    ws.addRow([
      'XF-1',
      'X射线衍射仪',
      1_234_567.89,
      date(2021, 3, 15),
      'D8-ADV-2021-77',
      '布鲁克（北京）科技有限公司',
      date(2021, 4, 1),
      44_652, // an Excel serial: 2022-04-01
      { formula: 'C3-J3', result: 617_283.94 },
      617_283.95,
      '科研',
      '实验室与设备管理处',
      '物理学院',
      '周文杰',
      '物理楼 B 座 112',
      '附高温样品台',
    ]);
    ws.addRow([
      'XF-2',
      '拉曼光谱仪',
      680_000,
      date(2022, 9, 1),
      null,
      null,
      null,
      null,
      0,
      bad ? 'N/A' : 680_000,
      '教学',
      null,
      '化学学院',
      '刘丽娟',
      '化学楼 205',
      null,
    ]);
    ws.addRow(['XF-3', '热分析仪', 900_000, date(2020, 1, 6), null, null, '2020.13.01', null, null, null, '科研']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('the mapping step suggests the new fields from the headers', async () => {
    const res = await manager.request({
      method: 'POST',
      url: `/api/organisations/${orgId}/asset-imports/inspect`,
      payload: await workbook(true),
      headers: { 'content-type': XLSX },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      headerRow: 2,
      suggested: {
        assetNo: '资产编码',
        serialNo: 'SN',
        supplier: '供货商',
        startUseDate: '启用日期',
        warrantyUntil: '保修期至',
        accumulatedDepreciation: '累计折旧额',
        netValue: '净值',
        usageDirection: '用途',
        managingDepartment: '归口管理部门',
        usingDepartment: '使用单位',
        custodian: '保管人',
        location: '存放位置',
        remarks: '说明',
      },
    });
    expect(res.json().fields.find((f: { field: string }) => f.field === 'custodian')).toEqual({
      field: 'custodian',
      label: '使用人',
      required: false,
      aliases: expect.arrayContaining(['使用人', '保管人']),
    });
  });

  it('imports Excel dates, serials, numbers and formula results; a bad cell fails its row only', async () => {
    const res = await upload(await workbook(true), { type: XLSX });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: 'xlsx', rowsTotal: 3, inserted: 1, failed: 2 });
    expect(errorsOf(res.json())).toEqual([
      [4, '净值', 'ASSET_ROW_AMOUNT_INVALID'],
      [5, '启用日期', 'ASSET_ROW_DATE_INVALID'],
    ]);
    const [card] = await cards('XF-');
    expect(card).toMatchObject({
      assetNo: 'XF-1',
      originalValueFen: 123_456_789,
      serialNo: 'D8-ADV-2021-77',
      supplier: '布鲁克（北京）科技有限公司',
      startUseDate: '2021-04-01',
      warrantyUntil: '2022-04-01',
      accumulatedDepreciationFen: 61_728_394,
      netValueFen: 61_728_395,
      usageDirection: '科研',
      managingDepartment: '实验室与设备管理处',
      usingDepartment: '物理学院',
      custodian: '周文杰',
      location: '物理楼 B 座 112',
      remarks: '附高温样品台',
      source: 'xlsx',
    });
  });

  it('the corrected workbook adds the fixed row and leaves the imported one unchanged, twice over', async () => {
    const first = await upload(await workbook(false), { type: XLSX });
    expect(first.json()).toMatchObject({ inserted: 1, updated: 0, unchanged: 1, failed: 1 });
    expect((await cards('XF-2'))[0]).toMatchObject({ netValueFen: 68_000_000, custodian: '刘丽娟' });
    const before = await cards('XF-');
    const again = await upload(await workbook(false), { type: XLSX });
    expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, failed: 1 });
    expect(await cards('XF-')).toEqual(before);
  });
});

describe('JSON push with the new fields', () => {
  it('validates them like a file and stores them', async () => {
    const res = await finance.post(`/api/organisations/${orgId}/asset-cards`, {
      cards: [
        {
          assetNo: 'JF-1',
          name: '核磁共振波谱仪',
          originalValue: '5,600,000.00',
          netValue: 4_480_000,
          accumulatedDepreciation: '1120000',
          startUseDate: '2022-09-01',
          custodian: '赵海燕',
          managingDepartment: '资产管理处',
          usageDirection: '科研',
        },
        { assetNo: 'JF-2', name: '坏日期', originalValue: 1, warrantyUntil: '2022-02-29' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ inserted: 1, failed: 1 });
    expect(errorsOf(res.json())).toEqual([[2, 'warrantyUntil', 'ASSET_ROW_DATE_INVALID']]);
    expect((await cards('JF-'))[0]).toMatchObject({
      netValueFen: 448_000_000,
      accumulatedDepreciationFen: 112_000_000,
      startUseDate: '2022-09-01',
      custodian: '赵海燕',
      managingDepartment: '资产管理处',
      usageDirection: '科研',
      source: 'api',
    });
  });
});
