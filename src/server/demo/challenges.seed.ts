import { and, eq } from 'drizzle-orm';
import type { NeedCategory } from '../../shared/api/challenges.js';
import type { Tx } from '../db/client.js';
import {
  challengeBatches,
  challengeDirections,
  challengeListEvents,
  challengeListNeeds,
  challengeLists,
  challengeNeedEvents,
  challengeNeedMerges,
  challengeNeeds,
  challengeSubsidyPolicies,
} from '../modules/challenges/challenges.table.js';
import { listVectorSql } from '../modules/challenges/list.service.js';
import { needVectorSql } from '../modules/challenges/need.service.js';
import { memberships } from '../modules/identity/user.table.js';
import { organisations } from '../modules/organisations/organisation.table.js';
import { mulberry32 } from './instruments.generator.js';

/** Twenty industrial-chain innovation directions, as many as Shenyang's first batch used. */
export const demoDirections: [code: string, name: string, en: string][] = [
  ['IC', '集成电路装备', 'IC equipment'],
  ['AERO', '航空装备', 'Aviation equipment'],
  ['ROBOT', '机器人', 'Robotics'],
  ['CNC', '数控机床', 'CNC machine tools'],
  ['NEV', '新能源汽车', 'New-energy vehicles'],
  ['MAT', '先进材料', 'Advanced materials'],
  ['BIO', '生物医药', 'Biomedicine'],
  ['MED', '医疗装备', 'Medical equipment'],
  ['SMART', '智能制造', 'Smart manufacturing'],
  ['SOFT', '工业软件', 'Industrial software'],
  ['ENV', '节能环保', 'Energy saving'],
  ['PV', '新能源', 'New energy'],
  ['H2', '氢能', 'Hydrogen'],
  ['GRID', '电力装备', 'Power equipment'],
  ['RAIL', '轨道交通', 'Rail transit'],
  ['CONST', '工程机械', 'Construction machinery'],
  ['AI', '人工智能', 'Artificial intelligence'],
  ['ICT', '新一代信息技术', 'Next-generation ICT'],
  ['TEXT', '现代纺织', 'Modern textiles'],
  ['FOOD', '绿色食品', 'Green food'],
];

/** Problem fragments per direction: a subject and the bottleneck an enterprise reports. */
const subjects: Record<string, string[]> = {
  IC: ['刻蚀腔体', '晶圆传输机械手', '真空阀门', '光刻胶涂布'],
  AERO: ['钛合金结构件', '航空轴承', '复合材料蒙皮', '发动机叶片'],
  ROBOT: ['精密减速器', '伺服电机', '力矩传感器', '机器人控制器'],
  CNC: ['主轴轴承', '数控系统', '滚珠丝杠', '直线导轨'],
  NEV: ['动力电池隔膜', '电驱系统', '热管理系统', '车规级芯片'],
  MAT: ['碳纤维原丝', '高温合金', '特种陶瓷', '高纯石英'],
  BIO: ['细胞培养基', '抗体纯化', '疫苗佐剂', '原料药结晶'],
  MED: ['超声探头', 'CT 球管', '手术机器人', '体外诊断试剂'],
  SMART: ['视觉检测', '柔性产线', '数字孪生', '预测性维护'],
  SOFT: ['三维 CAD 内核', '有限元求解器', 'MES 系统', 'PLC 编程环境'],
  ENV: ['余热回收', 'VOCs 治理', '污泥干化', '膜分离'],
  PV: ['钙钛矿电池', '光伏逆变器', '储能变流器', '硅片切割'],
  H2: ['电解槽', '储氢瓶', '燃料电池膜电极', '加氢站压缩机'],
  GRID: ['变压器绝缘', '断路器', '电缆附件', '智能电表'],
  RAIL: ['制动盘', '牵引变流器', '轴箱轴承', '受电弓'],
  CONST: ['液压多路阀', '回转支承', '高压柱塞泵', '履带总成'],
  AI: ['工业大模型', '缺陷识别算法', '边缘计算盒', '语音交互'],
  ICT: ['光模块', '毫米波天线', '工业交换机', '时间敏感网络'],
  TEXT: ['印染废水', '功能纤维', '智能织机', '无水染色'],
  FOOD: ['黄酒酿造', '冷链保鲜', '茶叶加工', '发酵菌种'],
};
const bottlenecks = [
  ['寿命不足', '使用寿命仅为进口产品的一半，需提升材料与热处理工艺'],
  ['精度不稳定', '批量生产时精度一致性差，需突破在线检测与补偿技术'],
  ['依赖进口', '核心部件依赖进口，交货周期长，需实现国产替代'],
  ['能耗偏高', '单位产品能耗高于行业先进水平，需优化工艺与控制策略'],
  ['良率偏低', '量产良率不足八成，需攻克关键工序的缺陷控制'],
  ['效率不足', '生产节拍慢于国外同类产线，需提升自动化与智能化水平'],
] as const;
const categories: NeedCategory[] = ['basic_parts', 'basic_process', 'key_materials', 'basic_software', 'other'];

