/**
 * Deterministic demo data for the shared-instrument catalogue: 33 Shaoxing organisations and any number of large
 * instruments (each ≥ 30万元) drawn from a table of real instrument types, makers and models.
 *
 * Pure: no I/O, no Math.random. Everything comes from a seeded mulberry32 PRNG and integer/IEEE-exact arithmetic
 * (no Math.pow/log), so the same seed gives identical output on every machine. O(count).
 */

export interface DemoOrganisation {
  key: string;
  name: string;
  type: 'enterprise' | 'university' | 'research_institute' | 'new_rd_institute' | 'service_provider';
  regionCode: string;
  /** Registration char + category char + region + 9 body chars; the caller appends the check char. */
  creditCodeFirst17: string;
}

export interface DemoInstrument {
  assetNo: string;
  nameZh: string;
  nameEn: string;
  classCode: string;
  ownerKey: string;
  originalValueFen: number;
  manufacturer: string;
  country: string;
  model: string;
  specs: string;
  functions: string;
  serviceContent: string;
  feePerHourFen: number;
  feePerSampleFen: number;
  /** YYYY-MM-DD */
  purchaseDate: string;
  status: 'normal' | 'standby' | 'in_repair' | 'to_be_scrapped';
  shareMode: 'external' | 'internal' | 'none';
  purpose: 'general' | 'special';
  location: string;
  contactName: string;
  contactPhone: string;
  /** The owner's shared-instrument mailbox (仪器共享, yqgx), on the demo domain. */
  contactEmail: string;
}

/** mulberry32: a tiny 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

type OrgType = DemoOrganisation['type'];
/** [key, name, type, region, registration+category chars] */
type OrgRow = readonly [string, string, OrgType, string, string];

// biome-ignore format: compact data table
const ORGS: readonly OrgRow[] = [
  ['ent-jianhu', '浙江鉴湖新材料股份有限公司', 'enterprise', '330602', '91'],
  ['ent-binhai', '绍兴滨海芯测科技有限公司', 'enterprise', '330602', '91'],
  ['ent-kefang', '浙江柯纺高性能纤维有限公司', 'enterprise', '330603', '91'],
  ['ent-yushun', '浙江虞舜精细化工有限公司', 'enterprise', '330604', '91'],
  ['ent-caoe', '浙江曹娥江生物医药有限公司', 'enterprise', '330604', '91'],
  ['ent-tianmu', '新昌天姥精密轴承有限公司', 'enterprise', '330624', '91'],
  ['ent-wozhou', '浙江沃洲制药有限公司', 'enterprise', '330624', '91'],
  ['ent-huansha', '浙江浣纱半导体科技有限公司', 'enterprise', '330681', '91'],
  ['ent-jiyang', '浙江暨阳智能装备有限公司', 'enterprise', '330681', '91'],
  ['ent-shanxi', '浙江剡溪电机科技有限公司', 'enterprise', '330683', '91'],
  ['ent-shengxin', '浙江嵊新光电科技有限公司', 'enterprise', '330683', '91'],
  ['uni-sxvtc', '绍兴职业技术学院', 'university', '330602', '12'],
  ['uni-yuexiu', '浙江越秀外国语学院', 'university', '330602', '52'],
  ['uni-zjitc', '浙江工业职业技术学院', 'university', '330602', '12'],
  ['uni-zjptc', '浙江邮电职业技术学院', 'university', '330602', '12'],
  ['uni-jiyang', '浙江农林大学暨阳学院', 'university', '330681', '52'],
  ['uni-zstkeyi', '浙江理工大学科技与艺术学院', 'university', '330604', '52'],
  ['uni-yuanpei', '绍兴文理学院元培学院', 'university', '330603', '52'],
  ['ri-agri', '绍兴市农业科学研究院', 'research_institute', '330602', '12'],
  ['ri-textile', '绍兴市轻纺科学研究所', 'research_institute', '330603', '12'],
  ['ri-pearl', '诸暨市珍珠产业研究所', 'research_institute', '330681', '12'],
  ['ri-tea', '新昌县茶叶研究所', 'research_institute', '330624', '12'],
  ['ri-shengzhou', '嵊州市农业科学研究所', 'research_institute', '330683', '12'],
  ['rd-zju', '浙江大学绍兴研究院', 'new_rd_institute', '330602', '12'],
  ['rd-tju', '天津大学浙江研究院', 'new_rd_institute', '330602', '52'],
  ['rd-shu', '上海大学绍兴研究院', 'new_rd_institute', '330602', '52'],
  ['rd-zjut', '浙江工业大学上虞研究院', 'new_rd_institute', '330604', '52'],
  ['rd-zstu', '浙江理工大学上虞工业技术研究院', 'new_rd_institute', '330604', '52'],
  ['rd-textile', '绍兴市柯桥区先进纺织材料创新研究院', 'new_rd_institute', '330603', '12'],
  ['sp-qts', '绍兴市质量技术监督检测院', 'service_provider', '330602', '12'],
  ['sp-fda', '绍兴市食品药品检验研究院', 'service_provider', '330602', '12'],
  ['sp-kqtex', '绍兴市柯桥区纺织品检验检测中心', 'service_provider', '330603', '12'],
  ['sp-yuejian', '浙江越检检测技术有限公司', 'service_provider', '330604', '91'],
];

