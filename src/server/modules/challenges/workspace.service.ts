import { type SQL, sql } from 'drizzle-orm';
import type { ChallengeWorkspace } from '../../../shared/api/challenges.js';
import { regionPrefixes } from '../identity/access.policy.js';
import { type Actor, bureauReaders } from '../identity/actor.js';
import { type ChallengeDeps, isExpert } from './batch.common.js';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * The 揭榜挂帅 figures of the signed-in user's workspace: what waits for them as an enterprise, an
 * officer and an expert. Counts only, each one query, so the workspace opens fast.
 */
export function createChallengeWorkspaceService(deps: Pick<ChallengeDeps, 'db'>) {
  const { db } = deps;

  async function one<T>(q: SQL): Promise<T> {
    return rowsOf<T>(await db.execute(q))[0] as T;
  }

  async function enterprise(orgIds: string[]): Promise<ChallengeWorkspace['enterprise']> {
    const orgs = sql.join(
      orgIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const needs = await one<{ drafts: number; screening: number; returned: number; accepted: number }>(sql`
      select count(*) filter (where status = 'draft')::int as drafts,
             count(*) filter (where status in ('submitted', 'screening'))::int as screening,
             count(*) filter (where status = 'returned')::int as returned,
             count(*) filter (where status = 'accepted')::int as accepted
      from challenge_needs where organisation_id in (${orgs})`);
    // Lists drawn from my needs, directly or through the need mine was merged into.
    const lists = await one<{ published: number; taken: number }>(sql`
      select count(*) filter (where l.status in ('published', 'selecting', 'publicised', 'taken', 'unclaimed'))::int as published,
             count(*) filter (where l.status = 'taken')::int as taken
      from challenge_lists l
      where l.id in (
        select ln.list_id from challenge_list_needs ln join challenge_needs n on n.id = ln.need_id
        where n.organisation_id in (${orgs})
           or n.id in (select merged_into_id from challenge_needs where organisation_id in (${orgs}))
      )`);
    return {
      drafts: needs.drafts,
      inScreening: needs.screening,
      returned: needs.returned,
      accepted: needs.accepted,
      listsPublished: lists.published,
      listsTaken: lists.taken,
    };
  }

  async function officer(prefixes: string[]): Promise<ChallengeWorkspace['officer']> {
    const scope = sql.join(
      prefixes.map((p) => sql`b.region_code like ${`${p}%`}`),
      sql` or `,
    );
    const batches = sql`(select b.id from challenge_batches b where ${scope})`;
    const needs = await one<{ screen: number; available: number }>(sql`
      select count(*) filter (where n.status in ('submitted', 'screening'))::int as screen,
             count(*) filter (where n.status = 'accepted'
               and not exists (select 1 from challenge_list_needs ln where ln.need_id = n.id))::int as available
      from challenge_needs n where n.batch_id in ${batches}`);
    const lists = await one<{ drafting: number; review: number; approved: number }>(sql`
      select count(*) filter (where status = 'drafting')::int as drafting,
             count(*) filter (where status = 'in_review')::int as review,
             count(*) filter (where status = 'approved')::int as approved
      from challenge_lists where batch_id in ${batches}`);
    const questions = await one<{ n: number }>(sql`
      select count(*)::int as n from challenge_questions q join challenge_lists l on l.id = q.list_id
      where q.answer is null and not q.hidden and l.batch_id in ${batches}`);
    const applications = await one<{ n: number }>(sql`
      select count(*)::int as n from challenge_applications a join challenge_lists l on l.id = a.list_id
      where a.status = 'submitted' and l.batch_id in ${batches}`);
    return {
      needsToScreen: needs.screen,
      needsAvailable: needs.available,
      listsDrafting: lists.drafting,
      listsInReview: lists.review,
      listsToPublish: lists.approved,
      questionsOpen: questions.n,
      applicationsToScreen: applications.n,
    };
  }

  async function expert(userId: string): Promise<ChallengeWorkspace['expert']> {
    const lists = await one<{ n: number }>(sql`
      select count(*)::int as n from challenge_lists l
      where l.status = 'in_review' and not exists (
        select 1 from challenge_list_reviews r
        where r.list_id = l.id and r.list_version = l.version and r.expert_user_id = ${userId})`);
    const proposals = await one<{ n: number }>(sql`
      select count(*)::int as n from challenge_review_assignments
      where expert_user_id = ${userId} and status = 'assigned'`);
    return { listsToReview: lists.n, proposalsToScore: proposals.n };
  }

  return {
    async forActor(actor: Actor): Promise<ChallengeWorkspace> {
      // Bureau staff are members of the bureau, which reports no needs.
      const bureau = actor.roles.some((r) => (bureauReaders as readonly string[]).includes(r.role));
      const orgIds = bureau ? [] : actor.memberships.map((m) => m.organisationId);
      const prefixes = regionPrefixes(actor, 'challenge.manage');
      const [e, o, x] = await Promise.all([
        orgIds.length ? enterprise(orgIds) : null,
        prefixes.length ? officer(prefixes) : null,
        isExpert(actor) ? expert(actor.userId) : null,
      ]);
      return { enterprise: e, officer: o, expert: x };
    },
  };
}
export type ChallengeWorkspaceService = ReturnType<typeof createChallengeWorkspaceService>;
