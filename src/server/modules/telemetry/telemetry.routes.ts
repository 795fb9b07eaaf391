import type { EventEmitter } from 'node:events';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, paged } from '../../../shared/api/common.js';
import {
  boardQuery,
  boardResponse,
  calibrationQuery,
  calibrationResponse,
  deadLetterItem,
  deadLetterQuery,
  headlineQuery,
  headlineResponse,
  hoursQuery,
  levelsResponse,
  levelsUpdateResult,
  monthlyHoursResponse,
  organisationHoursResponse,
  powerLevelsBody,
  reprocessBody,
  reprocessResult,
  traceQuery,
  traceResponse,
  usageOneResponse,
  usageQuery,
  usageResponse,
} from '../../../shared/api/telemetry.js';
import type { Lang } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import type { BoardService } from './board.service.js';
import { createBoardStream } from './board.stream.js';
import { listDeadLetters } from './dead-letters.js';
import type { HoursService } from './hours.service.js';
import type { LevelsService } from './levels.service.js';
import type { UsageService } from './usage.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export interface TelemetryRouteDeps {
  db: Db;
  levels: LevelsService;
  board: BoardService;
  hours: HoursService;
  usage: UsageService;
  events: EventEmitter;
}

async function sendXlsx(reply: FastifyReply, filename: string, sheet: string, header: string[], rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

const monthlyHeader: Record<Lang, string[]> = {
  zh: ['月份', '联网仪器数', '开机时长(小时)', '工作时长(小时)', '离线未知(小时)'],
  en: ['Month', 'Connected instruments', 'Power-on h', 'Working h', 'Offline (unknown) h'],
};
const orgHeader: Record<Lang, string[]> = {
  zh: ['单位', '地区代码', '联网仪器数', '开机时长(小时)', '工作时长(小时)', '离线未知(小时)'],
  en: ['Organisation', 'Region', 'Connected instruments', 'Power-on h', 'Working h', 'Offline (unknown) h'],
};

export function telemetryRoutes(app: FastifyInstance, deps: TelemetryRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['telemetry'];

  r.get(
    '/api/telemetry/instruments/:id/levels',
    {
      schema: {
        tags,
        summary: 'Power levels of an instrument: the version in force, the defaults and the history',
        params: idParams,
        response: { 200: levelsResponse, ...errors },
      },
    },
    async (req) => deps.levels.get(requireActor(req), req.params.id),
  );

  r.put(
    '/api/telemetry/instruments/:id/levels',
    {
      schema: {
        tags,
        summary: 'Save new power levels (a new version, audited); optionally reprocess from a date',
        params: idParams,
        body: powerLevelsBody,
        response: { 200: levelsUpdateResult, ...errors, 422: errorBody },
      },
    },
    async (req) => deps.levels.set(requireActor(req), requestContext(req), req.params.id, req.body),
  );

  r.post(
    '/api/telemetry/instruments/:id/reprocess',
    {
      schema: {
        tags,
        summary: 'Rebuild intervals and roll-ups from stored readings from a date, with the levels in force',
        params: idParams,
        body: reprocessBody,
        response: { 200: reprocessResult, ...errors, 422: errorBody },
      },
    },
    async (req) => deps.levels.reprocess(requireActor(req), requestContext(req), req.params.id, req.body.from),
  );

  r.get(
    '/api/telemetry/instruments/:id/calibration',
    {
      schema: {
        tags,
        summary: 'Power histogram of recent readings with valleys marked and proposed levels',
        params: idParams,
        querystring: calibrationQuery,
        response: { 200: calibrationResponse, ...errors },
      },
    },
    async (req) => deps.levels.calibration(requireActor(req), req.params.id, req.query),
  );

  r.get(
    '/api/telemetry/instruments/:id/trace',
    {
      schema: {
        tags,
        summary: 'Power trace for a period: readings (downsampled), state intervals and bookings',
        params: idParams,
        querystring: traceQuery,
        response: { 200: traceResponse, ...errors },
      },
    },
    async (req) => deps.board.trace(requireActor(req), req.params.id, req.query),
  );

  r.get(
    '/api/telemetry/board',
    {
      schema: {
        tags,
        summary: 'Live board: every connected instrument the user may see, with its state',
        querystring: boardQuery,
        response: { 200: boardResponse, ...errors },
      },
    },
    async (req) => deps.board.board(requireActor(req), req.query),
  );

  createBoardStream(app, deps);

  r.get(
    '/api/telemetry/hours/monthly',
    {
      schema: {
        tags,
        summary: 'Power-on, working and unknown hours by month for a year (open statistics)',
        querystring: hoursQuery,
        response: { 200: monthlyHoursResponse, 400: errorBody },
      },
    },
    async (req) => deps.hours.monthly(req.query),
  );

  r.get(
    '/api/telemetry/hours/organisations',
    {
      schema: {
        tags,
        summary: 'Power-on, working and unknown hours by organisation for a year (open statistics)',
        querystring: hoursQuery,
        response: { 200: organisationHoursResponse, 400: errorBody },
      },
    },
    async (req) => deps.hours.byOrganisation(req.query),
  );

  const exportQuery = hoursQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
  r.get(
    '/api/telemetry/hours/monthly/export',
    { schema: { tags, summary: 'Hours by month as CSV or XLSX', querystring: exportQuery } },
    async (req, reply) => {
      const lang = requestLang(req);
      const data = await deps.hours.monthly(req.query);
      const rows = [...data.items, { month: lang === 'en' ? 'Year' : '全年', ...data.total }].map((i) => [
        i.month,
        i.instruments,
        i.onHours,
        i.workingHours,
        i.unknownHours,
      ]);
      const scope = req.query.regionCode ?? (lang === 'en' ? 'all' : '全部');
      const name = lang === 'en' ? `power-on-hours-${scope}-${req.query.year}` : `开机时长-${scope}-${req.query.year}`;
      return req.query.format === 'xlsx'
        ? sendXlsx(reply, `${name}.xlsx`, String(req.query.year), monthlyHeader[lang], rows)
        : sendCsv(reply, `${name}.csv`, monthlyHeader[lang], rows);
    },
  );

  r.get(
    '/api/telemetry/hours/organisations/export',
    { schema: { tags, summary: 'Hours by organisation as CSV or XLSX', querystring: exportQuery } },
    async (req, reply) => {
      const lang = requestLang(req);
      const data = await deps.hours.byOrganisation(req.query);
      const rows = data.items.map((i) => [
        i.organisationName,
        i.regionCode,
        i.instruments,
        i.onHours,
        i.workingHours,
        i.unknownHours,
      ]);
      rows.push([
        lang === 'en' ? 'Total' : '合计',
        '',
        data.total.instruments,
        data.total.onHours,
        data.total.workingHours,
        data.total.unknownHours,
      ]);
      const scope = req.query.regionCode ?? (lang === 'en' ? 'all' : '全部');
      const name =
        lang === 'en'
          ? `power-on-hours-by-organisation-${scope}-${req.query.year}`
          : `单位开机时长-${scope}-${req.query.year}`;
      return req.query.format === 'xlsx'
        ? sendXlsx(reply, `${name}.xlsx`, String(req.query.year), orgHeader[lang], rows)
        : sendCsv(reply, `${name}.csv`, orgHeader[lang], rows);
    },
  );

  r.get(
    '/api/telemetry/headline',
    {
      schema: {
        tags,
        summary: '"N instruments connected, H power-on hours" for a region and year (open statistics)',
        querystring: headlineQuery,
        response: { 200: headlineResponse, 400: errorBody },
      },
    },
    async (req) => deps.hours.headline(req.query),
  );

  r.get(
    '/api/telemetry/usage',
    {
      schema: {
        tags,
        summary: 'Usage verification: sensor working time inside bookings and service records, and the gaps',
        querystring: usageQuery,
        response: { 200: usageResponse, ...errors },
      },
    },
    async (req) => deps.usage.usage(requireActor(req), req.query),
  );

  r.get(
    '/api/telemetry/usage/bookings/:id',
    {
      schema: {
        tags,
        summary: 'Sensor-confirmed working minutes inside one booking',
        params: idParams,
        response: { 200: usageOneResponse, ...errors },
      },
    },
    async (req) => deps.usage.one(requireActor(req), 'booking', req.params.id),
  );

  r.get(
    '/api/telemetry/usage/service-records/:id',
    {
      schema: {
        tags,
        summary: 'Sensor-confirmed working minutes inside one service record',
        params: idParams,
        response: { 200: usageOneResponse, ...errors },
      },
    },
    async (req) => deps.usage.one(requireActor(req), 'service_record', req.params.id),
  );

  r.get(
    '/api/telemetry/dead-letters',
    {
      schema: {
        tags,
        summary: 'Rejected sensor messages with their reasons, for the instruments the user may see',
        querystring: deadLetterQuery,
        response: { 200: paged(deadLetterItem), ...errors },
      },
    },
    async (req) => listDeadLetters(deps.db, requireActor(req), req.query),
  );
}
