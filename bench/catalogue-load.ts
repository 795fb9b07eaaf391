/** Loads the demo organisations' generated instruments in bulk, for the catalogue benchmark. */
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/server/db/client.js';
import { instruments, organisations } from '../src/server/db/schema.js';
import { demoInstruments, demoOrganisations } from '../src/server/demo/instruments.generator.js';
import { searchVectorSql } from '../src/server/modules/instruments/instrument.repository.js';
import { className } from '../src/server/modules/instruments/instrument.service.js';
import { bookingRulesSchema } from '../src/shared/booking-rules.js';
import { computeCheckChar } from '../src/shared/credit-code.js';

export async function loadInstruments(database: Database, n: number): Promise<void> {
  const orgs = demoOrganisations();
  const ids = new Map<string, string>();
  for (const o of orgs) {
    const [row] = await database.db
      .insert(organisations)
      .values({
        name: o.name,
        type: o.type,
        regionCode: o.regionCode,
        creditCode: o.creditCodeFirst17 + computeCheckChar(o.creditCodeFirst17),
        status: 'verified',
      })
      .returning();
    if (row) ids.set(o.key, row.id);
  }
  const rules = bookingRulesSchema.parse({ requiresApproval: false, advanceNoticeHours: 0, horizonDays: 365 });
  const items = demoInstruments(7, n, orgs);
  const t0 = performance.now();
  for (let i = 0; i < items.length; i += 1000) {
    await database.db.insert(instruments).values(
      items.slice(i, i + 1000).map((g) => ({
        ...g,
        organisationId: ids.get(g.ownerKey) as string,
        regionCode: orgs.find((o) => o.key === g.ownerKey)?.regionCode as string,
        bookingRules: rules,
        searchVector: searchVectorSql({ ...g, className: className(g.classCode) }) as unknown as string,
      })),
    );
  }
  console.log(`  loaded ${n.toLocaleString('en-US')} instruments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
