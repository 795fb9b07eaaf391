/**
 * Conflict-of-interest rules for assigning an expert to an application. Pure: the service gathers
 * the facts and this decides. An expert conflicts with an application when
 *  - the expert belongs to any organisation of the application (lead or consortium member);
 *  - the expert's organisation applied jointly with, or holds a technology contract with, any of
 *    those organisations within the look-back window (three years by default);
 *  - the expert declared a relationship (family, business partner, student–advisor, financial
 *    interest) with one of them.
 */

export const conflictKinds = ['same_organisation', 'recent_collaboration', 'declared'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

export const LOOKBACK_MS = 3 * 365 * 24 * 3600_000;

export interface ConflictFacts {
  expertOrganisationIds: readonly string[];
  applicantOrganisationIds: readonly string[];
  /** Joint applications and contracts involving an expert's organisation: the partner and when. */
  collaborations: readonly { organisationId: string; partnerId: string; at: Date }[];
  /** Relationships the expert declared, by organisation. */
  declared: readonly { organisationId: string; relation: string }[];
  now: Date;
  lookbackMs?: number;
}

export interface Conflict {
  kind: ConflictKind;
  organisationId: string;
  detail?: string;
}

export function findConflicts(f: ConflictFacts): Conflict[] {
  const applicants = new Set(f.applicantOrganisationIds);
  const mine = new Set(f.expertOrganisationIds);
  const since = f.now.getTime() - (f.lookbackMs ?? LOOKBACK_MS);
  const out: Conflict[] = [];
  for (const id of f.expertOrganisationIds)
    if (applicants.has(id)) out.push({ kind: 'same_organisation', organisationId: id });
  for (const c of f.collaborations) {
    const partner = mine.has(c.organisationId) ? c.partnerId : mine.has(c.partnerId) ? c.organisationId : null;
    if (partner && applicants.has(partner) && !mine.has(partner) && c.at.getTime() >= since)
      out.push({ kind: 'recent_collaboration', organisationId: partner, detail: c.at.toISOString().slice(0, 10) });
  }
  for (const d of f.declared)
    if (applicants.has(d.organisationId))
      out.push({ kind: 'declared', organisationId: d.organisationId, detail: d.relation });
  // One line per kind and organisation is enough to explain a refusal.
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = `${c.kind}:${c.organisationId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
