import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { assetCards, assetImports } from '../../db/schema.js';

let t: TestApp;
let manager: TestClient;
let enterprise: TestClient;
let orgId: string;

const post = (client: TestClient, url: string, body: Buffer) =>
  client.request({ method: 'POST', url, payload: body, headers: { 'content-type': 'text/csv' } });
const inspect = (body: Buffer, client = manager) =>
  post(client, `/api/organisations/${orgId}/asset-imports/inspect`, body);
const importFile = (body: Buffer, q: { dryRun: boolean; mapping?: object }) => {
  const p = new URLSearchParams({ dryRun: String(q.dryRun), filename: 'register.csv' });
  if (q.mapping) p.set('mapping', JSON.stringify(q.mapping));
  return post(manager, `/api/organisations/${orgId}/asset-imports?${p}`, body);
};

// Own headers that no alias knows: the mapping step must be used.
const ODD = [
  '固定资产台账（导出于 2027-01-05）',
  '卡片号,设备,入账金额,启用时间,状态',
  'K-1,扫描电镜,"600,000",2026-01-02,在用',
];

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  enterprise = await bureau.as('enterprise');
  orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
});
afterAll(() => t.close());

describe('column-mapping step', () => {
  it('finds the header under a title row, suggests a mapping from Chinese finance headers, and writes nothing', async () => {
    const file = Buffer.from(
      [
        '资产卡片导出,,,',
        '资产编码,资产名称,账面原值（元）,取得日期,使用状态',
        'A-1,液相色谱仪,"350,000.00",2025-03-01,在用',
        'A-2,离心机,8000,2025-03-01,在用',
      ].join('\r\n'),
    );
    const res = await inspect(file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      headerRow: 2,
      rowsTotal: 2,
      suggested: {
        assetNo: '资产编码',
        name: '资产名称',
        originalValue: '账面原值（元）',
        purchaseDate: '取得日期',
        useStatus: '使用状态',
      },
      remembered: null,
    });
    expect(res.json().sample[0]).toEqual(['A-1', '液相色谱仪', '350,000.00', '2025-03-01', '在用']);
    expect(res.json().fields.find((f: { field: string }) => f.field === 'assetNo')).toMatchObject({ required: true });
    expect(await t.database.db.select().from(assetImports)).toEqual([]);
  });

  it('reads a GBK file and says so', async () => {
    // "资产编号,资产名称,价值(元)\r\nG-1,扫描电镜,500000\r\n" in GBK.
    const file = Buffer.from(
      'd7cab2fab1e0bac52cd7cab2fac3fbb3c62cbcdbd6b528d4aa290d0a472d312cc9a8c3e8b5e7beb52c3530303030300d0a',
      'hex',
    );
    const res = await inspect(file);
    expect(res.json()).toMatchObject({ encoding: 'gbk', headers: ['资产编号', '资产名称', '价值(元)'] });
  });

  it('with unknown headers suggests nothing required; the chosen mapping previews, commits and is remembered', async () => {
    const file = Buffer.from(ODD.join('\n'));
    const first = await inspect(file);
    expect(first.json().suggested.assetNo).toBeUndefined();
    expect(first.json().headers).toEqual(['卡片号', '设备', '入账金额', '启用时间', '状态']);
    expect((await importFile(file, { dryRun: true })).json().code).toBe('ASSET_COLUMNS_MISSING');

    const mapping = {
      assetNo: '卡片号',
      name: '设备',
      originalValue: '入账金额',
      purchaseDate: '启用时间',
      useStatus: '状态',
    };
    const preview = await importFile(file, { dryRun: true, mapping });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ inserted: 1, failed: 0, columns: mapping });
    expect(preview.json().changes[0]).toMatchObject({ row: 3, assetNo: 'K-1', kind: 'new' });
    expect(await t.database.db.select().from(assetCards).where(eq(assetCards.organisationId, orgId))).toEqual([]);

    expect((await importFile(file, { dryRun: false, mapping })).statusCode).toBe(201);
    expect((await inspect(file)).json().remembered).toEqual(mapping);
    // A file without those headers is not offered the remembered mapping.
    expect((await inspect(Buffer.from('资产编号,资产名称,价值(元)\nX,Y,1\n'))).json().remembered).toBeNull();
  });

  it('a preview shows each changed field old → new, and an unchanged row not at all', async () => {
    const file = Buffer.from(
      [...ODD.slice(0, 2), 'K-1,场发射扫描电镜,"650,000",2026-01-02,在用', 'K-2,新仪器,1,,'].join('\n'),
    );
    const mapping = {
      assetNo: '卡片号',
      name: '设备',
      originalValue: '入账金额',
      purchaseDate: '启用时间',
      useStatus: '状态',
    };
    const res = await importFile(file, { dryRun: true, mapping });
    expect(res.json()).toMatchObject({ inserted: 1, updated: 1, unchanged: 0, changesTruncated: false });
    const changed = res.json().changes.find((c: { assetNo: string }) => c.assetNo === 'K-1');
    expect(changed).toEqual({
      row: 3,
      assetNo: 'K-1',
      kind: 'changed',
      fields: [
        { field: 'name', old: '扫描电镜', new: '场发射扫描电镜' },
        { field: 'originalValueFen', old: 60_000_000, new: 65_000_000 },
      ],
    });
    const fresh = res.json().changes.find((c: { assetNo: string }) => c.assetNo === 'K-2');
    expect(fresh.fields).toEqual([
      { field: 'name', old: null, new: '新仪器' },
      { field: 'originalValueFen', old: null, new: 100 },
    ]);
  });

  it('refuses an inspect by someone outside the organisation, and hostile files, with coded errors', async () => {
    expect((await inspect(Buffer.from(ODD.join('\n')), enterprise)).json().code).toBe('FORBIDDEN');
    expect((await inspect(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).json().code).toBe('ASSET_FILE_TYPE');
    expect((await inspect(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41))).statusCode).toBe(413);
    expect((await inspect(Buffer.from('资产编号\n'))).json().code).toBe('ASSET_FILE_EMPTY');
  });
});

describe('error report download', () => {
  it('lists every bad row with its number, column and reason, as CSV; good rows are imported', async () => {
    const file = Buffer.from(
      [
        '资产编号,资产名称,价值(元),购置日期',
        'E-1,好仪器,1000,2025-01-01',
        'E-1,重复编号,2000,2025-01-01',
        'E-3,公式,=SUM(A1:A9),2025-01-01',
        'E-4,坏日期,100,2025-02-30',
        ',无编号,100,',
      ].join('\n'),
    );
    const res = await importFile(file, { dryRun: false });
    expect(res.json()).toMatchObject({ inserted: 1, failed: 4 });
    const csv = await manager.get(`/api/organisations/${orgId}/asset-imports/${res.json().id}/errors.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('行号,列,错误代码,原因');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '3,资产编号,ASSET_ROW_DUPLICATE',
      '4,价值(元),ASSET_ROW_AMOUNT_INVALID',
      '5,购置日期,ASSET_ROW_DATE_INVALID',
      '6,资产编号,ASSET_ROW_REQUIRED',
    ]);
    const other = await enterprise.get(`/api/organisations/${orgId}/asset-imports/${res.json().id}/errors.csv`);
    expect(other.statusCode).toBe(403);
  });
});
