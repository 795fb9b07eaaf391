import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations } from '../organisations/organisation.table.js';
import { challengeBatches, challengeDirections, challengeLists, challengeSubsidyPolicies } from './challenges.table.js';

const DAY = 24 * 3600_000;

/**
 * A batch with the default policy (50 %, cap 3,000,000 yuan, base 技术交易额) and one published list
 * of the given enterprise, open for applications from `now - 1 day` for `openDays`. For tests of the
 * applications side, which starts where the challenges side publishes.
 */
export async function publishedList(
  db: Db,
  opts: {
    organisationId: string;
    now: Date;
    openDays?: number;
    maxSolvers?: number;
    regionCode?: string;
    tag?: string;
  },
) {
  const tag = opts.tag ?? Math.random().toString(36).slice(2, 8);
  const regionCode = opts.regionCode ?? '330600';
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(challengeBatches)
      .values({
        code: `T-${tag}`,
        title: `测试批次 ${tag}`,
        regionCode,
        needsOpenAt: new Date(opts.now.getTime() - 60 * DAY),
        needsCloseAt: new Date(opts.now.getTime() - 30 * DAY),
        createdAt: opts.now,
        updatedAt: opts.now,
      })
      .returning();
    const b = batch as typeof challengeBatches.$inferSelect;
    const [direction] = await tx
      .insert(challengeDirections)
      .values({ batchId: b.id, code: 'D01', name: '集成电路装备', position: 1 })
      .returning();
    const [policy] = await tx
      .insert(challengeSubsidyPolicies)
      .values({
        batchId: b.id,
        version: 1,
        ratioBp: 5000,
        capFen: 300_000_000,
        base: 'tech_trade_amount',
        createdAt: opts.now,
      })
      .returning();
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, opts.organisationId));
    const [list] = await tx
      .insert(challengeLists)
      .values({
        batchId: b.id,
        code: `L-${tag}`,
        title: `高精度晶圆减薄设备关键部件 ${tag}`,
        directionId: (direction as { id: string }).id,
        category: 'basic_components',
        organisationId: opts.organisationId,
        regionCode: org?.regionCode ?? regionCode,
        goal: '研制国产化减薄主轴',
        indicators: [{ name: '径向跳动', target: '≤0.5', unit: 'μm', testMethod: '第三方检测' }],
        eligibility: '具有相关研发基础的法人单位',
        periodMonths: 24,
        enterpriseInvestmentFen: 500_000_000,
        subsidyPolicyId: (policy as { id: string }).id,
        maxSolvers: opts.maxSolvers ?? 1,
        applyOpensAt: new Date(opts.now.getTime() - DAY),
        applyClosesAt: new Date(opts.now.getTime() + (opts.openDays ?? 10) * DAY),
        contactName: '张企业',
        contactPhone: '13912345678',
        status: 'published',
        publishedAt: opts.now,
        createdAt: opts.now,
        updatedAt: opts.now,
      })
      .returning();
    return { batch: b, list: list as typeof challengeLists.$inferSelect, policyId: (policy as { id: string }).id };
  });
}

export function applicationInput(listId: string, overrides: Record<string, unknown> = {}) {
  return {
    listId,
    members: [] as string[],
    technicalPlan: '采用空气静压主轴与在线测量闭环补偿的技术路线。',
    milestonePlan: [
      { title: '样机设计', dueDate: '2027-06-30', deliverable: '设计图纸与仿真报告', weight: 30 },
      { title: '样机试制', dueDate: '2027-12-31', deliverable: '样机一台', weight: 30 },
      { title: '验证与验收', dueDate: '2028-06-30', deliverable: '第三方检测报告', weight: 40 },
    ],
    budget: [
      { item: '设备费', amountFen: 200_000_000 },
      { item: '材料费', amountFen: 100_000_000 },
    ],
    team: [{ name: '王工', title: '教授', role: '项目负责人' }],
    priorResults: '承担过国家重点研发计划课题。',
    pledge: true,
    ...overrides,
  };
}
