import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { auditLog } from '../../db/schema.js';

let t: TestApp;
let manager: TestClient;
let officer: TestClient;
let auditor: TestClient;
let enterprise: TestClient;
let orgId: string;

const CARDS = Buffer.from(
  [
    '资产编号,资产名称,价值(元),购置日期,使用状况',
    'D-GAP-1,高分辨透射电镜,3000000,2026-12-01,在用',
    'D-GAP-2,涉密测试平台,800000,2026-12-01,在用',
    'D-MIS,激光共聚焦显微镜,450000.01,2026-12-01,在用',
  ].join('\n'),
);
const importCards = () =>
  manager.request({
    method: 'POST',
    url: `/api/organisations/${orgId}/asset-imports?dryRun=false`,
    payload: CARDS,
    headers: { 'content-type': 'text/csv' },
  });
const report = async (client = manager) => (await client.get(`/api/reconciliation?organisationId=${orgId}`)).json();
const dismiss = (body: object, client = manager) =>
  client.post('/api/reconciliation/dismissals', { organisationId: orgId, ...body });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2027-01-10T02:00:00Z');
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  officer = await bureau.as('officer');
  auditor = await bureau.as('auditor');
  enterprise = await bureau.as('enterprise');
  orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  const listed = await manager.post('/api/instruments', {
    organisationId: orgId,
    assetNo: 'D-MIS',
    nameZh: '激光共聚焦显微镜',
    classCode: '010101',
    originalValueFen: 45_000_000,
  });
  if (listed.statusCode !== 201) throw new Error(listed.body);
  if ((await importCards()).statusCode !== 201) throw new Error('import failed');
});
afterAll(() => t.close());

describe('explaining a reconciliation finding', () => {
  it('takes the finding off the list with its reason, audits it, and a re-import does not bring it back', async () => {
    expect((await report()).counts).toMatchObject({ unlisted: 2, valueMismatch: 1 });
    const res = await dismiss({ kind: 'unlisted', assetNo: 'D-GAP-2', reason: 'notShareable', note: '涉密设备' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'unlisted',
      assetNo: 'D-GAP-2',
      reason: 'notShareable',
      note: '涉密设备',
    });
    expect(res.json().detail).toMatchObject({ name: '涉密测试平台', originalValueFen: 80_000_000 });

    const after = await report();
    expect(after.counts).toMatchObject({ unlisted: 1, valueMismatch: 1 });
    expect(after.dismissed).toBe(1);
    expect(after.organisations[0].unlisted.map((u: { assetNo: string }) => u.assetNo)).toEqual(['D-GAP-1']);

    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'asset.reconcile_dismiss'));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.summary).toMatchObject({ assetNo: 'D-GAP-2', reason: 'notShareable' });

    expect((await importCards()).json()).toMatchObject({ unchanged: 3 });
    expect((await report()).counts.unlisted).toBe(1);
    const list = (await manager.get(`/api/reconciliation/dismissals?organisationId=${orgId}`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ assetNo: 'D-GAP-2', dismissedByName: expect.any(String) });
  });

  it('refuses what is not an open finding, an unexplained "other", and those who may not resolve', async () => {
    const codes = async (body: object, client = manager) => {
      const res = await dismiss(body, client);
      return [res.statusCode, res.json().code];
    };
    expect(await codes({ kind: 'unlisted', assetNo: 'D-GAP-2', reason: 'notShareable' })).toEqual([
      404,
      'RECONCILIATION_FINDING_NOT_FOUND',
    ]);
    expect(await codes({ kind: 'unlisted', assetNo: 'NOPE', reason: 'notResearch' })).toEqual([
      404,
      'RECONCILIATION_FINDING_NOT_FOUND',
    ]);
    expect(await codes({ kind: 'lateListing', assetNo: 'D-GAP-1', reason: 'lateExplained' })).toEqual([
      404,
      'RECONCILIATION_FINDING_NOT_FOUND',
    ]);
    expect((await codes({ kind: 'unlisted', assetNo: 'D-GAP-1', reason: 'other' }))[0]).toBe(400);
    expect(await codes({ kind: 'unlisted', assetNo: 'D-GAP-1', reason: 'notResearch' }, auditor)).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(await codes({ kind: 'unlisted', assetNo: 'D-GAP-1', reason: 'notResearch' }, enterprise)).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect((await report()).counts.unlisted).toBe(1);
  });

  it('a bureau officer may explain a value difference; reopening puts a finding back', async () => {
    const res = await dismiss({ kind: 'valueMismatch', assetNo: 'D-MIS', reason: 'valueExplained' }, officer);
    expect(res.statusCode).toBe(201);
    expect((await report(officer)).counts.valueMismatch).toBe(0);
    const reopened = await manager.request({
      method: 'DELETE',
      url: `/api/reconciliation/dismissals/${res.json().id}`,
    });
    expect(reopened.statusCode).toBe(200);
    expect((await report()).counts.valueMismatch).toBe(1);
    const again = await manager.request({ method: 'DELETE', url: `/api/reconciliation/dismissals/${res.json().id}` });
    expect(again.statusCode).toBe(404);
  });

  it('listing the instrument resolves its 应入未入 finding', async () => {
    const before = (await report()).counts.unlisted;
    const res = await manager.post('/api/instruments', {
      organisationId: orgId,
      assetNo: 'D-GAP-1',
      nameZh: '高分辨透射电镜',
      classCode: '010101',
      originalValueFen: 300_000_000,
      purchaseDate: '2026-12-01',
    });
    expect(res.statusCode).toBe(201);
    expect((await report()).counts.unlisted).toBe(before - 1);
    expect(before).toBe(1);
  });

  it('exports the open findings as XLSX', async () => {
    const res = await manager.get(`/api/reconciliation/export.xlsx?organisationId=${orgId}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('问题类型');
    // header, D-MIS value mismatch, then D-GAP-1 and D-MIS listed late (bought 2026-12-01, listed 2027-01-10)
    expect(sheet?.actualRowCount).toBe(4);
    expect(sheet?.getRow(2).getCell(4).value).toBe('D-MIS');
    expect(sheet?.getRow(2).getCell(1).value).toBe('原值不一致');
  });
});