const CREDIT_ALPHABET = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const DIGITS = CREDIT_ALPHABET.slice(0, 10);
/** Bodies already used by the hand-written demo organisations (demo-data.ts). */
const TAKEN_BODIES = new Set(['MB1234567', 'MA2B3C4D5', '470123456', 'MA2E6F7G8', 'MJ9876543']);

/** The 33 demo organisations (11 enterprises); fixed, independent of any seed. */
export function demoOrganisations(): DemoOrganisation[] {
  const rng = mulberry32(0x5a0c1a);
  const used = new Set(TAKEN_BODIES);
  return ORGS.map(([key, name, type, regionCode, reg]) => {
    let body = '';
    while (body === '' || used.has(body)) {
      // Enterprises get the post-2015 "MA…" style body, 民非 "MJ…", public institutions a 9-digit org code.
      const prefix = reg === '91' ? 'MA' : reg === '52' ? 'MJ' : String(int(rng, 40, 49));
      const alphabet = reg === '12' ? DIGITS : CREDIT_ALPHABET;
      body = prefix;
      while (body.length < 9) body += pick(rng, alphabet);
    }
    used.add(body);
    return { key, name, type, regionCode, creditCodeFirst17: `${reg}${regionCode}${body}` };
  });
}

/** maker key → [display name, ISO 3166-1 alpha-3 country] */
// biome-ignore format: compact data table
const MAKERS: Readonly<Record<string, readonly [string, string]>> = {
  TF: ['赛默飞世尔（Thermo Fisher Scientific）', 'USA'], SHI: ['岛津（Shimadzu）', 'JPN'], AG: ['安捷伦（Agilent）', 'USA'],
  BR: ['布鲁克（Bruker）', 'DEU'], HIT: ['日立（Hitachi High-Tech）', 'JPN'], ZS: ['蔡司（Carl Zeiss）', 'DEU'],
  JEOL: ['日本电子（JEOL）', 'JPN'], WAT: ['沃特世（Waters）', 'USA'], MP: ['马尔文帕纳科（Malvern Panalytical）', 'GBR'],
  INS: ['英斯特朗（Instron）', 'USA'], HEX: ['海克斯康（Hexagon）', 'SWE'], RS: ['罗德与施瓦茨（Rohde & Schwarz）', 'DEU'],
  FPI: ['聚光科技（FPI）', 'CHN'], KYKY: ['中科科仪（KYKY）', 'CHN'], RIG: ['理学（Rigaku）', 'JPN'],
  PHI: ['爱发科-费恩斯（ULVAC-PHI）', 'JPN'], HOR: ['堀场（HORIBA）', 'JPN'], REN: ['雷尼绍（Renishaw）', 'GBR'],
  PE: ['珀金埃尔默（PerkinElmer）', 'USA'], MET: ['瑞士万通（Metrohm）', 'CHE'], FULI: ['福立仪器（FULI）', 'CHN'],
  LEI: ['徕卡（Leica Microsystems）', 'DEU'], NIK: ['尼康（Nikon）', 'JPN'], OXF: ['牛津仪器（Oxford Instruments）', 'GBR'],
  TA: ['TA仪器（TA Instruments）', 'USA'], NET: ['耐驰（NETZSCH）', 'DEU'], MT: ['梅特勒-托利多（Mettler Toledo）', 'CHE'],
  BD: ['碧迪（BD Biosciences）', 'USA'], BEC: ['贝克曼库尔特（Beckman Coulter）', 'USA'], BIO: ['伯乐（Bio-Rad）', 'USA'],
  ROC: ['罗氏（Roche）', 'CHE'], ZW: ['兹韦克（ZwickRoell）', 'DEU'], MTS: ['美特斯（MTS Systems）', 'USA'],
  SANS: ['三思纵横（SUNS）', 'CHN'], MIT: ['三丰（Mitutoyo）', 'JPN'], KEY: ['是德科技（Keysight）', 'USA'],
  CHOT: ['中图仪器（Chotest）', 'CHN'], TH: ['泰勒霍普森（Taylor Hobson）', 'GBR'], CEY: ['中电科思仪（Ceyear）', 'CHN'],
  TEK: ['泰克（Tektronix）', 'USA'], RIGOL: ['普源精电（RIGOL）', 'CHN'], BT: ['百特仪器（Bettersize）', 'CHN'],
  MIC: ['麦克默瑞提克（Micromeritics）', 'USA'], BSD: ['贝士德仪器（BSD Instrument）', 'CHN'], CIQTEK: ['国仪量子（CIQTEK）', 'CHN'],
  SYN: ['三英精密（Sanying Precision）', 'CHN'], EVI: ['仪景通（Evident）', 'JPN'], CHI: ['辰华仪器（CH Instruments）', 'CHN'],
  ZYGO: ['泽攻（Zygo）', 'USA'], SIUI: ['汕头超声（SIUI）', 'CHN'], SH: ['盛瀚仪器（Shenghan）', 'CHN'],
};

