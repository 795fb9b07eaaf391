import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { mapHeaders, normaliseHeader, parseMapping } from './asset.columns.js';
import { decodeText, readCsv, readSheet, readXlsx, unzippedSize } from './asset.parse.js';
import { sheetRows, validateRows } from './asset.rows.js';

/**
 * "资产编号,资产名称,价值(元),使用状况\r\nZC-001,扫描电镜,"1,234,567.89",在用\r\n" in GBK, as Excel on a
 * Chinese Windows saves "CSV (逗号分隔)". Written out by hand: Node can decode GBK but not encode it.
 */
const GBK_CSV = Buffer.from(
  'd7cab2fab1e0bac52cd7cab2fac3fbb3c62cbcdbd6b528d4aa292ccab9d3c3d7b4bff60d0a5a432d3030312cc9a8c3e8b5e7beb52c22312c3233342c3536372e3839222cd4dad3c30d0a',
  'hex',
);

const codeOf = async (f: () => unknown) => {
  try {
    await f();
  } catch (err) {
    return { code: (err as AppError).code, params: (err as AppError).params, details: (err as AppError).details };
  }
  throw new Error('expected a coded error');
};

async function workbook(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资产卡片');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  wb.addWorksheet('第二页').addRow(['ignored']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('CSV decoding', () => {
  it('reads GBK bytes that are not valid UTF-8', () => {
    const { text, encoding } = decodeText(GBK_CSV);
    expect(encoding).toBe('gbk');
    expect(text.startsWith('资产编号,资产名称')).toBe(true);
    const { rows } = sheetRows(readCsv(GBK_CSV), {});
    const { cards } = validateRows(rows);
    expect(cards[0]).toMatchObject({
      assetNo: 'ZC-001',
      name: '扫描电镜',
      originalValueFen: 123_456_789,
      useStatus: '在用',
    });
  });

  it('reads UTF-8 with and without a BOM the same way', () => {
    const csv = '资产编号,资产名称,原值(元)\nZC-1,电镜,0.29\n';
    const plain = readCsv(Buffer.from(csv));
    const bom = readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(bom.rows).toEqual(plain.rows);
    expect(plain.rows[0]?.cells[0]).toBe('资产编号');
  });

  it('keeps cells beginning with = + - @ as plain text', () => {
    const sheet = readCsv(Buffer.from('资产编号,资产名称,原值(元)\n"=HYPERLINK(""http://x"")",@SUM(A1),+100\n'));
    const { rows } = sheetRows(sheet, {});
    const { cards, errors } = validateRows(rows);
    expect(cards).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ row: 2, column: '原值(元)', code: 'ASSET_ROW_AMOUNT_INVALID' })]);
    expect(rows[0]?.cells).toMatchObject({ assetNo: '=HYPERLINK("http://x")', name: '@SUM(A1)' });
  });

  it('finds the header below a title row and numbers rows as a spreadsheet does', () => {
    const csv = '固定资产卡片导出,,\n资产编号,资产名称,价值\n\nA1,甲,1\nA2,,2\n';
    const { rows } = sheetRows(readCsv(Buffer.from(csv)), {});
    const { cards, errors } = validateRows(rows);
    expect(cards.map((c) => [c.rowNo, c.assetNo])).toEqual([[4, 'A1']]);
    expect(errors).toEqual([expect.objectContaining({ row: 5, column: '资产名称', code: 'ASSET_ROW_REQUIRED' })]);
  });

  it('refuses more than 50,000 data rows with a coded error', async () => {
    const csv = `资产编号,资产名称,原值\n${'A,B,1\n'.repeat(50_001)}`;
    expect((await codeOf(() => readCsv(Buffer.from(csv)))).code).toBe('ASSET_TOO_MANY_ROWS');
  });

  it('refuses legacy .xls and files over 10 MB', async () => {
    expect((await codeOf(() => readSheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])))).code).toBe('ASSET_FILE_TYPE');
    expect((await codeOf(() => readSheet(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)))).code).toBe('ASSET_FILE_TOO_LARGE');
  });
});

describe('XLSX', () => {
  it('reads the first sheet: numbers, date cells, serials, formulas with stored results', async () => {
    const bytes = await workbook(
      [
        ['资产编号', '资产名称', '价值（元）', '购置日期', '取得日期', '规格型号'],
        [20190001, 'X射线衍射仪', 1_234_567.89, new Date(Date.UTC(2019, 2, 15)), null, 'D8 Advance'],
        ['ZC-2', '液相色谱仪', 0.29, 43_539, null, null],
      ],
      (ws) => {
        ws.addRow(['ZC-3', '质谱仪', { formula: 'B2*2', result: 600_000 }, '2020/1/2']);
        ws.addRow(['ZC-4', '透射电镜', { formula: 'SUM(C2:C3)' }, '2020-01-02']);
        ws.addRow(['ZC-5', { formula: 'CONCAT("a","b")', result: '计算所得名称' }, '300000', '2020-01-02']);
      },
    );
    const sheet = await readXlsx(bytes);
    const { rows, columns } = sheetRows(sheet, {});
    expect(columns).toMatchObject({ assetNo: '资产编号', originalValue: '价值（元）', purchaseDate: '购置日期' });
    const { cards, errors } = validateRows(rows);
    expect(cards.map((c) => [c.assetNo, c.name, c.originalValueFen, c.purchaseDate])).toEqual([
      ['20190001', 'X射线衍射仪', 123_456_789, '2019-03-15'],
      ['ZC-2', '液相色谱仪', 29, '2019-03-15'],
      ['ZC-3', '质谱仪', 60_000_000, '2020-01-02'],
      ['ZC-5', '计算所得名称', 30_000_000, '2020-01-02'],
    ]);
    expect(errors).toEqual([expect.objectContaining({ row: 5, column: '价值（元）', code: 'ASSET_ROW_FORMULA' })]);
    expect(cards[2]?.raw).toMatchObject({ '价值（元）': { formula: 'B2*2', result: 600_000 } });
  });

  it('refuses a workbook that unpacks to more than it may, before unpacking it', async () => {
    const bytes = await workbook([['资产编号', '资产名称', '原值']]);
    expect(unzippedSize(bytes)).toBeGreaterThan(0);
    expect(unzippedSize(bytes)).toBeLessThan(100_000);
    expect(unzippedSize(Buffer.from('PK\x03\x04 not a zip'))).toBe(Number.POSITIVE_INFINITY);
    expect((await codeOf(() => readXlsx(Buffer.from('PK\x03\x04 not a zip')))).code).toBe('ASSET_FILE_UNREADABLE');
  });
});

