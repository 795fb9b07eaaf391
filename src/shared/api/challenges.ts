import { z } from 'zod';
import { chinaPhone, isoDate } from './common.js';
import { regionCode } from './organisations.js';

type Label = { zh: string; en: string };

export const needCategories = ['basic_parts', 'basic_process', 'key_materials', 'basic_software', 'other'] as const;
export type NeedCategory = (typeof needCategories)[number];
export const needCategoryLabels: Record<NeedCategory, Label> = {
  basic_parts: { zh: '基础零部件', en: 'Basic components' },
  basic_process: { zh: '基础工艺', en: 'Basic processes' },
  key_materials: { zh: '关键基础材料', en: 'Key basic materials' },
  basic_software: { zh: '基础软件', en: 'Basic software' },
  other: { zh: '其他', en: 'Other' },
};

export const confidentialityLevels = ['public', 'desensitised', 'confidential'] as const;
export type Confidentiality = (typeof confidentialityLevels)[number];
export const confidentialityLabels: Record<Confidentiality, Label> = {
  public: { zh: '公开', en: 'Public' },
  desensitised: { zh: '脱敏公开', en: 'Desensitised' },
  confidential: { zh: '保密', en: 'Confidential' },
};

export const ipIntents = ['enterprise_owns', 'solver_owns', 'shared', 'license', 'negotiable'] as const;
export type IpIntent = (typeof ipIntents)[number];
export const ipIntentLabels: Record<IpIntent, Label> = {
  enterprise_owns: { zh: '归需求方所有', en: 'Owned by the enterprise' },
  solver_owns: { zh: '归揭榜方所有', en: 'Owned by the solver' },
  shared: { zh: '双方共有', en: 'Shared' },
  license: { zh: '许可使用', en: 'Licensed' },
  negotiable: { zh: '协商确定', en: 'To be negotiated' },
};

export const needStatuses = ['draft', 'submitted', 'screening', 'accepted', 'returned', 'rejected', 'merged'] as const;
export type NeedStatus = (typeof needStatuses)[number];
export const needStatusLabels: Record<NeedStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  screening: { zh: '甄别中', en: 'Screening' },
  accepted: { zh: '已采纳', en: 'Accepted' },
  returned: { zh: '退回修改', en: 'Returned for revision' },
  rejected: { zh: '未采纳', en: 'Rejected' },
  merged: { zh: '已合并', en: 'Merged' },
};

export const listStatuses = [
  'drafting',
  'in_review',
  'approved',
  'published',
  'selecting',
  'publicised',
  'taken',
  'unclaimed',
  'withdrawn',
] as const;
export type ListStatus = (typeof listStatuses)[number];
export const listStatusLabels: Record<ListStatus, Label> = {
  drafting: { zh: '凝练中', en: 'Drafting' },
  in_review: { zh: '专家论证中', en: 'Under expert review' },
  approved: { zh: '论证通过', en: 'Approved' },
  published: { zh: '已发榜', en: 'Published' },
  selecting: { zh: '遴选中', en: 'Selecting' },
  publicised: { zh: '公示中', en: 'Public notice' },
  taken: { zh: '已揭榜', en: 'Taken' },
  unclaimed: { zh: '流榜', en: 'Unclaimed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
/** Statuses the public hall shows: everything from publication on. */
export const publicListStatuses = ['published', 'selecting', 'publicised', 'taken', 'unclaimed'] as const;
export function isPublicListStatus(s: ListStatus): boolean {
  return (publicListStatuses as readonly string[]).includes(s);
}

export const subsidyBases = ['tech_trade_amount', 'contract_amount', 'amount_paid'] as const;
export type SubsidyBase = (typeof subsidyBases)[number];
export const subsidyBaseLabels: Record<SubsidyBase, Label> = {
  tech_trade_amount: { zh: '技术交易额', en: 'Technology transaction amount' },
  contract_amount: { zh: '合同成交额', en: 'Contract amount' },
  amount_paid: { zh: '实际支付额', en: 'Amount paid' },
};

const text = (max: number) => z.string().trim().min(1).max(max);
const fen = z.number().int().min(0).max(1e13);

export const indicatorInput = z.object({
  name: text(100),
  target: text(100),
  unit: z.string().trim().max(30),
  testMethod: text(300),
});

// ---- batches ---------------------------------------------------------------------------------

export const directionInput = z.object({
  code: text(32),
  name: text(60),
  nameEn: z.string().trim().max(120).optional(),
});

export const subsidyPolicyInput = z.object({
  ratioBp: z.number().int().min(1).max(10000),
  capFen: fen,
  base: z.enum(subsidyBases),
  note: z.string().trim().max(500).optional(),
});

export const createBatchBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,32}$/),
  title: text(100),
  titleEn: z.string().trim().max(200).optional(),
  regionCode,
  needsOpenAt: isoDate,
  needsCloseAt: isoDate,
  directions: z.array(directionInput).min(1).max(60),
  policy: subsidyPolicyInput.default({ ratioBp: 5000, capFen: 300_000_000, base: 'tech_trade_amount' }),
});

