import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { sendCsv } from '../../http/csv.js';

/**
 * Sends one table as CSV (through the shared CSV helper: BOM, formula-safe cells) or as an XLSX
 * workbook with a bold header row. Every 揭榜挂帅 export goes through here.
 */
export async function sendTable(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  name: string,
  header: string[],
  rows: unknown[][],
  sheetName = 'data',
) {
  if (format === 'csv') return sendCsv(reply, `${name}.csv`, header, rows);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((c, i) => {
    c.width = i < 2 ? 28 : 16;
  });
  const buffer = await book.xlsx.writeBuffer();
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(Buffer.from(buffer) as never);
}
