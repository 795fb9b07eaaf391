import { describe, expect, it } from 'vitest';
import { createCatalogueIndex, type IndexQuery, type IndexRow, parseTsvector } from './catalogue.index.js';

const always = { timezone: 'Asia/Shanghai', open: Array.from({ length: 7 }, () => [0, 1440]), blackouts: [] };

function row(id: string, vector: string, over: Partial<IndexRow> = {}): IndexRow {
  return {
    id,
    writeXid: '1',
    valueFen: 50_000_000,
    nameZh: id,
    classCode: '010101',
    regionCode: '330602',
    organisationId: 'org-a',
    ownerType: 'university',
    shareMode: 'external',
    status: 'normal',
    purpose: 'general',
    schedule: always,
    vector,
    ...over,
  };
}

const query = (over: Partial<IndexQuery>): IndexQuery => ({
  terms: null,
  fallback: [],
  filter: {},
  sort: 'relevance',
  offset: 0,
  limit: 20,
  ...over,
});
/** A query word with a single spelling. */
const w = (...lexemes: string[]) => [lexemes];

describe('parseTsvector', () => {
  it('reads lexemes with their best weights; no weight is D, no positions is D', () => {
    const m = parseTsvector("'电镜':3A,7 'sem':4B 'it''s':1 'a\\\\b':2C 'bare'");
    expect(Object.fromEntries(m)).toEqual({ 电镜: 8 | 1, sem: 4, "it's": 1, 'a\\b': 2, bare: 1 });
  });

  it('reads an empty vector as no lexemes', () => {
    expect(parseTsvector('').size).toBe(0);
  });
});

