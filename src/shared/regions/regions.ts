/**
 * GB/T 2260 administrative divisions (province / city / county), from a versioned local table.
 *
 * A local table rather than prefix arithmetic alone because the 2+2+2 code structure has exceptions (直辖市,
 * `xx90` 省直辖县级行政区划, 不设区的地级市) that a naive `code.slice(0, 4) + '00'` gets wrong, and rather than a
 * runtime npm package because those ship villages and sqlite files (~180 MB). See PROVENANCE.md.
 *
 * Pure and environment-neutral (no Node APIs) so the web cascader and the server share one source of truth.
 *
 * Modelling choices (see PROVENANCE.md for the full rules):
 * - A 直辖市 (110000, 120000, 310000, 500000) is stored once, as level `province`, and also acts as the city tier:
 *   its districts/counties have it as parent and there is no `xx0100` 市辖区 row.
 * - Counties under `xx90` (e.g. 429004 仙桃市) have the province as parent; `xx9000` is not a region.
 * - 东莞/中山/儋州/嘉峪关 are level `city` with no children; `isCountyLevel` treats them as county-usable.
 */
import data from './regions.data.json' with { type: 'json' };

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  /** null for provinces (including 直辖市). */
  readonly parentCode: string | null;
}

type Row = readonly [code: string, name: string, level: 1 | 2 | 3, parentCode: string | null];

const LEVELS: Record<Row[2], RegionLevel> = { 1: 'province', 2: 'city', 3: 'county' };

/** Prefix length per level: what every code inside a scope of that level shares. */
const PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6 };

const MUNICIPALITIES: ReadonlySet<string> = new Set(['110000', '120000', '310000', '500000']);

const CODE_RE = /^\d{6}$/;

/** Data cut-off date of the table (e.g. `2023-06-30`); store it next to any persisted region code. */
export const regionDataVersion: string = data.version;

/** Human-readable provenance of the table, for an "about the data" footnote. */
export const regionDataSource: string = data.source;

const byCode = new Map<string, Region>();
const childIndex = new Map<string, Region[]>();
const provinceList: Region[] = [];

for (const [code, name, level, parentCode] of data.regions as unknown as readonly Row[]) {
  const region: Region = Object.freeze({ code, name, level: LEVELS[level], parentCode });
  byCode.set(code, region);
  if (parentCode === null) {
    provinceList.push(region);
  } else {
    const siblings = childIndex.get(parentCode);
    if (siblings) siblings.push(region);
    else childIndex.set(parentCode, [region]);
  }
}

/** The region for an exact 6-digit code, or undefined (unknown, abolished after the cut-off, or malformed). */
export function getRegion(code: string): Region | undefined {
  return byCode.get(code);
}

/** True only for a well-formed code present in the table, i.e. safe to persist as a region reference. */
export function isRegionCode(code: string): boolean {
  return CODE_RE.test(code) && byCode.has(code);
}

/** True for 北京/天津/上海/重庆, which play both the province and the city tier. */
export function isMunicipality(code: string): boolean {
  return MUNICIPALITIES.has(code);
}

/**
 * Whether the code can be stored where a county-level (区县) region is required: real counties, plus the
 * 不设区的地级市 (东莞 etc.) which have nothing below them, so a cascader ends there.
 */
export function isCountyLevel(code: string): boolean {
  const r = byCode.get(code);
  if (!r) return false;
  return r.level === 'county' || (r.level === 'city' && !childIndex.has(code));
}

/** Ancestors from the province down to the parent, excluding the region itself; [] for provinces and unknowns. */
export function ancestors(code: string): Region[] {
  const out: Region[] = [];
  let current = byCode.get(code);
  while (current?.parentCode) {
    const parent = byCode.get(current.parentCode);
    if (!parent) break;
    out.unshift(parent);
    current = parent;
  }
  return out;
}

/** Direct children in code order; a copy, so callers cannot corrupt the shared index. */
export function children(code: string): Region[] {
  return [...(childIndex.get(code) ?? [])];
}

/**
 * The city tier of a region, as users understand it: the prefecture for its counties, the 直辖市 for its
 * districts, the city itself for cities. Undefined for ordinary provinces and for `xx90` counties, which really
 * have no city above them (inventing one would mislead statistics grouped by city).
 */
export function cityOf(code: string): Region | undefined {
  const r = byCode.get(code);
  if (!r) return undefined;
  if (r.level === 'city' || isMunicipality(r.code)) return r;
  if (r.level === 'county' && r.parentCode) {
    const parent = byCode.get(r.parentCode);
    if (parent && (parent.level === 'city' || isMunicipality(parent.code))) return parent;
  }
  return undefined;
}

/** Display name from the province down, e.g. `浙江省 绍兴市 越城区`, `北京市 东城区`; undefined if unknown. */
export function fullName(code: string, separator = ' '): string | undefined {
  const r = byCode.get(code);
  if (!r) return undefined;
  return [...ancestors(code), r].map((x) => x.name).join(separator);
}

/**
 * Whether `code` lies inside `scopeCode` (a region is within itself). Decided from the parent chain, not the
 * digits, so it stays right for the exceptions; `scopePrefix` is the SQL-friendly equivalent.
 */
export function isWithin(code: string, scopeCode: string): boolean {
  if (!byCode.has(scopeCode)) return false;
  let current = byCode.get(code);
  while (current) {
    if (current.code === scopeCode) return true;
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return false;
}

/**
 * Code prefix shared by every region within the scope, for `code LIKE prefix || '%'` filters: province (and
 * 直辖市) → 2 digits, city → 4, county → 6. Invariant, tested over the whole table:
 * `isWithin(c, s) === c.startsWith(scopePrefix(s))` for every known c and s.
 *
 * Throws on an unknown scope: an empty or guessed prefix would silently widen a data-permission filter.
 */
export function scopePrefix(scopeCode: string): string {
  const r = byCode.get(scopeCode);
  if (!r) throw new RangeError(`Unknown region code: ${scopeCode}`);
  return scopeCode.slice(0, PREFIX_LENGTH[r.level]);
}

/** All provinces (incl. 直辖市 and autonomous regions) in code order. */
export function provinces(): Region[] {
  return [...provinceList];
}
