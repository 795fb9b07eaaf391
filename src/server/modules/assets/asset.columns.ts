import {
  type AssetCardField,
  assetCardFields,
  assetColumnMapping,
  requiredAssetFields,
} from '../../../shared/api/assets.js';
import { AppError } from '../../lib/errors.js';
import type { Cell, Sheet } from './asset.parse.js';

/**
 * Headers the 行政事业单位资产管理信息系统 and common university asset systems export, per field,
 * in order of preference. Matching ignores spaces, full-width brackets and case.
 */
export const headerAliases: Record<AssetCardField, readonly string[]> = {
  assetNo: ['资产编号', '资产编码', '资产代码', '资产卡片编号', '固定资产编号', 'asset no', 'assetno'],
  originalAssetNo: ['原资产编号', '原编号', '原资产编码', '旧资产编号'],
  name: ['资产名称', '名称', '设备名称', '固定资产名称', 'name'],
  classCode: ['资产分类代码', '资产分类编码', '分类代码', '分类编码', '国标分类代码', '资产分类号'],
  className: ['资产分类名称', '资产分类', '分类名称'],
  specModel: ['规格型号', '型号规格', '规格/型号', '型号', '规格'],
  brand: ['品牌'],
  serialNo: ['出厂编号', '出厂号', '序列号', '产品序列号', '设备序列号', '机身号', 'SN', 'S/N'],
  manufacturer: ['生产厂家', '生产厂商', '制造厂商', '制造商', '厂家'],
  supplier: ['供应商', '供货商', '供货单位', '销售商', '经销商'],
  country: ['国别', '产地', '国别/产地', '产地/国别', '生产国别', '国别(地区)'],
  acquisitionMethod: ['取得方式', '增加方式'],
  purchaseDate: ['购置日期', '取得日期', '购置(取得)日期', '购置取得日期', '购买日期', '入账日期'],
  startUseDate: ['投入使用日期', '启用日期', '交付使用日期', '投用日期', '开始使用日期'],
  warrantyUntil: ['保修截止日期', '保修截止日', '保修截止', '保修期至', '保修到期日', '保修到期日期'],
  originalValue: [
    '价值(元)',
    '原值(元)',
    '价值',
    '原值',
    '资产原值',
    '资产原值(元)',
    '账面原值',
    '账面原值(元)',
    '金额(元)',
    '单价(元)',
  ],
  accumulatedDepreciation: ['累计折旧', '累计折旧(元)', '累计折旧额', '累计折旧额(元)', '已提折旧'],
  netValue: ['账面净值', '账面净值(元)', '净值', '净值(元)', '资产净值', '资产净值(元)'],
  fundingSource: ['资金来源', '经费来源', '经费科目'],
  useStatus: ['使用状况', '使用状态', '资产状态', '现状'],
  usageDirection: ['使用方向', '用途', '资产用途', '使用方向/用途', '用途/使用方向'],
  managingDepartment: ['管理部门', '归口管理部门', '资产管理部门', '归口部门'],
  usingDepartment: ['使用部门', '使用单位', '使用科室', '领用部门'],
  custodian: ['使用人', '保管人', '领用人', '责任人', '使用人/保管人'],
  location: ['存放地点', '存放位置', '放置地点', '安装地点'],
  remarks: ['备注', '说明', '附注'],
  disposalDate: ['处置日期', '报废日期', '调出日期', '核销日期'],
};

/** Display name of each field in the coded errors (Chinese, as on the card). */
export const fieldLabels: Record<AssetCardField, string> = {
  assetNo: '资产编号',
  originalAssetNo: '原资产编号',
  name: '资产名称',
  classCode: '资产分类代码',
  className: '资产分类名称',
  specModel: '规格型号',
  brand: '品牌',
  serialNo: '出厂编号',
  manufacturer: '生产厂家',
  supplier: '供应商',
  country: '国别',
  acquisitionMethod: '取得方式',
  purchaseDate: '购置日期',
  startUseDate: '投入使用日期',
  warrantyUntil: '保修截止日期',
  originalValue: '价值(元)',
  accumulatedDepreciation: '累计折旧(元)',
  netValue: '账面净值(元)',
  fundingSource: '资金来源',
  useStatus: '使用状况',
  usageDirection: '使用方向',
  managingDepartment: '管理部门',
  usingDepartment: '使用部门',
  custodian: '使用人',
  location: '存放地点',
  remarks: '备注',
  disposalDate: '处置日期',
};

export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC') // full-width （元） → (元), full-width letters → ASCII
    .replace(/[\s\u3000*＊]/g, '') // spaces and the asterisk many templates put on required columns
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const aliasIndex = new Map<string, { field: AssetCardField; rank: number }>();
for (const field of assetCardFields)
  headerAliases[field].forEach((alias, rank) => {
    aliasIndex.set(normaliseHeader(alias), { field, rank });
  });

export type ColumnMapping = Partial<Record<AssetCardField, string>>;

