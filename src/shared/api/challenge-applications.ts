import { z } from 'zod';

/**
 * API shapes of 揭榜申报 → review → selection → contract → subsidy → milestones, shared by the
 * server routes and the web forms. Money is integer fen; dates are YYYY-MM-DD.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const fen = z.number().int().min(0).max(1e15);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const reason = z.string().trim().max(2000);

export const applicationStatusLabels = {
  submitted: { zh: '已提交', en: 'Submitted' },
  needs_fix: { zh: '待补正', en: 'Needs fix' },
  passed: { zh: '形式审查通过', en: 'Passed screening' },
  rejected: { zh: '形式审查不通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  selected: { zh: '入选揭榜', en: 'Selected' },
  not_selected: { zh: '未入选', en: 'Not selected' },
  eliminated: { zh: '赛马淘汰', en: 'Eliminated' },
} as const;
export type ApplicationStatus = keyof typeof applicationStatusLabels;

export const contractTypes = {
  development: { zh: '技术开发', en: 'Technology development', sub: ['commissioned', 'cooperative'] },
  transfer: { zh: '技术转让', en: 'Technology transfer', sub: ['patent', 'patent_application', 'know_how', 'other'] },
  licensing: { zh: '技术许可', en: 'Technology licensing', sub: ['patent', 'know_how', 'other'] },
  consulting: { zh: '技术咨询', en: 'Technology consulting', sub: [] },
  service: { zh: '技术服务', en: 'Technology service', sub: ['general', 'training', 'intermediary'] },
} as const;
export type ContractType = keyof typeof contractTypes;
export const contractSubTypeLabels: Record<string, { zh: string; en: string }> = {
  commissioned: { zh: '委托开发', en: 'Commissioned' },
  cooperative: { zh: '合作开发', en: 'Cooperative' },
  patent: { zh: '专利权', en: 'Patent' },
  patent_application: { zh: '专利申请权', en: 'Patent application' },
  know_how: { zh: '技术秘密', en: 'Know-how' },
  other: { zh: '其他', en: 'Other' },
  general: { zh: '一般技术服务', en: 'General' },
  training: { zh: '技术培训', en: 'Training' },
  intermediary: { zh: '技术中介', en: 'Intermediary' },
};

export const contractStatusLabels = {
  signed: { zh: '已签订（未登记）', en: 'Signed (unregistered)' },
  registered: { zh: '已登记', en: 'Registered' },
  changed: { zh: '已变更', en: 'Changed' },
  cancelled: { zh: '已注销', en: 'Cancelled' },
} as const;

export const milestoneStatusLabels = {
  planned: { zh: '计划中', en: 'Planned' },
  reported: { zh: '已报告', en: 'Reported' },
  confirmed: { zh: '企业已确认', en: 'Confirmed' },
  passed: { zh: '考核通过', en: 'Passed' },
  failed: { zh: '考核未通过', en: 'Failed' },
} as const;

export const trancheStatusLabels = {
  pending: { zh: '待拨付', en: 'Pending' },
  paid: { zh: '已拨付', en: 'Paid' },
  recovered: { zh: '已追回', en: 'Recovered' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const;

export const plannedMilestone = z.object({
  title: text(200),
  dueDate: day,
  deliverable: text(2000),
  weight: z.number().int().min(0).max(100),
});
export const budgetLine = z.object({ item: text(200), amountFen: fen });
export const teamMember = z.object({ name: text(50), title: text(100), role: text(100) });

export const applicationBody = z.object({
  listId: z.uuid(),
  /** The lead organisation; defaults to the applicant's first membership. */
  organisationId: z.uuid().optional(),
  members: z.array(z.uuid()).max(10).default([]),
  technicalPlan: text(20000),
  milestonePlan: z.array(plannedMilestone).min(1).max(12),
  budget: z.array(budgetLine).min(1).max(50),
  team: z.array(teamMember).min(1).max(50),
  priorResults: text(10000),
  pledge: z.boolean(),
});
export type ApplicationInput = z.infer<typeof applicationBody>;
export const applicationUpdateBody = applicationBody.omit({ listId: true, organisationId: true }).extend({
  version: z.number().int(),
});

