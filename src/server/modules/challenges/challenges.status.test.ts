import { describe, expect, it } from 'vitest';
import { listStatuses, needStatuses } from '../../../shared/api/challenges.js';
import { canListTransition, isPublicStatus, listCommandFor, listCommandsFrom, listTransitions } from './list.status.js';
import { canMerge, canNeedTransition, isEditable, needCommandsFrom, needTransitions } from './need.status.js';

describe('need transition table', () => {
  it('has the documented edges and no others', () => {
    const edges = needStatuses.flatMap((from) =>
      (Object.keys(needTransitions) as (keyof typeof needTransitions)[])
        .filter((c) => canNeedTransition(c, from))
        .map((c) => `${from}-${c}->${needTransitions[c].to}`),
    );
    expect(edges.sort()).toEqual(
      [
        'draft-submit->submitted',
        'returned-submit->submitted',
        'submitted-withdraw->draft',
        'submitted-screen->screening',
        'submitted-accept->accepted',
        'screening-accept->accepted',
        'submitted-return->returned',
        'screening-return->returned',
        'submitted-reject->rejected',
        'screening-reject->rejected',
      ].sort(),
    );
  });

  it('gives the enterprise and the officer different commands', () => {
    expect(needCommandsFrom('submitted', 'enterprise')).toEqual(['withdraw']);
    expect(needCommandsFrom('submitted', 'officer')).toEqual(['screen', 'accept', 'return', 'reject']);
    expect(needCommandsFrom('accepted', 'officer')).toEqual([]);
    expect(needCommandsFrom('merged', 'enterprise')).toEqual([]);
  });

  it('owes a reason for returning and rejecting only', () => {
    const owed = Object.entries(needTransitions)
      .filter(([, t]) => t.reasonRequired)
      .map(([c]) => c);
    expect(owed).toEqual(['return', 'reject']);
  });

  it('merges only live needs and edits only drafts and returned needs', () => {
    expect(canMerge('screening', 'accepted')).toBe(true);
    expect(canMerge('draft', 'accepted')).toBe(false);
    expect(canMerge('submitted', 'rejected')).toBe(false);
    expect(canMerge('merged', 'accepted')).toBe(false);
    expect(needStatuses.filter(isEditable)).toEqual(['draft', 'returned']);
  });
});

describe('list transition table', () => {
  it('leads from drafting through 论证 to publication and the selection states', () => {
    expect(listCommandFor('drafting', 'in_review')).toBe('submit_review');
    expect(listCommandFor('in_review', 'approved')).toBe('approve');
    expect(listCommandFor('in_review', 'drafting')).toBe('request_revision');
    expect(listCommandFor('approved', 'published')).toBe('publish');
    expect(listCommandFor('published', 'selecting')).toBe('start_selection');
    expect(listCommandFor('selecting', 'publicised')).toBe('publicise');
    expect(listCommandFor('publicised', 'taken')).toBe('take');
    expect(listCommandFor('publicised', 'selecting')).toBe('reselect');
    expect(listCommandFor('selecting', 'unclaimed')).toBe('unclaim');
  });

  it('refuses shortcuts and moves out of final states', () => {
    expect(listCommandFor('drafting', 'published')).toBeNull();
    expect(listCommandFor('in_review', 'published')).toBeNull();
    expect(listCommandFor('published', 'taken')).toBeNull();
    for (const final of ['taken', 'unclaimed', 'withdrawn'] as const)
      for (const to of listStatuses) expect(listCommandFor(final, to)).toBeNull();
  });

  it('splits commands by actor', () => {
    expect(listCommandsFrom('drafting', 'officer')).toEqual(['submit_review', 'withdraw']);
    expect(listCommandsFrom('in_review', 'expert')).toEqual(['approve', 'request_revision']);
    expect(listCommandsFrom('approved', 'officer')).toEqual(['publish', 'withdraw']);
    expect(listCommandsFrom('published', 'selection')).toEqual(['start_selection', 'unclaim']);
    expect(canListTransition('publish', 'published')).toBe(false);
  });

  it('has exactly one command per (from, to) edge, so transitionList is unambiguous', () => {
    for (const from of listStatuses)
      for (const to of listStatuses) {
        const n = Object.values(listTransitions).filter(
          (t) => t.to === to && (t.from as readonly string[]).includes(from),
        ).length;
        expect(n, `${from}->${to}`).toBeLessThanOrEqual(1);
      }
  });

  it('shows the public only published and later lists', () => {
    expect(listStatuses.filter(isPublicStatus)).toEqual(['published', 'selecting', 'publicised', 'taken', 'unclaimed']);
  });
});
