import { describe, expect, it } from 'vitest';
import { auditHash, type ChainedFields, GENESIS_HASH, verifyChain } from './audit.chain.js';

type Row = ChainedFields & { hash: string };

/** Builds a correctly linked chain of `n` rows starting after `start` (or at the genesis). */
function chain(n: number, start = { id: 0, hash: GENESIS_HASH }): Row[] {
  const rows: Row[] = [];
  let prev = start;
  for (let i = 1; i <= n; i++) {
    const fields: ChainedFields = {
      id: prev.id + 1,
      at: new Date(Date.UTC(2026, 10, 25, 2, 0, i)),
      actorUserId: i % 2 ? '00000000-0000-4000-8000-00000000000a' : null,
      actorOrgId: null,
      action: i % 2 ? 'auth.login' : 'organisation.verify',
      targetType: 'user',
      targetId: `t${i}`,
      regionCode: '330602',
      summary: { n: i, nested: { b: 2, a: 1 } },
      requestId: `req-${i}`,
      ip: '127.0.0.1',
      prevHash: prev.hash,
    };
    const row = { ...fields, hash: auditHash(fields) };
    rows.push(row);
    prev = row;
  }
  return rows;
}

describe('verifyChain', () => {
  it('accepts an intact chain and counts every row', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5, firstBrokenId: null, problem: null });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, firstBrokenId: null, problem: null });
  });

  it('continues from a checkpoint', () => {
    const head = chain(3);
    const last = head[2] as Row;
    const tail = chain(2, { id: last.id, hash: last.hash });
    expect(verifyChain(tail, { id: last.id, hash: last.hash })).toMatchObject({ ok: true, checked: 2 });
    expect(verifyChain(tail)).toMatchObject({ ok: false, firstBrokenId: 4 });
  });

  it('does not depend on the key order of the summary (jsonb reorders keys)', () => {
    const rows = chain(2);
    const first = rows[0] as Row;
    rows[0] = { ...first, summary: { nested: { a: 1, b: 2 }, n: 1 } };
    expect(verifyChain(rows).ok).toBe(true);
  });

  it.each([
    ['summary', { summary: { n: 99 } }],
    ['action', { action: 'auth.logout' }],
    ['actor', { actorUserId: null }],
    ['time', { at: new Date(Date.UTC(2020, 0, 1)) }],
    ['region', { regionCode: '330100' }],
    ['ip', { ip: '10.0.0.1' }],
  ] as const)('detects a changed %s and names the row', (_field, change) => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as Row), ...change };
    expect(verifyChain(rows)).toEqual({ ok: false, checked: 2, firstBrokenId: 3, problem: 'row content changed' });
  });

  it('detects a broken link even when the row hash was recomputed', () => {
    const rows = chain(4);
    const forged: ChainedFields = { ...(rows[2] as Row), prevHash: 'f'.repeat(64) };
    rows[2] = { ...forged, hash: auditHash(forged) };
    expect(verifyChain(rows)).toEqual({
      ok: false,
      checked: 2,
      firstBrokenId: 3,
      problem: 'previous-hash link broken',
    });
  });

  it('detects a deleted row as a gap, even with the hashes re-linked around it', () => {
    const rows = chain(4);
    rows.splice(1, 1);
    // Re-link row 3 to row 1 so only the id sequence gives the deletion away.
    const relinked: ChainedFields = { ...(rows[1] as Row), prevHash: (rows[0] as Row).hash };
    rows[1] = { ...relinked, hash: auditHash(relinked) };
    expect(verifyChain(rows)).toEqual({ ok: false, checked: 1, firstBrokenId: 3, problem: 'gap: expected id 2' });
  });

  it('detects a chain that does not start at id 1', () => {
    const rows = chain(3).slice(1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBrokenId: 2, problem: 'gap: expected id 1' });
  });
});