/** Changing a batch: its title, its collection window (e.g. extended), and directions added. */
export const updateBatchBody = z.object({
  title: text(100).optional(),
  titleEn: z.string().trim().max(200).optional(),
  needsOpenAt: isoDate.optional(),
  needsCloseAt: isoDate.optional(),
  addDirections: z.array(directionInput).max(60).default([]),
});

export const directionView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export const policyView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  ratioBp: z.number().int(),
  capFen: z.number().int(),
  base: z.enum(subsidyBases),
  note: z.string().nullable(),
  createdAt: isoDate,
});
export const batchView = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  needsOpenAt: isoDate,
  needsCloseAt: isoDate,
  open: z.boolean(),
  directions: z.array(directionView),
  policies: z.array(policyView),
  counts: z.object({ needs: z.number().int(), lists: z.number().int() }),
});

// ---- needs -----------------------------------------------------------------------------------

export const needInput = z.object({
  batchId: z.uuid(),
  organisationId: z.uuid().optional(),
  directionId: z.uuid(),
  category: z.enum(needCategories),
  title: text(100),
  problem: text(5000),
  publicSummary: z.string().trim().max(2000).optional(),
  indicators: z.array(indicatorInput).min(1).max(20),
  technicalBase: text(3000),
  expectedCompletion: z.iso.date(),
  ownFundingFen: fen,
  confidentiality: z.enum(confidentialityLevels),
  ipIntent: z.enum(ipIntents),
  contactName: text(50),
  contactPhone: chinaPhone,
  contactEmail: z.email().optional(),
});
export type NeedInput = z.infer<typeof needInput>;

