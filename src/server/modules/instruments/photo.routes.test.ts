import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';
import { auditLog, instrumentPhotos } from '../../db/schema.js';

let t: TestApp;
let manager: TestClient;
let enterprise: TestClient;
let orgId: string;
let seq = 0;

/** A distinct image of the given type: the right first bytes, then filler. */
function image(type: 'png' | 'jpeg' | 'webp', size = 2_000): Buffer {
  const head = {
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    webp: Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'),
  }[type];
  const body = Buffer.alloc(size - head.length, seq++ % 251);
  body.writeUInt32BE(seq, 0);
  return Buffer.concat([head, body]);
}

const upload = (client: TestClient, id: string, bytes: Buffer, contentType = 'image/png') =>
  client.request({
    method: 'POST',
    url: `/api/instruments/${id}/photos`,
    payload: bytes,
    headers: { 'content-type': contentType },
  });

async function listInstrument() {
  const res = await manager.post('/api/instruments', {
    organisationId: orgId,
    assetNo: `PH-${seq++}`,
    nameZh: '场发射扫描电子显微镜',
    classCode: '010101',
    originalValueFen: 450_000_000,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  manager = await bureau.as('manager');
  enterprise = await bureau.as('enterprise');
  orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
});
afterAll(() => t.close());

describe('instrument photos', () => {
  it('the manager uploads photos; the page, the catalogue cover and the image itself follow', async () => {
    const id = await listInstrument();
    const first = image('jpeg');
    const res = await upload(manager, id, first, 'image/jpeg');
    expect(res.statusCode).toBe(201);
    const [photo] = res.json().photos;
    expect(photo.url).toBe(`/api/instruments/${id}/photos/${photo.id}`);
    await upload(manager, id, image('png'));
    // A Windows browser may label the file application/octet-stream: the bytes decide.
    expect((await upload(manager, id, image('webp'), 'application/octet-stream')).statusCode).toBe(201);

    const detail = (await t.client().get(`/api/instruments/${id}`)).json();
    expect(detail.photos).toHaveLength(3);
    expect(detail.photoUrl).toBe(photo.url);
    const listed = (await t.client().get(`/api/instruments?organisationId=${orgId}&pageSize=100`)).json();
    expect(listed.items.find((i: { id: string }) => i.id === id).photoUrl).toBe(photo.url);

    const served = await t.client().get(photo.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(served.rawPayload.equals(first)).toBe(true);
  });

  it('orders photos (the first is the cover) and closes the gap a deletion leaves', async () => {
    const id = await listInstrument();
    for (let i = 0; i < 3; i++) await upload(manager, id, image('png'));
    const ids = (await t.client().get(`/api/instruments/${id}/photos`)).json().photos.map((p: { id: string }) => p.id);
    const reversed = [...ids].reverse();
    const ordered = await manager.put(`/api/instruments/${id}/photos/order`, { ids: reversed });
    expect(ordered.json().photos.map((p: { id: string }) => p.id)).toEqual(reversed);
    expect((await t.client().get(`/api/instruments/${id}`)).json().photoUrl).toContain(reversed[0]);
    for (const bad of [[ids[0]], [...ids, ids[0]], [ids[0], ids[1], crypto.randomUUID()]]) {
      const res = await manager.put(`/api/instruments/${id}/photos/order`, { ids: bad });
      expect([res.statusCode, res.json().code]).toEqual([400, 'INSTRUMENT_PHOTO_ORDER']);
    }
    const after = await manager.delete(`/api/instruments/${id}/photos/${reversed[1]}`);
    expect(after.json().photos.map((p: { id: string }) => p.id)).toEqual([reversed[0], reversed[2]]);
    const rows = await t.database.db.select().from(instrumentPhotos).where(eq(instrumentPhotos.instrumentId, id));
    expect(rows.map((r) => r.position).sort()).toEqual([0, 1]);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['instrument.photo_add', 'instrument.photo_order', 'instrument.photo_delete']),
    );
  });

  it('refuses other files, oversized ones, repeats and outsiders with coded errors, storing nothing', async () => {
    const id = await listInstrument();
    const cases: [TestClient, Buffer, string, number, string][] = [
      [manager, Buffer.from('GIF89a-not-allowed'), 'image/gif', 415, 'INSTRUMENT_PHOTO_TYPE'],
      [manager, Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml', 415, 'INSTRUMENT_PHOTO_TYPE'],
      [manager, image('jpeg', 1024 * 1024 + 1), 'image/jpeg', 413, 'INSTRUMENT_PHOTO_TOO_LARGE'],
      [enterprise, image('png'), 'image/png', 403, 'FORBIDDEN'],
    ];
    for (const [client, bytes, type, status, code] of cases) {
      const res = await upload(client, id, bytes, type);
      expect([res.statusCode, res.json().code], code).toEqual([status, code]);
    }
    const once = image('png');
    expect((await upload(manager, id, once)).statusCode).toBe(201);
    const again = await upload(manager, id, once);
    expect([again.statusCode, again.json().code]).toEqual([409, 'INSTRUMENT_PHOTO_DUPLICATE']);
    const rows = await t.database.db.select().from(instrumentPhotos).where(eq(instrumentPhotos.instrumentId, id));
    expect(rows).toHaveLength(1);
    expect((await enterprise.delete(`/api/instruments/${id}/photos/${rows[0]?.id}`)).json().code).toBe('FORBIDDEN');
    const missing = await t.client().get(`/api/instruments/${id}/photos/${crypto.randomUUID()}`);
    expect(missing.statusCode).toBe(404);
  });

  it('twelve uploads at once keep exactly eight photos; the other four are told why', async () => {
    const id = await listInstrument();
    const results = await Promise.all(Array.from({ length: 12 }, () => upload(manager, id, image('png'))));
    const codes = results.map((r) => (r.statusCode === 201 ? 'OK' : r.json().code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(8);
    expect(codes.filter((c) => c === 'INSTRUMENT_PHOTO_LIMIT')).toHaveLength(4);
    const rows = await t.database.db.select().from(instrumentPhotos).where(eq(instrumentPhotos.instrumentId, id));
    expect(rows.map((r) => r.position).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
