import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/**
 * Sends rows as a one-sheet XLSX workbook with a bold, frozen header row. Text is written as
 * text (exceljs never turns a string into a formula), so no formula guard is needed here.
 */
export async function sendXlsx(
  reply: FastifyReply,
  filename: string,
  sheetName: string,
  header: string[],
  rows: unknown[][],
) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => (v === null || v === undefined ? '' : v)));
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, (header[i]?.length ?? 8) * 2 + 2));
  });
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return reply.send(body);
}
