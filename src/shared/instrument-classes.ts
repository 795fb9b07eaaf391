/**
 * 大型科学仪器设备分类 — the national classification of large scientific instruments (MOST 条财司 draft, 2006),
 * whose 6-digit code (大类 2 + 中类 2 + 小类 2) is the NRII `instrCategory` data element.
 *
 * Sources: the research note `research/domain-standards.md` §4 and a public NRII-style category list that gives the
 * full 4-digit level. Only 大类 and 中类 are listed here; the 小类 list is not, so a 6-digit code is accepted when
 * its first four digits are a known 中类 and is *named* after that 中类 (see {@link getClass}).
 *
 * Conventions of the source worth knowing:
 * - each 大类 ends with a catch-all 中类 "其他" (e.g. 0113), written `011300` as a full code;
 * - 大类 12 其他仪器 has no 中类 in the source and is used as the single code `120000`, so its one 中类 here is
 *   `1200` (that keeps `120000` valid under the "first four digits are a 中类" rule);
 * - the research note calls 09 "医学科研"; the source list names it 医学诊断仪器, which is used here.
 *
 * Pure data plus lookups, no dependencies, so browser and server agree.
 */

export interface InstrumentMiddleClass {
  /** 4-digit 中类 code, starting with its 大类 code. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export interface InstrumentMajorClass {
  /** 2-digit 大类 code. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /**
   * True for the classes some provincial lists add (15-class lists, e.g. Gansu 2015). Their codes (13–15 here)
   * are NOT confirmed against NRII's dictionary; they are only reachable with `includeProvincial`.
   */
  readonly provincial: boolean;
  readonly children: readonly InstrumentMiddleClass[];
}

type Row = readonly [code: string, zh: string, en: string];

function major(code: string, zh: string, en: string, rows: readonly Row[], provincial = false): InstrumentMajorClass {
  return Object.freeze({
    code,
    zh,
    en,
    provincial,
    children: Object.freeze(rows.map(([c, z, e]) => Object.freeze({ code: c, zh: z, en: e }))),
  });
}

