import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { ProgrammeSettings } from '../../shared/api/vouchers.js';
import type { Db, Tx } from '../db/client.js';
import { appendAudit, systemContext } from '../modules/audit/audit.writer.js';
import { users } from '../modules/identity/user.table.js';
import { endOfValidity, shanghaiDay, shanghaiYear, yearBounds } from '../modules/vouchers/coverage.js';
import {
  type voucherEvents,
  voucherProgrammes,
  voucherProgrammeVersions,
  voucherProviders,
} from '../modules/vouchers/programme.table.js';
import { voucherQuotaApplications, voucherQuotas } from '../modules/vouchers/quota.table.js';
import { mulberry32 } from './instruments.generator.js';
import { demoConnectedInstruments } from './telemetry.seed.js';
import { seedClaimsAndLedger } from './vouchers.claims.seed.js';

const DAY = 86_400_000;
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** The demo programme's rules (the bureau's own numbers would be set in the programme screen). */
function demoSettings(validFrom: string, validUntil: string, regions: string[], partners: string[]): ProgrammeSettings {
  return {
    eligibleOrgTypes: ['enterprise'],
    eligibleRegionCodes: regions,
    excludeFundedLastYear: true,
    excludedCreditCodes: [],
    providerOrgTypes: ['university', 'research_institute', 'new_rd_institute', 'service_provider', 'enterprise'],
    coverageBp: 5000,
    fullCoverageBelowFen: 0,
    perClaimCapFen: 2_000_000,
    annualCapFen: 10_000_000,
    budgetFen: 1_000_000_000,
    annualCapBy: 'enterprise',
    serviceKinds: ['instrument_use', 'instrument_testing', 'testing', 'technology_service'],
    validFrom,
    validUntil,
    claimGraceDays: 30,
    minSensorShareBp: 6000,
    partnerRegionCodes: partners,
  };
}

/**
 * Innovation vouchers for the demo region, in bulk: the Shaoxing programme (a year around the
 * seeding day) with a 长三角 partner programme of Shanghai accepting each other's vouchers; the demo
 * university and four other organisations admitted as providers, one more applying; quotas for the
 * demo enterprise and seven others, one more applying; four months of claims on completed bookings,
 * mostly backed by sensor intervals, a few self-reported, one flagged for the officer; settlement
 * batches paid for older months, last month's waiting for finance. The ledger is written by the same
 * posting rules the services use, so `npm run ledger:verify` holds on the demo.
 */
export async function seedVoucherDemo(db: Db, now: Date) {
  return db.transaction((tx) => seed(tx, now));
}

