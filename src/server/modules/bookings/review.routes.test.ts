import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { serviceRecords } from '../../db/schema.js';

let t: TestApp;
let instrumentId: string;

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  const manager = await bureau.as('manager');
  const me = (await manager.get('/api/auth/me')).json();
  const orgId = me.memberships[0].organisation.id;
  const res = await manager.post('/api/instruments', {
    organisationId: orgId,
    assetNo: 'RV-1',
    nameZh: 'X射线衍射仪',
    classCode: '010301',
    originalValueFen: 80_000_000,
  });
  instrumentId = res.json().id;
  // Six finished services, five rated, as the lifecycle leaves them (rating set by the booker later).
  const ratings: [number | null, string | null][] = [
    [5, '数据质量高，老师指导耐心'],
    [4, null],
    [5, '  '],
    [3, '排队时间较长'],
    [null, null],
    [1, '样品被延误两周'],
  ];
  await t.database.db.insert(serviceRecords).values(
    ratings.map(([rating, comment], i) => ({
      instrumentId,
      userOrganisationId: orgId,
      external: i % 2 === 0,
      startedAt: new Date(Date.UTC(2026, 9, 1 + i, 1)),
      prepMinutes: 10,
      measureMinutes: 60,
      postMinutes: 10,
      samples: 1,
      feeFen: 30_000,
      rating,
      comment,
      recordedBy: me.user.id,
      recordedAt: new Date(Date.UTC(2026, 9, 1 + i, 3)),
    })),
  );
});
afterAll(() => t.close());

describe('instrument reviews', () => {
  it('averages the rated services, counts each star and lists the newest first', async () => {
    const res = await t.client().get(`/api/instruments/${instrumentId}/reviews?pageSize=2`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ average: 3.6, count: 5, distribution: [1, 0, 1, 1, 2], total: 5, page: 1 });
    expect(body.items.map((i: { rating: number }) => i.rating)).toEqual([1, 3]);
    expect(body.items[0]).toMatchObject({ comment: '样品被延误两周', organisationType: 'university' });
    const page3 = (await t.client().get(`/api/instruments/${instrumentId}/reviews?pageSize=2&page=3`)).json();
    expect(page3.items).toHaveLength(1);
  });

  it('can show only the written comments, and answers 404 for an unknown instrument', async () => {
    const written = (await t.client().get(`/api/instruments/${instrumentId}/reviews?withComment=true`)).json();
    expect(written.items.map((i: { comment: string }) => i.comment)).toEqual([
      '样品被延误两周',
      '排队时间较长',
      '数据质量高，老师指导耐心',
    ]);
    expect(written.count).toBe(5);
    const missing = await t.client().get(`/api/instruments/${crypto.randomUUID()}/reviews`);
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'NOT_FOUND']);
  });
});
