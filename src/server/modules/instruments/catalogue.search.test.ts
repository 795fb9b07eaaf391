import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { bookingRulesSchema } from '../../../shared/booking-rules.js';
import { computeCheckChar } from '../../../shared/credit-code.js';
import { bookings, instrumentPhotos, instruments, organisations, users } from '../../db/schema.js';
import { demoInstruments, demoInstrumentTypeNames, demoOrganisations } from '../../demo/instruments.generator.js';
import { createCatalogueSearch } from './catalogue.search.js';
import type { CatalogueFilter } from './instrument.repository.js';
import { searchVectorSql } from './instrument.repository.js';
import { className } from './instrument.service.js';

let t: TestApp;
const orgIds = new Map<string, string>();

/** Rows written straight to the table, past the service, as a bulk import or another process would. */
async function insert(values: Omit<typeof instruments.$inferInsert, 'searchVector'>[]) {
  return t.database.db
    .insert(instruments)
    .values(
      values.map((v) => ({
        ...v,
        searchVector: searchVectorSql({ ...v, className: className(v.classCode) }) as unknown as string,
      })),
    )
    .returning({ id: instruments.id });
}

beforeAll(async () => {
  t = await createTestApp();
  const orgs = demoOrganisations();
  for (const o of orgs) {
    const [row] = await t.database.db
      .insert(organisations)
      .values({
        name: o.name,
        type: o.type,
        regionCode: o.regionCode,
        creditCode: o.creditCodeFirst17 + computeCheckChar(o.creditCodeFirst17),
        status: 'verified',
      })
      .returning();
    if (row) orgIds.set(o.key, row.id);
  }
  const rules = bookingRulesSchema.parse({});
  await insert(
    demoInstruments(11, 600, orgs).map((g) => ({
      ...g,
      organisationId: orgIds.get(g.ownerKey) as string,
      regionCode: orgs.find((o) => o.key === g.ownerKey)?.regionCode as string,
      bookingRules: rules,
    })),
  );
}, 120_000);
afterAll(() => t.close());

const repository = () => t.services.instruments.repository;
// A strict search (no lag allowance): each search waits for a check, so a row written a moment ago
// past the service must be in its answer. The app's own search, with the allowance, is tested below.
let strict: ReturnType<typeof createCatalogueSearch> | undefined;
const search = () => {
  strict ??= createCatalogueSearch({ repository: repository() });
  return strict;
};

