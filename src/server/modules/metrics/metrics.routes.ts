import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../shared/api/common.js';
import {
  type MetricsQuery,
  metricsInstrumentsResponse,
  metricsMonthlyResponse,
  metricsQuery,
  metricsRollupResponse,
  rollupQuery,
} from '../../../shared/api/metrics.js';
import { fullName } from '../../../shared/regions/regions.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import type { Clock } from '../../lib/clock.js';
import { csvTable, instrumentColumns, metricsWorkbook, organisationColumns, periodLabel } from './metrics.export.js';
import type { MetricsService } from './metrics.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `仪器共享指标-2026.csv`, `…-2026-03-05.xlsx` for a month range. */
function fileName(req: FastifyRequest, q: MetricsQuery, what: 'instruments' | 'organisations', ext: string) {
  const en = requestLang(req) === 'en';
  const range =
    q.fromMonth || q.toMonth
      ? `-${String(q.fromMonth ?? 1).padStart(2, '0')}-${String(q.toMonth ?? 12).padStart(2, '0')}`
      : '';
  const stem = en
    ? what === 'instruments'
      ? 'instrument-metrics'
      : 'organisation-metrics'
    : what === 'instruments'
      ? '仪器共享指标'
      : '单位共享指标';
  return `${stem}-${q.year}${range}.${ext}`;
}

/** Open statistics: public, like the national platform's published sharing figures. */
export function metricsRoutes(app: FastifyInstance, deps: { service: MetricsService; clock: Clock }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service, clock } = deps;

  r.get(
    '/api/metrics/instruments',
    {
      schema: {
        tags: ['metrics'],
        summary: 'Effective, external and booked hours, sharing rate and quota per instrument for a period',
        querystring: metricsQuery,
        response: { 200: metricsInstrumentsResponse, 400: errorBody },
      },
    },
    async (req) => service.instruments(req.query),
  );

  r.get(
    '/api/metrics/rollup',
    {
      schema: {
        tags: ['metrics'],
        summary: 'The same figures rolled up by organisation or by the next region level',
        querystring: rollupQuery,
        response: { 200: metricsRollupResponse, 400: errorBody },
      },
    },
    async (req) => service.rollup(req.query),
  );

  r.get(
    '/api/metrics/monthly',
    {
      schema: {
        tags: ['metrics'],
        summary: 'Effective, external and booked hours by calendar month (Shanghai) over the period',
        querystring: metricsQuery,
        response: { 200: metricsMonthlyResponse, 400: errorBody },
      },
    },
    async (req) => service.monthly(req.query),
  );

  r.get(
    '/api/metrics/instruments/export.csv',
    { schema: { tags: ['metrics'], summary: 'Per-instrument figures as CSV', querystring: metricsQuery } },
    async (req, reply) => {
      const lang = requestLang(req);
      const { items } = await service.instruments(req.query);
      const table = csvTable(instrumentColumns, items, lang);
      return sendCsv(reply, fileName(req, req.query, 'instruments', 'csv'), table.header, table.rows);
    },
  );

  r.get(
    '/api/metrics/rollup/export.csv',
    {
      schema: { tags: ['metrics'], summary: 'Per-organisation figures as CSV', querystring: metricsQuery },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const { items } = await service.rollup({ ...req.query, by: 'organisation' });
      const table = csvTable(organisationColumns, items, lang);
      return sendCsv(reply, fileName(req, req.query, 'organisations', 'csv'), table.header, table.rows);
    },
  );

  // One workbook serves both CSV exports: it holds instruments, organisations and every region level.
  for (const [path, what] of [
    ['/api/metrics/instruments/export.xlsx', 'instruments'],
    ['/api/metrics/rollup/export.xlsx', 'organisations'],
  ] as const) {
    r.get(
      path,
      {
        schema: {
          tags: ['metrics'],
          summary: 'The metrics workbook (XLSX): summary, instruments, organisations, region levels, months',
          querystring: metricsQuery,
        },
      },
      async (req, reply) => {
        const q = req.query;
        const lang = requestLang(req);
        const [instruments, levels, monthly] = await Promise.all([
          service.instruments(q),
          service.levels(q),
          service.monthly(q),
        ]);
        const all = lang === 'en' ? 'All regions' : '全部地区';
        const scopeName = [
          q.regionCode ? (fullName(q.regionCode) ?? q.regionCode) : all,
          q.organisationId ? (instruments.items[0]?.organisationName ?? q.organisationId) : null,
        ]
          .filter(Boolean)
          .join(' · ');
        const body = await metricsWorkbook(
          lang,
          q,
          `${scopeName}（${periodLabel(q, lang)}）`,
          {
            total: instruments.total,
            instruments: instruments.items,
            organisations: levels.organisations,
            regions: levels.regions,
            months: monthly.items,
          },
          clock.now(),
        );
        reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(fileName(req, q, what, 'xlsx'))}`,
          );
        return reply.send(body);
      },
    );
  }
}
