import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../identity/user.table.js';
import { organisations } from '../organisations/organisation.table.js';
import { challengeLists, challengeSubsidyPolicies } from './challenges.table.js';

export interface PlannedMilestone {
  title: string;
  dueDate: string;
  deliverable: string;
  /** Share of the subsidy released when this milestone passes; the plan's weights add up to 100. */
  weight: number;
}
export interface BudgetLine {
  item: string;
  amountFen: number;
}
export interface TeamMember {
  name: string;
  title: string;
  role: string;
}

/**
 * A 揭榜 application by a lead organisation, alone or with consortium members (see parties).
 * `version` is the optimistic-concurrency token for edits and screening.
 */
export const challengeApplications = pgTable(
  'challenge_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The lead's region, copied for local-vs-external counts without a join. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull(),
    technicalPlan: text('technical_plan').notNull(),
    milestonePlan: jsonb('milestone_plan').$type<PlannedMilestone[]>().notNull(),
    budget: jsonb('budget').$type<BudgetLine[]>().notNull(),
    budgetTotalFen: bigint('budget_total_fen', { mode: 'number' }).notNull(),
    team: jsonb('team').$type<TeamMember[]>().notNull(),
    priorResults: text('prior_results').notNull(),
    pledgeAcceptedAt: timestamp('pledge_accepted_at', { withTimezone: true }).notNull(),
    /** 验收 outcome once the project ends: 'passed' | 'failed'. */
    outcome: text('outcome'),
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('challenge_applications_list_idx').on(t.listId, t.status),
    index('challenge_applications_org_idx').on(t.organisationId),
  ],
);

/**
 * Every organisation of an application, the lead included. The unique key on (list, organisation)
 * is the database's guarantee of one application per organisation per list, as lead or member.
 */
export const challengeApplicationParties = pgTable(
  'challenge_application_parties',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => challengeApplications.id, { onDelete: 'cascade' }),
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
  },
  (t) => [
    uniqueIndex('challenge_application_parties_list_org_key').on(t.listId, t.organisationId),
    index('challenge_application_parties_app_idx').on(t.applicationId),
  ],
);

export const challengeApplicationEvents = pgTable(
  'challenge_application_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => challengeApplications.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_application_events_app_idx').on(t.applicationId, t.id)],
);

/**
 * An uploaded file. The bytes live once under the data folder, named by their SHA-256; rows point
 * at them, so the same file attached twice is stored once.
 */
export const challengeAttachments = pgTable(
  'challenge_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'application' | 'contract' | 'milestone'. */
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    kind: varchar('kind', { length: 8 }).notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_attachments_owner_idx').on(t.ownerType, t.ownerId)],
);

/** How a list's applications are reviewed: a weighted rubric, and whether identities are hidden. */
export const challengeReviewSettings = pgTable('challenge_review_settings', {
  listId: uuid('list_id')
    .primaryKey()
    .references(() => challengeLists.id),
  rubric: jsonb('rubric')
    .$type<{ key: string; labelZh: string; labelEn: string; weight: number; max?: number }[]>()
    .notNull(),
  blind: boolean('blind').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** An expert assigned to review one application: assigned → submitted, or declined citing a conflict. */
export const challengeReviewAssignments = pgTable(
  'challenge_review_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => challengeApplications.id),
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>(),
    total: numeric('total', { precision: 6, scale: 2, mode: 'number' }),
    comment: text('comment'),
    declineReason: text('decline_reason'),
    assignedBy: uuid('assigned_by'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('challenge_review_assignments_app_expert_key').on(t.applicationId, t.expertUserId),
    index('challenge_review_assignments_expert_idx').on(t.expertUserId, t.status),
  ],
);

/** A relationship an expert declared with an organisation (亲属, 合伙, 师生, 经济利益 …). */
export const challengeConflictDeclarations = pgTable(
  'challenge_conflict_declarations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    relation: text('relation').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('challenge_conflict_declarations_key').on(t.expertUserId, t.organisationId)],
);

/** The selection of a list's solver(s) and its public notice (公示) period. */
export const challengeSelections = pgTable('challenge_selections', {
  listId: uuid('list_id')
    .primaryKey()
    .references(() => challengeLists.id),
  applicationIds: jsonb('application_ids').$type<string[]>().notNull(),
  noticeStartsAt: timestamp('notice_starts_at', { withTimezone: true }).notNull(),
  noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }).notNull(),
  note: text('note'),
  decidedBy: uuid('decided_by').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
});

