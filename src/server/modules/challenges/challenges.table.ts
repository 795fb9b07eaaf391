import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tsvector } from '../../db/types.js';
import { users } from '../identity/user.table.js';
import { organisations } from '../organisations/organisation.table.js';

/** A quantified target indicator: what is measured, the target, its unit and how 验收 tests it. */
export interface Indicator {
  name: string;
  target: string;
  unit: string;
  testMethod: string;
}

/**
 * A 揭榜挂帅 batch (e.g. 沈阳 2026 第一批): needs are collected only inside [needsOpenAt, needsCloseAt).
 * The region is the bureau's that runs it; officers of that region (and above) manage it.
 */
export const challengeBatches = pgTable(
  'challenge_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: varchar('code', { length: 32 }).notNull().unique('challenge_batches_code_key'),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    needsOpenAt: timestamp('needs_open_at', { withTimezone: true }).notNull(),
    needsCloseAt: timestamp('needs_close_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_batches_region_idx').on(t.regionCode)],
);

/** The batch's configurable industrial-chain innovation directions (Shenyang used 20). */
export const challengeDirections = pgTable(
  'challenge_directions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => challengeBatches.id),
    code: varchar('code', { length: 32 }).notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    position: smallint('position').notNull(),
  },
  (t) => [uniqueIndex('challenge_directions_batch_code_key').on(t.batchId, t.code)],
);

/**
 * The subsidy policy of a batch, versioned: a change adds a version, earlier versions stay so a
 * list (and the subsidy computed under it) keeps the terms it was published with.
 * subsidy = min(ratioBp / 10000 × base, capFen); base is one of `subsidyBases`.
 */
export const challengeSubsidyPolicies = pgTable(
  'challenge_subsidy_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => challengeBatches.id),
    version: integer('version').notNull(),
    /** Basis points: 5000 = 50%. */
    ratioBp: integer('ratio_bp').notNull(),
    capFen: bigint('cap_fen', { mode: 'number' }).notNull(),
    /** 'tech_trade_amount' (技术交易额) | 'contract_amount' (成交额) | 'amount_paid' (实际支付额). */
    base: text('base').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('challenge_subsidy_policies_batch_version_key').on(t.batchId, t.version)],
);

/** An enterprise's reported technical need (需求征集). */
export const challengeNeeds = pgTable(
  'challenge_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => challengeBatches.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    /** The enterprise's region, copied so region-scoped queues and the funnel need no join. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    directionId: uuid('direction_id')
      .notNull()
      .references(() => challengeDirections.id),
    category: text('category').notNull(),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    /** What the public sees when confidentiality is 'desensitised'; never shown for 'confidential'. */
    publicSummary: text('public_summary'),
    indicators: jsonb('indicators').$type<Indicator[]>().notNull(),
    technicalBase: text('technical_base').notNull(),
    expectedCompletion: date('expected_completion').notNull(),
    ownFundingFen: bigint('own_funding_fen', { mode: 'number' }).notNull(),
    confidentiality: text('confidentiality').notNull(),
    ipIntent: text('ip_intent').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: varchar('contact_phone', { length: 20 }).notNull(),
    contactEmail: text('contact_email'),
    status: text('status').notNull(),
    /** Set when merged: the need that now carries this one. */
    mergedIntoId: uuid('merged_into_id'),
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** jieba-segmented title + problem + indicators, for duplicate ranking. */
    searchVector: tsvector('search_vector'),
  },
  (t) => [
    index('challenge_needs_batch_status_idx').on(t.batchId, t.status),
    index('challenge_needs_org_idx').on(t.organisationId),
    index('challenge_needs_region_idx').on(t.regionCode),
    index('challenge_needs_search_idx').using('gin', t.searchVector),
  ],
);

