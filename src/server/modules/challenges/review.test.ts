import { describe, expect, it } from 'vitest';
import { findConflicts } from './review.conflict.js';
import { aggregate, checkScores, weightedTotal } from './review.score.js';

const now = new Date('2026-11-25T00:00:00Z');

describe('conflicts of interest', () => {
  const base = {
    expertOrganisationIds: ['E'],
    applicantOrganisationIds: ['A', 'B'],
    collaborations: [],
    declared: [],
    now,
  };

  it('finds none for a stranger', () => {
    expect(findConflicts(base)).toEqual([]);
  });

  it('blocks an expert of an applicant or consortium member', () => {
    expect(findConflicts({ ...base, expertOrganisationIds: ['B'] })).toEqual([
      { kind: 'same_organisation', organisationId: 'B' },
    ]);
  });

  it('blocks a collaboration within three years, either direction, but not an older one', () => {
    const recent = new Date('2025-01-01T00:00:00Z');
    const old = new Date('2022-01-01T00:00:00Z');
    expect(
      findConflicts({
        ...base,
        collaborations: [
          { organisationId: 'A', partnerId: 'E', at: recent },
          { organisationId: 'E', partnerId: 'B', at: old },
          { organisationId: 'X', partnerId: 'B', at: recent },
        ],
      }),
    ).toEqual([{ kind: 'recent_collaboration', organisationId: 'A', detail: '2025-01-01' }]);
  });

  it('blocks a declared relationship', () => {
    expect(findConflicts({ ...base, declared: [{ organisationId: 'A', relation: '师生' }] })).toEqual([
      { kind: 'declared', organisationId: 'A', detail: '师生' },
    ]);
  });
});

describe('rubric scores', () => {
  const rubric = [
    { key: 'tech', labelZh: '技术方案', labelEn: 'Technical plan', weight: 50 },
    { key: 'team', labelZh: '团队', labelEn: 'Team', weight: 30 },
    { key: 'budget', labelZh: '预算', labelEn: 'Budget', weight: 20, max: 10 },
  ];

  it('weights criteria and scales each to 100', () => {
    expect(weightedTotal(rubric, { tech: 80, team: 90, budget: 5 })).toBe(77);
  });

  it('names missing, unknown and out-of-range scores', () => {
    expect(checkScores(rubric, { tech: 101, team: 90, extra: 1 })).toEqual([
      { code: 'unknown', key: 'extra' },
      { code: 'out_of_range', key: 'tech' },
      { code: 'missing', key: 'budget' },
    ]);
  });

  it('flags an outlier and leaves it out of the adjusted mean', () => {
    const a = aggregate([82, 80, 85, 81, 30]);
    expect(a.outliers).toEqual([4]);
    expect(a.mean).toBe(71.6);
    expect(a.median).toBe(81);
    expect(a.adjustedMean).toBe(82);
  });

  it('flags a wild score among identical ones, and nothing with fewer than three', () => {
    expect(aggregate([80, 80, 80, 40]).outliers).toEqual([3]);
    expect(aggregate([90, 20]).outliers).toEqual([]);
    expect(aggregate([]).mean).toBeNull();
  });
});