describe('in-memory catalogue index', () => {
  it('answers exactly as the database does: same pages, same order, same count', async () => {
    const words = [
      '扫描电镜',
      '液相色谱 质谱',
      'X射线衍射',
      '核磁',
      '电镜',
      '分析仪',
      '扫描电镜 不存在的词',
      '不存在的仪器xyz',
    ];
    for (const name of demoInstrumentTypeNames().slice(0, 30)) words.push(name);
    const variants = (q: string): [CatalogueFilter, number][] => [
      [{ q, sort: 'relevance' }, 1],
      [{ q, sort: 'relevance' }, 2],
      [{ q, sort: '-value', shareMode: 'external' }, 1],
      [{ q, sort: 'relevance', regionPrefix: '330602', ownerType: 'university' }, 1],
      [{ q, sort: 'value', classCode: '01', minValueFen: 50_000_000 }, 1],
    ];
    let compared = 0;
    for (const q of words)
      for (const [filter, page] of variants(q)) {
        const fromIndex = await search().search(filter, page, 20);
        const fromSql = await repository().catalogueSql(filter, page, 20);
        expect({ ids: fromIndex.ids, total: Math.min(fromIndex.total, 1000) }, JSON.stringify([filter, page])).toEqual({
          ids: fromSql.ids,
          total: fromSql.total,
        });
        compared += fromIndex.ids.length;
      }
    expect(compared).toBeGreaterThan(1000);
    // Browsing without a query: by name, and by value.
    for (const sort of ['relevance', 'name', 'value', '-value'] as const) {
      const a = await search().search({ sort }, 3, 20);
      const b = await repository().catalogueSql({ sort }, 3, 20);
      expect(a.ids, sort).toEqual(b.ids);
    }
  });

  it('sees rows written past the service, changed ones and an owner’s new type, on the next search', async () => {
    const orgId = orgIds.get('ent-jianhu') as string;
    const base = {
      organisationId: orgId,
      nameZh: '太赫兹近场光谱成像系统',
      classCode: '010801',
      originalValueFen: 880_000_000,
      regionCode: '330602',
      bookingRules: bookingRulesSchema.parse({}),
    };
    const find = async (q: string, f: Partial<CatalogueFilter> = {}) =>
      (await search().search({ q, sort: 'relevance', ...f }, 1, 20)).ids;
    expect(await find('太赫兹')).toEqual([]);
    const [row] = await insert([{ ...base, assetNo: 'SQL-1' }]);
    expect(await find('太赫兹')).toEqual([row?.id]);
    await t.database.db
      .update(instruments)
      .set({
        searchVector: searchVectorSql({ ...base, nameZh: '低温强磁场磁力显微镜', className: '' }) as unknown as string,
      })
      .where(eq(instruments.id, row?.id as string));
    expect(await find('太赫兹')).toEqual([]);
    expect(await find('磁力显微镜')).toContain(row?.id);
    expect(await find('磁力显微镜', { ownerType: 'research_institute' })).not.toContain(row?.id);
    await t.database.db.update(organisations).set({ type: 'research_institute' }).where(eq(organisations.id, orgId));
    expect(await find('磁力显微镜', { ownerType: 'research_institute' })).toContain(row?.id);
  });

  it('serves list rows that follow an owner’s new name and a new or removed cover photo, written past the service', async () => {
    const orgId = orgIds.get('ent-binhai') as string;
    const [row] = await insert([
      {
        organisationId: orgId,
        assetNo: 'SQL-ROW-1',
        nameZh: '量子级联激光光谱仪',
        classCode: '010801',
        originalValueFen: 420_000_000,
        regionCode: '330603',
        bookingRules: bookingRulesSchema.parse({}),
      },
    ]);
    const id = row?.id as string;
    const listed = async () => (await search().search({ q: '量子级联', sort: 'relevance' }, 1, 20)).rows;
    expect((await listed()).map((r) => r.instrument.id)).toEqual([id]);
    expect((await listed())[0]?.coverId).toBeNull();

    await t.database.db.update(organisations).set({ name: '柯桥量子仪器有限公司' }).where(eq(organisations.id, orgId));
    expect((await listed())[0]?.ownerName).toBe('柯桥量子仪器有限公司');

    const [user] = await t.database.db
      .insert(users)
      .values({ email: 'photo-cover@example.cn', name: '测试', passwordHash: 'x', createdAt: new Date() })
      .returning();
    const photo = (position: number, sha: string) => ({
      instrumentId: id,
      position,
      contentType: 'image/png',
      byteSize: 4,
      sha256: sha.repeat(64),
      bytes: Buffer.from([1, 2, 3, 4]),
      createdBy: user?.id as string,
      createdAt: new Date(),
    });
    const [second] = await t.database.db.insert(instrumentPhotos).values(photo(2, 'b')).returning();
    expect((await listed())[0]?.coverId).toBe(second?.id);
    const [first] = await t.database.db.insert(instrumentPhotos).values(photo(1, 'a')).returning();
    expect((await listed())[0]?.coverId).toBe(first?.id);
    await t.database.db.delete(instrumentPhotos).where(eq(instrumentPhotos.id, first?.id as string));
    expect((await listed())[0]?.coverId).toBe(second?.id);
    // Rows the index reloaded are the database's own: the whole row, not only what changed.
    const fromDb = await t.database.db.select().from(instruments).where(eq(instruments.id, id));
    expect((await listed())[0]?.instrument).toMatchObject({
      nameZh: fromDb[0]?.nameZh,
      originalValueFen: 420_000_000,
      regionCode: '330603',
    });
  });

  it('"free now" leaves out instruments that are booked, closed, in a blackout or not in service', async () => {
    const orgId = orgIds.get('uni-sxvtc') as string;
    // Monday 2026-11-30 10:00–11:00 in Shanghai.
    const from = new Date('2026-11-30T02:00:00Z');
    const to = new Date('2026-11-30T03:00:00Z');
    const office = bookingRulesSchema.parse({});
    const make = (key: string, over: Partial<typeof instruments.$inferInsert> = {}) => ({
      organisationId: orgId,
      assetNo: `FREE-${key}`,
      nameZh: `空闲测试仪 ${key}`,
      classCode: '010101',
      originalValueFen: 60_000_000,
      regionCode: '330602',
      bookingRules: office,
      ...over,
    });
    const rows = await insert([
      make('open'),
      make('booked'),
      make('weekend', {
        bookingRules: bookingRulesSchema.parse({ openingHours: { '6': [{ from: '09:00', to: '17:00' }] } }),
      }),
      make('blackout', {
        bookingRules: bookingRulesSchema.parse({
          blackouts: [{ start: '2026-11-30T08:00:00+08:00', end: '2026-11-30T12:00:00+08:00', reason: '年度维护' }],
        }),
      }),
      make('repair', { status: 'in_repair' }),
    ]);
    const [user] = await t.database.db
      .insert(users)
      .values({ email: 'free-now@example.cn', name: '测试', passwordHash: 'x', createdAt: new Date() })
      .returning();
    await t.database.db.insert(bookings).values({
      instrumentId: rows[1]?.id as string,
      userId: user?.id as string,
      organisationId: orgId,
      mode: 'sample_testing',
      status: 'confirmed',
      startAt: new Date('2026-11-30T02:30:00Z'),
      endAt: new Date('2026-11-30T04:00:00Z'),
      slot: '[2026-11-30T02:30:00Z,2026-11-30T04:00:00Z)',
      createdAt: from,
      updatedAt: from,
    });
    const res = await t
      .client()
      .get(
        `/api/instruments?q=${encodeURIComponent('空闲测试仪')}&freeFrom=${from.toISOString()}&freeTo=${to.toISOString()}`,
      );
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([rows[0]?.id]);
    const all = await t.client().get(`/api/instruments?q=${encodeURIComponent('空闲测试仪')}`);
    expect(all.json().total).toBe(5);
  });

  it('does not lose a slow transaction that commits after later ones (PostgreSQL)', async (ctx) => {
    const pool = t.database.pool;
    if (!pool) return ctx.skip(); // PGlite has one connection: no transaction can be open meanwhile.
    const orgId = orgIds.get('ri-agri') as string;
    const raw = (assetNo: string, word: string) =>
      sql`insert into instruments (organisation_id, asset_no, name_zh, class_code, original_value_fen, region_code,
            booking_rules, search_vector)
          values (${orgId}, ${assetNo}, ${word}, '010101', 60000000, '330602', '{}'::jsonb,
            setweight(to_tsvector('simple', ${word}), 'A'))`;
    const find = async (q: string) => (await search().search({ q, sort: 'relevance' }, 1, 20)).ids.length;
    const slow = await pool.connect();
    try {
      await slow.query('begin');
      // Takes its transaction id first, then waits while a later transaction commits and is searched.
      await slow.query(
        `insert into instruments (organisation_id, asset_no, name_zh, class_code, original_value_fen, region_code,
           booking_rules, search_vector)
         values ($1, 'SLOW-1', 'zqxwv', '010101', 60000000, '330602', '{}'::jsonb,
           setweight(to_tsvector('simple', 'zqxwv'), 'A'))`,
        [orgId],
      );
      await t.database.db.execute(raw('FAST-1', 'qwzzy'));
      expect(await find('qwzzy')).toBe(1);
      expect(await find('zqxwv')).toBe(0);
      await slow.query('commit');
    } finally {
      slow.release();
    }
    expect(await find('zqxwv')).toBe(1);
  });

  it('holds every row of the table once, however often it refreshed', async () => {
    await search().search({ sort: 'relevance' }, 1, 20);
    const result = await t.database.db.execute(sql`select count(*)::int as n from instruments`);
    expect(search().size()).toBe((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
  });
});

describe('a search with a lag allowance (the app’s own, with the answer cache on)', () => {
  it('answers inside the allowance from the last check, checks behind the searches, and waits after changed()', async () => {
    let clock = 0;
    let checks = 0;
    const counted = {
      ...repository(),
      indexChanges: (xmin: string) => {
        checks++;
        return repository().indexChanges(xmin);
      },
    };
    const lagging = createCatalogueSearch({ repository: counted, maxLagMs: 200, now: () => clock });
    const orgId = orgIds.get('ent-jianhu') as string;
    const row = (assetNo: string, nameZh: string) => ({
      organisationId: orgId,
      assetNo,
      nameZh,
      classCode: '010801',
      originalValueFen: 90_000_000,
      regionCode: '330602',
      bookingRules: bookingRulesSchema.parse({}),
    });
    const total = async (q: string) => (await lagging.search({ q, sort: 'relevance' }, 1, 20)).total;
    await lagging.warm();
    const afterWarm = checks;

    // Inside the first half of the allowance: twenty searches at once cost no check, and a row written
    // past the service a moment ago is not yet in their answers.
    await insert([row('LAG-1', 'ZQLAG 荧光寿命测量仪')]);
    clock = 50;
    expect(await Promise.all(Array.from({ length: 20 }, () => total('zqlag')))).toEqual(Array(20).fill(0));
    expect(checks).toBe(afterWarm);

    // In the second half: still answered at once, while one check runs behind the searches.
    clock = 150;
    expect(await total('zqlag')).toBe(0);
    expect(checks).toBe(afterWarm + 1);
    await vi.waitFor(async () => expect(await total('zqlag')).toBe(1));

    // A write through this process calls changed(): the very next search waits for a new check.
    await insert([row('LAG-2', 'ZQLAG 荧光光谱仪')]);
    lagging.changed();
    expect(await total('zqlag')).toBe(2);

    // Past the allowance, a search waits for a check too.
    await insert([row('LAG-3', 'ZQLAG 荧光显微镜')]);
    clock = 10_000;
    expect(await total('zqlag')).toBe(3);
  });

  it('is off with the answer cache off: the app then checks on every search', async () => {
    const strictApp = await createTestApp({ CATALOGUE_CACHE_SECONDS: '0' });
    try {
      const s = strictApp.services.instruments.search;
      await s.warm();
      const [org] = await strictApp.database.db
        .insert(organisations)
        .values({
          name: '严格检查测试公司',
          type: 'enterprise',
          regionCode: '330602',
          creditCode: `91330602MA2D4XKQ0${computeCheckChar('91330602MA2D4XKQ0')}`,
          status: 'verified',
        })
        .returning();
      expect((await s.search({ q: 'zqlag', sort: 'relevance' }, 1, 20)).total).toBe(0);
      await strictApp.database.db.insert(instruments).values({
        organisationId: org?.id as string,
        assetNo: 'STRICT-1',
        nameZh: 'ZQLAG 荧光寿命测量仪',
        classCode: '010801',
        originalValueFen: 90_000_000,
        regionCode: '330602',
        bookingRules: bookingRulesSchema.parse({}),
        searchVector: searchVectorSql({ nameZh: 'ZQLAG 荧光寿命测量仪', className: '' }) as unknown as string,
      });
      expect((await s.search({ q: 'zqlag', sort: 'relevance' }, 1, 20)).total).toBe(1);
    } finally {
      await strictApp.close();
    }
  });
});