/** The `mapping` query parameter: a JSON object of field → header, refused with a coded error. */
export function parseMapping(raw: string | undefined): ColumnMapping {
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('ASSET_MAPPING_INVALID', { reason: '不是有效的 JSON / not valid JSON' });
  }
  const parsed = assetColumnMapping.safeParse(json);
  if (!parsed.success)
    throw new AppError('ASSET_MAPPING_INVALID', {
      reason: `字段应为 / fields must be one of: ${assetCardFields.join(', ')}`,
    });
  return parsed.data;
}

export const headerText = (c: Cell) =>
  c === null ? '' : typeof c === 'object' && !(c instanceof Date) ? String(c.result ?? '') : String(c);

/** Field → column index for one header row: explicit mapping first, then the best-ranked alias. */
export function mapHeaders(headers: string[], mapping: ColumnMapping): Partial<Record<AssetCardField, number>> {
  const columns: Partial<Record<AssetCardField, number>> = {};
  const rank: Partial<Record<AssetCardField, number>> = {};
  headers.forEach((h, i) => {
    const hit = aliasIndex.get(normaliseHeader(h));
    if (!hit || mapping[hit.field] !== undefined) return;
    if (rank[hit.field] === undefined || hit.rank < (rank[hit.field] as number)) {
      columns[hit.field] = i;
      rank[hit.field] = hit.rank;
    }
  });
  for (const [field, header] of Object.entries(mapping) as [AssetCardField, string][]) {
    const i = headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(header));
    if (i < 0)
      throw new AppError('ASSET_MAPPING_INVALID', {
        reason: `文件中没有列「${header}」/ no column "${header}" in the file (${headers.filter(Boolean).join(', ')})`,
      });
    columns[field] = i;
  }
  return columns;
}

/**
 * Finds the header row (registers often put a title or export date above it: the first of the
 * first ten rows that names every required column) and maps the columns. A row that lacks a
 * header the explicit mapping names is skipped, not refused: it is a title above the real header.
 * With no fitting row, the error lists what the first row holds and what is required.
 */
export function resolveColumns(sheet: Sheet, mapping: ColumnMapping) {
  let mappingError: AppError | undefined;
  for (const [at, row] of sheet.rows.slice(0, 10).entries()) {
    const headers = row.cells.map((c) => headerText(c).trim());
    let columns: Partial<Record<AssetCardField, number>>;
    try {
      columns = mapHeaders(headers, mapping);
    } catch (err) {
      mappingError ??= err as AppError;
      continue;
    }
    if (requiredAssetFields.every((f) => columns[f] !== undefined)) return { headerAt: at, headers, columns };
  }
  const headers = (sheet.rows[0]?.cells ?? []).map((c) => headerText(c).trim());
  if (mappingError && sheet.rows.slice(0, 10).every((r) => rowMissesMapping(r.cells, mapping))) throw mappingError;
  const columns = mapHeaders(headers, {});
  for (const f of Object.keys(mapping) as AssetCardField[]) delete columns[f];
  const missing = requiredAssetFields.filter((f) => columns[f] === undefined && mapping[f] === undefined);
  throw new AppError(
    'ASSET_COLUMNS_MISSING',
    {
      missing: (missing.length ? missing : requiredAssetFields).map((f) => fieldLabels[f]).join('、'),
      found: headers.filter(Boolean).join('、') || '（无 / none）',
    },
    {
      found: headers.filter(Boolean),
      required: requiredAssetFields.map((f) => ({ field: f, header: fieldLabels[f], aliases: headerAliases[f] })),
      missing,
    },
  );
}

function rowMissesMapping(cells: Cell[], mapping: ColumnMapping) {
  const names = new Set(cells.map((c) => normaliseHeader(headerText(c))));
  return Object.values(mapping).some((h) => !names.has(normaliseHeader(h)));
}

/**
 * For the mapping step: the header row (as resolveColumns finds it, else the first of the first
 * ten rows that matches the most known headers, else the fullest) and the mapping suggested by
 * the header names, as field → header text.
 */
export function detectHeader(sheet: Sheet) {
  const candidates = sheet.rows.slice(0, 10).map((row, at) => {
    const headers = row.cells.map((c) => headerText(c).trim());
    const columns = mapHeaders(headers, {});
    const required = requiredAssetFields.filter((f) => columns[f] !== undefined).length;
    return { at, headers, columns, score: required * 100 + Object.keys(columns).length * 10 };
  });
  const best = candidates.reduce(
    (a, b) =>
      b.score > a.score ||
      (b.score === a.score && a.score === 0 && b.headers.filter(Boolean).length > a.headers.filter(Boolean).length)
        ? b
        : a,
    candidates[0] ?? { at: 0, headers: [], columns: {}, score: 0 },
  );
  const suggested: ColumnMapping = Object.fromEntries(
    (Object.entries(best.columns) as [AssetCardField, number][]).map(([f, i]) => [f, best.headers[i] ?? '']),
  );
  return { headerAt: best.at, headers: best.headers, suggested };
}
