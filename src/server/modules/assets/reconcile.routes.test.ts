import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { lateness } from './reconcile.service.js';

let t: TestApp;
let manager: TestClient;
let officer: TestClient;
let enterprise: TestClient;
let universityId: string;
let enterpriseId: string;
const listed: Record<string, string> = {};

// 2027-03-01 10:00 Beijing time: every listing below is made on that day.
const NOW = '2027-03-01T02:00:00Z';

const HEADER = '资产编号,资产名称,价值(元),购置日期,使用状况';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));

async function importCards(client: TestClient, org: string, body: Buffer) {
  const res = await client.request({
    method: 'POST',
    url: `/api/organisations/${org}/asset-imports?dryRun=false`,
    payload: body,
    headers: { 'content-type': 'text/csv' },
  });
  if (res.statusCode !== 201 || res.json().failed) throw new Error(res.body);
}

async function list(assetNo: string, originalValueFen: number) {
  const res = await manager.post('/api/instruments', {
    organisationId: universityId,
    assetNo,
    nameZh: `仪器 ${assetNo}`,
    classCode: '010101',
    originalValueFen,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  listed[assetNo] = res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  officer = await bureau.as('officer');
  enterprise = await bureau.as('enterprise');
  universityId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  enterpriseId = (await enterprise.get('/api/auth/me')).json().memberships[0].organisation.id;

  await list('R-OK', 50_000_000);
  await list('R-DISPOSED', 40_000_000);
  await list('R-MISMATCH', 45_000_000);
  await list('R-LATE', 60_000_000);
  await list('R-NOCARD', 35_000_000);
  await importCards(
    manager,
    universityId,
    csv(
      'R-OK,原子吸收光谱仪,"500,000.00",2027-02-20,在用',
      'R-DISPOSED,旧气相色谱仪,400000,2027-02-15,报废',
      'R-MISMATCH,激光共聚焦显微镜,450000.01,2027-02-15,在用',
      'R-LATE,电感耦合等离子体质谱仪,600000,2026-06-01,在用',
      'R-GAP-1,高分辨透射电镜,"300,000.00",2026-12-01,在用',
      'R-GAP-2,单晶X射线衍射仪,1200000,,闲置',
      'R-SMALL,台式离心机,299999.99,2026-12-01,在用',
      'R-GONE,调出的光谱仪,800000,2020-01-01,调出',
    ),
  );
  // A later export of the same register with the card's use columns: only R-GAP-1 changes.
  await importCards(
    manager,
    universityId,
    Buffer.from(
      [
        `${HEADER},管理部门,使用部门,使用人,存放地点,出厂编号,使用方向`,
        'R-GAP-1,高分辨透射电镜,"300,000.00",2026-12-01,在用,设备与实验室管理处,化学学院,王建华,化学楼 301,SN-8841,科研',
      ].join('\n'),
    ),
  );
  await importCards(enterprise, enterpriseId, csv('E-GAP,三坐标测量机,350000,2026-10-01,在用'));
});
afterAll(() => t.close());

describe('reconciliation against the asset register', () => {
  it('finds each planted kind exactly, for the organisation’s manager', async () => {
    const res = await manager.get('/api/reconciliation');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lateListingDays).toBe(30);
    expect(body.counts).toEqual({ unlisted: 2, disposedListed: 1, valueMismatch: 1, lateListing: 1 });
    expect(body.organisations).toHaveLength(1);
    const org = body.organisations[0];
    expect(org).toMatchObject({
      organisationId: universityId,
      organisationName: '绍兴文理学院',
      thresholdFen: 30_000_000,
      counts: { unlisted: 2, disposedListed: 1, valueMismatch: 1, lateListing: 1 },
    });
    expect(org.unlisted).toEqual([
      {
        assetNo: 'R-GAP-2',
        name: '单晶X射线衍射仪',
        originalValueFen: 120_000_000,
        purchaseDate: null,
        useStatus: '闲置',
        managingDepartment: null,
        usingDepartment: null,
        custodian: null,
        location: null,
        specModel: null,
        manufacturer: null,
        serialNo: null,
        usageDirection: null,
      },
      expect.objectContaining({
        assetNo: 'R-GAP-1',
        originalValueFen: 30_000_000,
        purchaseDate: '2026-12-01',
        managingDepartment: '设备与实验室管理处',
        usingDepartment: '化学学院',
        custodian: '王建华',
        location: '化学楼 301',
        serialNo: 'SN-8841',
        usageDirection: '科研',
      }),
    ]);
    expect(org.disposedListed).toEqual([
      {
        instrumentId: listed['R-DISPOSED'],
        assetNo: 'R-DISPOSED',
        nameZh: '仪器 R-DISPOSED',
        cardName: '旧气相色谱仪',
        useStatus: '报废',
        disposedAt: NOW.replace('Z', '.000Z'),
      },
    ]);
    expect(org.valueMismatch).toEqual([
      {
        instrumentId: listed['R-MISMATCH'],
        assetNo: 'R-MISMATCH',
        nameZh: '仪器 R-MISMATCH',
        instrumentValueFen: 45_000_000,
        cardValueFen: 45_000_001,
        differenceFen: -1,
      },
    ]);
    expect(org.lateListing).toEqual([
      {
        instrumentId: listed['R-LATE'],
        assetNo: 'R-LATE',
        nameZh: '仪器 R-LATE',
        purchaseDate: '2026-06-01',
        dueDate: '2026-07-01',
        listedOn: '2027-03-01',
        daysLate: 243,
      },
    ]);
  });

  it('a bureau officer sees every organisation of the region; an organisation filter narrows it', async () => {
    const region = await officer.get('/api/reconciliation?regionCode=330600');
    expect(region.json().counts).toEqual({ unlisted: 3, disposedListed: 1, valueMismatch: 1, lateListing: 1 });
    expect(
      region
        .json()
        .organisations.map((o: { organisationId: string }) => o.organisationId)
        .sort(),
    ).toEqual([universityId, enterpriseId].sort());
    const byDefault = await officer.get('/api/reconciliation');
    expect(byDefault.json().counts).toEqual(region.json().counts);
    const one = await officer.get(`/api/reconciliation?organisationId=${enterpriseId}`);
    expect(one.json().organisations).toEqual([
      expect.objectContaining({
        organisationId: enterpriseId,
        unlisted: [expect.objectContaining({ assetNo: 'E-GAP' })],
      }),
    ]);
  });

  it('refuses other regions, other organisations and unknown ones with coded errors', async () => {
    const cases: [TestClient, string, number, string][] = [
      [officer, '/api/reconciliation?regionCode=330100', 403, 'REGION_OUT_OF_SCOPE'],
      [officer, '/api/reconciliation?regionCode=999999', 400, 'REGION_UNKNOWN'],
      [enterprise, `/api/reconciliation?organisationId=${universityId}`, 403, 'FORBIDDEN'],
      [manager, `/api/reconciliation?organisationId=${randomUUID()}`, 404, 'NOT_FOUND'],
      [t.client(), '/api/reconciliation', 401, 'UNAUTHENTICATED'],
    ];
    for (const [client, url, status, code] of cases) {
      const res = await client.get(url);
      expect([res.statusCode, res.json().code], url).toEqual([status, code]);
    }
  });

  it('exports one CSV row per finding, with Chinese headers and a BOM', async () => {
    const res = await manager.get('/api/reconciliation/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.startsWith('\uFEFF问题类型,单位,地区代码,资产编号,资产名称,仪器名称,卡片原值(元)')).toBe(true);
    const lines = res.body.trim().split(/\r?\n/).slice(1);
    expect(lines).toHaveLength(5);
    expect(lines).toContain(
      '应入未入,绍兴文理学院,330602,R-GAP-1,高分辨透射电镜,,300000.00,,,2026-12-01,在用,,,,,设备与实验室管理处,化学学院,王建华,化学楼 301,SN-8841,科研',
    );
    expect(lines).toContain(
      '原值不一致,绍兴文理学院,330602,R-MISMATCH,,仪器 R-MISMATCH,450000.01,450000.00,-0.01,,,,,,,,,,,,',
    );
    expect(lines).toContain(
      '逾期入库,绍兴文理学院,330602,R-LATE,,仪器 R-LATE,,,,2026-06-01,,,2026-07-01,2027-03-01,243,,,,,,',
    );
  });
});

describe('lateness', () => {
  it('counts from the purchase date, or from the first import when the card has none', () => {
    expect(lateness({ purchaseDate: '2026-01-01', importedAt: new Date() }, new Date('2026-01-31T15:59:00Z'))).toEqual({
      dueDate: '2026-01-31',
      listedOn: '2026-01-31',
      daysLate: 0,
    });
    // 00:30 on 1 February in Beijing is already the next day.
    expect(
      lateness({ purchaseDate: '2026-01-01', importedAt: new Date() }, new Date('2026-01-31T16:30:00Z')).daysLate,
    ).toBe(1);
    expect(
      lateness({ purchaseDate: null, importedAt: new Date('2026-05-01T02:00:00Z') }, new Date('2026-06-10T02:00:00Z')),
    ).toEqual({ dueDate: '2026-05-31', listedOn: '2026-06-10', daysLate: 10 });
  });
});