describe('column mapping', () => {
  it('matches aliases regardless of spaces, full-width brackets and asterisks', () => {
    expect(normaliseHeader(' *价值（元） ')).toBe(normaliseHeader('价值(元)'));
    expect(mapHeaders(['资产编码', '设备名称', '资产原值(元)', '使用部门', '存放地点'], {})).toEqual({
      assetNo: 0,
      name: 1,
      originalValue: 2,
      usingDepartment: 3,
      location: 4,
    });
  });

  it('prefers 价值(元) over a plain 价值 when both exist', () => {
    expect(mapHeaders(['价值', '价值(元)'], {}).originalValue).toBe(1);
  });

  it('an explicit mapping overrides the aliases', () => {
    const mapping = parseMapping(JSON.stringify({ assetNo: '卡片号', originalValue: '金额' }));
    const csv = '卡片号,资产编号,资产名称,金额\nK-1,X,电镜,2\n';
    const { rows } = sheetRows(readCsv(Buffer.from(csv)), mapping);
    expect(validateRows(rows).cards[0]).toMatchObject({ assetNo: 'K-1', originalValueFen: 200 });
  });

  it('missing required columns: a coded error listing what was found and what is required', async () => {
    const sheet = readCsv(Buffer.from('编号,品名,金额\n1,a,2\n'));
    const err = await codeOf(() => sheetRows(sheet, {}));
    expect(err.code).toBe('ASSET_COLUMNS_MISSING');
    expect(err.params).toEqual({ missing: '资产编号、资产名称、价值(元)', found: '编号、品名、金额' });
    expect(err.details).toMatchObject({
      found: ['编号', '品名', '金额'],
      missing: ['assetNo', 'name', 'originalValue'],
    });
  });

  it('a mapping naming an unknown field, a header not in the file, or bad JSON is refused', async () => {
    expect((await codeOf(() => parseMapping('{"colour":"x"}'))).code).toBe('ASSET_MAPPING_INVALID');
    expect((await codeOf(() => parseMapping('{nope'))).code).toBe('ASSET_MAPPING_INVALID');
    const sheet = readCsv(Buffer.from('资产编号,资产名称,原值\n1,a,2\n'));
    expect((await codeOf(() => sheetRows(sheet, { location: '位置' }))).code).toBe('ASSET_MAPPING_INVALID');
  });
});

describe('row validation', () => {
  it('reports every bad cell with row and column, and fails later duplicates of an asset number', () => {
    const csv = [
      '资产编号,资产名称,原值(元),购置日期',
      'A1,电镜,1.234,2020-02-30',
      'A2,色谱,"1,000.00",2020/2/3',
      'A2,色谱（重复）,5,2020/2/3',
      'A3,光谱,5,',
      'A2,第三次,5,',
    ].join('\n');
    const { cards, errors, failed } = validateRows(sheetRows(readCsv(Buffer.from(csv)), {}).rows);
    expect(cards.map((c) => c.assetNo)).toEqual(['A2', 'A3']);
    expect(failed).toBe(3);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '原值(元)', 'ASSET_ROW_AMOUNT_INVALID'],
      [2, '购置日期', 'ASSET_ROW_DATE_INVALID'],
      [4, '资产编号', 'ASSET_ROW_DUPLICATE'],
      [6, '资产编号', 'ASSET_ROW_DUPLICATE'],
    ]);
    expect(errors[2]?.message).toEqual({
      zh: '资产编号 A2 在本文件中重复（首次出现于第 3 行），本行未导入。',
      en: 'Asset number A2 appears again in this file (first on row 3); this row was not imported.',
    });
  });

  it('marks cards whose status says retired or transferred', () => {
    const csv = '资产编号,资产名称,原值,使用状况,处置日期\nA,甲,1,报废,\nB,乙,1,待报废,\nC,丙,1,在用,2024-05-01\n';
    const { cards } = validateRows(sheetRows(readCsv(Buffer.from(csv)), {}).rows);
    expect(cards.map((c) => [c.assetNo, c.disposed])).toEqual([
      ['A', true],
      ['B', false],
      ['C', true],
    ]);
  });
});
