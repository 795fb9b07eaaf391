import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { fixedClock } from '../src/server/lib/clock.js';
import { createTestDatabase } from './db.js';
import { fakeMailer } from './fakes.js';

/** The real app on a real (PGlite or PostgreSQL) database, with a settable clock and a fake mailer. */
export async function createTestApp(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const clock = fixedClock(new Date());
  const mailer = fakeMailer();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: undefined, ...env });
  const built = await buildApp({ config, database, clock, mailer });
  await built.app.ready();
  return {
    ...built,
    database,
    clock,
    mailer,
    config,
    client: (): TestClient => new TestClient(built.app, () => clock.now().getTime()),
    async close() {
      await built.app.close();
      await database.close();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * A browser-like client over app.inject: keeps cookies and sends the CSRF header on unsafe
 * methods, as the web app does. Tests that probe CSRF pass `csrf: false` or their own header.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  /**
   * `now` is the app's clock: cookie expiry is judged against it, as a browser living in the
   * test's time would, so tests set at a fixed date keep their sessions whatever today's date is.
   */
  constructor(
    private readonly app: FastifyInstance,
    private readonly now: () => number = Date.now,
  ) {}

  async request(opts: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const method = (opts.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (!['GET', 'HEAD'].includes(method) && opts.csrf !== false) {
      if (!this.cookies.has('kc_csrf')) await this.request({ method: 'GET', url: '/api/auth/csrf' });
      headers['x-csrf-token'] ??= this.cookies.get('kc_csrf') as string;
    }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({ ...opts, method: method as InjectOptions['method'], headers });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() <= this.now()) || c.maxAge === 0)
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, payload?: unknown) =>
    this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  put = (url: string, payload?: unknown) =>
    this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  patch = (url: string, payload?: unknown) =>
    this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  delete = (url: string) => this.request({ method: 'DELETE', url });

  async login(email: string, password = 'Kechuang#2026') {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.body}`);
    return res.json();
  }
}
