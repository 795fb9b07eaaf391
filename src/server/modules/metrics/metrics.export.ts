import ExcelJS from 'exceljs';
import type {
  MetricsGroupRow,
  MetricsInstrumentRow,
  MetricsMonthRow,
  MetricsQuery,
  MetricsTotal,
} from '../../../shared/api/metrics.js';
import { fullName } from '../../../shared/regions/regions.js';
import type { RegionLevel } from './metrics.service.js';

type Lang = 'zh' | 'en';
type Cell = string | number | null;

/** A column of an export: its header in both languages, its value, and its Excel number format. */
interface Column<T> {
  zh: string;
  en: string;
  width: number;
  value: (row: T, lang: Lang) => Cell;
  /** Excel format; rates are stored as fractions and shown as percentages. */
  format?: string;
}

const HOURS = '#,##0.0';
const COUNT = '#,##0';
const RATE = '0.0%';

const yesNo = (v: boolean, lang: Lang) => (v ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否');
const purposeLabel = (p: 'general' | 'special', lang: Lang) =>
  p === 'general' ? (lang === 'en' ? 'general' : '通用') : lang === 'en' ? 'special' : '专用';

type Figures = Pick<
  MetricsInstrumentRow,
  'effectiveHours' | 'externalHours' | 'sharingRate' | 'quotaHours' | 'bookedHours' | 'services'
>;
function figureColumns<T extends Figures>(): Column<T>[] {
  return [
    { zh: '有效机时', en: 'Effective h', width: 12, value: (r) => r.effectiveHours, format: HOURS },
    { zh: '对外服务机时', en: 'External h', width: 14, value: (r) => r.externalHours, format: HOURS },
    { zh: '共享率', en: 'Sharing rate', width: 10, value: (r) => r.sharingRate, format: RATE },
    { zh: '定额机时', en: 'Quota h', width: 12, value: (r) => r.quotaHours, format: COUNT },
    { zh: '预约机时', en: 'Booked h', width: 12, value: (r) => r.bookedHours, format: HOURS },
    { zh: '服务次数', en: 'Services', width: 10, value: (r) => r.services, format: COUNT },
  ];
}

export const instrumentColumns: Column<MetricsInstrumentRow>[] = [
  { zh: '仪器', en: 'Instrument', width: 30, value: (r) => r.nameZh },
  { zh: '所属单位', en: 'Owner', width: 28, value: (r) => r.organisationName },
  { zh: '地区代码', en: 'Region code', width: 10, value: (r) => r.regionCode },
  { zh: '地区', en: 'Region', width: 24, value: (r) => fullName(r.regionCode) ?? r.regionCode },
  { zh: '用途', en: 'Purpose', width: 8, value: (r, lang) => purposeLabel(r.purpose, lang) },
  ...figureColumns<MetricsInstrumentRow>(),
  { zh: '低于定额', en: 'Below quota', width: 10, value: (r, lang) => yesNo(r.belowQuota, lang) },
];

function groupColumns(first: { zh: string; en: string }): Column<MetricsGroupRow>[] {
  return [
    { ...first, width: 30, value: (r) => r.name },
    { zh: '仪器台套数', en: 'Instruments', width: 12, value: (r) => r.instruments, format: COUNT },
    ...figureColumns<MetricsGroupRow>(),
    { zh: '低于定额台套数', en: 'Below quota', width: 14, value: (r) => r.belowQuotaCount, format: COUNT },
  ];
}
export const organisationColumns = groupColumns({ zh: '单位', en: 'Organisation' });
const regionColumns = groupColumns({ zh: '地区', en: 'Region' });

const monthColumns: Column<MetricsMonthRow>[] = [
  { zh: '月份', en: 'Month', width: 10, value: (r) => r.month },
  { zh: '有效机时', en: 'Effective h', width: 12, value: (r) => r.effectiveHours, format: HOURS },
  { zh: '对外服务机时', en: 'External h', width: 14, value: (r) => r.externalHours, format: HOURS },
  { zh: '共享率', en: 'Sharing rate', width: 10, value: (r) => r.sharingRate, format: RATE },
  { zh: '预约机时', en: 'Booked h', width: 12, value: (r) => r.bookedHours, format: HOURS },
  { zh: '服务次数', en: 'Services', width: 10, value: (r) => r.services, format: COUNT },
];

const levelNames: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: '按省', en: 'By province' },
  city: { zh: '按市', en: 'By city' },
  county: { zh: '按区县', en: 'By county' },
};

