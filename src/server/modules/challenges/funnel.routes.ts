import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type FunnelCounts, funnelView } from '../../../shared/api/challenges.js';
import { errorBody, idParams } from '../../../shared/api/common.js';
import { requireActor } from '../../http/session.plugin.js';
import { sendTable } from './export.js';
import type { FunnelService } from './funnel.service.js';

type Funnel = z.infer<typeof funnelView>;

const columns: [keyof FunnelCounts, string][] = [
  ['needsSubmitted', '征集需求 needs submitted'],
  ['needsAccepted', '采纳需求 needs accepted'],
  ['listsPublished', '发布榜单 lists published'],
  ['applicantOrgs', '揭榜单位 applicant organisations'],
  ['applicantOrgsLocal', '其中本地 local'],
  ['applicantOrgsExternal', '其中外地 external'],
  ['listsTaken', '成功揭榜 lists taken'],
  ['contractsRegistered', '登记合同 contracts registered'],
  ['subsidyPaidCount', '兑付补助笔数 subsidies paid'],
  ['subsidyPaidFen', '兑付补助金额（分）subsidy paid (fen)'],
];

/** One table: the total row, then one row per direction and per region. */
function rows(f: Funnel): unknown[][] {
  const line = (group: string, name: string, c: FunnelCounts) => [group, name, ...columns.map(([k]) => c[k])];
  return [
    line('合计 total', '', f.totals),
    ...f.byDirection.map((d) => line('方向 direction', d.name, d.counts)),
    ...f.byRegion.map((r) => line('地区 region', r.name, r.counts)),
  ];
}
const header = ['分组 group', '名称 name', ...columns.map(([, h]) => h)];

export function funnelRoutes(app: FastifyInstance, deps: { funnel: FunnelService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { funnel } = deps;

  r.get(
    '/api/challenges/funnel',
    {
      schema: {
        tags: ['challenges', 'open-data'],
        summary: 'Open data: the overall 揭榜挂帅 funnel, by direction and region (no sign-in)',
        response: { 200: funnelView },
      },
    },
    async () => funnel.overall(),
  );

  r.get(
    '/api/challenges/funnel/batches/:id',
    {
      schema: {
        tags: ['challenges'],
        summary: "One batch's funnel (bureau)",
        params: idParams,
        response: { 200: funnelView, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req) => funnel.batch(requireActor(req), req.params.id),
  );

  r.get(
    '/api/challenges/funnel/export',
    {
      schema: {
        tags: ['challenges', 'open-data'],
        summary: 'The funnel as CSV or XLSX; overall is public, a batch needs a bureau sign-in',
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), batchId: z.uuid().optional() }),
        response: { 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const { format, batchId } = req.query;
      const f = batchId ? await funnel.batch(requireActor(req), batchId) : await funnel.overall();
      const name = `揭榜挂帅漏斗-${batchId ? (f.batches.find((b) => b.id === batchId)?.code ?? 'batch') : 'overall'}`;
      return sendTable(reply, format, name, header, rows(f), 'funnel');
    },
  );
}