/** The 12 national 大类 with their 中类, in code order. */
export const instrumentClasses: readonly InstrumentMajorClass[] = Object.freeze([
  major('01', '分析仪器', 'Analytical instruments', [
    ['0101', '电子光学仪器', 'Electron optical instruments'],
    ['0102', '质谱仪器', 'Mass spectrometers'],
    ['0103', 'X射线仪器', 'X-ray instruments'],
    ['0104', '光谱仪器', 'Spectrometers (optical)'],
    ['0105', '色谱仪器', 'Chromatographs'],
    ['0106', '波谱仪器', 'Magnetic resonance spectrometers'],
    ['0107', '电化学仪器', 'Electrochemical instruments'],
    ['0108', '显微镜及图像分析仪器', 'Microscopes and image analysers'],
    ['0109', '热分析仪器', 'Thermal analysers'],
    ['0110', '生化分离分析仪器', 'Biochemical separation and analysis instruments'],
    ['0111', '环境与农业分析仪器', 'Environmental and agricultural analysers'],
    ['0112', '样品前处理及制备仪器', 'Sample preparation instruments'],
    ['0113', '其他', 'Other analytical instruments'],
  ]),
  major('02', '物理性能测试仪器', 'Physical property testing instruments', [
    ['0201', '力学性能测试仪器', 'Mechanical property testers'],
    ['0202', '大地测量仪器', 'Geodetic surveying instruments'],
    ['0203', '光电测量仪器', 'Optoelectronic measuring instruments'],
    ['0204', '声学振动仪器', 'Acoustic and vibration instruments'],
    ['0205', '颗粒度测量仪器', 'Particle size instruments'],
    ['0206', '探伤仪器', 'Flaw detectors'],
    ['0207', '其他', 'Other physical property testers'],
  ]),
  major('03', '计量仪器', 'Metrology instruments', [
    ['0301', '长度计量仪器', 'Length metrology instruments'],
    ['0302', '热学计量仪器', 'Thermal metrology instruments'],
    ['0303', '力学计量仪器', 'Mechanical metrology instruments'],
    ['0304', '电磁学计量仪器', 'Electromagnetic metrology instruments'],
    ['0305', '时间频率计量仪器', 'Time and frequency metrology instruments'],
    ['0306', '声学计量仪器', 'Acoustic metrology instruments'],
    ['0307', '光学计量仪器', 'Optical metrology instruments'],
    ['0308', '其他', 'Other metrology instruments'],
  ]),
  major('04', '天文仪器', 'Astronomical instruments', [
    ['0401', '天体测量仪器', 'Astrometric instruments'],
    ['0402', '地面天文望远镜', 'Ground-based telescopes'],
    ['0403', '空间天文望远镜', 'Space telescopes'],
    ['0404', '其他', 'Other astronomical instruments'],
  ]),
  major('05', '海洋仪器', 'Oceanographic instruments', [
    ['0501', '海洋水文测量仪器', 'Marine hydrographic instruments'],
    ['0502', '多要素水文气象测量系统', 'Multi-parameter hydro-meteorological systems'],
    ['0503', '海洋生物调查仪器', 'Marine biological survey instruments'],
    ['0504', '海水物理量测量仪器', 'Seawater physical property instruments'],
    ['0505', '海洋遥感/遥测仪器', 'Marine remote sensing and telemetry instruments'],
    ['0506', '海洋采样设备', 'Marine sampling equipment'],
    ['0507', '其他', 'Other oceanographic instruments'],
  ]),
  major('06', '地球探测仪器', 'Earth exploration instruments', [
    ['0601', '电法仪器', 'Electrical prospecting instruments'],
    ['0602', '电磁法仪器', 'Electromagnetic prospecting instruments'],
    ['0603', '磁法仪器', 'Magnetic prospecting instruments'],
    ['0604', '重力仪器', 'Gravimeters'],
    ['0605', '地震仪器', 'Seismic instruments'],
    ['0606', '地球物理测井仪器', 'Geophysical well-logging instruments'],
    ['0607', '岩石矿物测试仪器', 'Rock and mineral testing instruments'],
    ['0608', '其他', 'Other earth exploration instruments'],
  ]),
  major('07', '大气探测仪器', 'Atmospheric sounding instruments', [
    ['0701', '气象台站观测仪器', 'Weather station instruments'],
    ['0702', '高空气象探测仪器', 'Upper-air sounding instruments'],
    ['0703', '特殊大气探测仪器', 'Special atmospheric sounding instruments'],
    ['0704', '主动大气遥感仪器', 'Active atmospheric remote sensing instruments'],
    ['0705', '被动大气遥感仪器', 'Passive atmospheric remote sensing instruments'],
    ['0706', '高层大气/电离层探测器', 'Upper atmosphere and ionosphere sounders'],
    ['0707', '对地观测仪器', 'Earth observation instruments'],
    ['0708', '其他', 'Other atmospheric instruments'],
  ]),
  major('08', '电子测量仪器', 'Electronic measuring instruments', [
    ['0801', '通用电子测量仪器', 'General electronic measuring instruments'],
    ['0802', '射频和微波测试仪器', 'RF and microwave test instruments'],
    ['0803', '通讯测量仪器', 'Communication test instruments'],
    ['0804', '网络分析仪器', 'Network analysers'],
    ['0805', '大规模集成电路测试仪器', 'VLSI test instruments'],
    ['0806', '其他', 'Other electronic measuring instruments'],
  ]),
  major('09', '医学诊断仪器', 'Medical diagnostic instruments', [
    ['0901', '临床检验分析仪器', 'Clinical laboratory analysers'],
    ['0902', '影像诊断仪器', 'Diagnostic imaging instruments'],
    ['0903', '电子诊察仪器', 'Electronic diagnostic instruments'],
    ['0904', '其他', 'Other medical diagnostic instruments'],
  ]),
  major('10', '核仪器', 'Nuclear instruments', [
    ['1001', '核辐射探测仪器', 'Nuclear radiation detectors'],
    ['1002', '活化分析仪器', 'Activation analysis instruments'],
    ['1003', '离子束分析仪器', 'Ion beam analysis instruments'],
    ['1004', '核效应分析仪器', 'Nuclear effect analysis instruments'],
    ['1005', '中子散射及衍射仪器', 'Neutron scattering and diffraction instruments'],
    ['1006', '其他', 'Other nuclear instruments'],
  ]),
  major('11', '特种检测仪器', 'Special inspection instruments', [
    ['1101', '射线检测仪器', 'Radiographic inspection instruments'],
    ['1102', '超声检测仪器', 'Ultrasonic inspection instruments'],
    ['1103', '电磁检测仪器', 'Electromagnetic inspection instruments'],
    ['1104', '声发射检测仪器', 'Acoustic emission inspection instruments'],
    ['1105', '光电检测仪器', 'Optoelectronic inspection instruments'],
    ['1106', '其他', 'Other special inspection instruments'],
  ]),
  major('12', '其他仪器', 'Other instruments', [['1200', '其他仪器', 'Other instruments']]),
]);