/** [nameZh, nameEn, classCode, makers, models (parallel to makers), min 万元, max 万元, fee 元/h, fee 元/样, specs, functions] */
type TypeRow = readonly [
  string,
  string,
  string,
  readonly string[],
  readonly string[],
  number,
  number,
  number,
  number,
  string,
  string,
];

// biome-ignore format: compact data table
const TYPES: readonly TypeRow[] = [
  ['场发射扫描电子显微镜', 'Field emission scanning electron microscope', '010101', ['ZS', 'HIT', 'JEOL', 'TF'], ['GeminiSEM 500', 'Regulus 8230', 'JSM-IT800', 'Apreo 2'], 180, 520, 600, 300, '分辨率 0.8 nm@15 kV；加速电压 0.02–30 kV；放大倍数 12–2,000,000×；配 EDS 能谱', 'SEM 形貌观察、EDS 元素面扫/线扫、EBSD 晶体取向分析'],
  ['透射电子显微镜', 'Transmission electron microscope', '010102', ['JEOL', 'TF', 'HIT'], ['JEM-F200', 'Talos F200X G2', 'HT7800'], 600, 1800, 1200, 800, '加速电压 200 kV；点分辨率 0.23 nm；STEM 分辨率 0.16 nm；配双倾样品杆', 'TEM/HRTEM 高分辨成像、SAED 选区电子衍射、STEM-EDS 元素分布'],
  ['台式扫描电镜', 'Benchtop scanning electron microscope', '010103', ['HIT', 'TF', 'JEOL', 'KYKY'], ['TM4000Plus II', 'Phenom XL G2', 'JCM-7000', 'EM6900'], 30, 95, 200, 100, '分辨率 ≤ 10 nm；放大倍数 10–100,000×；低真空模式免喷金', '台式 SEM 快速形貌观察、颗粒统计、EDS 成分分析'],
  ['聚焦离子束双束电镜', 'Focused ion beam / SEM dual-beam system', '010104', ['TF', 'ZS'], ['Helios 5 UX', 'Crossbeam 550'], 800, 1600, 1500, 1500, '电子束分辨率 0.6 nm；离子束分辨率 2.5 nm；Ga 离子源 0.5–30 kV', 'FIB-SEM 截面加工、TEM 样品制备、三维重构'],
  ['电子探针显微分析仪', 'Electron probe microanalyser', '010105', ['JEOL', 'SHI'], ['JXA-iHP200F', 'EPMA-1720HT'], 500, 1000, 800, 600, '5 道 WDS 波谱仪；元素范围 Be–U；检出限 ≤ 10 ppm', 'EPMA 微区定量成分分析、元素面分布'],
  ['液相色谱-质谱联用仪', 'Liquid chromatograph-mass spectrometer', '010201', ['TF', 'AG', 'WAT', 'SHI'], ['Orbitrap Exploris 240', '6546 Q-TOF', 'Xevo TQ-XS', 'LCMS-8060NX'], 160, 520, 500, 400, '质量范围 m/z 50–6000；分辨率 ≥ 120,000；ESI/APCI 离子源', 'LC-MS/MS 定性定量、代谢组学、药物杂质与残留分析'],
  ['气相色谱-质谱联用仪', 'Gas chromatograph-mass spectrometer', '010202', ['AG', 'SHI', 'TF', 'FPI'], ['8890-5977C', 'GCMS-QP2020 NX', 'TSQ 9610', 'Mars-6500'], 45, 180, 300, 300, '质量范围 m/z 1.5–1090；EI 灵敏度 1 pg OFN S/N ≥ 1500', 'GC-MS 挥发性有机物定性定量、NIST 谱库检索'],
  ['电感耦合等离子体质谱仪', 'Inductively coupled plasma mass spectrometer', '010203', ['AG', 'TF', 'SHI', 'FPI'], ['8900 ICP-QQQ', 'iCAP TQ', 'ICPMS-2050', 'EXPEC 7000'], 90, 320, 400, 200, '质量范围 2–260 amu；检出限 ≤ 1 ppt；碰撞反应池', 'ICP-MS 痕量及超痕量元素分析、同位素比值测定'],
  ['基质辅助激光解吸飞行时间质谱仪', 'MALDI time-of-flight mass spectrometer', '010204', ['BR', 'SHI'], ['rapifleX', 'MALDI-8020'], 200, 480, 500, 300, '质量范围 m/z 1–500,000；分辨率 ≥ 40,000；激光频率 10 kHz', 'MALDI-TOF 蛋白/多肽鉴定、高分子分子量测定、成像质谱'],
  ['X射线衍射仪', 'X-ray diffractometer', '010301', ['BR', 'MP', 'RIG', 'SHI'], ['D8 ADVANCE', 'Empyrean', 'SmartLab 9kW', 'XRD-7000'], 45, 220, 200, 150, 'Cu 靶 3 kW；测角仪半径 ≥ 240 mm；角度重现性 ±0.0001°', 'XRD 物相鉴定、晶粒尺寸、残余应力、薄膜掠入射分析'],
  ['X射线光电子能谱仪', 'X-ray photoelectron spectrometer', '010302', ['TF', 'SHI', 'PHI'], ['ESCALAB QXi', 'AXIS Supra+', 'PHI VersaProbe 4'], 320, 750, 800, 500, '单色化 Al Kα 源；能量分辨率 ≤ 0.45 eV；最小束斑 10 μm', 'XPS 表面元素化学态分析、深度剖析、UPS 功函数测定'],
  ['X射线荧光光谱仪', 'X-ray fluorescence spectrometer', '010303', ['MP', 'BR', 'RIG', 'SHI'], ['Zetium', 'S8 TIGER', 'ZSX Primus IV', 'XRF-1800'], 45, 160, 150, 100, '波长色散；元素范围 Be/B–U；端窗 Rh 靶 4 kW', 'XRF 主次量元素定量分析、无标样半定量'],
  ['工业CT', 'Industrial computed tomography system', '110101', ['ZS', 'BR', 'SYN'], ['METROTOM 1500', 'SkyScan 1273', 'nanoVoxel-4000'], 220, 850, 800, 600, '射线源 225 kV；体素 ≤ 2 μm；最大样品 Φ300 × 500 mm', '工业 CT 无损三维成像、孔隙率与缺陷分析、尺寸测量'],
  ['傅里叶变换红外光谱仪', 'Fourier transform infrared spectrometer', '010401', ['TF', 'BR', 'SHI'], ['Nicolet iS50', 'INVENIO R', 'IRTracer-100'], 30, 95, 100, 80, '光谱范围 7800–350 cm⁻¹；分辨率 0.09 cm⁻¹；配 ATR 与红外显微镜', 'FTIR 官能团鉴定、ATR 表面分析、红外显微成像'],
  ['拉曼光谱仪', 'Raman spectrometer', '010402', ['HOR', 'REN', 'TF', 'BR'], ['LabRAM HR Evolution', 'inVia Qontor', 'DXR3xi', 'SENTERRA II'], 65, 220, 250, 150, '激发波长 532/633/785 nm；光谱分辨率 ≤ 1 cm⁻¹；共聚焦成像', 'Raman 分子结构表征、应力分析、拉曼成像'],
  ['原子吸收光谱仪', 'Atomic absorption spectrometer', '010403', ['AG', 'TF', 'SHI', 'PE'], ['240FS AA', 'iCE 3500', 'AA-7000', 'PinAAcle 900T'], 30, 75, 100, 60, '火焰/石墨炉一体；波长 185–900 nm；塞曼背景校正', 'AAS 金属元素定量分析'],
  ['紫外可见分光光度计', 'UV-Vis spectrophotometer', '010404', ['SHI', 'AG', 'PE', 'HIT'], ['UV-3600i Plus', 'Cary 5000', 'LAMBDA 1050+', 'UH4150'], 30, 65, 60, 40, '波长 175–3300 nm；杂散光 ≤ 0.00005%；配积分球', 'UV-Vis-NIR 吸收/透射/反射光谱、光学带隙测定'],
  ['电感耦合等离子体发射光谱仪', 'ICP optical emission spectrometer', '010405', ['AG', 'TF', 'PE', 'FPI'], ['5900 SVDV', 'iCAP PRO XP', 'Avio 550 Max', 'ICP-5000'], 45, 130, 200, 100, '波长 167–785 nm；垂直双向观测；检出限 ppb 级', 'ICP-OES 多元素同时定量分析'],
  ['高效液相色谱仪', 'High performance liquid chromatograph', '010501', ['AG', 'WAT', 'SHI', 'TF'], ['1260 Infinity III', 'ACQUITY UPLC H-Class', 'Nexera LC-40', 'Vanquish Core'], 30, 90, 120, 100, '四元泵 压力 ≤ 1300 bar；DAD/FLD/RID 检测器；自动进样', 'HPLC/UPLC 有机物分离与定量、药物含量测定'],
  ['气相色谱仪', 'Gas chromatograph', '010502', ['AG', 'SHI', 'TF', 'FULI'], ['8890 GC', 'GC-2030', 'TRACE 1610', 'GC9790 Plus'], 30, 65, 100, 80, 'FID/ECD/TCD 检测器；柱温 室温+4–450 ℃；EPC 电子流量控制', 'GC 挥发性组分分离与定量、溶剂残留测定'],
  ['离子色谱仪', 'Ion chromatograph', '010503', ['TF', 'MET', 'SH'], ['Dionex ICS-6000', '930 Compact IC Flex', 'CIC-D160'], 30, 75, 100, 80, '电导/安培检测；淋洗液自动发生；抑制器自再生', 'IC 阴阳离子分析、水质与环境样品检测'],
  ['核磁共振波谱仪', 'Nuclear magnetic resonance spectrometer', '010601', ['BR', 'JEOL'], ['AVANCE NEO 600', 'JNM-ECZ500R'], 320, 950, 600, 300, '场强 400–600 MHz；BBO 宽带探头；变温 -150–150 ℃', 'NMR 一维/二维谱（¹H、¹³C、COSY、HSQC）结构解析'],
  ['电子顺磁共振波谱仪', 'Electron paramagnetic resonance spectrometer', '010602', ['BR', 'CIQTEK'], ['EMXplus', 'EPR200-Plus'], 220, 520, 500, 300, 'X 波段；灵敏度 ≤ 1×10⁹ spins/G；变温 4–700 K', 'EPR/ESR 自由基与顺磁中心检测'],
  ['电化学工作站', 'Electrochemical workstation', '010701', ['MET', 'CHI', 'BR'], ['Autolab PGSTAT302N', 'CHI760E', 'Autolab M204'], 30, 60, 80, 60, '电位范围 ±10 V；电流分辨率 0.3 fA；EIS 10 μHz–1 MHz', 'CV/EIS 电化学阻抗谱、腐蚀与电池材料测试'],
  ['激光共聚焦显微镜', 'Confocal laser scanning microscope', '010801', ['ZS', 'LEI', 'NIK', 'EVI'], ['LSM 980', 'STELLARIS 5', 'AX R', 'FV4000'], 130, 420, 400, 200, '激光 405/488/561/640 nm；分辨率 120 nm（Airyscan）；活细胞培养系统', 'CLSM 荧光共聚焦成像、三维重建、FRAP 活细胞成像'],
  ['原子力显微镜', 'Atomic force microscope', '010802', ['BR', 'OXF', 'HIT'], ['Dimension Icon', 'Cypher ES', 'AFM100 Pro'], 85, 260, 300, 200, 'XY 扫描 90 μm；Z 噪声 ≤ 30 pm；PeakForce/KPFM 模式', 'AFM 表面形貌、粗糙度、纳米力学与表面电势测量'],
  ['差示扫描量热仪', 'Differential scanning calorimeter', '010901', ['TA', 'NET', 'MT', 'PE'], ['DSC 2500', 'DSC 214 Polyma', 'DSC 3+', 'DSC 8000'], 30, 85, 100, 80, '温度 -180–725 ℃；灵敏度 0.1 μW；调制 DSC', 'DSC 熔融/结晶/玻璃化转变、比热容测定'],
  ['热重分析仪', 'Thermogravimetric analyser', '010902', ['TA', 'NET', 'MT', 'PE'], ['TGA 5500', 'STA 449 F3', 'TGA/DSC 3+', 'TGA 8000'], 30, 80, 100, 80, '温度 室温–1600 ℃；天平灵敏度 0.1 μg；可联用 FTIR/MS', 'TGA/STA 热稳定性、组分含量、分解动力学'],
  ['流式细胞仪', 'Flow cytometer', '011001', ['BD', 'BEC', 'TF'], ['FACSAria III', 'CytoFLEX S', 'Attune NxT'], 90, 380, 300, 100, '3–5 激光 13 色；检测速度 ≥ 30,000 events/s；可分选', 'FCM 细胞表型、凋亡与周期分析、细胞分选'],
  ['实时荧光定量PCR仪', 'Real-time quantitative PCR system', '011002', ['TF', 'BIO', 'ROC'], ['QuantStudio 7 Pro', 'CFX Opus 96', 'LightCycler 480 II'], 30, 65, 100, 50, '96/384 孔；温度均一性 ±0.25 ℃；5–6 通道荧光', 'qPCR 基因表达定量、SNP 分型、病原检测'],
  ['全自动生化分析仪', 'Automatic clinical chemistry analyser', '090101', ['HIT', 'BEC', 'ROC'], ['LABOSPECT 008 AS', 'AU5800', 'cobas c 702'], 60, 220, 200, 50, '测试速度 ≥ 2000 T/h；试剂位 ≥ 60；ISE 电解质模块', '血液/体液生化指标分析'],
  ['小动物活体成像系统', 'In vivo small animal imaging system', '090201', ['PE', 'BR'], ['IVIS Spectrum', 'In-Vivo Xtreme'], 160, 380, 400, 200, '生物发光/荧光/X 光成像；视野 25×25 cm；CCD -90 ℃ 制冷', '活体 BLI/FLI 成像、肿瘤与药效评价'],
  ['万能材料试验机', 'Universal testing machine', '020101', ['INS', 'ZW', 'MTS', 'SANS'], ['5985', 'Z250', 'Criterion C45', 'UTM5305'], 30, 160, 150, 80, '最大载荷 100–250 kN；力值精度 ±0.5%；配高低温箱与视频引伸计', '拉伸、压缩、弯曲、剪切等力学性能测试'],
  ['疲劳试验机', 'Fatigue testing machine', '020102', ['INS', 'MTS', 'SHI'], ['8801', 'Landmark 370.10', 'Servopulser EHF-U'], 70, 320, 200, 300, '动态载荷 ±100 kN；频率 0.01–100 Hz；电液伺服', '高/低周疲劳（HCF/LCF）、断裂韧性 KIC、裂纹扩展 da/dN 测试'],
  ['冲击试验机', 'Impact testing machine', '020103', ['INS', 'ZW'], ['CEAST 9350', 'HIT450P'], 30, 70, 80, 50, '冲击能量 0.5–450 J；落锤/摆锤两用；-70 ℃ 低温槽', '夏比/悬臂梁冲击、落锤冲击性能测试'],
  ['硬度计', 'Hardness tester', '020104', ['ZW', 'SHI', 'MIT'], ['ZHU250', 'HMV-G31', 'HM-200'], 30, 55, 60, 30, '洛氏/维氏/布氏；试验力 0.098–2452 N；自动压痕测量', '宏观/显微硬度测试、硬化层深度测定'],
  ['三坐标测量机', 'Coordinate measuring machine', '030101', ['HEX', 'ZS', 'MIT'], ['GLOBAL S 9.15.8', 'CONTURA 10/16/6', 'CRYSTA-Apex V 9166'], 65, 320, 200, 150, '行程 900×1500×800 mm；MPEE ≤ 1.5+L/333 μm；扫描测头', 'CMM 几何尺寸与形位公差测量、逆向建模'],
  ['激光干涉仪', 'Laser interferometer', '030102', ['REN', 'KEY', 'CHOT'], ['XL-80', '5530', 'SJ6000'], 30, 85, 150, 200, '线性测量精度 ±0.5 ppm；测量距离 80 m；采样 50 kHz', '机床定位精度、直线度、角度与动态特性检定'],
  ['圆度仪', 'Roundness measuring instrument', '030103', ['TH', 'MIT'], ['Talyrond 595H', 'RA-H5200'], 45, 130, 150, 100, '主轴回转精度 0.02 μm；立柱行程 500 mm', '圆度、圆柱度、同轴度及表面粗糙度测量'],
  ['三维光学轮廓仪', '3D optical surface profiler', '030104', ['ZYGO', 'BR'], ['NewView 9000', 'ContourX-500'], 60, 160, 200, 100, '白光干涉；垂直分辨率 0.1 nm；拼接视场', '表面三维形貌、粗糙度与台阶高度测量'],
  ['电磁兼容测试系统', 'Electromagnetic compatibility test system', '080201', ['RS', 'KEY'], ['ESW44 EMI 测试系统', 'N9038B MXE'], 220, 900, 1000, 2000, '频率 9 kHz–44 GHz；3 m 法半电波暗室；CE/RE/CS/RS 全套', 'EMC 传导/辐射发射与抗扰度测试'],
  ['矢量网络分析仪', 'Vector network analyser', '080401', ['KEY', 'RS', 'CEY'], ['PNA-X N5247B', 'ZNA43', '3672E'], 55, 260, 200, 200, '频率 10 MHz–67 GHz；动态范围 ≥ 130 dB；4 端口', 'VNA S 参数、天线与射频器件特性测试'],
  ['示波器', 'Oscilloscope', '080101', ['KEY', 'RS', 'TEK', 'RIGOL'], ['MXR608B', 'RTP164B', 'MSO68B', 'DS70000'], 30, 160, 150, 100, '带宽 2–16 GHz；采样率 ≥ 20 GSa/s；存储深度 2 Gpts', '高速信号完整性、眼图与抖动分析'],
  ['激光粒度分析仪', 'Laser diffraction particle size analyser', '020501', ['MP', 'HOR', 'BT'], ['Mastersizer 3000', 'LA-960V2', 'Bettersize 2600'], 30, 85, 100, 60, '粒径 0.01–3500 μm；干湿法进样；重复性 ≤ 0.5%', '颗粒粒度分布测定'],
  ['比表面及孔径分析仪', 'Surface area and pore size analyser', '020502', ['MIC', 'BSD'], ['ASAP 2460', 'BSD-PM2'], 30, 90, 120, 150, '比表面 ≥ 0.0005 m²/g；孔径 0.35–500 nm；多站并行', 'BET 比表面积、BJH/DFT 孔径分布测试'],
  ['纳米粒度及Zeta电位分析仪', 'Nanoparticle size and zeta potential analyser', '020503', ['MP', 'HOR'], ['Zetasizer Ultra', 'SZ-100V2'], 30, 75, 100, 60, '粒径 0.3 nm–10 μm；Zeta 电位 ±500 mV；DLS/ELS', 'DLS 纳米粒径、Zeta 电位、分子量测定'],
  ['相控阵超声检测仪', 'Phased array ultrasonic flaw detector', '110201', ['EVI', 'SIUI'], ['OmniScan X3 64', 'CTS-PA22X'], 30, 70, 150, 200, '64 通道相控阵；TFM 全聚焦成像；编码器扫查', 'PAUT/TOFD 焊缝与构件缺陷无损检测'],
];