export const DEMO_FIRST_BATCH = { needs: 308, lists: 31, taken: 26 } as const;

export interface ChallengeDemo {
  /** The batch shaped like Shenyang's first: 308 needs, 31 published lists, 26 taken, 5 unclaimed. */
  batchId: string;
  policyId: string;
  listIds: string[];
  takenListIds: string[];
  unclaimedListIds: string[];
  /** A batch open now, with its directions, for trying the workflow. */
  openBatchId: string;
}

const day = 86_400_000;

/**
 * Seeds 揭榜挂帅 in bulk: the closed first batch (with every need, merge, list and status event) and
 * an open second batch. Applications, contracts and subsidies for the first batch's lists are
 * seeded by the applications side from the ids returned here (127 applicant organisations).
 */
export async function seedChallengeDemo(tx: Tx, now: Date, actorUserId: string | null): Promise<ChallengeDemo> {
  const rand = mulberry32(308);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const enterprises = await tx
    .select({ id: organisations.id, region: organisations.regionCode, userId: memberships.userId })
    .from(organisations)
    .innerJoin(memberships, eq(memberships.organisationId, organisations.id))
    .where(and(eq(organisations.type, 'enterprise'), eq(organisations.status, 'verified')));
  const owners = [...new Map(enterprises.map((e) => [e.id, e])).values()];
  if (!owners.length) throw new Error('seedChallengeDemo needs verified enterprises with members');

  async function batch(code: string, title: string, opens: Date, closes: Date) {
    const [b] = await tx
      .insert(challengeBatches)
      .values({
        code,
        title,
        regionCode: '330600',
        needsOpenAt: opens,
        needsCloseAt: closes,
        createdBy: actorUserId,
        createdAt: opens,
        updatedAt: opens,
      })
      .returning();
    if (!b) throw new Error('batch insert failed');
    const dirs = await tx
      .insert(challengeDirections)
      .values(demoDirections.map(([c, name, en], i) => ({ batchId: b.id, code: c, name, nameEn: en, position: i })))
      .returning();
    const [policy] = await tx
      .insert(challengeSubsidyPolicies)
      .values({
        batchId: b.id,
        version: 1,
        ratioBp: 5000,
        capFen: 300_000_000,
        base: 'tech_trade_amount',
        createdBy: actorUserId,
        createdAt: opens,
      })
      .returning();
    return { b, dirs, policy: policy as NonNullable<typeof policy> };
  }

  const first = await batch(
    '2026-01',
    '2026年第一批揭榜挂帅',
    new Date(now.getTime() - 200 * day),
    new Date(now.getTime() - 170 * day),
  );
  const open = await batch(
    '2026-02',
    '2026年第二批揭榜挂帅',
    new Date(now.getTime() - 10 * day),
    new Date(now.getTime() + 50 * day),
  );

  // 308 needs: 62 accepted (two per list), 120 merged into those, 70 rejected, 20 returned, 36 still in screening.
  const plan: ('accepted' | 'merged' | 'rejected' | 'returned' | 'screening')[] = [
    ...Array<'accepted'>(62).fill('accepted'),
    ...Array<'merged'>(120).fill('merged'),
    ...Array<'rejected'>(70).fill('rejected'),
    ...Array<'returned'>(20).fill('returned'),
    ...Array<'screening'>(36).fill('screening'),
  ];
  const submittedAt = (i: number) => new Date(first.b.needsOpenAt.getTime() + ((i * 7919) % 29) * day + 3_600_000);
  const needValues = plan.map((status, i) => {
    // Lists i/2 group needs by direction, so merged needs share their list's direction and subject.
    const listNo = status === 'accepted' ? Math.floor(i / 2) : status === 'merged' ? (i - 62) % 30 : -1;
    const dirIndex = listNo >= 0 ? listNo % 20 : Math.floor(rand() * 20);
    const [dirCode] = demoDirections[dirIndex] as [string, string, string];
    const subject =
      listNo >= 0 ? (subjects[dirCode] as string[])[Math.floor(listNo / 20) % 4] : pick(subjects[dirCode] as string[]);
    const [short, long] =
      listNo >= 0 ? (bottlenecks[listNo % bottlenecks.length] as readonly [string, string]) : pick(bottlenecks);
    const owner = owners[i % owners.length] as (typeof owners)[number];
    const title = `${subject}${short}问题${status === 'merged' ? '（同类需求）' : ''}`;
    const problem = `我单位${subject}${long}。目前已开展前期试验，但关键指标与国际先进水平仍有差距。`;
    const indicators = [
      {
        name: `${subject}关键性能`,
        target: '达到国际同类产品水平',
        unit: '',
        testMethod: '第三方检测机构按国家标准检测',
      },
      { name: '批量一致性', target: '≥95', unit: '%', testMethod: '连续三批抽检' },
    ];
    const confidentiality = i % 9 === 0 ? 'desensitised' : i % 23 === 0 ? 'confidential' : 'public';
    const at = submittedAt(i);
    return {
      status,
      listNo,
      row: {
        batchId: first.b.id,
        organisationId: owner.id,
        createdBy: owner.userId,
        regionCode: owner.region,
        directionId: (first.dirs[dirIndex] as { id: string }).id,
        category: categories[(dirIndex + i) % categories.length] as string,
        title,
        problem,
        publicSummary: confidentiality === 'desensitised' ? `某企业${subject}技术需求` : null,
        indicators,
        technicalBase: '具备中试条件与检测平台，研发团队二十余人。',
        expectedCompletion: '2028-12-31',
        ownFundingFen: (100 + Math.floor(rand() * 900)) * 1_000_000,
        confidentiality,
        ipIntent: pick(['enterprise_owns', 'shared', 'negotiable'] as const),
        contactName: '需求联系人',
        contactPhone: '13800138000',
        status,
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
        searchVector: needVectorSql({ title, problem, indicators }) as unknown as string,
      },
    };
  });
  const inserted = await tx
    .insert(challengeNeeds)
    .values(needValues.map((n) => n.row))
    .returning({ id: challengeNeeds.id });
  const ids = inserted.map((r) => r.id);
  const screened = new Date(first.b.needsCloseAt.getTime() + 5 * day);
  await tx.insert(challengeNeedEvents).values(
    needValues.flatMap((n, i) => [
      {
        needId: ids[i] as string,
        fromStatus: null,
        toStatus: 'submitted',
        actorUserId: n.row.createdBy,
        at: n.row.submittedAt,
      },
      {
        needId: ids[i] as string,
        fromStatus: 'submitted',
        toStatus: 'screening',
        actorUserId: actorUserId,
        at: screened,
      },
      ...(n.status === 'screening'
        ? []
        : [
            {
              needId: ids[i] as string,
              fromStatus: 'screening',
              toStatus: n.status,
              actorUserId,
              reason:
                n.status === 'rejected'
                  ? '不属于本批榜单方向'
                  : n.status === 'returned'
                    ? '请补充量化指标'
                    : n.status === 'merged'
                      ? '与同类需求合并'
                      : null,
              at: new Date(screened.getTime() + day),
            },
          ]),
    ]),
  );
  // Merged needs point at the first accepted need of their list.
  const targetOf = (listNo: number) => ids[listNo * 2] as string;
  const merged = needValues.map((n, i) => ({ n, id: ids[i] as string })).filter((x) => x.n.status === 'merged');
  for (const m of merged)
    await tx
      .update(challengeNeeds)
      .set({ mergedIntoId: targetOf(m.n.listNo) })
      .where(eq(challengeNeeds.id, m.id));
  await tx.insert(challengeNeedMerges).values(
    merged.map((m) => ({
      targetNeedId: targetOf(m.n.listNo),
      sourceNeedId: m.id,
      similarity: 60 + (m.n.listNo % 30),
      actorUserId,
      reason: '与同类需求合并',
      at: new Date(screened.getTime() + day),
    })),
  );

  // 31 lists, published 40 days after screening; the first 26 taken, the last 5 unclaimed (流榜).
  const published = new Date(screened.getTime() + 40 * day);
  const listValues = Array.from({ length: DEMO_FIRST_BATCH.lists }, (_, k) => {
    const source = needValues[k * 2] as (typeof needValues)[number];
    const subject = source.row.title.replace(/问题$/, '');
    const title = `${subject}关键技术攻关`;
    const goal = `面向${(demoDirections[k % 20] as [string, string, string])[1]}产业链，突破${subject}瓶颈，实现工程化应用。`;
    const indicators = source.row.indicators;
    const eligibility = '国内外高校、科研院所、新型研发机构和企业均可揭榜，可组建联合体（牵头单位一家）。';
    const needsConf = [needValues[k * 2], needValues[k * 2 + 1]].map((n) => n?.row.confidentiality);
    return {
      batchId: first.b.id,
      code: `2026-01-${String(k + 1).padStart(3, '0')}`,
      title,
      directionId: source.row.directionId,
      category: source.row.category,
      organisationId: source.row.organisationId,
      regionCode: source.row.regionCode,
      goal,
      indicators,
      eligibility,
      periodMonths: 24,
      enterpriseInvestmentFen: source.row.ownFundingFen * 2,
      subsidyPolicyId: first.policy.id,
      confidentiality:
        needsConf.includes('confidential') || needsConf.includes('desensitised') ? 'desensitised' : 'public',
      applyOpensAt: published,
      applyClosesAt: new Date(published.getTime() + 45 * day),
      contactName: '李晓燕',
      contactPhone: '0575-88123456',
      status: k < DEMO_FIRST_BATCH.taken ? 'taken' : 'unclaimed',
      version: 6,
      publishedAt: published,
      createdBy: actorUserId,
      createdAt: screened,
      updatedAt: published,
      searchVector: listVectorSql({ title, goal, indicators, eligibility }) as unknown as string,
    };
  });
  const lists = await tx
    .insert(challengeLists)
    .values(listValues)
    .returning({ id: challengeLists.id, status: challengeLists.status });
  await tx.insert(challengeListNeeds).values(
    lists.flatMap((l, k) => [
      { listId: l.id, needId: ids[k * 2] as string },
      { listId: l.id, needId: ids[k * 2 + 1] as string },
    ]),
  );
  const path = ['drafting', 'in_review', 'approved', 'published', 'selecting'];
  await tx.insert(challengeListEvents).values(
    lists.flatMap((l) => {
      const steps = l.status === 'taken' ? [...path, 'publicised', 'taken'] : [...path, 'unclaimed'];
      return steps.map((to, s) => ({
        listId: l.id,
        fromStatus: s === 0 ? null : (steps[s - 1] as string),
        toStatus: to,
        actorUserId,
        reason: to === 'unclaimed' ? '无符合条件的揭榜方' : null,
        at: new Date(screened.getTime() + s * 10 * day),
      }));
    }),
  );

  return {
    batchId: first.b.id,
    policyId: first.policy.id,
    listIds: lists.map((l) => l.id),
    takenListIds: lists.filter((l) => l.status === 'taken').map((l) => l.id),
    unclaimedListIds: lists.filter((l) => l.status === 'unclaimed').map((l) => l.id),
    openBatchId: open.b.id,
  };
}
