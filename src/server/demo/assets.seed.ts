import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { assetCards, assetImports } from '../modules/assets/asset.table.js';
import { instruments } from '../modules/instruments/instrument.table.js';
import { mulberry32 } from './instruments.generator.js';

/**
 * 应入未入 planted in the register: cards at or above the 300,000-yuan threshold with no listing.
 * The first two go to the manager's university (the demo login sees them), the rest round-robin.
 */
const UNLISTED = [
  { name: '场发射透射电子显微镜', model: 'JEM-F200', manufacturer: '日本电子', country: '日本', yuan: 6_850_000 },
  { name: '400MHz 核磁共振波谱仪', model: 'AVANCE NEO 400', manufacturer: '布鲁克', country: '德国', yuan: 3_260_000 },
  {
    name: '激光共聚焦拉曼光谱仪',
    model: 'LabRAM HR Evolution',
    manufacturer: '堀场',
    country: '日本',
    yuan: 1_480_000,
  },
  { name: '超高效液相色谱-串联质谱仪', model: 'Xevo TQ-XS', manufacturer: '沃特世', country: '美国', yuan: 2_390_000 },
  { name: '同步热分析仪', model: 'STA 449 F5', manufacturer: '耐驰', country: '德国', yuan: 612_000 },
  { name: '桥式三坐标测量机', model: 'CONTURA 7/10/6', manufacturer: '蔡司', country: '德国', yuan: 1_150_000 },
] as const;

