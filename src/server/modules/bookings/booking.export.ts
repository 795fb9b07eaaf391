import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { type BookingStatus, bookingStatusLabels, serviceModeLabels } from '../../../shared/booking-rules.js';
import { sendCsv } from '../../http/csv.js';

export interface ExportRow {
  instrumentName: string;
  userName: string;
  organisationName: string;
  mode: keyof typeof serviceModeLabels;
  status: BookingStatus;
  start: string;
  end: string;
  sampleCount: number | null;
  estimatedFeeFen: number | null;
  purpose: string | null;
  cancelledLate: boolean;
  createdAt: string;
}

const headers = {
  zh: [
    '仪器',
    '预约人',
    '预约单位',
    '服务方式',
    '状态',
    '开始时间',
    '结束时间',
    '时长（小时）',
    '样品数',
    '预估费用（元）',
    '用途',
    '逾期取消',
    '提交时间',
  ],
  en: [
    'Instrument',
    'Booked by',
    'Organisation',
    'Mode',
    'Status',
    'Start',
    'End',
    'Hours',
    'Samples',
    'Estimated fee (yuan)',
    'Purpose',
    'Late cancel',
    'Submitted',
  ],
};

/** Shanghai wall-clock time, what the bureau reads and sorts by in Excel. */
const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

function cells(r: ExportRow, lang: 'zh' | 'en'): (string | number | null)[] {
  const hours = (Date.parse(r.end) - Date.parse(r.start)) / 3_600_000;
  return [
    r.instrumentName,
    r.userName,
    r.organisationName,
    serviceModeLabels[r.mode][lang],
    bookingStatusLabels[r.status][lang],
    local(r.start),
    local(r.end),
    Math.round(hours * 100) / 100,
    r.sampleCount,
    r.estimatedFeeFen === null ? null : r.estimatedFeeFen / 100,
    r.purpose,
    r.cancelledLate ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no',
    local(r.createdAt),
  ];
}

/** Sends booking rows as CSV (via the shared formula-safe helper) or as an .xlsx workbook. */
export async function sendBookings(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  name: string,
  rows: ExportRow[],
  lang: 'zh' | 'en',
) {
  const header = headers[lang];
  const data = rows.map((r) => cells(r, lang));
  if (format === 'csv') return sendCsv(reply, `${name}.csv`, header, data);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(lang === 'zh' ? '预约' : 'Bookings');
  sheet.addRow(header).font = { bold: true };
  // Text cells that look like formulas stay text: exceljs writes strings as shared strings, never formulas.
  for (const row of data) sheet.addRow(row.map((v) => v ?? ''));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c, i) => {
    c.width = [28, 12, 24, 10, 8, 17, 17, 8, 8, 12, 30, 8, 17][i] ?? 12;
  });
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(bytes);
}
