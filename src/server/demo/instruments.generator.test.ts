import { describe, expect, it } from 'vitest';
import { contactEmail } from '../../shared/api/instruments.js';
import { isInstrumentClassCode } from '../../shared/instrument-classes.js';
import { demoInstruments, demoOrganisations, mulberry32 } from './instruments.generator.js';

const SHAOXING = new Set(['330602', '330603', '330604', '330624', '330681', '330683']);
const EXISTING_NAMES = ['浙江越芯精密制造有限公司', '绍兴文理学院', '绍兴柯桥新材料科技有限公司', '诸暨智能传感研究院'];

describe('mulberry32', () => {
  it('is deterministic and in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('demoOrganisations', () => {
  const orgs = demoOrganisations();

  it('has 33 Shaoxing organisations, 11 of them enterprises, with unique names, keys and credit bodies', () => {
    expect(orgs).toHaveLength(33);
    expect(orgs.filter((o) => o.type === 'enterprise')).toHaveLength(11);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(33);
    expect(new Set(orgs.map((o) => o.key)).size).toBe(33);
    expect(new Set(orgs.map((o) => o.creditCodeFirst17.slice(8))).size).toBe(33);
    for (const name of EXISTING_NAMES) expect(orgs.map((o) => o.name)).not.toContain(name);
    for (const t of ['university', 'research_institute', 'new_rd_institute', 'service_provider'] as const) {
      expect(orgs.some((o) => o.type === t)).toBe(true);
    }
  });

  it('builds well-formed credit-code prefixes', () => {
    for (const o of orgs) {
      expect(SHAOXING.has(o.regionCode)).toBe(true);
      expect(o.creditCodeFirst17).toMatch(/^[159][12]\d{6}[0-9A-HJ-NP-RTUW-Y]{9}$/);
      expect(o.creditCodeFirst17.slice(2, 8)).toBe(o.regionCode);
      if (o.type === 'enterprise') expect(o.creditCodeFirst17[0]).toBe('9');
    }
  });

  it('is the same on every call', () => {
    expect(demoOrganisations()).toEqual(orgs);
  });
});

describe('demoInstruments', () => {
  const orgs = demoOrganisations();
  const items = demoInstruments(2026, 479, orgs);

  it('is deterministic in its seed', () => {
    expect(demoInstruments(2026, 479, orgs)).toEqual(items);
    expect(demoInstruments(2027, 479, orgs)).not.toEqual(items);
  });

  it('produces valid instruments', () => {
    expect(items).toHaveLength(479);
    const keys = new Set(orgs.map((o) => o.key));
    for (const x of items) {
      expect(isInstrumentClassCode(x.classCode), x.classCode).toBe(true);
      expect(Number.isInteger(x.originalValueFen)).toBe(true);
      expect(x.originalValueFen).toBeGreaterThanOrEqual(30_000_000);
      expect(keys.has(x.ownerKey)).toBe(true);
      expect(x.assetNo).toMatch(/^ZC(\d{4})-\d{5}$/);
      expect(x.assetNo.slice(2, 6)).toBe(x.purchaseDate.slice(0, 4));
      expect(x.purchaseDate).toMatch(/^20[0-2]\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d)$/);
      expect(x.contactPhone).toMatch(/^1[358]\d{9}$/);
      expect(contactEmail.safeParse(x.contactEmail).success, x.contactEmail).toBe(true);
      expect(x.country).toMatch(/^[A-Z]{3}$/);
      expect(Number.isInteger(x.feePerHourFen) && Number.isInteger(x.feePerSampleFen)).toBe(true);
      expect(x.nameZh && x.nameEn && x.manufacturer && x.model && x.specs && x.functions && x.location).toBeTruthy();
    }
  });

  it('totals more than 550 million yuan', () => {
    const total = items.reduce((sum, x) => sum + x.originalValueFen, 0);
    expect(total).toBeGreaterThan(55_000_000_000);
    expect(total).toBeLessThan(75_000_000_000);
  });

  it('has asset numbers unique per owner and gives every owner an instrument (enterprises fewer)', () => {
    const seen = new Set(items.map((x) => `${x.ownerKey}|${x.assetNo}`));
    expect(seen.size).toBe(items.length);
    const perOwner = new Map<string, number>();
    for (const x of items) perOwner.set(x.ownerKey, (perOwner.get(x.ownerKey) ?? 0) + 1);
    expect(perOwner.size).toBe(33);
    const avg = (t: boolean) => {
      const os = orgs.filter((o) => (o.type === 'enterprise') === t);
      return os.reduce((s, o) => s + (perOwner.get(o.key) ?? 0), 0) / os.length;
    };
    expect(avg(true)).toBeLessThan(avg(false));
  });

  it('has roughly the intended mix of status, share mode and purpose', () => {
    const share = (f: (x: (typeof items)[number]) => boolean) => items.filter(f).length / items.length;
    expect(share((x) => x.status === 'normal')).toBeGreaterThan(0.82);
    expect(share((x) => x.shareMode === 'external')).toBeGreaterThan(0.82);
    expect(share((x) => x.purpose === 'special')).toBeGreaterThan(0.12);
    expect(share((x) => x.purpose === 'special')).toBeLessThan(0.28);
    expect(new Set(items.map((x) => x.nameZh)).size).toBeGreaterThanOrEqual(40);
  });

  it('generates 50,000 instruments in under 3 s', () => {
    const start = performance.now();
    const many = demoInstruments(1, 50_000, orgs);
    expect(performance.now() - start).toBeLessThan(3000);
    expect(many).toHaveLength(50_000);
    expect(new Set(many.map((x) => `${x.ownerKey}|${x.assetNo}`)).size).toBe(50_000);
  });
});
