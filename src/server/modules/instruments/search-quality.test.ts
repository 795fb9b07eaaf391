import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { seedBureau } from '../../../../test/factories.js';

/** A fixed catalogue: the queries below must find the right instruments and rank them sensibly. */
const catalogue = [
  {
    key: 'fesem',
    nameZh: '场发射扫描电子显微镜',
    classCode: '010101',
    model: 'SU8010',
    functions: '表面形貌观察，二次电子像、背散射电子像',
  },
  {
    key: 'tem',
    nameZh: '透射电子显微镜',
    classCode: '010101',
    model: 'Talos F200X',
    functions: '高分辨晶格像、选区电子衍射',
  },
  { key: 'tabletop', nameZh: '台式扫描电镜', classCode: '010101', model: 'TM4000', functions: '快速形貌观察' },
  {
    key: 'lcms',
    nameZh: '液相色谱-质谱联用仪',
    classCode: '010201',
    model: 'Xevo TQ-S',
    functions: '小分子定量分析、药物残留检测',
  },
  {
    key: 'gcms',
    nameZh: '气相色谱-质谱联用仪',
    classCode: '010201',
    model: '8890-5977B',
    functions: '挥发性有机物分析',
  },
  { key: 'hplc', nameZh: '高效液相色谱仪', classCode: '010501', model: 'Nexera X3', functions: '有机物分离与定量' },
  { key: 'icpms', nameZh: '电感耦合等离子体质谱仪', classCode: '010201', model: 'iCAP RQ', functions: '痕量元素分析' },
  {
    key: 'xrd',
    nameZh: 'X射线衍射仪',
    classCode: '010301',
    model: 'D8 ADVANCE',
    functions: '物相定性定量分析、晶体结构',
  },
  {
    key: 'xps',
    nameZh: 'X射线光电子能谱仪',
    classCode: '010301',
    model: 'ESCALAB Xi+',
    functions: '表面元素化学态分析',
  },
  { key: 'nmr', nameZh: '核磁共振波谱仪', classCode: '010601', model: 'AVANCE NEO 600', functions: '有机结构解析' },
  { key: 'ftir', nameZh: '傅里叶变换红外光谱仪', classCode: '010401', model: 'Nicolet iS50', functions: '官能团鉴定' },
  { key: 'utm', nameZh: '万能材料试验机', classCode: '020101', model: '5982', functions: '拉伸、压缩、弯曲试验' },
  { key: 'cmm', nameZh: '三坐标测量机', classCode: '030101', model: 'CONTURA', functions: '几何尺寸与形位公差测量' },
];

let t: TestApp;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  const bureau = await seedBureau(t);
  const manager = await bureau.as('manager');
  const orgId = (await manager.get('/api/auth/me')).json().memberships[0].organisation.id;
  for (const [n, item] of catalogue.entries()) {
    const { key, ...fields } = item;
    const res = await manager.post('/api/instruments', {
      organisationId: orgId,
      assetNo: `SQ-${n}`,
      originalValueFen: 50_000_000 + n,
      ...fields,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids.set(key, res.json().id);
  }
});
afterAll(() => t.close());

async function search(q: string): Promise<string[]> {
  const res = await t.client().get(`/api/instruments?q=${encodeURIComponent(q)}&pageSize=20`);
  expect(res.statusCode).toBe(200);
  const byId = new Map([...ids].map(([k, v]) => [v, k]));
  return res.json().items.map((i: { id: string }) => byId.get(i.id));
}

describe('catalogue search quality', () => {
  it('扫描电镜 finds the scanning electron microscopes, not the TEM', async () => {
    const keys = await search('扫描电镜');
    expect(new Set(keys.slice(0, 2))).toEqual(new Set(['fesem', 'tabletop']));
    expect(keys).not.toContain('tem');
  });

  it('液相色谱 质谱 puts LC-MS first and finds no unrelated instrument', async () => {
    const keys = await search('液相色谱 质谱');
    expect(keys[0]).toBe('lcms');
    expect(keys).not.toContain('utm');
  });

  it('X射线衍射 puts the XRD first', async () => {
    expect((await search('X射线衍射'))[0]).toBe('xrd');
  });

  it('abbreviations and synonyms work: XRD, SEM, 电镜, 核磁', async () => {
    expect((await search('XRD'))[0]).toBe('xrd');
    expect(await search('SEM')).toEqual(expect.arrayContaining(['fesem']));
    expect(new Set(await search('电镜'))).toEqual(new Set(['fesem', 'tem', 'tabletop']));
    expect((await search('核磁'))[0]).toBe('nmr');
  });

  it('searches model numbers and functions, and falls back to any word when all words match nothing', async () => {
    expect(await search('D8 ADVANCE')).toContain('xrd');
    expect((await search('痕量元素'))[0]).toBe('icpms');
    const partial = await search('扫描电镜 不存在的词');
    expect(partial).toEqual(expect.arrayContaining(['fesem', 'tabletop']));
  });

  it('a query whose only other word is generic finds nothing rather than every instrument', async () => {
    expect(await search('不存在的仪器xyz')).toEqual([]);
  });

  it('a query of only punctuation returns the unfiltered catalogue, not an error', async () => {
    expect((await search('，。！')).length).toBe(catalogue.length);
  });
});