export const needListQuery = z.object({
  batchId: z.uuid().optional(),
  status: z.enum(needStatuses).optional(),
  directionId: z.uuid().optional(),
  category: z.enum(needCategories).optional(),
  /** The reporting enterprise's region: a city or district shows everything below it. */
  regionCode: regionCode.optional(),
  /** `true`: accepted needs not yet drafted into a list (what a new list can be drafted from). */
  available: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const needExportQuery = needListQuery
  .omit({ page: true, pageSize: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const needListItem = z.object({
  id: z.uuid(),
  batchId: z.uuid(),
  title: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  directionId: z.uuid(),
  directionName: z.string(),
  category: z.enum(needCategories),
  confidentiality: z.enum(confidentialityLevels),
  ownFundingFen: z.number().int(),
  status: z.enum(needStatuses),
  submittedAt: isoDate.nullable(),
  listId: z.uuid().nullable(),
});

export const statusEventView = z.object({
  id: z.number().int(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  at: isoDate,
});

export const duplicateView = z.object({
  id: z.uuid(),
  title: z.string(),
  organisationName: z.string(),
  status: z.enum(needStatuses),
  /** 0–100: cosine similarity of the jieba term vectors. */
  similarity: z.number().int(),
  sharedTerms: z.array(z.string()),
});

export const needDetail = needListItem.extend({
  problem: z.string(),
  publicSummary: z.string().nullable(),
  indicators: z.array(indicatorInput),
  technicalBase: z.string(),
  expectedCompletion: z.string(),
  ipIntent: z.enum(ipIntents),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  mergedIntoId: z.uuid().nullable(),
  /** The need this one was merged into (title as far as the reader may see it). */
  mergedInto: z.object({ id: z.uuid(), title: z.string(), status: z.enum(needStatuses) }).nullable(),
  mergedFrom: z.array(z.object({ id: z.uuid(), title: z.string(), organisationName: z.string() })),
  /** The list that carries this need, directly or through the need it was merged into. */
  list: z.object({ id: z.uuid(), code: z.string(), title: z.string(), status: z.enum(listStatuses) }).nullable(),
  batchCode: z.string(),
  batchTitle: z.string(),
  version: z.number().int(),
  events: z.array(statusEventView),
  commands: z.array(z.string()),
});

export const needCommandBody = z.object({
  reason: z.string().trim().max(500).optional(),
  version: z.number().int().optional(),
});
export const needBatchBody = z.object({
  ids: z.array(z.uuid()).min(1).max(200),
  command: z.enum(['screen', 'accept', 'return', 'reject']),
  reason: z.string().trim().max(500).optional(),
});
export const batchResult = z.object({
  done: z.array(z.uuid()),
  failed: z.array(z.object({ id: z.uuid(), code: z.string(), message: z.string() })),
});
export const mergeBody = z.object({
  targetId: z.uuid(),
  sourceIds: z.array(z.uuid()).min(1).max(50),
  reason: z.string().trim().min(2).max(500),
});
export const similarQuery = z.object({
  batchId: z.uuid(),
  title: z.string().trim().max(200).default(''),
  problem: z.string().trim().max(5000).default(''),
  excludeId: z.uuid().optional(),
});

// ---- lists -----------------------------------------------------------------------------------

export const listInput = z.object({
  needIds: z.array(z.uuid()).min(1).max(50),
  title: text(100),
  goal: text(5000),
  indicators: z.array(indicatorInput).min(1).max(20),
  eligibility: text(3000),
  periodMonths: z.number().int().min(1).max(120),
  enterpriseInvestmentFen: fen,
  maxSolvers: z.number().int().min(1).max(5).default(1),
  reviewsRequired: z.number().int().min(1).max(9).default(1),
  applyOpensAt: isoDate,
  applyClosesAt: isoDate,
  contactName: text(50),
  contactPhone: chinaPhone,
  contactEmail: z.email().optional(),
});
export type ListInput = z.infer<typeof listInput>;
export const listUpdateBody = listInput.partial().extend({ version: z.number().int() });

export const listCommandBody = z.object({
  reason: z.string().trim().max(500).optional(),
  version: z.number().int(),
});
export const reviewBody = z.object({
  verdict: z.enum(['approve', 'revise']),
  comment: text(3000),
  version: z.number().int(),
});

export const listListQuery = z.object({
  batchId: z.uuid().optional(),
  status: z.enum(listStatuses).optional(),
  directionId: z.uuid().optional(),
  category: z.enum(needCategories).optional(),
  regionCode: regionCode.optional(),
  /** Only lists whose application window closes on or after this day (YYYY-MM-DD). */
  deadlineFrom: z.iso.date().optional(),
  deadlineTo: z.iso.date().optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const listListItem = z.object({
  id: z.uuid(),
  code: z.string(),
  batchId: z.uuid(),
  title: z.string(),
  directionId: z.uuid(),
  directionName: z.string(),
  category: z.enum(needCategories),
  regionCode: z.string(),
  regionName: z.string(),
  /** Shown as 发榜方 only when every source need is public. */
  organisationName: z.string().nullable(),
  enterpriseInvestmentFen: z.number().int(),
  applyClosesAt: isoDate,
  status: z.enum(listStatuses),
  publishedAt: isoDate.nullable(),
});

export const reviewView = z.object({
  id: z.number().int(),
  expertName: z.string(),
  verdict: z.enum(['approve', 'revise']),
  comment: z.string(),
  listVersion: z.number().int(),
  at: isoDate,
});

export const questionView = z.object({
  id: z.uuid(),
  question: z.string(),
  answer: z.string().nullable(),
  askedAt: isoDate,
  answeredAt: isoDate.nullable(),
});

export const listDetail = listListItem.extend({
  goal: z.string(),
  indicators: z.array(indicatorInput),
  eligibility: z.string(),
  periodMonths: z.number().int(),
  maxSolvers: z.number().int(),
  reviewsRequired: z.number().int(),
  confidentiality: z.enum(confidentialityLevels),
  applyOpensAt: isoDate,
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  policy: policyView,
  version: z.number().int(),
  /** Source needs: full for officers, title-only (and never confidential text) for the public. */
  needs: z.array(z.object({ id: z.uuid(), title: z.string(), organisationName: z.string().nullable() })),
  reviews: z.array(reviewView),
  events: z.array(statusEventView),
  questions: z.array(questionView),
  commands: z.array(z.string()),
});

export const askBody = z.object({ question: text(1000) });
export const answerBody = z.object({ answer: text(3000) });

// ---- funnel ----------------------------------------------------------------------------------

export const funnelStages = [
  'needsSubmitted',
  'needsAccepted',
  'listsPublished',
  'applicantOrgs',
  'listsTaken',
  'contractsRegistered',
  'subsidyPaid',
] as const;
export type FunnelStage = (typeof funnelStages)[number];
export const funnelStageLabels: Record<FunnelStage, Label> = {
  needsSubmitted: { zh: '征集需求', en: 'Needs submitted' },
  needsAccepted: { zh: '采纳需求', en: 'Needs accepted' },
  listsPublished: { zh: '发布榜单', en: 'Lists published' },
  applicantOrgs: { zh: '揭榜单位', en: 'Applicant organisations' },
  listsTaken: { zh: '成功揭榜', en: 'Lists taken' },
  contractsRegistered: { zh: '登记合同', en: 'Contracts registered' },
  subsidyPaid: { zh: '兑付补助', en: 'Subsidies paid' },
};

export const funnelCounts = z.object({
  needsSubmitted: z.number().int(),
  needsAccepted: z.number().int(),
  listsPublished: z.number().int(),
  applicantOrgs: z.number().int(),
  applicantOrgsLocal: z.number().int(),
  applicantOrgsExternal: z.number().int(),
  listsTaken: z.number().int(),
  contractsRegistered: z.number().int(),
  subsidyPaidFen: z.number().int(),
  subsidyPaidCount: z.number().int(),
});
export type FunnelCounts = z.infer<typeof funnelCounts>;

export const funnelQuery = z.object({ batchId: z.uuid().optional() });
export const funnelView = z.object({
  batchId: z.uuid().nullable(),
  totals: funnelCounts,
  byDirection: z.array(z.object({ key: z.string(), name: z.string(), counts: funnelCounts })),
  byRegion: z.array(z.object({ key: z.string(), name: z.string(), counts: funnelCounts })),
  batches: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.string() })),
});

// ---- workspace -------------------------------------------------------------------------------

/** What waits for the signed-in user in 揭榜挂帅, per role they hold (null: not that role). */
export const challengeWorkspace = z.object({
  enterprise: z
    .object({
      drafts: z.number().int(),
      inScreening: z.number().int(),
      returned: z.number().int(),
      accepted: z.number().int(),
      listsPublished: z.number().int(),
      listsTaken: z.number().int(),
    })
    .nullable(),
  officer: z
    .object({
      needsToScreen: z.number().int(),
      needsAvailable: z.number().int(),
      listsDrafting: z.number().int(),
      listsInReview: z.number().int(),
      listsToPublish: z.number().int(),
      questionsOpen: z.number().int(),
      applicationsToScreen: z.number().int(),
    })
    .nullable(),
  expert: z
    .object({
      listsToReview: z.number().int(),
      proposalsToScore: z.number().int(),
    })
    .nullable(),
});
export type ChallengeWorkspace = z.infer<typeof challengeWorkspace>;
