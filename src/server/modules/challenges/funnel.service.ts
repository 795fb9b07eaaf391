import { sql } from 'drizzle-orm';
import type { FunnelCounts } from '../../../shared/api/challenges.js';
import { fullName } from '../../../shared/regions/regions.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { regionPrefixes } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import { type ChallengeDeps, canRead, loadBatch } from './batch.common.js';
import { applicationFunnelCounts } from './funnel.apply.js';

interface OwnCounts {
  needsSubmitted: number;
  needsAccepted: number;
  listsPublished: number;
  listsTaken: number;
}

/**
 * Needs and lists stages, grouped by a key (direction or the issuing enterprise's city/district).
 * "Accepted" counts needs that were accepted, including those since drafted into lists; merged
 * needs count as submitted only. "Published" counts every list that reached publication.
 */
async function ownCounts(db: Db, batchId: string | undefined, group: 'none' | 'direction' | 'region') {
  const key = group === 'direction' ? sql`direction_id::text` : group === 'region' ? sql`region_code` : sql`''`;
  const batch = batchId ? sql`and batch_id = ${batchId}` : sql``;
  const needs = await db.execute(sql`
    select ${key} as k,
           count(*) filter (where status <> 'draft')::int as submitted,
           count(*) filter (where status = 'accepted')::int as accepted
    from challenge_needs where true ${batch} group by 1`);
  const lists = await db.execute(sql`
    select ${key} as k,
           count(*) filter (where status in ('published','selecting','publicised','taken','unclaimed'))::int as published,
           count(*) filter (where status = 'taken')::int as taken
    from challenge_lists where true ${batch} group by 1`);
  const out = new Map<string, OwnCounts>();
  const get = (k: string) => {
    let c = out.get(k);
    if (!c) {
      c = { needsSubmitted: 0, needsAccepted: 0, listsPublished: 0, listsTaken: 0 };
      out.set(k, c);
    }
    return c;
  };
  for (const r of rowsOf<{ k: string; submitted: number; accepted: number }>(needs))
    Object.assign(get(r.k), { needsSubmitted: r.submitted, needsAccepted: r.accepted });
  for (const r of rowsOf<{ k: string; published: number; taken: number }>(lists))
    Object.assign(get(r.k), { listsPublished: r.published, listsTaken: r.taken });
  return out;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const zero: OwnCounts = { needsSubmitted: 0, needsAccepted: 0, listsPublished: 0, listsTaken: 0 };

export function createFunnelService(deps: ChallengeDeps) {
  const { db } = deps;

  async function build(batchId: string | undefined) {
    const [totals, byDir, byRegionRaw, apply] = await Promise.all([
      ownCounts(db, batchId, 'none'),
      ownCounts(db, batchId, 'direction'),
      ownCounts(db, batchId, 'region'),
      applicationFunnelCounts(db, { batchId }),
    ]);
    const full = (own: OwnCounts, a: Awaited<ReturnType<typeof applicationFunnelCounts>>): FunnelCounts => ({
      ...own,
      ...a,
    });
    const directionRows = await db.execute(
      sql`select id::text as id, name from challenge_directions ${batchId ? sql`where batch_id = ${batchId}` : sql``} order by position`,
    );
    // Across batches a direction is the same by name (each batch has its own rows for it).
    const groups = new Map<string, { ids: string[]; own: OwnCounts }>();
    for (const d of rowsOf<{ id: string; name: string }>(directionRows)) {
      const own = byDir.get(d.id);
      if (!own) continue;
      const g = groups.get(d.name) ?? { ids: [], own: { ...zero } };
      g.ids.push(d.id);
      for (const k of Object.keys(zero) as (keyof OwnCounts)[]) g.own[k] += own[k];
      groups.set(d.name, g);
    }
    const byDirection = await Promise.all(
      [...groups.entries()].map(async ([name, g]) => ({
        key: g.ids.length === 1 ? (g.ids[0] as string) : name,
        name,
        counts: full(g.own, await applicationFunnelCounts(db, { batchId, directionIds: g.ids })),
      })),
    );
    // Regions roll up to county level as stored; the application stages come per region prefix.
    const byRegion = await Promise.all(
      [...byRegionRaw.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(async ([code, own]) => ({
          key: code,
          name: fullName(code, '') ?? code,
          counts: full(own, await applicationFunnelCounts(db, { batchId, regionPrefix: code })),
        })),
    );
    const batches = rowsOf<{ id: string; code: string; title: string }>(
      await db.execute(sql`select id::text as id, code, title from challenge_batches order by needs_open_at desc`),
    );
    return {
      batchId: batchId ?? null,
      totals: full(totals.get('') ?? zero, apply),
      byDirection,
      byRegion,
      batches,
    };
  }

  return {
    /** The overall funnel: open data, no sign-in. */
    overall: () => build(undefined),

    /** One batch in detail: for bureau readers of the batch's region. */
    async batch(actor: Actor, batchId: string) {
      const b = await loadBatch(db, batchId);
      if (!canRead(actor, b.regionCode))
        throw new AppError(regionPrefixes(actor, 'challenge.read').length ? 'NOT_FOUND' : 'FORBIDDEN');
      return build(batchId);
    },
  };
}
export type FunnelService = ReturnType<typeof createFunnelService>;
