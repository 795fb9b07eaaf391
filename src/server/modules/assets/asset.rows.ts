import type { AssetCardField, AssetRowError } from '../../../shared/api/assets.js';
import { type ErrorCode, formatErrorMessage } from '../../../shared/errors.js';
import { type ColumnMapping, fieldLabels, resolveColumns } from './asset.columns.js';
import type { Cell, FormulaCell, Sheet } from './asset.parse.js';
import { classVersion, isDisposedStatus, parseDate, yuanToFen } from './asset.values.js';

/** A valid row, ready to compare with the stored card. */
export interface CardValues {
  rowNo: number;
  assetNo: string;
  originalAssetNo: string | null;
  name: string;
  classCode: string | null;
  className: string | null;
  classVersion: string | null;
  specModel: string | null;
  brand: string | null;
  serialNo: string | null;
  manufacturer: string | null;
  supplier: string | null;
  country: string | null;
  acquisitionMethod: string | null;
  purchaseDate: string | null;
  startUseDate: string | null;
  warrantyUntil: string | null;
  originalValueFen: number;
  accumulatedDepreciationFen: number | null;
  netValueFen: number | null;
  fundingSource: string | null;
  useStatus: string | null;
  usageDirection: string | null;
  managingDepartment: string | null;
  usingDepartment: string | null;
  custodian: string | null;
  location: string | null;
  remarks: string | null;
  /** An explicit 处置日期, or null; see disposedAt in the import service. */
  disposalDate: string | null;
  disposed: boolean;
  raw: Record<string, unknown>;
}

/** One row before validation: each field's cell, the label to report it under, and the raw row. */
export interface RowInput {
  rowNo: number;
  cells: Partial<Record<AssetCardField, Cell>>;
  labels: Partial<Record<AssetCardField, string>>;
  raw: Record<string, unknown>;
  /** A JSON push may give fen directly instead of yuan. */
  originalValueFen?: number;
}

const MAX_LENGTH: Partial<Record<AssetCardField, number>> = {
  assetNo: 64,
  originalAssetNo: 64,
  classCode: 32,
  serialNo: 100,
  remarks: 500,
};
const DEFAULT_MAX = 200;
/** The report keeps this many row errors; `failed` counts every failed row regardless. */
export const MAX_REPORTED_ERRORS = 2_000;

const isFormula = (c: Cell): c is FormulaCell => c !== null && typeof c === 'object' && !(c instanceof Date);

export function rowError(row: number, column: string | null, code: ErrorCode, params: Record<string, unknown>) {
  return {
    row,
    column,
    code,
    message: { zh: formatErrorMessage(code, 'zh', params), en: formatErrorMessage(code, 'en', params) },
  } satisfies AssetRowError;
}

/** The cell as JSON for the raw copy: dates as YYYY-MM-DD, formulas with their stored result. */
function rawValue(c: Cell): unknown {
  if (c instanceof Date) return parseDate(c) ?? c.toISOString();
  if (isFormula(c)) return { formula: c.formula, result: c.result instanceof Date ? parseDate(c.result) : c.result };
  return c;
}

/** Sheet rows under the header, as row inputs keyed by field. */
export function sheetRows(sheet: Sheet, mapping: ColumnMapping) {
  const { headerAt, headers, columns } = resolveColumns(sheet, mapping);
  const entries = Object.entries(columns) as [AssetCardField, number][];
  const rows: RowInput[] = sheet.rows.slice(headerAt + 1).map((r) => ({
    rowNo: r.rowNo,
    cells: Object.fromEntries(entries.map(([f, i]) => [f, r.cells[i] ?? null])),
    labels: Object.fromEntries(entries.map(([f, i]) => [f, headers[i] || fieldLabels[f]])),
    raw: Object.fromEntries(
      headers.flatMap((h, i) =>
        h && r.cells[i] !== null && r.cells[i] !== undefined ? [[h, rawValue(r.cells[i])]] : [],
      ),
    ),
  }));
  return { rows, columns: Object.fromEntries(entries.map(([f, i]) => [f, headers[i] ?? ''])) };
}

/**
 * Validates every row, never stopping at the first bad one: each bad cell becomes a coded error
 * with its row and column; a row with any error is left out. A repeated asset number fails the
 * later rows, since which one the register means cannot be guessed.
 */
