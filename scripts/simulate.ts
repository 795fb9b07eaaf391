/**
 * `npm run simulate -- --devices N --days D --speed X [--api URL] [--broker URL] [--truth file]`
 * Signs in to the platform as an instrument manager (demo manager by default), provisions N
 * devices on instruments of that organisation that have none (or reuses --credentials file),
 * publishes D days of realistic traces ending now at X× real time with each device's own
 * credentials, and writes the ground truth (true hours per device) to a JSON file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type SimDevice, simulate } from '../src/server/mqtt/simulator.js';

const { values: a } = parseArgs({
  options: {
    devices: { type: 'string', default: '5' },
    days: { type: 'string', default: '1' },
    speed: { type: 'string', default: '1440' },
    api: { type: 'string', default: 'http://localhost:3000' },
    broker: { type: 'string' },
    email: { type: 'string', default: 'manager@demo.kechuang.cn' },
    password: { type: 'string', default: 'Kechuang#2026' },
    credentials: { type: 'string' },
    truth: { type: 'string', default: 'simulation-truth.json' },
    seed: { type: 'string', default: '1' },
  },
});

let cookies = '';
let csrf = '';
async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${a.api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: cookies, 'x-csrf-token': csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, v] = (pair ?? '').split('=');
    if (k === 'kc_csrf') csrf = v ?? '';
    cookies = [...cookies.split('; ').filter((x) => x && !x.startsWith(`${k}=`)), pair].join('; ');
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function provision(n: number): Promise<{ devices: SimDevice[]; brokerUrl: string | null }> {
  await call('GET', '/api/auth/csrf');
  const me = await call('POST', '/api/auth/login', { email: a.email, password: a.password });
  const orgId = me.memberships?.[0]?.organisation?.id;
  const taken = new Set(
    (await call('GET', `/api/devices?status=active&pageSize=200`)).items.map(
      (d: { instrumentId: string }) => d.instrumentId,
    ),
  );
  const devices: SimDevice[] = [];
  let brokerUrl: string | null = null;
  for (let page = 1; devices.length < n && page < 50; page++) {
    const list = await call('GET', `/api/instruments?pageSize=100&page=${page}&organisationId=${orgId}`);
    if (!list.items.length) break;
    for (const i of list.items as { id: string; organisationId: string }[]) {
      if (devices.length >= n) break;
      if (i.organisationId !== orgId || taken.has(i.id)) continue;
      const created = await call('POST', '/api/devices', { instrumentId: i.id, label: 'simulator' });
      brokerUrl = created.credentials.brokerUrl;
      devices.push({ id: created.device.id, password: created.credentials.password, instrumentId: i.id });
    }
  }
  if (devices.length < n) console.warn(`only ${devices.length} free instruments found for ${n} devices`);
  return { devices, brokerUrl };
}

const given = a.credentials ? (JSON.parse(readFileSync(a.credentials, 'utf8')) as SimDevice[]) : null;
const { devices, brokerUrl } = given ? { devices: given, brokerUrl: null } : await provision(Number(a.devices));
const url = a.broker ?? brokerUrl ?? 'mqtt://127.0.0.1:1883';
if (!given) writeFileSync('simulation-devices.json', JSON.stringify(devices, null, 2));
const speed = a.speed === 'max' ? Number.POSITIVE_INFINITY : Number(a.speed);
console.log(`simulating ${devices.length} devices × ${a.days} days at ${a.speed}× via ${url}`);
const started = Date.now();
const { truth, sent } = await simulate({
  brokerUrl: url,
  devices,
  days: Number(a.days),
  speed,
  seed: Number(a.seed),
  onProgress: (s, total) => process.stdout.write(`\r  ${s}/${total} messages acked`),
  onError: (m) => console.warn(`\n${m}`),
});
writeFileSync(a.truth, JSON.stringify({ generatedAt: new Date().toISOString(), devices: truth }, null, 2));
console.log(`\n${sent} messages in ${((Date.now() - started) / 1000).toFixed(1)} s; ground truth in ${a.truth}`);
