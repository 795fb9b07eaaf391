import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('system routes', () => {
  it('reports a reachable database with current migrations', async () => {
    const res = await t.client().get('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.migrations.current).toBe(true);
    expect(body.migrations.applied).toBeGreaterThanOrEqual(3);
  });

  it('serves an OpenAPI 3 document listing the routes', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/organisations/{id}/verify', '/api/audit']),
    );
  });

  it('answers unknown routes with a coded 404 carrying the request id', async () => {
    const res = await t
      .client()
      .request({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: 'trace-12345678' });
    expect(res.headers['x-request-id']).toBe('trace-12345678');
  });

  it('exposes Prometheus metrics with route-labelled latency', async () => {
    await t.client().get('/api/health');
    const res = await t.client().get('/metrics');
    expect(res.body).toContain('kc_http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/api/health"');
    expect(res.body).toContain('kc_db_pool_connections');
  });
});

describe('regions', () => {
  it('names one region with its full name, and refuses unknown codes', async () => {
    const ok = await t.client().get('/api/regions/330602');
    expect(ok.json()).toMatchObject({ code: '330602', name: '越城区', level: 'county', parentCode: '330600' });
    expect(ok.json().fullName).toBe('浙江省 绍兴市 越城区');
    const unknown = await t.client().get('/api/regions/999999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('REGION_UNKNOWN');
  });
});