/** The Chinese names of the generated instrument types (the catalogue benchmark queries by them). */
export function demoInstrumentTypeNames(): string[] {
  return TYPES.map((t) => t[0]);
}

/** Cheaper instrument types are more common: weight 3 (from ≤ 60万), 2 (≤ 200万), 1 (dearer). */
const TYPE_BAG: readonly TypeRow[] = TYPES.flatMap((t) =>
  new Array<TypeRow>(t[5] <= 60 ? 3 : t[5] <= 200 ? 2 : 1).fill(t),
);

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏'];
// biome-ignore format: compact data table
const GIVEN = ['建华', '晓燕', '志强', '海燕', '文杰', '丽娟', '国平', '雪梅', '伟', '静', '磊', '敏', '俊杰', '婷婷', '浩然', '思远', '立新', '红英', '家豪', '一鸣', '佳琪', '子涵', '明轩', '玉兰'];
const ACADEMIC_BUILDINGS = ['理化楼', '分析测试中心', '材料楼', '生命科学楼', '工程实训楼', '综合实验楼', '科研楼'];
const PHONE_SECOND = ['3', '5', '8'];
const ENTERPRISE_BUILDINGS = ['研发中心', '检测中心', '中试车间', '质量部实验室', '技术中心大楼'];

/**
 * `count` instruments for the given owners, deterministic in `seed`. Owners are assigned in shuffled rounds so
 * that the first `owners.length` instruments cover every owner; non-enterprises appear three times per round.
 */
