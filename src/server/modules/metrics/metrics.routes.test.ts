import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { instruments, organisations, serviceRecords } from '../../db/schema.js';

let t: TestApp;
let sem: string;
let nmr: string;
let ownerId: string;
let outsiderId: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedBureau(t);
  const orgs = await t.database.db.select().from(organisations);
  ownerId = orgs.find((o) => o.name === '绍兴文理学院')?.id as string;
  outsiderId = orgs.find((o) => o.type === 'enterprise' && o.status === 'verified')?.id as string;
  const base = {
    organisationId: ownerId,
    classCode: '010101',
    originalValueFen: 50_000_000,
    bookingRules: {},
    regionCode: '330602',
  };
  const [a, b] = await t.database.db
    .insert(instruments)
    .values([
      { ...base, assetNo: 'M-1', nameZh: '扫描电子显微镜', purpose: 'general' },
      {
        ...base,
        assetNo: 'M-2',
        nameZh: '核磁共振波谱仪',
        classCode: '010601',
        purpose: 'special',
        regionCode: '330603',
      },
    ])
    .returning();
  sem = a?.id as string;
  nmr = b?.id as string;
  const service = (instrumentId: string, external: boolean, at: string, measure: number) => ({
    instrumentId,
    userOrganisationId: external ? outsiderId : ownerId,
    external,
    startedAt: new Date(at),
    prepMinutes: 30,
    measureMinutes: measure,
    postMinutes: 30,
    feeFen: 0,
    recordedBy: '00000000-0000-4000-8000-000000000000',
    recordedAt: new Date(at),
  });
  await t.database.db.insert(serviceRecords).values([
    service(sem, true, '2026-03-02T02:00:00Z', 60), // 2 h external
    service(sem, false, '2026-03-03T02:00:00Z', 180), // 4 h internal
    service(nmr, true, '2026-05-01T02:00:00Z', 540), // 10 h external
    service(sem, true, '2025-12-31T16:30:00Z', 60), // 2025 in UTC but 00:30 on 2026-01-01 in Shanghai: counts in 2026
    service(sem, true, '2025-12-31T15:59:00+08:00', 600), // 2025 in Shanghai: not counted
  ]);
});
afterAll(() => t.close());

describe('open-sharing metrics', () => {
  it('per instrument: effective and external hours, sharing rate, quota by purpose', async () => {
    const res = await t.client().get('/api/metrics/instruments?year=2026&regionCode=330600');
    expect(res.statusCode).toBe(200);
    const byId = Object.fromEntries(res.json().items.map((i: { instrumentId: string }) => [i.instrumentId, i]));
    expect(byId[sem]).toMatchObject({
      effectiveHours: 8,
      externalHours: 4,
      sharingRate: 0.5,
      quotaHours: 1400,
      belowQuota: true,
      services: 3,
    });
    expect(byId[nmr]).toMatchObject({ effectiveHours: 10, externalHours: 10, sharingRate: 1, quotaHours: 800 });
    expect(res.json().total).toMatchObject({
      instruments: 2,
      effectiveHours: 18,
      externalHours: 14,
      quotaHours: 2200,
      belowQuotaCount: 2,
    });
  });

  it('rolls up by county below a city, and by organisation', async () => {
    const byRegion = (await t.client().get('/api/metrics/rollup?year=2026&regionCode=330600&by=region')).json().items;
    expect(byRegion.map((g: { key: string; effectiveHours: number }) => [g.key, g.effectiveHours])).toEqual([
      ['330603', 10],
      ['330602', 8],
    ]);
    const byOrg = (await t.client().get('/api/metrics/rollup?year=2026&by=organisation')).json().items;
    expect(byOrg).toEqual([
      expect.objectContaining({ key: ownerId, name: '绍兴文理学院', instruments: 2, effectiveHours: 18 }),
    ]);
  });

  it('filters by region scope and exports CSV with a BOM', async () => {
    const elsewhere = await t.client().get('/api/metrics/instruments?year=2026&regionCode=330100');
    expect(elsewhere.json().items).toEqual([]);
    const csv = await t.client().get('/api/metrics/instruments/export.csv?year=2026');
    expect(csv.body.startsWith('\uFEFF仪器,所属单位')).toBe(true);
    expect(csv.body).toContain('50.0%');
    const bad = await t.client().get('/api/metrics/instruments?year=2026&regionCode=999999');
    expect(bad.json().code).toBe('REGION_UNKNOWN');
  });
});
