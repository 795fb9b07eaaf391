import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { seedBureau } from '../../../test/factories.js';
import { publishedList } from '../modules/challenges/application.test-fixtures.js';
import { challengeLists } from '../modules/challenges/challenges.table.js';
import { applicationFunnelCounts } from '../modules/challenges/funnel.apply.js';
import { organisations } from '../modules/organisations/organisation.table.js';
import { seedChallengeApplyDemo } from './challenge-apply.seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedBureau(t);
});
afterAll(() => t.close());

describe('Shenyang-shaped applications demo', () => {
  it('gives the funnel 127 applicant organisations over 31 lists and 26 taken, once', async () => {
    const now = new Date('2026-11-25T02:00:00Z');
    const [enterprise] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, '浙江越芯精密制造有限公司'));
    // A Shenyang batch of 31 published lists, the way seedChallengeDemo hands it over.
    const first = await publishedList(t.database.db, {
      organisationId: enterprise?.id as string,
      now,
      regionCode: '210100',
      tag: 'SY00',
    });
    for (let i = 1; i < 31; i++) {
      const extra = await publishedList(t.database.db, {
        organisationId: enterprise?.id as string,
        now,
        regionCode: '210100',
        tag: `SY${String(i).padStart(2, '0')}`,
      });
      await t.database.db
        .update(challengeLists)
        .set({ batchId: first.batch.id, subsidyPolicyId: first.policyId })
        .where(eq(challengeLists.id, extra.list.id));
    }
    const started = Date.now();
    const result = await seedChallengeApplyDemo(t.database.db, { batchId: first.batch.id }, now);
    const ms = Date.now() - started;
    expect(result).toMatchObject({ applications: 127, organisations: 127, contracts: 26 });
    const counts = await applicationFunnelCounts(t.database.db, { batchId: first.batch.id });
    expect(counts).toMatchObject({
      applicantOrgs: 127,
      applicantOrgsLocal: 79,
      applicantOrgsExternal: 48,
      contractsRegistered: 22,
      subsidyPaidCount: 12,
    });
    const taken = await t.database.db.select().from(challengeLists).where(eq(challengeLists.status, 'taken'));
    expect(taken).toHaveLength(26);
    expect(counts.subsidyPaidFen).toBeGreaterThan(0);
    expect(await seedChallengeApplyDemo(t.database.db, { batchId: first.batch.id }, now)).toEqual({ applications: 0 });
    console.log(`seedChallengeApplyDemo: ${ms} ms`);
  });
});
