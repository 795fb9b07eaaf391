import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/**
 * Sends rows as CSV. The UTF-8 byte-order mark makes Excel (what the bureau opens exports with)
 * read Chinese correctly; cells starting with = + - @ are prefixed so they are not run as formulas.
 */
export function sendCsv(reply: FastifyReply, filename: string, header: string[], rows: unknown[][]) {
  const safe = rows.map((r) => r.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : (v ?? ''))));
  const body = `\uFEFF${stringify([header, ...safe])}`;
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return reply.send(body);
}
