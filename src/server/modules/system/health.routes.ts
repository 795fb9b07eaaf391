import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { migrationStatus } from '../../db/migration-status.js';

const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  demo: z.boolean(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
  migrations: z.object({ applied: z.number().int(), shipped: z.number().int(), current: z.boolean() }),
});

/** Liveness and readiness in one: 503 when the database is unreachable or behind the code. */
export function healthRoutes(app: FastifyInstance, deps: { database: Database; version: string; demo: boolean }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Health: database reachable, migrations current, version',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_req, reply) => {
      let reachable = true;
      try {
        await deps.database.db.execute(sql`select 1`);
      } catch {
        reachable = false;
      }
      const migrations = reachable
        ? await migrationStatus(deps.database.db)
        : { applied: 0, shipped: 0, current: false };
      const ok = reachable && migrations.current;
      reply.status(ok ? 200 : 503);
      return {
        status: ok ? ('ok' as const) : ('degraded' as const),
        version: deps.version,
        demo: deps.demo,
        database: { kind: deps.database.kind, reachable },
        migrations,
      };
    },
  );
}