/** Header and rows for CSV: rates as `50.0%` text, the way a person reads them. */
export function csvTable<T>(columns: Column<T>[], rows: T[], lang: Lang): { header: string[]; rows: Cell[][] } {
  return {
    header: columns.map((c) => c[lang]),
    rows: rows.map((r) =>
      columns.map((c) => {
        const v = c.value(r, lang);
        if (c.format === RATE) return v === null ? '' : `${((v as number) * 100).toFixed(1)}%`;
        return v;
      }),
    ),
  };
}

function addSheet<T>(wb: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[], lang: Lang) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c[lang], width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r, lang)));
  if (rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** `2026-11-25 10:00` in Shanghai (UTC+8, no daylight saving). */
const shanghaiMinute = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function periodLabel(q: MetricsQuery, lang: Lang): string {
  const from = q.fromMonth ?? 1;
  const to = q.toMonth ?? 12;
  if (from === 1 && to === 12) return lang === 'en' ? `${q.year}` : `${q.year} 年`;
  return lang === 'en' ? `${q.year}-${from}…${q.year}-${to}` : `${q.year} 年 ${from}–${to} 月`;
}

/**
 * The metrics workbook: a summary sheet, then instruments, organisations, one sheet per region level
 * below the scope, and months. Header rows are frozen and filterable; hours, counts and rates are
 * real numbers with formats, so the bureau can sum and chart them in Excel.
 */
export async function metricsWorkbook(
  lang: Lang,
  q: MetricsQuery,
  scopeName: string,
  data: {
    total: MetricsTotal;
    instruments: MetricsInstrumentRow[];
    organisations: MetricsGroupRow[];
    regions: { level: RegionLevel; items: MetricsGroupRow[] }[];
    months: MetricsMonthRow[];
  },
  generatedAt: Date,
): Promise<Buffer> {
  const en = lang === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kechuang';
  wb.created = generatedAt;

  const summary = wb.addWorksheet(en ? 'Summary' : '汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = [
    { header: en ? 'Item' : '项目', width: 22 },
    { header: en ? 'Value' : '数值', width: 36 },
  ];
  summary.getRow(1).font = { bold: true };
  const t = data.total;
  const lines: [string, Cell, string?][] = [
    [en ? 'Period' : '统计期间', periodLabel(q, lang)],
    [en ? 'Scope' : '统计范围', scopeName],
    [en ? 'Instruments' : '仪器台套数', t.instruments, COUNT],
    [en ? 'Effective hours' : '有效机时', t.effectiveHours, HOURS],
    [en ? 'External service hours' : '对外服务机时', t.externalHours, HOURS],
    [en ? 'Sharing rate' : '共享率', t.sharingRate, RATE],
    [en ? 'Quota hours' : '定额机时', t.quotaHours, COUNT],
    [en ? 'Instruments below quota' : '低于定额台套数', t.belowQuotaCount, COUNT],
    [en ? 'Booked hours' : '预约机时', t.bookedHours, HOURS],
    [en ? 'Services' : '服务次数', t.services, COUNT],
    [en ? 'Generated at (Shanghai)' : '导出时间（北京时间）', shanghaiMinute(generatedAt)],
  ];
  for (const [label, value, format] of lines) {
    const row = summary.addRow([label, value]);
    if (format) row.getCell(2).numFmt = format;
  }

  addSheet(wb, en ? 'Instruments' : '仪器', instrumentColumns, data.instruments, lang);
  addSheet(wb, en ? 'Organisations' : '单位', organisationColumns, data.organisations, lang);
  for (const r of data.regions) addSheet(wb, levelNames[r.level][lang], regionColumns, r.items, lang);
  addSheet(wb, en ? 'Months' : '月度', monthColumns, data.months, lang);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