async function seed(tx: Tx, now: Date) {
  const rnd = mulberry32(2026_06);
  const uid = async (email: string) =>
    (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? null;
  const officer = await uid('officer@demo.kechuang.cn');
  const finance = await uid('finance@demo.kechuang.cn');
  const connected = new Set(await demoConnectedInstruments(tx));
  const validFrom = shanghaiDay(new Date(now.getTime() - 150 * DAY));
  const validUntil = shanghaiDay(new Date(now.getTime() + 214 * DAY));
  const year = shanghaiDay(now).slice(0, 4);
  const created = new Date(now.getTime() - 160 * DAY);

  // ---------------------------------------------------------------- programmes
  const sx = randomUUID();
  const sh = randomUUID();
  await tx.insert(voucherProgrammes).values([
    {
      id: sx,
      code: `SX-CXQ-${year}`,
      name: `绍兴市科技创新券（${year} 年度）`,
      regionCode: '330600',
      description:
        '面向绍兴市中小微企业，用于购买大型科学仪器共享服务、检验检测和技术服务。按实际发生服务费的 50% 抵扣，单笔不超过 2 万元，每家企业每年不超过 10 万元；与上海市创新券互认通用（长三角通用通兑）。',
      status: 'active',
      createdBy: officer,
      createdAt: created,
      updatedAt: created,
    },
    {
      id: sh,
      code: `SH-CXQ-${year}`,
      name: `上海市科技创新券（长三角通用通兑 ${year}）`,
      regionCode: '310000',
      description: '上海市科技创新券，与绍兴市创新券互认通用。',
      status: 'active',
      createdAt: created,
      updatedAt: created,
    },
  ]);
  await tx.insert(voucherProgrammeVersions).values([
    {
      programmeId: sx,
      version: 1,
      settings: demoSettings(validFrom, validUntil, ['330600'], ['310000']),
      createdBy: officer,
      createdAt: created,
    },
    {
      programmeId: sh,
      version: 1,
      settings: demoSettings(validFrom, validUntil, ['310000'], ['330600']),
      createdAt: created,
    },
  ]);
  const events: (typeof voucherEvents.$inferInsert)[] = [
    { entityType: 'voucher_programme', entityId: sx, toStatus: 'draft', actorUserId: officer, at: created },
    {
      entityType: 'voucher_programme',
      entityId: sx,
      fromStatus: 'draft',
      toStatus: 'active',
      actorUserId: officer,
      at: created,
    },
    {
      entityType: 'voucher_programme',
      entityId: sh,
      toStatus: 'active',
      reason: '伙伴地区项目 / partner programme',
      at: created,
    },
  ];

  // ---------------------------------------------------------------- providers
  const providerOrgs = rowsOf<{ id: string; name: string; n: number }>(
    await tx.execute(sql`
      select o.id::text as id, o.name, count(i.id)::int as n from organisations o
      join instruments i on i.organisation_id = o.id
      where o.type <> 'enterprise' and o.region_code like '3306%' and i.status = 'normal' and i.share_mode = 'external'
        and i.fee_per_hour_fen is not null
      group by o.id, o.name order by (o.name = '绍兴文理学院') desc, count(i.id) desc, o.name limit 6`),
  );
  const admitted = providerOrgs.slice(0, 5);
  const applying = providerOrgs[5];
  const admissionOf = new Map<string, string>();
  const providerRows: (typeof voucherProviders.$inferInsert)[] = [];
  for (const [k, o] of [...admitted, ...(applying ? [applying] : [])].entries()) {
    const id = randomUUID();
    const pending = k >= admitted.length;
    const at = new Date(now.getTime() - (pending ? 2 : 155 - k) * DAY);
    admissionOf.set(o.id, id);
    providerRows.push({
      id,
      programmeId: sx,
      organisationId: o.id,
      status: pending ? 'applied' : 'admitted',
      serviceKinds: ['instrument_use', 'instrument_testing', 'testing'],
      services: [
        {
          key: 'report',
          name: '检测报告出具',
          kind: 'testing',
          feeFen: 50_000,
          unit: '份',
          standard: 'CNAS 认可范围内',
        },
      ],
      intro: `${o.name}大型科学仪器共享服务平台，仪器 ${o.n} 台（套），提供自主上机、委托测试与检测报告服务。`,
      contactName: '平台联系人',
      contactPhone: '0575-88341234',
      appliedBy: officer ?? randomUUID(),
      appliedAt: at,
      decidedBy: pending ? null : officer,
      decidedAt: pending ? null : new Date(at.getTime() + 3 * DAY),
      updatedAt: at,
    });
    events.push({ entityType: 'voucher_provider', entityId: id, toStatus: 'applied', at });
    if (!pending)
      events.push({
        entityType: 'voucher_provider',
        entityId: id,
        fromStatus: 'applied',
        toStatus: 'admitted',
        actorUserId: officer,
        reason: '信用核查通过 / credit check passed',
        at: new Date(at.getTime() + 3 * DAY),
      });
  }
  await tx.insert(voucherProviders).values(providerRows);

  // ---------------------------------------------------------------- enterprises and quotas
  const enterprises = rowsOf<{ id: string; name: string; user_id: string }>(
    await tx.execute(sql`
      select o.id::text as id, o.name, min(m.user_id::text) as user_id from organisations o
      join memberships m on m.organisation_id = o.id
      where o.type = 'enterprise' and o.status = 'verified' and o.region_code like '3306%'
        -- The programme excludes enterprises the bureau funded last calendar year (paid 揭榜挂帅 tranches).
        and not exists (select 1 from challenge_contracts c join challenge_subsidy_tranches t on t.contract_id = c.id
          where c.buyer_organisation_id = o.id and t.status = 'paid'
            and t.paid_at >= ${yearBounds(shanghaiYear(now) - 1)[0]} and t.paid_at < ${yearBounds(shanghaiYear(now) - 1)[1]})
      group by o.id, o.name order by (o.name = '浙江越芯精密制造有限公司') desc, o.name limit 9`),
  );
  const holders = enterprises.slice(0, 8);
  const quotaOf = new Map<string, { id: string; issued: number; balance: number; issuedAt: Date }>();
  const applications: (typeof voucherQuotaApplications.$inferInsert)[] = [];
  const quotas: (typeof voucherQuotas.$inferInsert)[] = [];
  for (const [k, e] of holders.entries()) {
    const appId = randomUUID();
    const quotaId = randomUUID();
    const amount = (k === 0 ? 50_000 : 30_000 + Math.floor(rnd() * 6) * 10_000) * 100;
    const submitted = new Date(now.getTime() - (148 - k) * DAY);
    const decided = new Date(submitted.getTime() + 2 * DAY);
    applications.push({
      id: appId,
      programmeId: sx,
      organisationId: e.id,
      amountFen: amount,
      approvedFen: amount,
      purpose: '新产品研发中的材料表征、成分分析与可靠性检测',
      status: 'approved',
      appliedBy: e.user_id,
      submittedAt: submitted,
      decidedBy: officer,
      decidedAt: decided,
      quotaId,
    });
    quotas.push({
      id: quotaId,
      programmeId: sx,
      programmeVersion: 1,
      organisationId: e.id,
      applicationId: appId,
      issuedFen: amount,
      issuedAt: decided,
      validFrom,
      expiresAt: endOfValidity(validUntil),
      status: 'active',
      statusChangedAt: decided,
    });
    quotaOf.set(e.id, { id: quotaId, issued: amount, balance: amount, issuedAt: decided });
    events.push(
      {
        entityType: 'voucher_quota_application',
        entityId: appId,
        toStatus: 'submitted',
        actorUserId: e.user_id,
        at: submitted,
      },
      {
        entityType: 'voucher_quota_application',
        entityId: appId,
        fromStatus: 'submitted',
        toStatus: 'approved',
        actorUserId: officer,
        at: decided,
      },
    );
  }
  const waiting = enterprises[8];
  if (waiting) {
    const appId = randomUUID();
    const at = new Date(now.getTime() - DAY);
    applications.push({
      id: appId,
      programmeId: sx,
      organisationId: waiting.id,
      amountFen: 4_000_000,
      purpose: '电池材料的扫描电镜与 X 射线衍射分析',
      status: 'submitted',
      appliedBy: waiting.user_id,
      submittedAt: at,
    });
    events.push({
      entityType: 'voucher_quota_application',
      entityId: appId,
      toStatus: 'submitted',
      actorUserId: waiting.user_id,
      at,
    });
  }
  await tx.insert(voucherQuotaApplications).values(applications);
  await tx.insert(voucherQuotas).values(quotas);
  const ledger = await seedClaimsAndLedger(tx, {
    now,
    rnd,
    programmeId: sx,
    validFrom,
    validUntil,
    officer,
    finance,
    connected,
    admitted,
    admissionOf,
    holders,
    quotaOf,
    quotas,
    events,
  });
  const summary = {
    programmes: 2,
    providers: providerRows.length,
    quotas: quotas.length,
    ...ledger,
  };
  await appendAudit(
    tx,
    systemContext,
    { action: 'system.demo_seed_vouchers', targetType: 'system', regionCode: '330600', summary },
    now,
  );
  return summary;
}
