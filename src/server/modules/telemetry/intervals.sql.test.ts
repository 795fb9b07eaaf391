import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { intervalsOverlapping } from './intervals.sql.js';

let t: TestApp;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const at = (h: number) => new Date(T0 + h * H);
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  // Contiguous segments as derivation writes them: A has a long one (a month offline) and short ones;
  // B starts later. Hours from T0.
  const segs: [string, number, number, string][] = [
    [A, 0, 2, 'off'],
    [A, 2, 3, 'idle'],
    [A, 3, 5, 'working'],
    [A, 5, 725, 'unknown'],
    [A, 725, 726, 'idle'],
    [B, 10, 11, 'idle'],
    [B, 11, 12, 'working'],
  ];
  for (const [id, s, e, state] of segs)
    await t.database.db.execute(
      sql`insert into power_intervals (instrument_id, start_at, end_at, state) values (${id}, ${at(s)}, ${at(e)}, ${state})`,
    );
});
afterAll(() => t.close());

describe('segments overlapping a period', () => {
  // Every window against the plain filter "ends after from and starts before to".
  const windows: [number, number][] = [
    [-5, -1],
    [-1, 0.5],
    [0, 2],
    [2, 2.5],
    [2.5, 4],
    [4, 100],
    [100, 200],
    [5, 725],
    [724.9, 725.1],
    [726, 800],
    [10.5, 11.5],
    [-100, 1000],
  ];
  it.each(windows)('[%f h, %f h) gives what a scan of every segment gives', async (f, e) => {
    const from = at(f);
    const to = at(e);
    const key = (r: { instrument_id: string; start_at: unknown }) => `${r.instrument_id}@${String(r.start_at)}`;
    const got = await rows<{ instrument_id: string; start_at: unknown }>(
      sql`select instrument_id::text, start_at from ${intervalsOverlapping(sql`select unnest(array[${A}, ${B}]::uuid[])`, sql`${from}`, sql`${to}`)} s order by 1, 2`,
    );
    const want = await rows<{ instrument_id: string; start_at: unknown }>(
      sql`select instrument_id::text, start_at from power_intervals
          where instrument_id in (${A}, ${B}) and end_at > ${from} and start_at < ${to} order by 1, 2`,
    );
    expect(got.map(key)).toEqual(want.map(key));
  });

  it('the month-long segment counts in a day in the middle of it', async () => {
    const got = await rows<{ state: string }>(
      sql`select state from ${intervalsOverlapping(sql`select ${A}::uuid`, sql`${at(300)}`, sql`${at(324)}`)} s`,
    );
    expect(got.map((r) => r.state)).toEqual(['unknown']);
  });
});