/** Everyday assets below the threshold: a real register is mostly these, and none is a finding. */
const SMALL = [
  ['台式高速离心机', 'TG16-WS', '湘仪', 38_000],
  ['电子分析天平', 'ME204E', '梅特勒-托利多', 21_500],
  ['恒温恒湿箱', 'LHS-250SC', '一恒', 46_800],
  ['超纯水机', 'Milli-Q IQ 7000', '默克', 128_000],
  ['通风橱', 'TFG-1800', '华锐', 32_000],
  ['紫外可见分光光度计', 'UV-2600i', '岛津', 186_000],
  ['生物安全柜', 'BSC-1500IIA2', '海尔', 58_000],
  ['pH 计', 'S210', '梅特勒-托利多', 9_800],
] as const;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T02:00:00Z`) + n * DAY_MS);

/**
 * The demo finance asset register (资产管理信息系统 cards), one per listed instrument as the
 * finance office would have pushed it, plus planted findings so the reconciliation to-do list is
 * realistic: six 应入未入 cards, two retired cards still listed, two value differences and two
 * late listings. Listing dates are set to shortly after purchase (the catalogue is older than
 * this database), which makes "late" mean the two planted ones only. Bulk inserts, one import row.
 */
export async function seedDemoAssets(tx: Tx, now: Date, universityId: string | undefined) {
  const random = mulberry32(4);
  const listed = await tx
    .select({
      id: instruments.id,
      organisationId: instruments.organisationId,
      assetNo: instruments.assetNo,
      nameZh: instruments.nameZh,
      originalValueFen: instruments.originalValueFen,
      purchaseDate: instruments.purchaseDate,
      manufacturer: instruments.manufacturer,
      country: instruments.country,
      model: instruments.model,
      location: instruments.location,
    })
    .from(instruments)
    .orderBy(instruments.assetNo, instruments.id);
  const withCard = listed.filter((i): i is typeof i & { assetNo: string } => !!i.assetNo);
  if (!withCard.length) return { cards: 0 };
  const orgIds = [...new Set(withCard.map((i) => i.organisationId))];
  const ordered =
    universityId && orgIds.includes(universityId)
      ? [universityId, ...orgIds.filter((o) => o !== universityId)]
      : orgIds;

  // Planted on instruments of the university first, then elsewhere: [retired, retired, value, value, late, late].
  const pickFor = (orgId: string | undefined, skip: Set<string>) =>
    withCard.find((i) => (!orgId || i.organisationId === orgId) && !skip.has(i.id) && i.purchaseDate);
  const used = new Set<string>();
  const plant = (orgId: string | undefined) => {
    const hit = pickFor(orgId, used) ?? pickFor(undefined, used);
    if (hit) used.add(hit.id);
    return hit;
  };
  const retired = [plant(ordered[0]), plant(ordered[1])];
  const mismatched = [plant(ordered[0]), plant(ordered[2])];
  const late = [plant(ordered[0]), plant(ordered[3])];

  const importId = crypto.randomUUID();
  const byOrg = new Map<string, (typeof assetCards.$inferInsert)[]>();
  const add = (
    orgId: string,
    card: Omit<typeof assetCards.$inferInsert, 'organisationId' | 'raw' | 'source' | 'importedAt' | 'updatedAt'>,
  ) => {
    const list = byOrg.get(orgId) ?? [];
    list.push({
      ...card,
      organisationId: orgId,
      raw: { 资产编号: card.assetNo, 资产名称: card.name },
      source: 'api',
      importedAt: now,
      updatedAt: now,
    });
    byOrg.set(orgId, list);
  };

  for (const i of withCard) {
    const isRetired = retired.includes(i);
    const diff = mismatched.includes(i) ? (mismatched.indexOf(i) === 0 ? 1_280_000 : -560_000) : 0;
    add(i.organisationId, {
      assetNo: i.assetNo,
      name: i.nameZh,
      className: '仪器仪表',
      specModel: i.model,
      manufacturer: i.manufacturer,
      country: i.country,
      acquisitionMethod: '新购',
      purchaseDate: i.purchaseDate,
      originalValueFen: i.originalValueFen + diff,
      fundingSource: random() < 0.6 ? '财政拨款' : '科研项目经费',
      useStatus: isRetired ? '报废' : '在用',
      location: i.location,
      disposedAt: isRetired ? addDays(now.toISOString().slice(0, 10), -40 - Math.floor(random() * 60)) : null,
    });
  }
  UNLISTED.forEach((u, k) => {
    const orgId = ordered[k < 2 ? 0 : (k - 1) % ordered.length] as string;
    add(orgId, {
      assetNo: `ZC-2026-${String(9001 + k)}`,
      name: u.name,
      className: '仪器仪表',
      specModel: u.model,
      manufacturer: u.manufacturer,
      country: u.country,
      acquisitionMethod: '新购',
      purchaseDate: addDays(now.toISOString().slice(0, 10), -(45 + k * 23))
        .toISOString()
        .slice(0, 10),
      originalValueFen: u.yuan * 100,
      fundingSource: '财政拨款',
      useStatus: '在用',
      usingDepartment: '分析测试中心',
    });
  });
  ordered.forEach((orgId, k) => {
    for (let n = 0; n < 3; n++) {
      const [name, model, maker, yuan] = SMALL[(k * 3 + n) % SMALL.length] as (typeof SMALL)[number];
      add(orgId, {
        assetNo: `ZC-S-${String(k + 1).padStart(2, '0')}${n + 1}`,
        name,
        className: '仪器仪表',
        specModel: model,
        manufacturer: maker,
        country: '中国',
        acquisitionMethod: '新购',
        purchaseDate: `20${String(15 + ((k + n) % 10))}-0${1 + n}-15`,
        originalValueFen: yuan * 100,
        fundingSource: '财政拨款',
        useStatus: '在用',
      });
    }
  });

  // One import row per organisation, as the finance system's nightly push would leave.
  let cards = 0;
  for (const [orgId, list] of byOrg) {
    const id = orgId === ordered[0] ? importId : crypto.randomUUID();
    await tx.insert(assetImports).values({
      id,
      organisationId: orgId,
      source: 'api',
      filename: null,
      sha256: createHash('sha256').update(`demo:${orgId}`).digest('hex'),
      dryRun: false,
      rowsTotal: list.length,
      rowsInserted: list.length,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsFailed: 0,
      createdAt: now,
    });
    await tx.insert(assetCards).values(list.map((c) => ({ ...c, lastImportId: id })));
    cards += list.length;
  }

  // Listing dates: a few days to four weeks after purchase, the planted late ones months after.
  const listedAt = withCard
    .filter((i) => i.purchaseDate)
    .map((i) => {
      const days = late.includes(i) ? 75 + Math.floor(random() * 90) : 3 + Math.floor(random() * 25);
      const at = addDays(i.purchaseDate as string, days);
      return { id: i.id, at: at > now ? now : at };
    });
  for (let k = 0; k < listedAt.length; k += 500) {
    const part = listedAt.slice(k, k + 500);
    await tx.execute(sql`
      update ${instruments} set created_at = v.at::timestamptz
      from (values ${sql.join(
        part.map((p) => sql`(${p.id}::uuid, ${p.at.toISOString()})`),
        sql`, `,
      )}) as v(id, at)
      where ${instruments.id} = v.id`);
  }
  return { cards, unlisted: UNLISTED.length, retired: 2, valueMismatch: 2, lateListing: 2 };
}