/** A technology contract (技术合同) between the issuing enterprise (buyer) and a selected solver. */
export const challengeContracts = pgTable(
  'challenge_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => challengeApplications.id),
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    buyerOrganisationId: uuid('buyer_organisation_id')
      .notNull()
      .references(() => organisations.id),
    sellerOrganisationId: uuid('seller_organisation_id')
      .notNull()
      .references(() => organisations.id),
    type: text('type').notNull(),
    subType: text('sub_type'),
    title: text('title').notNull(),
    contractAmountFen: bigint('contract_amount_fen', { mode: 'number' }).notNull(),
    techAmountFen: bigint('tech_amount_fen', { mode: 'number' }).notNull(),
    paidAmountFen: bigint('paid_amount_fen', { mode: 'number' }),
    signedOn: date('signed_on').notNull(),
    registrationNo: varchar('registration_no', { length: 40 }),
    registry: text('registry'),
    registeredOn: date('registered_on'),
    certificateId: uuid('certificate_id'),
    status: text('status').notNull(),
    /** The policy version the subsidy is computed under: the list's at signing. */
    subsidyPolicyId: uuid('subsidy_policy_id')
      .notNull()
      .references(() => challengeSubsidyPolicies.id),
    entitlementFen: bigint('entitlement_fen', { mode: 'number' }).notNull().default(0),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('challenge_contracts_application_key').on(t.applicationId),
    uniqueIndex('challenge_contracts_registration_key').on(t.registry, t.registrationNo),
    index('challenge_contracts_list_idx').on(t.listId),
  ],
);

export const challengeContractEvents = pgTable(
  'challenge_contract_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => challengeContracts.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_contract_events_contract_idx').on(t.contractId, t.id)],
);

/** A project milestone from the application's plan, created when the contract is signed. */
export const challengeMilestones = pgTable(
  'challenge_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => challengeApplications.id),
    seq: smallint('seq').notNull(),
    title: text('title').notNull(),
    dueDate: date('due_date').notNull(),
    deliverable: text('deliverable').notNull(),
    weight: smallint('weight').notNull(),
    status: text('status').notNull(),
    report: text('report'),
    assessment: text('assessment'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('challenge_milestones_app_seq_key').on(t.applicationId, t.seq)],
);

export const challengeMilestoneEvents = pgTable(
  'challenge_milestone_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => challengeMilestones.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_milestone_events_ms_idx').on(t.milestoneId, t.id)],
);

/**
 * Money movements of a contract's subsidy: a tranche released on a passed milestone (positive), or a
 * claw-back after a change or cancellation (negative). pending → paid by finance.
 */
export const challengeSubsidyTranches = pgTable(
  'challenge_subsidy_tranches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => challengeContracts.id),
    milestoneId: uuid('milestone_id').references(() => challengeMilestones.id),
    kind: text('kind').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paidBy: uuid('paid_by'),
  },
  (t) => [
    index('challenge_subsidy_tranches_contract_idx').on(t.contractId),
    uniqueIndex('challenge_subsidy_tranches_milestone_key').on(t.milestoneId),
  ],
);

/**
 * An organisation's credit record: breaches (违约) noted for the record, and blacklisting with an
 * optional expiry. A blacklisted organisation cannot apply while the entry is in force.
 */
export const challengeCreditRecords = pgTable(
  'challenge_credit_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** 'breach' | 'blacklist'. */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_credit_records_org_idx').on(t.organisationId, t.kind)],
);
