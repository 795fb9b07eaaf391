import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  assetImportLimits,
  assetImportQuery,
  assetImportReport,
  assetImportSummary,
  assetInspectResponse,
  assetPushBody,
  importIdParams,
} from '../../../shared/api/assets.js';
import { errorBody, idParams, paged, pageQuery } from '../../../shared/api/common.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import { rawBodyParser } from '../../http/raw-body.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { AppError } from '../../lib/errors.js';
import type { AssetImportService } from './asset.import.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * Browsers on Windows label .csv uploads application/vnd.ms-excel and scripts often send
 * octet-stream; the bytes decide the format either way.
 */
const FILE_TYPES = ['text/csv', XLSX, 'application/vnd.ms-excel', 'application/octet-stream'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 413: errorBody, 415: errorBody };
const tooLarge = () => new AppError('ASSET_FILE_TOO_LARGE', { limit: '10 MB' });

export function assetImportRoutes(app: FastifyInstance, deps: { service: AssetImportService }) {
  const { service } = deps;
  // A child scope, so the file parsers and the larger limits apply to these routes only.
  app.register(async (scope) => {
    scope.addContentTypeParser(FILE_TYPES, rawBodyParser(assetImportLimits.maxBytes, tooLarge));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/organisations/:id/asset-imports',
      {
        schema: {
          tags: ['assets'],
          summary: 'Import the finance asset register (CSV or XLSX as the raw body); dryRun=true previews',
          description:
            'Body: the file, with Content-Type text/csv or the .xlsx type; at most 10 MB and 50,000 rows. ' +
            'CSV may be UTF-8 or GBK. Headers are matched by the card’s Chinese names; `mapping` overrides them.',
          params: idParams,
          querystring: assetImportQuery,
          response: { 200: assetImportReport, 201: assetImportReport, ...errors },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('ASSET_FILE_TYPE');
        const dryRun = req.query.dryRun === 'true';
        const report = await service.importFile(requireActor(req), requestContext(req), req.params.id, {
          bytes: req.body,
          filename: req.query.filename ?? null,
          mapping: req.query.mapping,
          dryRun,
        });
        reply.status(dryRun ? 200 : 201);
        return report;
      },
    );

    r.post(
      '/api/organisations/:id/asset-imports/inspect',
      {
        schema: {
          tags: ['assets'],
          summary: 'Read a register file for the column-mapping step: header row, suggested and remembered mapping',
          description: 'Same body and limits as an import; nothing is written.',
          params: idParams,
          response: { 200: assetInspectResponse, ...errors },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('ASSET_FILE_TYPE');
        return service.inspect(requireActor(req), req.params.id, req.body);
      },
    );

    r.post(
      '/api/organisations/:id/asset-cards',
      {
        // 5,000 cards of a few hundred bytes each outgrow the default 1 MB JSON limit.
        bodyLimit: assetImportLimits.maxBytes,
        schema: {
          tags: ['assets'],
          summary: 'Push asset cards from the finance system (at most 5,000 per call), with the same report',
          params: idParams,
          body: assetPushBody,
          response: { 200: assetImportReport, 201: assetImportReport, ...errors },
        },
      },
      async (req, reply) => {
        const report = await service.push(requireActor(req), requestContext(req), req.params.id, req.body);
        reply.status(req.body.dryRun ? 200 : 201);
        return report;
      },
    );

    r.get(
      '/api/organisations/:id/asset-imports',
      {
        schema: {
          tags: ['assets'],
          summary: 'Past imports of an organisation’s asset register, newest first',
          params: idParams,
          querystring: pageQuery,
          response: { 200: paged(assetImportSummary), ...errors },
        },
      },
      async (req) => service.history(requireActor(req), req.params.id, req.query.page, req.query.pageSize),
    );

    r.get(
      '/api/organisations/:id/asset-imports/:importId',
      {
        schema: {
          tags: ['assets'],
          summary: 'One import’s report, with its per-row errors',
          params: importIdParams,
          response: { 200: assetImportReport, ...errors },
        },
      },
      async (req) => service.report(requireActor(req), req.params.id, req.params.importId),
    );

    r.get(
      '/api/organisations/:id/asset-imports/:importId/errors.csv',
      {
        schema: {
          tags: ['assets'],
          summary: 'One import’s row errors as CSV (row, column, code, reason), to fix the file and upload again',
          params: importIdParams,
        },
      },
      async (req, reply) => {
        const lang = requestLang(req);
        const report = await service.report(requireActor(req), req.params.id, req.params.importId);
        return sendCsv(
          reply,
          lang === 'en' ? `import-errors-${report.id.slice(0, 8)}.csv` : `导入错误-${report.id.slice(0, 8)}.csv`,
          lang === 'en' ? ['Row', 'Column', 'Code', 'Reason'] : ['行号', '列', '错误代码', '原因'],
          report.errors.map((e) => [e.row, e.column ?? '', e.code, e.message[lang]]),
        );
      },
    );
  });
}
