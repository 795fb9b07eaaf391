import { and, asc, eq, inArray } from 'drizzle-orm';
import { randomCreditCode } from '../../shared/credit-code.js';
import { children, isRegionCode, isWithin } from '../../shared/regions/regions.js';
import type { Db, Tx } from '../db/client.js';
import { systemContext } from '../modules/audit/audit.writer.js';
import {
  challengeApplicationEvents,
  challengeApplicationParties,
  challengeApplications,
  challengeContractEvents,
  challengeContracts,
  challengeMilestones,
  challengeSelections,
  challengeSubsidyTranches,
} from '../modules/challenges/applications.table.js';
import { challengeBatches, challengeLists, challengeSubsidyPolicies } from '../modules/challenges/challenges.table.js';
import { transitionList } from '../modules/challenges/list.status.js';
import { type SubsidyPolicy, splitTranches, subsidyEntitlement } from '../modules/challenges/subsidy.calc.js';
import { memberships, users } from '../modules/identity/user.table.js';
import { organisations } from '../modules/organisations/organisation.table.js';

const DAY = 24 * 3600_000;
/** Shenyang's first batch: 127 applicant organisations over 31 lists, 26 taken (5 unclaimed). */
export const SHENYANG_SHAPE = { applicants: 127, local: 79, taken: 26 } as const;

const EXTERNAL_REGIONS = [
  '110108',
  '310104',
  '320102',
  '330106',
  '440305',
  '420111',
  '510107',
  '610113',
  '370102',
  '120104',
];
const KINDS = [
  { type: 'university', suffix: '大学' },
  { type: 'research_institute', suffix: '研究所' },
  { type: 'new_rd_institute', suffix: '产业技术研究院' },
  { type: 'enterprise', suffix: '科技有限公司' },
] as const;
const STEMS = [
  '东北',
  '辽河',
  '浑南',
  '北方',
  '华光',
  '智造',
  '精工',
  '新材',
  '微纳',
  '数控',
  '航宇',
  '盛京',
  '长白',
  '海晟',
  '中研',
  '启元',
];

/** A small deterministic generator, so every fresh machine gets the same demo. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The applications side of the Shenyang-shaped demo batch, in bulk: 127 applicant organisations
 * (local and external) over the batch's published lists, formal screening done, 26 lists selected,
 * publicised and taken (the rest 流榜), a technology contract for each taken list, most registered,
 * and the first milestone passed with a paid tranche on some. Takes the batch that
 * `seedChallengeDemo` created; list states go through `transitionList` so events and audit exist.
 * Idempotent: does nothing when the batch already has applications.
 */