export const challengeNeedEvents = pgTable(
  'challenge_need_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    needId: uuid('need_id')
      .notNull()
      .references(() => challengeNeeds.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_need_events_need_idx').on(t.needId, t.id)],
);

/** A merge: the source need is carried by the target from now on; both stay, linked. */
export const challengeNeedMerges = pgTable(
  'challenge_need_merges',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    targetNeedId: uuid('target_need_id')
      .notNull()
      .references(() => challengeNeeds.id),
    sourceNeedId: uuid('source_need_id')
      .notNull()
      .references(() => challengeNeeds.id),
    similarity: integer('similarity'),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('challenge_need_merges_source_key').on(t.sourceNeedId),
    index('challenge_need_merges_target_idx').on(t.targetNeedId),
  ],
);

/**
 * A challenge list (榜单), drafted by an officer from accepted needs, argued by experts (论证), then
 * published. `version` is the optimistic-concurrency token: every change bumps it and a write that
 * names a stale version is refused with a coded conflict.
 */
export const challengeLists = pgTable(
  'challenge_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => challengeBatches.id),
    code: varchar('code', { length: 32 }).notNull().unique('challenge_lists_code_key'),
    title: text('title').notNull(),
    directionId: uuid('direction_id')
      .notNull()
      .references(() => challengeDirections.id),
    category: text('category').notNull(),
    /** The issuing enterprise (发榜方): the organisation of the first source need. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    goal: text('goal').notNull(),
    indicators: jsonb('indicators').$type<Indicator[]>().notNull(),
    eligibility: text('eligibility').notNull(),
    periodMonths: integer('period_months').notNull(),
    enterpriseInvestmentFen: bigint('enterprise_investment_fen', { mode: 'number' }).notNull(),
    subsidyPolicyId: uuid('subsidy_policy_id')
      .notNull()
      .references(() => challengeSubsidyPolicies.id),
    /** The most solvers the list may take (赛马 when > 1). */
    maxSolvers: smallint('max_solvers').notNull().default(1),
    /** Expert approvals needed before the list counts as argued (论证通过). */
    reviewsRequired: smallint('reviews_required').notNull().default(1),
    /** Most restrictive confidentiality of the source needs: 'public' | 'desensitised'. */
    confidentiality: text('confidentiality').notNull().default('public'),
    applyOpensAt: timestamp('apply_opens_at', { withTimezone: true }).notNull(),
    applyClosesAt: timestamp('apply_closes_at', { withTimezone: true }).notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: varchar('contact_phone', { length: 20 }).notNull(),
    contactEmail: text('contact_email'),
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    searchVector: tsvector('search_vector'),
  },
  (t) => [
    index('challenge_lists_batch_status_idx').on(t.batchId, t.status),
    index('challenge_lists_region_idx').on(t.regionCode),
    index('challenge_lists_search_idx').using('gin', t.searchVector),
    index('challenge_lists_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
  ],
);

/** Which needs a list was drafted from (a need feeds at most one list). */
export const challengeListNeeds = pgTable(
  'challenge_list_needs',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    needId: uuid('need_id')
      .notNull()
      .references(() => challengeNeeds.id),
  },
  (t) => [primaryKey({ columns: [t.listId, t.needId] }), uniqueIndex('challenge_list_needs_need_key').on(t.needId)],
);

export const challengeListEvents = pgTable(
  'challenge_list_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_list_events_list_idx').on(t.listId, t.id)],
);

/** An expert's 论证 opinion on a list in review: approve or ask for revision, with comments. */
export const challengeListReviews = pgTable(
  'challenge_list_reviews',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    /** The list version the opinion is about; a revised list needs fresh opinions. */
    listVersion: integer('list_version').notNull(),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    verdict: text('verdict').notNull(),
    comment: text('comment').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_list_reviews_list_idx').on(t.listId, t.id)],
);

/** Public clarifications on a published list: anyone signed in asks, an officer answers. */
export const challengeQuestions = pgTable(
  'challenge_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => challengeLists.id),
    askedBy: uuid('asked_by')
      .notNull()
      .references(() => users.id),
    question: text('question').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_questions_list_idx').on(t.listId, t.createdAt)],
);
