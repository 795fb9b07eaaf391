import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { assetImportLimits } from '../../../shared/api/assets.js';
import { AppError } from '../../lib/errors.js';

/**
 * A formula cell. The platform never evaluates formulas: it takes the result Excel stored when the
 * file was saved, or reports the row when there is none.
 */
export interface FormulaCell {
  formula: string;
  result: string | number | Date | null;
}
export type Cell = string | number | Date | FormulaCell | null;

/** Rows as read, before any column mapping. `rowNo` is the row number a spreadsheet shows. */
export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: { rowNo: number; cells: Cell[] }[];
}

/** Refuses a workbook whose parts unpack to more than this: a 10 MB zip can hold gigabytes. */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

export function sniffFormat(bytes: Buffer): 'csv' | 'xlsx' {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new AppError('ASSET_FILE_TYPE');
  return 'csv';
}

/**
 * Text of a CSV file: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK, which
 * is what Excel on a Chinese Windows writes for "CSV (逗号分隔)". UTF-16 with a BOM is read too.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gbk' | 'utf-16le' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gbk', { fatal: true }).decode(body), encoding: 'gbk' };
    } catch {
      throw new AppError('ASSET_FILE_UNREADABLE', {
        reason: '文件编码既不是 UTF-8 也不是 GBK / neither UTF-8 nor GBK',
      });
    }
  }
}

function tooMany(): never {
  throw new AppError('ASSET_TOO_MANY_ROWS', { limit: assetImportLimits.maxRows.toLocaleString('en-US') });
}

const blank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/**
 * Rows of a CSV file, all cells as text. Cells beginning with = + - @ stay text: nothing here
 * evaluates anything. Comma-separated, or tab-separated when the first line has more tabs.
 */
export function readCsv(bytes: Buffer): Sheet {
  const { text } = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (err) {
    throw new AppError('ASSET_FILE_UNREADABLE', { reason: (err as Error).message.slice(0, 200) });
  }
  const rows: Sheet['rows'] = [];
  let dataRows = 0;
  records.forEach((cells, i) => {
    if (blank(cells)) return;
    if (rows.length > 0 && ++dataRows > assetImportLimits.maxRows) tooMany();
    rows.push({ rowNo: i + 1, cells });
  });
  return { format: 'csv', rows };
}

/** Sum of the uncompressed sizes in a zip's central directory, or Infinity if it cannot be read. */
export function unzippedSize(bytes: Buffer): number {
  const from = Math.max(0, bytes.length - 65_557);
  for (let eocd = bytes.length - 22; eocd >= from; eocd--) {
    if (bytes.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = bytes.readUInt16LE(eocd + 10);
    let p = bytes.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return Number.POSITIVE_INFINITY;
      const size = bytes.readUInt32LE(p + 24);
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // zip64: far beyond any register
      total += size;
      p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    }
    return total;
  }
  return Number.POSITIVE_INFINITY;
}

type ExcelValue = ExcelJS.CellValue;

/** exceljs's cell value union, narrowed to what a card can hold. */
export function excelCell(v: ExcelValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    const r = f.result;
    const result =
      typeof r === 'string' || typeof r === 'number' || r instanceof Date
        ? r
        : r && typeof r === 'object' && 'richText' in r
          ? (r as { richText: { text: string }[] }).richText.map((x) => x.text).join('')
          : null; // no cached result, or a cached error such as #REF!
    return { formula: f.formula ?? f.sharedFormula ?? '', result };
  }
  if ('text' in v && 'hyperlink' in v) return typeof v.text === 'string' ? v.text : null;
  if ('error' in v) return null;
  return null;
}

/** Rows of the first worksheet of an .xlsx workbook. */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  if (unzippedSize(bytes) > MAX_UNZIPPED_BYTES)
    throw new AppError('ASSET_FILE_UNREADABLE', { reason: '工作簿解压后过大 / the workbook unpacks too large' });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('ASSET_FILE_UNREADABLE', { reason: (err as Error).message.slice(0, 200) });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('ASSET_FILE_EMPTY');
  if (sheet.actualRowCount > assetImportLimits.maxRows + 1) tooMany();
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = excelCell(cell.value);
    });
    const dense = Array.from(cells, (c) => c ?? null);
    if (!blank(dense)) rows.push({ rowNo, cells: dense });
  });
  if (rows.length > assetImportLimits.maxRows + 1) tooMany();
  return { format: 'xlsx', rows };
}

/** Reads an uploaded register, CSV or XLSX by its bytes (the content type can lie). */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.length > assetImportLimits.maxBytes) throw new AppError('ASSET_FILE_TOO_LARGE', { limit: '10 MB' });
  const sheet = sniffFormat(bytes) === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  if (sheet.rows.length < 2) throw new AppError('ASSET_FILE_EMPTY');
  return sheet;
}
