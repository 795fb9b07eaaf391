import { eq } from 'drizzle-orm';
import { computeCheckChar } from '../../shared/credit-code.js';
import type { Db } from '../db/client.js';
import { appendAudit, systemContext } from '../modules/audit/audit.writer.js';
import { hashPassword } from '../modules/identity/password.js';
import { memberships, roleAssignments, users } from '../modules/identity/user.table.js';
import { organisationEvents, organisations } from '../modules/organisations/organisation.table.js';
import { seedDemoAssets } from './assets.seed.js';
import { seedChallengeApplyDemo } from './challenge-apply.seed.js';
import { seedChallengeDemo } from './challenges.seed.js';
import { seedDemoInstruments } from './instruments.seed.js';
import { seedDemoTelemetry } from './telemetry.seed.js';
import { seedVoucherDemo } from './vouchers.seed.js';

export const DEMO_PASSWORD = 'Kechuang#2026';

/** Fixed, valid credit codes (checksum computed) so demo data is the same on every machine. */
const code = (first17: string) => first17 + computeCheckChar(first17);

const orgs = [
  {
    key: 'bureau',
    name: '绍兴市科学技术局',
    type: 'government',
    region: '330600',
    code: code('11330600MB1234567'),
    status: 'verified',
  },
  {
    key: 'enterprise',
    name: '浙江越芯精密制造有限公司',
    type: 'enterprise',
    region: '330602',
    code: code('91330602MA2B3C4D5'),
    status: 'verified',
  },
  {
    key: 'university',
    name: '绍兴文理学院',
    type: 'university',
    region: '330602',
    code: code('12330600470123456'),
    status: 'verified',
  },
  {
    key: 'pending1',
    name: '绍兴柯桥新材料科技有限公司',
    type: 'enterprise',
    region: '330603',
    code: code('91330603MA2E6F7G8'),
    status: 'registered',
  },
  {
    key: 'pending2',
    name: '诸暨智能传感研究院',
    type: 'new_rd_institute',
    region: '330681',
    code: code('52330681MJ9876543'),
    status: 'registered',
  },
] as const;

const people = [
  {
    email: 'admin@demo.kechuang.cn',
    name: '王建国',
    org: 'bureau',
    admin: true,
    role: 'bureau_admin',
    region: '330600',
  },
  {
    email: 'officer@demo.kechuang.cn',
    name: '李晓燕',
    org: 'bureau',
    admin: false,
    role: 'bureau_officer',
    region: '330600',
  },
  { email: 'auditor@demo.kechuang.cn', name: '陈审计', org: 'bureau', admin: false, role: 'auditor', region: '330600' },
  {
    email: 'finance@demo.kechuang.cn',
    name: '赵财务',
    org: 'bureau',
    admin: false,
    role: 'finance_officer',
    region: '330600',
  },
  { email: 'expert@demo.kechuang.cn', name: '周教授', org: 'university', admin: false, role: 'expert', region: null },
  {
    email: 'enterprise@demo.kechuang.cn',
    name: '张企业',
    org: 'enterprise',
    admin: true,
    role: 'enterprise_user',
    region: null,
  },
  {
    email: 'manager@demo.kechuang.cn',
    name: '刘仪器',
    org: 'university',
    admin: true,
    role: 'instrument_manager',
    region: null,
  },
] as const;

/**
 * Seeds the demo region once (skipped when the demo admin exists) and returns the demo logins
 * for the start banner. Everything goes in one transaction: a half-seeded database never exists.
 * `catalogue: false` leaves out the instruments and their year of usage (people and organisations only).
 */
export async function seedDemo(db: Db, opts: { catalogue?: boolean } = {}): Promise<{ email: string; role: string }[]> {
  const logins = people.map((p) => ({ email: p.email, role: p.role }));
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, people[0].email)).limit(1);
  if (existing.length) return logins;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  let challengeBatchId: string | null = null;
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const o of orgs) {
      const [row] = await tx
        .insert(organisations)
        .values({
          name: o.name,
          type: o.type,
          regionCode: o.region,
          creditCode: o.code,
          status: o.status,
          createdAt: now,
          updatedAt: now,
          verifiedAt: o.status === 'verified' ? now : null,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) continue;
      ids.set(o.key, row.id);
      await tx.insert(organisationEvents).values({
        organisationId: row.id,
        fromStatus: null,
        toStatus: o.status,
        reason: '演示数据 / demo data',
        at: now,
      });
    }
    for (const p of people) {
      const [u] = await tx
        .insert(users)
        .values({ email: p.email, name: p.name, phone: '13800138000', passwordHash, createdAt: now })
        .returning();
      const organisationId = ids.get(p.org);
      if (!u || !organisationId) continue;
      userIds.set(p.email, u.id);
      await tx.insert(memberships).values({ userId: u.id, organisationId, isAdmin: p.admin, createdAt: now });
      const orgScoped = p.role === 'enterprise_user' || p.role === 'instrument_manager';
      await tx.insert(roleAssignments).values({
        userId: u.id,
        role: p.role,
        organisationId: orgScoped ? organisationId : null,
        regionCode: p.region,
        grantedAt: now,
      });
    }
    const university = orgs.find((o) => o.key === 'university');
    const managerId = userIds.get('manager@demo.kechuang.cn');
    const catalogue =
      opts.catalogue === false
        ? null
        : await seedDemoInstruments(
            tx,
            now,
            passwordHash,
            university && managerId && ids.get('university')
              ? [
                  {
                    key: 'university',
                    id: ids.get('university') as string,
                    name: university.name,
                    type: 'university',
                    regionCode: university.region,
                    staffUserId: managerId,
                  },
                ]
              : [],
            userIds.get('enterprise@demo.kechuang.cn') && ids.get('enterprise')
              ? { userId: userIds.get('enterprise@demo.kechuang.cn') as string, orgId: ids.get('enterprise') as string }
              : undefined,
          );
    const assets = catalogue ? await seedDemoAssets(tx, now, ids.get('university')) : null;
    // 揭榜挂帅 needs the catalogue's enterprises as need owners, so it comes with the full demo only.
    const challenges =
      opts.catalogue === false
        ? null
        : await seedChallengeDemo(tx, now, userIds.get('officer@demo.kechuang.cn') ?? null);
    challengeBatchId = challenges?.batchId ?? null;
    const connected = catalogue ? await seedDemoTelemetry(tx, now) : 0;
    await appendAudit(
      tx,
      systemContext,
      {
        action: 'system.demo_seed',
        targetType: 'system',
        regionCode: '330600',
        summary: {
          organisations: orgs.length,
          users: people.length,
          catalogue,
          assets,
          connected,
          challengeBatch: challenges?.batchId ?? null,
        },
      },
      now,
    );
  });
  // The applications side (127 applicant organisations, contracts, tranches) runs its own transactions.
  if (challengeBatchId) await seedChallengeApplyDemo(db, { batchId: challengeBatchId }, now);
  // Vouchers pay for services on the catalogue's instruments, so they come with the full demo only.
  if (opts.catalogue !== false) await seedVoucherDemo(db, now);
  return logins;
}