export async function seedChallengeApplyDemo(db: Db, seeded: { batchId: string }, now: Date = new Date()) {
  const [batch] = await db.select().from(challengeBatches).where(eq(challengeBatches.id, seeded.batchId));
  if (!batch) return { applications: 0 };
  const lists = await db
    .select()
    .from(challengeLists)
    .where(
      and(eq(challengeLists.batchId, batch.id), inArray(challengeLists.status, ['published', 'taken', 'unclaimed'])),
    )
    .orderBy(asc(challengeLists.code));
  if (lists.length === 0) return { applications: 0 };
  const [existing] = await db
    .select({ id: challengeApplications.id })
    .from(challengeApplications)
    .innerJoin(challengeLists, eq(challengeLists.id, challengeApplications.listId))
    .where(eq(challengeLists.batchId, batch.id))
    .limit(1);
  if (existing) return { applications: 0 };

  const rng = lcg(2022);
  const localCounties = children(batch.regionCode).map((r) => r.code);
  const locals = localCounties.length ? localCounties : [batch.regionCode];
  const externals = EXTERNAL_REGIONS.filter((c) => isRegionCode(c) && !isWithin(c, batch.regionCode));

  return db.transaction(async (tx) => {
    // 1. The applicant organisations, each with one contact person (no password: demo only).
    const orgRows = Array.from({ length: SHENYANG_SHAPE.applicants }, (_, i) => {
      const local = i < SHENYANG_SHAPE.local;
      const regionCode = local ? (locals[i % locals.length] as string) : (externals[i % externals.length] as string);
      const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
      const stem = STEMS[i % STEMS.length] as string;
      return {
        name: `${stem}${kind.suffix}（揭榜演示 ${String(i + 1).padStart(3, '0')}）`,
        creditCode: randomCreditCode({ regionCode, rng }),
        type: kind.type,
        regionCode,
        status: 'verified',
        verifiedAt: now,
        createdAt: now,
        updatedAt: now,
      };
    });
    const orgs = await tx
      .insert(organisations)
      .values(orgRows)
      .returning({ id: organisations.id, regionCode: organisations.regionCode, name: organisations.name });
    const people = await tx
      .insert(users)
      .values(
        orgs.map((_, i) => ({
          email: `solver${String(i + 1).padStart(3, '0')}@demo.kechuang.cn`,
          name: `揭榜联系人${i + 1}`,
          passwordHash: '!demo-no-login',
          status: 'disabled',
        })),
      )
      .returning({ id: users.id });
    await tx
      .insert(memberships)
      .values(orgs.map((o, i) => ({ userId: (people[i] as { id: string }).id, organisationId: o.id, isAdmin: true })));

    // 2. One application per organisation, spread over the lists (every list gets at least one).
    const submittedAt = new Date(now.getTime() - 40 * DAY);
    const apps = await tx
      .insert(challengeApplications)
      .values(
        orgs.map((o, i) => {
          const list = lists[i % lists.length] as (typeof lists)[number];
          const budget = [
            { item: '设备费', amountFen: (100 + Math.floor(rng() * 400)) * 1_000_000 },
            { item: '人员费', amountFen: (50 + Math.floor(rng() * 200)) * 1_000_000 },
          ];
          return {
            listId: list.id,
            organisationId: o.id,
            regionCode: o.regionCode,
            createdBy: (people[i] as { id: string }).id,
            status: 'passed',
            technicalPlan: `针对「${list.title}」，采用自主研发与联合攻关相结合的技术路线，分三阶段完成样机研制、工程验证与产业化应用。`,
            milestonePlan: [
              {
                title: '方案设计与关键技术突破',
                dueDate: '2026-12-31',
                deliverable: '设计方案与仿真验证报告',
                weight: 30,
              },
              { title: '样机研制', dueDate: '2027-06-30', deliverable: '工程样机', weight: 30 },
              { title: '验证与验收', dueDate: '2027-12-31', deliverable: '第三方检测报告', weight: 40 },
            ],
            budget,
            budgetTotalFen: budget.reduce((a, b) => a + b.amountFen, 0),
            team: [{ name: `负责人${i + 1}`, title: '研究员', role: '项目负责人' }],
            priorResults: '近三年承担省部级以上科研项目，拥有相关发明专利。',
            pledgeAcceptedAt: submittedAt,
            submittedAt: new Date(submittedAt.getTime() + i * 60_000),
            createdAt: submittedAt,
            updatedAt: submittedAt,
          };
        }),
      )
      .returning();
    await tx
      .insert(challengeApplicationParties)
      .values(
        apps.map((a) => ({ applicationId: a.id, listId: a.listId, organisationId: a.organisationId, role: 'lead' })),
      );
    await tx.insert(challengeApplicationEvents).values(
      apps.flatMap((a) => [
        {
          applicationId: a.id,
          fromStatus: null,
          toStatus: 'submitted',
          actorUserId: a.createdBy,
          reason: null,
          at: a.submittedAt,
        },
        {
          applicationId: a.id,
          fromStatus: 'submitted',
          toStatus: 'passed',
          actorUserId: null,
          reason: null,
          at: new Date(now.getTime() - 30 * DAY),
        },
      ]),
    );

    // 3. Selection: the first 26 lists (in code order) are taken, the rest end unclaimed.
    const policies = new Map<string, SubsidyPolicy>();
    for (const p of await tx
      .select()
      .from(challengeSubsidyPolicies)
      .where(eq(challengeSubsidyPolicies.batchId, batch.id)))
      policies.set(p.id, { ratioBp: p.ratioBp, capFen: p.capFen, base: p.base as SubsidyPolicy['base'] });
    const selectedAt = new Date(now.getTime() - 25 * DAY);
    const takenAt = new Date(now.getTime() - 18 * DAY);
    let contracts = 0;
    for (const [index, list] of lists.entries()) {
      const mine = apps.filter((a) => a.listId === list.id);
      if (index >= SHENYANG_SHAPE.taken) {
        // The needs-side seed may already have closed the list with its history; only move it if not.
        if (list.status === 'published')
          await transitionList(tx, list.id, 'unclaimed', systemContext, '无符合条件的揭榜方（流榜）', {
            at: selectedAt,
          });
        await setStatus(
          tx,
          mine.map((a) => a.id),
          'not_selected',
          selectedAt,
        );
        continue;
      }
      const winner = mine[0] as (typeof mine)[number];
      if (list.status === 'published') {
        await transitionList(tx, list.id, 'selecting', systemContext, null, { at: selectedAt });
        await transitionList(tx, list.id, 'publicised', systemContext, null, { at: selectedAt });
        await transitionList(tx, list.id, 'taken', systemContext, null, { at: takenAt });
      }
      await setStatus(tx, [winner.id], 'selected', selectedAt);
      await setStatus(
        tx,
        mine.slice(1).map((a) => a.id),
        'not_selected',
        selectedAt,
      );
      await tx.insert(challengeSelections).values({
        listId: list.id,
        applicationIds: [winner.id],
        noticeStartsAt: selectedAt,
        noticeEndsAt: new Date(selectedAt.getTime() + 7 * DAY),
        decidedBy: (people[0] as { id: string }).id,
        confirmedAt: takenAt,
      });

      // 4. The contract: 22 of 26 registered; technology amount 60–95 % of the contract amount.
      const contractAmountFen = (200 + Math.floor(rng() * 900)) * 1_000_000;
      const techAmountFen = Math.floor((contractAmountFen * (60 + Math.floor(rng() * 36))) / 100);
      const registered = index < 22;
      const policy = policies.get(list.subsidyPolicyId) as SubsidyPolicy;
      const entitlementFen = registered ? subsidyEntitlement(policy, { contractAmountFen, techAmountFen }) : 0;
      const signedOn = new Date(takenAt.getTime() + 3 * DAY).toISOString().slice(0, 10);
      const [c] = await tx
        .insert(challengeContracts)
        .values({
          applicationId: winner.id,
          listId: list.id,
          buyerOrganisationId: list.organisationId,
          sellerOrganisationId: winner.organisationId,
          type: 'development',
          subType: 'commissioned',
          title: `${list.title} 技术开发（委托）合同`,
          contractAmountFen,
          techAmountFen,
          signedOn,
          registrationNo: registered ? `2101${String(26_000_000 + index).padStart(12, '0')}` : null,
          registry: registered ? '沈阳市技术合同登记处' : null,
          registeredOn: registered ? signedOn : null,
          status: registered ? 'registered' : 'signed',
          subsidyPolicyId: list.subsidyPolicyId,
          entitlementFen,
          createdBy: winner.createdBy,
          createdAt: takenAt,
          updatedAt: takenAt,
        })
        .returning();
      const contract = c as typeof challengeContracts.$inferSelect;
      contracts++;
      await tx.insert(challengeContractEvents).values([
        {
          contractId: contract.id,
          fromStatus: null,
          toStatus: 'signed',
          actorUserId: null,
          reason: null,
          at: takenAt,
        },
        ...(registered
          ? [
              {
                contractId: contract.id,
                fromStatus: 'signed',
                toStatus: 'registered',
                actorUserId: null,
                reason: null,
                at: takenAt,
              },
            ]
          : []),
      ]);
      // 5. Milestones; on 15 registered contracts the first passed and its tranche is paid (12) or pending (3).
      const ms = await tx
        .insert(challengeMilestones)
        .values(
          winner.milestonePlan.map((m, i) => ({
            applicationId: winner.id,
            seq: i + 1,
            title: m.title,
            dueDate: m.dueDate,
            deliverable: m.deliverable,
            weight: m.weight,
            status: i === 0 && index < 15 ? 'passed' : 'planned',
            updatedAt: now,
          })),
        )
        .returning();
      if (index < 15) {
        const share =
          splitTranches(
            entitlementFen,
            winner.milestonePlan.map((m) => m.weight),
          )[0] ?? 0;
        const paid = index < 12;
        await tx.insert(challengeSubsidyTranches).values({
          contractId: contract.id,
          milestoneId: (ms[0] as { id: string }).id,
          kind: 'tranche',
          amountFen: share,
          status: paid ? 'paid' : 'pending',
          note: '里程碑 1 通过',
          createdAt: new Date(now.getTime() - 5 * DAY),
          paidAt: paid ? new Date(now.getTime() - 2 * DAY) : null,
        });
      }
    }
    return { applications: apps.length, organisations: orgs.length, contracts };
  });
}

async function setStatus(tx: Tx, ids: string[], status: string, at: Date) {
  if (ids.length === 0) return;
  await tx.update(challengeApplications).set({ status, updatedAt: at }).where(inArray(challengeApplications.id, ids));
  await tx.insert(challengeApplicationEvents).values(
    ids.map((id) => ({
      applicationId: id,
      fromStatus: 'passed',
      toStatus: status,
      actorUserId: null,
      reason: null,
      at,
    })),
  );
}