export const partyItem = z.object({
  organisationId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  role: z.enum(['lead', 'member']),
});

export const attachmentItem = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const eventItem = z.object({
  id: z.number(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const applicationSummary = z.object({
  id: z.string(),
  listId: z.string(),
  listTitle: z.string(),
  listCode: z.string(),
  organisationId: z.string().nullable(),
  /** Null in blind review. */
  organisationName: z.string().nullable(),
  alias: z.string(),
  status: z.string(),
  consortium: z.boolean(),
  budgetTotalFen: z.number(),
  submittedAt: z.string(),
  applyClosesAt: z.string(),
  reviewsDone: z.number().int(),
  reviewsAssigned: z.number().int(),
  score: z.number().nullable(),
  outliers: z.number().int(),
  outcome: z.string().nullable(),
});

export const applicationDetail = applicationSummary.extend({
  version: z.number().int(),
  technicalPlan: z.string(),
  milestonePlan: z.array(plannedMilestone),
  budget: z.array(budgetLine),
  team: z.array(teamMember),
  priorResults: z.string(),
  parties: z.array(partyItem),
  attachments: z.array(attachmentItem),
  events: z.array(eventItem),
  allowedCommands: z.array(z.string()),
  editable: z.boolean(),
  contractId: z.string().nullable(),
});

export const applicationListQuery = z.object({
  listId: z.uuid().optional(),
  status: z.string().max(20).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const screenBody = z.object({
  ids: z.array(z.uuid()).min(1).max(500),
  decision: z.enum(['passed', 'needs_fix', 'rejected']),
  reason: reason.optional(),
});
export const batchResult = z.object({
  done: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});

export const reasonBody = z.object({ reason: reason.optional() });
export const attachmentQuery = z.object({ filename: z.string().trim().min(1).max(200) });

export const rubricCriterion = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  labelZh: text(50),
  labelEn: text(80),
  weight: z.number().int().min(1).max(100),
  max: z.number().int().min(1).max(100).optional(),
});
export const reviewSettingsBody = z.object({ rubric: z.array(rubricCriterion).min(1).max(12), blind: z.boolean() });
export const reviewSettings = reviewSettingsBody;

export const assignBody = z.object({
  applicationIds: z.array(z.uuid()).min(1).max(200),
  expertUserIds: z.array(z.uuid()).min(1).max(20),
  /** Assign the pairs without conflict and report the others, instead of refusing the whole batch. */
  skipConflicts: z.boolean().default(false),
});
export const assignResult = z.object({
  assigned: z.number().int(),
  skipped: z.array(z.object({ applicationId: z.string(), expertUserId: z.string(), reasons: z.array(z.string()) })),
});

export const declareBody = z.object({ organisationId: z.uuid(), relation: text(100) });
export const scoreBody = z.object({
  scores: z.record(z.string(), z.number()),
  comment: z.string().trim().max(5000).default(''),
});
export const declineBody = z.object({ reason: text(1000) });

export const assignmentItem = z.object({
  id: z.string(),
  applicationId: z.string(),
  listTitle: z.string(),
  alias: z.string(),
  organisationName: z.string().nullable(),
  status: z.string(),
  total: z.number().nullable(),
  scores: z.record(z.string(), z.number()).nullable(),
  comment: z.string().nullable(),
  rubric: z.array(rubricCriterion),
});
export const myReviews = z.object({
  items: z.array(assignmentItem),
  done: z.number().int(),
  total: z.number().int(),
});

export const reviewBoard = z.object({
  rubric: z.array(rubricCriterion),
  blind: z.boolean(),
  experts: z.array(
    z.object({ userId: z.string(), name: z.string(), done: z.number().int(), assigned: z.number().int() }),
  ),
  applications: z.array(
    z.object({
      id: z.string(),
      alias: z.string(),
      organisationName: z.string().nullable(),
      status: z.string(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
      adjustedMean: z.number().nullable(),
      reviews: z.array(
        z.object({
          expertUserId: z.string(),
          expertName: z.string(),
          status: z.string(),
          total: z.number().nullable(),
          outlier: z.boolean(),
          declineReason: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const comparison = z.object({
  listTitle: z.string(),
  blind: z.boolean(),
  items: z.array(
    z.object({
      id: z.string(),
      alias: z.string(),
      organisationName: z.string().nullable(),
      consortiumSize: z.number().int(),
      status: z.string(),
      budgetTotalFen: z.number(),
      teamSize: z.number().int(),
      milestones: z.number().int(),
      lastDueDate: z.string().nullable(),
      score: z.number().nullable(),
      planExcerpt: z.string(),
    }),
  ),
});

export const selectionBody = z.object({
  applicationIds: z.array(z.uuid()).min(1).max(5),
  noticeDays: z.number().int().min(1).max(30).default(7),
  note: z.string().trim().max(2000).optional(),
  version: z.number().int().optional(),
});
export const selectionState = z.object({
  listId: z.string(),
  listStatus: z.string(),
  maxSolvers: z.number().int(),
  applicationIds: z.array(z.string()),
  noticeStartsAt: z.string().nullable(),
  noticeEndsAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});

export const contractBody = z.object({
  applicationId: z.uuid(),
  type: z.enum(Object.keys(contractTypes) as [ContractType, ...ContractType[]]),
  subType: z.string().max(30).nullish(),
  title: text(200),
  contractAmountFen: fen,
  techAmountFen: fen,
  signedOn: day,
});
export const registerBody = z.object({ registrationNo: text(40), registry: text(100), registeredOn: day });
export const changeBody = z.object({
  contractAmountFen: fen,
  techAmountFen: fen,
  paidAmountFen: fen.nullish(),
  reason: text(2000),
});

export const trancheItem = z.object({
  id: z.string(),
  milestoneId: z.string().nullable(),
  kind: z.enum(['tranche', 'clawback']),
  amountFen: z.number(),
  status: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
export const milestoneItem = z.object({
  id: z.string(),
  seq: z.number().int(),
  title: z.string(),
  dueDate: z.string(),
  deliverable: z.string(),
  weight: z.number().int(),
  status: z.string(),
  report: z.string().nullable(),
  assessment: z.string().nullable(),
  allowedCommands: z.array(z.string()),
});
export const contractDetail = z.object({
  id: z.string(),
  applicationId: z.string(),
  listId: z.string(),
  listTitle: z.string(),
  buyerName: z.string(),
  sellerName: z.string(),
  type: z.string(),
  subType: z.string().nullable(),
  title: z.string(),
  contractAmountFen: z.number(),
  techAmountFen: z.number(),
  paidAmountFen: z.number().nullable(),
  signedOn: z.string(),
  registrationNo: z.string().nullable(),
  registry: z.string().nullable(),
  registeredOn: z.string().nullable(),
  certificate: attachmentItem.nullable(),
  status: z.string(),
  version: z.number().int(),
  policy: z.object({ version: z.number().int(), ratioBp: z.number().int(), capFen: z.number(), base: z.string() }),
  entitlementFen: z.number(),
  paidFen: z.number(),
  pendingFen: z.number(),
  tranches: z.array(trancheItem),
  milestones: z.array(milestoneItem),
  events: z.array(eventItem),
  allowedCommands: z.array(z.string()),
});
export const contractListItem = contractDetail.pick({
  id: true,
  listTitle: true,
  buyerName: true,
  sellerName: true,
  type: true,
  contractAmountFen: true,
  techAmountFen: true,
  status: true,
  entitlementFen: true,
  paidFen: true,
  pendingFen: true,
});

export const milestoneBody = z.object({ text: z.string().trim().max(5000).optional(), reason: reason.optional() });
export const acceptanceBody = z.object({ outcome: z.enum(['passed', 'failed']), reason: text(2000) });

export const creditBody = z.object({
  organisationId: z.uuid(),
  kind: z.enum(['breach', 'blacklist']),
  reason: text(2000),
  expiresAt: z.iso.datetime().nullish(),
});
export const creditItem = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  kind: z.string(),
  reason: z.string(),
  startsAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});