/**
 * The three extra 大类 of 15-class provincial lists. Codes 13–15 and their 中类 codes are PROVISIONAL (assigned
 * here in the order the lists print them); verify against NRII's dictionary before reporting upward.
 */
export const provincialExtraClasses: readonly InstrumentMajorClass[] = Object.freeze([
  major(
    '13',
    '工艺试验仪器',
    'Process test equipment',
    [
      ['1301', '汽车工艺试验设备', 'Automotive process test equipment'],
      ['1302', '化工、制药工艺试验设备', 'Chemical and pharmaceutical process test equipment'],
      ['1303', '电子工艺试验设备', 'Electronics process test equipment'],
      ['1304', '加工工艺试验设备', 'Machining process test equipment'],
      ['1305', '纺织工艺试验设备', 'Textile process test equipment'],
      ['1306', '食品工艺试验设备', 'Food process test equipment'],
      ['1307', '其他', 'Other process test equipment'],
    ],
    true,
  ),
  major(
    '14',
    '计算机及其配套设备',
    'Computers and ancillary equipment',
    [
      ['1401', '计算机', 'Computers'],
      ['1402', '服务器', 'Servers'],
      ['1403', '软件', 'Software'],
      ['1404', '数据采集及工作站', 'Data acquisition systems and workstations'],
      ['1405', '其他', 'Other computing equipment'],
    ],
    true,
  ),
  major(
    '15',
    '激光器',
    'Lasers',
    [
      ['1501', '激光器', 'Lasers'],
      ['1502', '其他', 'Other laser equipment'],
    ],
    true,
  ),
]);

export interface LookupOptions {
  /** Also resolve the provisional provincial classes 13–15. Default false. */
  includeProvincial?: boolean;
}

export interface ResolvedClass {
  /** The code as looked up (2, 4 or 6 digits). */
  readonly code: string;
  readonly level: 'major' | 'middle' | 'minor';
  /**
   * Display names. For a 6-digit (小类) code these are the 中类's names, because 小类 are not listed: `010101` and
   * `010102` both read 电子光学仪器.
   */
  readonly zh: string;
  readonly en: string;
  readonly major: InstrumentMajorClass;
  /** Absent only for a 2-digit code. */
  readonly middle?: InstrumentMiddleClass;
  readonly provincial: boolean;
}

const majorIndex = new Map<string, InstrumentMajorClass>();
const middleIndex = new Map<string, { major: InstrumentMajorClass; middle: InstrumentMiddleClass }>();
for (const m of [...instrumentClasses, ...provincialExtraClasses]) {
  majorIndex.set(m.code, m);
  for (const c of m.children) middleIndex.set(c.code, { major: m, middle: c });
}

const CODE_SHAPE = /^(?:\d{2}|\d{4}|\d{6})$/;

/**
 * Resolves a 2-digit 大类, 4-digit 中类 or 6-digit full code; undefined for anything unknown or malformed
 * (no trimming: callers validate input first). A 6-digit code resolves when its first four digits are a known
 * 中类 — whatever its last two digits — and is named after that 中类.
 */
export function getClass(code: string, options?: LookupOptions): ResolvedClass | undefined {
  if (typeof code !== 'string' || !CODE_SHAPE.test(code)) return undefined;
  const includeProvincial = options?.includeProvincial ?? false;
  if (code.length === 2) {
    const m = majorIndex.get(code);
    if (!m || (m.provincial && !includeProvincial)) return undefined;
    return { code, level: 'major', zh: m.zh, en: m.en, major: m, provincial: m.provincial };
  }
  const hit = middleIndex.get(code.slice(0, 4));
  if (!hit || (hit.major.provincial && !includeProvincial)) return undefined;
  return {
    code,
    level: code.length === 4 ? 'middle' : 'minor',
    zh: hit.middle.zh,
    en: hit.middle.en,
    major: hit.major,
    middle: hit.middle,
    provincial: hit.major.provincial,
  };
}

/** True for a 6-digit code whose first four digits are a known 中类 (the rule for an instrument's class code). */
export function isInstrumentClassCode(code: string, options?: LookupOptions): boolean {
  return typeof code === 'string' && code.length === 6 && getClass(code, options) !== undefined;
}

/**
 * Names from 大类 down, e.g. `classPath('010101')` → `['分析仪器', '电子光学仪器']` (a 6-digit code stops at its
 * 中类). Empty for an unknown code.
 */
export function classPath(code: string, options?: LookupOptions & { lang?: 'zh' | 'en' }): string[] {
  const c = getClass(code, options);
  if (!c) return [];
  const lang = options?.lang ?? 'zh';
  const out = [c.major[lang]];
  if (c.middle) out.push(c.middle[lang]);
  return out;
}