export function demoInstruments(seed: number, count: number, owners: DemoOrganisation[]): DemoInstrument[] {
  if (owners.length === 0 || count <= 0) return [];
  const rng = mulberry32(seed);
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
    return list;
  };
  const nonEnterprises = owners.filter((o) => o.type !== 'enterprise');
  const round = [...shuffle([...owners]), ...shuffle([...nonEnterprises, ...nonEnterprises])];
  const nextSerial = new Map<string, number>(owners.map((o) => [o.key, int(rng, 100, 20000)]));
  const out: DemoInstrument[] = new Array(count);

  for (let i = 0; i < count; i++) {
    const owner = round[i % round.length] as DemoOrganisation;
    const [nameZh, nameEn, classCode, makers, models, minW, maxW, feeH, feeS, specs, functions] = pick(rng, TYPE_BAG);
    const m = Math.floor(rng() * makers.length);
    const [manufacturer, country] = MAKERS[makers[m] as string] as readonly [string, string];
    // Long tail within [min, max]: u² puts most instruments near the bottom of the range, a few near the top.
    const u = rng();
    const yuan = minW * 10000 + (maxW - minW) * 10000 * u * u;
    const originalValueFen = Math.max(30_000_000, Math.round(yuan / 100) * 10000);
    const year = int(rng, 2008, 2025);
    const purchaseDate = `${year}-${pad(int(rng, 1, 12), 2)}-${pad(int(rng, 1, 28), 2)}`;
    const serial = nextSerial.get(owner.key) ?? 1;
    nextSerial.set(owner.key, serial + 1);
    const r = rng();
    const status = r < 0.9 ? 'normal' : r < 0.95 ? 'standby' : r < 0.98 ? 'in_repair' : 'to_be_scrapped';
    const s = rng();
    const shareMode = status === 'to_be_scrapped' ? 'none' : s < 0.92 ? 'external' : s < 0.98 ? 'internal' : 'none';
    const feeScale = 0.8 + rng() * 0.4;
    const floor = int(rng, 1, 6);
    const room = `${floor}${pad(int(rng, 1, 20), 2)}`;
    const location =
      owner.type === 'enterprise'
        ? `${pick(rng, ENTERPRISE_BUILDINGS)} ${floor} 楼 ${room} 室`
        : `${pick(rng, ACADEMIC_BUILDINGS)} ${'ABCD'.charAt(int(rng, 0, 3))} 座 ${room} 室`;
    const abbr = /[A-Za-z][A-Za-z-]*(?:\/[A-Za-z-]+)*/.exec(functions)?.[0];
    out[i] = {
      assetNo: `ZC${year}-${pad(serial, 5)}`,
      nameZh,
      nameEn,
      classCode,
      ownerKey: owner.key,
      originalValueFen,
      manufacturer,
      country,
      model: models[m] ?? '',
      specs,
      functions,
      serviceContent: `提供${nameZh}${abbr ? `（${abbr}）` : ''}委托检测与数据分析服务，经培训考核后可预约自主上机；可出具测试报告。`,
      feePerHourFen: Math.round((feeH * feeScale) / 10) * 1000,
      feePerSampleFen: Math.round((feeS * feeScale) / 10) * 1000,
      purchaseDate,
      status,
      shareMode,
      purpose: rng() < 0.2 ? 'special' : 'general',
      location,
      contactName: pick(rng, SURNAMES) + pick(rng, GIVEN),
      contactPhone: `1${pick(rng, PHONE_SECOND)}${int(rng, 0, 9)}${pad(int(rng, 0, 99_999_999), 8)}`,
      // From the owner, not the PRNG, so every other generated value stays as it was.
      contactEmail: `yqgx.${owner.key}@demo.kechuang.cn`,
    };
  }
  return out;
}
