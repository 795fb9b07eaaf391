import { randomBytes } from 'node:crypto';
import { seedDemo } from '../src/server/demo/demo-data.js';
import { randomCreditCode } from '../src/shared/credit-code.js';
import type { TestApp, TestClient } from './app.js';

export const PASSWORD = 'Kechuang#2026';

export function registration(
  overrides: { regionCode?: string; type?: string; email?: string; creditCode?: string } = {},
) {
  const tag = randomBytes(3).toString('hex');
  return {
    organisation: {
      name: `测试科技有限公司${tag}`,
      creditCode: overrides.creditCode ?? randomCreditCode({ regionCode: overrides.regionCode ?? '330602' }),
      type: overrides.type ?? 'enterprise',
      regionCode: overrides.regionCode ?? '330602',
    },
    user: {
      name: `测试${tag}`,
      email: overrides.email ?? `user-${tag}@example.cn`,
      phone: '13912345678',
      password: PASSWORD,
    },
    acceptTerms: true,
  };
}

/** Registers an organisation through the API; returns the signed-in client and the Me body. */
export async function registerOrg(t: TestApp, overrides: Parameters<typeof registration>[0] = {}) {
  const client = t.client();
  const body = registration(overrides);
  const res = await client.post('/api/auth/register', body);
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.body}`);
  return { client, me: res.json(), body };
}

/** The demo bureau (Shaoxing, 330600) with its staff, as `npm start` seeds it. */
export async function seedBureau(t: TestApp) {
  // People and organisations only: the 479-instrument catalogue would cost seconds per test file.
  await seedDemo(t.database.db, { catalogue: false });
  const as = async (
    who: 'admin' | 'officer' | 'auditor' | 'finance' | 'expert' | 'enterprise' | 'manager',
  ): Promise<TestClient> => {
    const c = t.client();
    await c.login(`${who}@demo.kechuang.cn`);
    return c;
  };
  return { as };
}