export function validateRows(rows: RowInput[]) {
  const cards: CardValues[] = [];
  const errors: AssetRowError[] = [];
  let failed = 0;
  let errorCount = 0;
  const firstRow = new Map<string, number>();

  for (const row of rows) {
    const rowErrors: AssetRowError[] = [];
    const label = (f: AssetCardField) => row.labels[f] ?? fieldLabels[f];
    const fail = (f: AssetCardField, code: ErrorCode, params: Record<string, unknown> = {}) =>
      rowErrors.push(rowError(row.rowNo, label(f), code, { column: label(f), ...params }));

    /** The cell's value with a formula replaced by its stored result, or undefined after reporting. */
    const value = (f: AssetCardField): string | number | Date | null | undefined => {
      const c = row.cells[f] ?? null;
      if (!isFormula(c)) return typeof c === 'string' && c.trim() === '' ? null : c;
      if (c.result === null || c.result === '') {
        fail(f, 'ASSET_ROW_FORMULA');
        return undefined;
      }
      return c.result;
    };
    const text = (f: AssetCardField, required = false): string | null => {
      const v = value(f);
      if (v === undefined) return null;
      const s = v === null ? '' : v instanceof Date ? (parseDate(v) ?? '') : String(v).trim();
      if (!s) {
        if (required) fail(f, 'ASSET_ROW_REQUIRED');
        return null;
      }
      const max = MAX_LENGTH[f] ?? DEFAULT_MAX;
      if (s.length > max) {
        fail(f, 'ASSET_ROW_TOO_LONG', { max });
        return null;
      }
      return s;
    };
    const day = (f: AssetCardField): string | null => {
      const v = value(f);
      if (v === undefined || v === null) return null;
      const d = parseDate(v);
      if (!d) fail(f, 'ASSET_ROW_DATE_INVALID', { value: String(v).slice(0, 40) });
      return d;
    };

    /** An optional amount in yuan, as fen; a bad one is reported like 价值(元). */
    const amount = (f: AssetCardField): number | null => {
      const v = value(f);
      if (v === undefined || v === null) return null;
      const fen = v instanceof Date ? null : yuanToFen(v);
      if (fen === null) fail(f, 'ASSET_ROW_AMOUNT_INVALID', { value: String(v).slice(0, 40) });
      return fen;
    };

    const assetNo = text('assetNo', true);
    const name = text('name', true);
    let originalValueFen: number | null = row.originalValueFen ?? null;
    if (originalValueFen === null) {
      const v = value('originalValue');
      if (v === null) fail('originalValue', 'ASSET_ROW_REQUIRED');
      else if (v !== undefined) {
        originalValueFen = v instanceof Date ? null : yuanToFen(v);
        if (originalValueFen === null)
          fail('originalValue', 'ASSET_ROW_AMOUNT_INVALID', { value: String(v).slice(0, 40) });
      }
    }
    const classCode = text('classCode')?.toUpperCase() ?? null;
    const useStatus = text('useStatus');
    const card = {
      rowNo: row.rowNo,
      originalAssetNo: text('originalAssetNo'),
      classCode,
      className: text('className'),
      classVersion: classVersion(classCode),
      specModel: text('specModel'),
      brand: text('brand'),
      serialNo: text('serialNo'),
      manufacturer: text('manufacturer'),
      supplier: text('supplier'),
      country: text('country'),
      acquisitionMethod: text('acquisitionMethod'),
      purchaseDate: day('purchaseDate'),
      startUseDate: day('startUseDate'),
      warrantyUntil: day('warrantyUntil'),
      accumulatedDepreciationFen: amount('accumulatedDepreciation'),
      netValueFen: amount('netValue'),
      fundingSource: text('fundingSource'),
      useStatus,
      usageDirection: text('usageDirection'),
      managingDepartment: text('managingDepartment'),
      usingDepartment: text('usingDepartment'),
      custodian: text('custodian'),
      location: text('location'),
      remarks: text('remarks'),
      disposalDate: day('disposalDate'),
      raw: row.raw,
    };

    if (assetNo) {
      const first = firstRow.get(assetNo);
      if (first !== undefined)
        rowErrors.push(rowError(row.rowNo, label('assetNo'), 'ASSET_ROW_DUPLICATE', { assetNo, firstRow: first }));
      else firstRow.set(assetNo, row.rowNo);
    }
    if (rowErrors.length || !assetNo || !name || originalValueFen === null) {
      failed++;
      errorCount += rowErrors.length;
      for (const e of rowErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
      continue;
    }
    cards.push({
      ...card,
      assetNo,
      name,
      originalValueFen,
      disposed: isDisposedStatus(useStatus) || card.disposalDate !== null,
    });
  }
  return { cards, errors, failed, errorsTruncated: errorCount > errors.length };
}
