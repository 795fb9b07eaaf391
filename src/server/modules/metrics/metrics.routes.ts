import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../shared/api/common.js';
import { regionCode } from '../../../shared/api/organisations.js';
import { sendCsv } from '../../http/csv.js';
import { requestLang } from '../../http/errors.plugin.js';
import type { MetricsService } from './metrics.service.js';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  regionCode: regionCode.optional(),
  organisationId: z.uuid().optional(),
});
const figures = {
  effectiveHours: z.number(),
  externalHours: z.number(),
  bookedHours: z.number(),
  sharingRate: z.number().nullable(),
  quotaHours: z.number(),
  services: z.number().int(),
};
const instrumentRow = z.object({
  instrumentId: z.uuid(),
  nameZh: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  regionCode: z.string(),
  purpose: z.enum(['general', 'special']),
  belowQuota: z.boolean(),
  ...figures,
});
const groupRow = z.object({
  key: z.string(),
  name: z.string(),
  instruments: z.number().int(),
  belowQuotaCount: z.number().int(),
  belowQuota: z.boolean(),
  ...figures,
});

/** Open statistics: public, like the national platform's published sharing figures. */
export function metricsRoutes(app: FastifyInstance, deps: { service: MetricsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = deps;

  r.get(
    '/api/metrics/instruments',
    {
      schema: {
        tags: ['metrics'],
        summary: 'Effective, external and booked hours, sharing rate and quota per instrument for a year',
        querystring: query,
        response: {
          200: z.object({
            items: z.array(instrumentRow),
            total: z.object({
              instruments: z.number().int(),
              belowQuotaCount: z.number().int(),
              belowQuota: z.boolean(),
              ...figures,
            }),
          }),
          400: errorBody,
        },
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
        querystring: query.extend({ by: z.enum(['organisation', 'region']).default('organisation') }),
        response: { 200: z.object({ items: z.array(groupRow) }), 400: errorBody },
      },
    },
    async (req) => service.rollup(req.query),
  );

  r.get(
    '/api/metrics/instruments/export.csv',
    { schema: { tags: ['metrics'], summary: 'Per-instrument figures as CSV', querystring: query } },
    async (req, reply) => {
      const lang = requestLang(req);
      const { items } = await service.instruments(req.query);
      const header =
        lang === 'en'
          ? [
              'Instrument',
              'Owner',
              'Region',
              'Purpose',
              'Effective h',
              'External h',
              'Sharing rate',
              'Quota h',
              'Below quota',
              'Booked h',
              'Services',
            ]
          : [
              '仪器',
              '所属单位',
              '地区',
              '用途',
              '有效机时',
              '对外服务机时',
              '共享率',
              '定额机时',
              '低于定额',
              '预约机时',
              '服务次数',
            ];
      return sendCsv(
        reply,
        lang === 'en' ? `instrument-metrics-${req.query.year}.csv` : `仪器共享指标-${req.query.year}.csv`,
        header,
        items.map((i) => [
          i.nameZh,
          i.organisationName,
          i.regionCode,
          i.purpose,
          i.effectiveHours,
          i.externalHours,
          i.sharingRate === null ? '' : `${(i.sharingRate * 100).toFixed(1)}%`,
          i.quotaHours,
          i.belowQuota ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否',
          i.bookedHours,
          i.services,
        ]),
      );
    },
  );
}
