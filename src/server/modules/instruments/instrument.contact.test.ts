import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { auditLog, instruments } from '../../db/schema.js';

let t: TestApp;
let manager: TestClient;
let enterprise: TestClient;
let orgId: string;

/** Well formed (labels under 64 characters) but 311 characters long. */
const LONG = `${'a'.repeat(64)}@${Array(4).fill('b'.repeat(60)).join('.')}.cn`;

const listing = (assetNo: string, overrides: Record<string, unknown> = {}) => ({
  organisationId: orgId,
  assetNo,
  nameZh: '激光共聚焦显微镜',
  classCode: '010801',
  originalValueFen: 120_000_000,
  contactName: '刘老师',
  contactPhone: '13800138000',
  ...overrides,
});

const listed = async () =>
  (
    (await t.database.db.execute(sql`select count(*)::int as n from instruments`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0]?.n;
const stored = async (id: string) => (await t.database.db.select().from(instruments).where(eq(instruments.id, id)))[0];

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  enterprise = await bureau.as('enterprise');
  orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
});
afterAll(() => t.close());

describe('instrument contact email (联系邮箱)', () => {
  it('is stored trimmed and published in full on the public page, beside the masked phone', async () => {
    const res = await manager.post(
      '/api/instruments',
      listing('ZC-MAIL-1', { contactEmail: '  Lab-Share@sx-univ.edu.cn ' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ contactEmail: 'Lab-Share@sx-univ.edu.cn', contactPhoneMasked: '138****8000' });
    expect((await stored(res.json().id))?.contactEmail).toBe('Lab-Share@sx-univ.edu.cn');

    const anonymous = await t.client().get(`/api/instruments/${res.json().id}`);
    expect(anonymous.json()).toMatchObject({
      contactName: '刘老师',
      contactPhoneMasked: '138****8000',
      contactEmail: 'Lab-Share@sx-univ.edu.cn',
      canManage: false,
    });
    expect((await enterprise.get(`/api/instruments/${res.json().id}`)).json().contactEmail).toBe(
      'Lab-Share@sx-univ.edu.cn',
    );
  });

  it('is optional: a listing without one shows null', async () => {
    const res = await manager.post('/api/instruments', listing('ZC-MAIL-2'));
    expect(res.statusCode).toBe(201);
    expect(res.json().contactEmail).toBeNull();
  });

  it.each([
    ['not an address', 'lab.sx-univ.edu.cn'],
    ['no domain', 'lab@'],
    ['two at signs', 'lab@@sx-univ.edu.cn'],
    ['an empty string', ''],
    ['over 254 characters', LONG],
    ['a number', 42],
  ])('refuses %s with the coded validation error and writes nothing', async (_name, bad) => {
    const before = await listed();
    const res = await manager.post(
      '/api/instruments',
      listing(`ZC-MAIL-BAD-${String(bad).length}`, { contactEmail: bad }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(res.json().details).toEqual([expect.objectContaining({ path: 'body.contactEmail' })]);
    expect(await listed()).toBe(before);
  });

  it('says why in both languages', async () => {
    const res = await manager.post('/api/instruments', listing('ZC-MAIL-MSG', { contactEmail: 'nope' }));
    expect(res.json().details[0].message).toBe(
      '请输入有效的邮箱地址，如 lab@example.cn / Enter a valid email address, e.g. lab@example.cn',
    );
    const long = await manager.post('/api/instruments', listing('ZC-MAIL-LONG', { contactEmail: LONG }));
    expect(long.json().details.map((d: { message: string }) => d.message)).toEqual([
      '邮箱最长 254 个字符 / At most 254 characters',
    ]);
  });

  it('an edit changes it, null clears it, an omitted one keeps it, and a bad one is refused', async () => {
    const { id } = (await manager.post('/api/instruments', listing('ZC-MAIL-3', { contactEmail: 'a@sx.cn' }))).json();
    const changed = await manager.patch(`/api/instruments/${id}`, { contactEmail: 'b@sx.cn' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().contactEmail).toBe('b@sx.cn');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.at(-1)?.summary).toMatchObject({
      before: { contactEmail: 'a@sx.cn' },
      after: { contactEmail: 'b@sx.cn' },
    });

    expect(
      (await manager.patch(`/api/instruments/${id}`, { nameZh: '激光共聚焦显微镜二号' })).json().contactEmail,
    ).toBe('b@sx.cn');
    const bad = await manager.patch(`/api/instruments/${id}`, { contactEmail: 'b@' });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await stored(id))?.contactEmail).toBe('b@sx.cn');

    const cleared = await manager.patch(`/api/instruments/${id}`, { contactEmail: null });
    expect(cleared.json().contactEmail).toBeNull();
    expect((await stored(id))?.contactEmail).toBeNull();
    // The phone was never sent with these edits, so it is still on file.
    expect((await stored(id))?.contactPhone).toBe('13800138000');
  });

  it('only the owner’s managers may set it', async () => {
    const { id } = (await manager.post('/api/instruments', listing('ZC-MAIL-4'))).json();
    const res = await enterprise.patch(`/api/instruments/${id}`, { contactEmail: 'x@sx.cn' });
    expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await stored(id))?.contactEmail).toBeNull();
  });
});