describe('catalogue index', () => {
  const index = createCatalogueIndex();
  index.load([
    row('sem-cheap', "'扫描':1A '电镜':2A", { valueFen: 40_000_000 }),
    row('sem-dear', "'扫描':1A '电镜':2A", { valueFen: 90_000_000 }),
    row('class-only', "'扫描':1B '电镜':2B", { valueFen: 99_000_000 }),
    row('specs-only', "'扫描':1 '电镜':2", { valueFen: 99_500_000, regionCode: '330681' }),
    row('half', "'扫描':1A '电镜':5", { valueFen: 99_900_000, status: 'in_repair' }),
    row('tem', "'透射':1A '电镜':2A", { valueFen: 60_000_000, ownerType: 'enterprise' }),
  ]);

  it('ranks name matches first, then class or model, then the rest; by value within each', () => {
    const { ids, total } = index.search(query({ terms: [w('扫描'), w('电镜')] }));
    expect(ids).toEqual(['sem-dear', 'sem-cheap', 'class-only', 'half', 'specs-only']);
    expect(total).toBe(5);
  });

  it('a word matches through any of its alternatives, at its best tier', () => {
    const { ids } = index.search(query({ terms: [[['扫描电镜'], ['扫描', '电镜']]] }));
    expect(ids.slice(0, 2)).toEqual(['sem-dear', 'sem-cheap']);
    expect(ids).not.toContain('tem');
  });

  it('filters by region prefix, owner type, status and value, and sorts by value or name', () => {
    const all = { terms: [w('电镜')] };
    expect(index.search(query({ ...all, filter: { regionPrefix: '330681' } })).ids).toEqual(['specs-only']);
    expect(index.search(query({ ...all, filter: { ownerType: 'enterprise' } })).ids).toEqual(['tem']);
    expect(index.search(query({ ...all, filter: { status: 'in_repair' } })).ids).toEqual(['half']);
    expect(index.search(query({ ...all, filter: { maxValueFen: 60_000_000 } })).ids).toEqual(['tem', 'sem-cheap']);
    expect(index.search(query({ ...all, sort: 'value' })).ids[0]).toBe('sem-cheap');
    expect(index.search(query({ ...all, sort: '-value' })).ids[0]).toBe('half');
    expect(index.search(query({ sort: 'name', limit: 2 })).ids).toEqual(['class-only', 'half']);
    // Browsing without a query: by name unless another order is asked for.
    expect(index.search(query({ limit: 1 })).ids).toEqual(['class-only']);
    expect(index.search(query({ sort: '-value', limit: 1 })).ids).toEqual(['half']);
    expect(index.search(query({ sort: 'value', limit: 1 })).ids).toEqual(['sem-cheap']);
  });

  it('pages without losing or repeating a row', () => {
    const pages = [0, 2, 4].flatMap((offset) => index.search(query({ terms: [w('电镜')], offset, limit: 2 })).ids);
    expect(new Set(pages).size).toBe(6);
  });

  it('falls back to any distinctive word only when all words match nothing, more words first', () => {
    const strict = index.search(query({ terms: [w('扫描'), w('透射')], fallback: [w('扫描'), w('透射')] }));
    expect(strict.total).toBe(5 + 1);
    const q = { terms: [w('透射'), w('电镜'), w('不存在')], fallback: [w('透射'), w('电镜'), w('不存在')] };
    expect(index.search(query(q)).ids[0]).toBe('tem');
    expect(index.search(query({ ...q, fallback: [] })).total).toBe(0);
  });

  it('keeps its orders right through many small changes, as a full re-sort would', () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      row(`id-${String(i).padStart(3, '0')}`, "'电镜':1A", {
        valueFen: (i * 7919) % 97,
        nameZh: `仪器${(i * 31) % 60}`,
      }),
    );
    const live = createCatalogueIndex();
    live.load(rows);
    for (let i = 0; i < 40; i++)
      live.upsert([
        row(`id-${String((i * 13) % 70).padStart(3, '0')}`, "'电镜':1A", {
          valueFen: (i * 104729) % 89,
          nameZh: `新${i}`,
        }),
      ]);
    const fresh = createCatalogueIndex();
    const latest = new Map(rows.map((r) => [r.id, r]));
    for (let i = 0; i < 40; i++) {
      const id = `id-${String((i * 13) % 70).padStart(3, '0')}`;
      latest.set(id, row(id, "'电镜':1A", { valueFen: (i * 104729) % 89, nameZh: `新${i}` }));
    }
    fresh.load(latest.values());
    for (const sort of ['value', '-value', 'name'] as const) {
      const all = (i: ReturnType<typeof createCatalogueIndex>) => i.search(query({ sort, limit: 100 })).ids;
      expect(all(live), sort).toEqual(all(fresh));
    }
  });

  it('replaces an upserted row and forgets its old words', () => {
    const copy = createCatalogueIndex();
    copy.load([row('x', "'扫描':1A"), row('y', "'扫描':1A")]);
    copy.upsert([row('x', "'透射':1A", { writeXid: '9' })]);
    expect(copy.search(query({ terms: [w('扫描')] })).ids).toEqual(['y']);
    expect(copy.search(query({ terms: [w('透射')] })).ids).toEqual(['x']);
    expect(copy.writeXidOf('x')).toBe('9');
    expect(copy.size()).toBe(2);
  });

  it('"free now" needs normal service, a share mode, an open window, no blackout and no booking', () => {
    // Monday 2026-11-30 10:00 in Shanghai.
    const at = Date.parse('2026-11-30T02:00:00Z');
    const office = { timezone: 'Asia/Shanghai', open: [[510, 1050], [], [], [], [], [], []], blackouts: [] };
    const free = createCatalogueIndex();
    free.load([
      row('open', '', { schedule: office }),
      row('booked', '', { schedule: office }),
      row('closed', '', { schedule: { ...office, open: [[], [], [], [], [], [], []] } }),
      row('blackout', '', { schedule: { ...office, blackouts: [at - 1000, at + 1000] } }),
      row('repair', '', { schedule: office, status: 'in_repair' }),
      row('unshared', '', { schedule: office, shareMode: 'none' }),
      row('new-york', '', { schedule: { ...office, timezone: 'America/New_York' } }),
    ]);
    const found = free.search(query({ filter: { free: { at, busy: new Set(['booked']) } } }));
    // 10:00 on Monday in Shanghai is 21:00 on Sunday in New York: closed there.
    expect(found.ids).toEqual(['open']);
  });
});
