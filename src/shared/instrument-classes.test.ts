import { describe, expect, it } from 'vitest';
import {
  classPath,
  getClass,
  instrumentClasses,
  isInstrumentClassCode,
  provincialExtraClasses,
} from './instrument-classes.js';

describe('instrumentClasses data', () => {
  it('has the twelve national 大类 01–12 in order, none provincial', () => {
    expect(instrumentClasses.map((c) => c.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
    ]);
    expect(instrumentClasses.every((c) => !c.provincial)).toBe(true);
    expect(instrumentClasses[0]?.zh).toBe('分析仪器');
    expect(instrumentClasses[11]?.zh).toBe('其他仪器');
  });

  it('lists the thirteen 中类 of 分析仪器 from 0101 电子光学仪器 to 0113 其他', () => {
    const analytical = instrumentClasses[0];
    expect(analytical?.children.map((c) => `${c.code} ${c.zh}`)).toEqual([
      '0101 电子光学仪器',
      '0102 质谱仪器',
      '0103 X射线仪器',
      '0104 光谱仪器',
      '0105 色谱仪器',
      '0106 波谱仪器',
      '0107 电化学仪器',
      '0108 显微镜及图像分析仪器',
      '0109 热分析仪器',
      '0110 生化分离分析仪器',
      '0111 环境与农业分析仪器',
      '0112 样品前处理及制备仪器',
      '0113 其他',
    ]);
  });

  it('gives every 大类 at least one 中类, and every 中类 starts with its 大类 code and has both names', () => {
    for (const m of [...instrumentClasses, ...provincialExtraClasses]) {
      expect(m.code).toMatch(/^\d{2}$/);
      expect(m.children.length).toBeGreaterThan(0);
      expect(m.zh.length).toBeGreaterThan(0);
      expect(m.en.length).toBeGreaterThan(0);
      for (const c of m.children) {
        expect(c.code).toMatch(/^\d{4}$/);
        expect(c.code.startsWith(m.code)).toBe(true);
        expect(c.zh.length).toBeGreaterThan(0);
        expect(c.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('has no duplicate codes at either level, national and provincial together', () => {
    const all = [...instrumentClasses, ...provincialExtraClasses];
    const majors = all.map((m) => m.code);
    const middles = all.flatMap((m) => m.children.map((c) => c.code));
    expect(new Set(majors).size).toBe(majors.length);
    expect(new Set(middles).size).toBe(middles.length);
  });

  it('marks the three provincial extras and keeps their codes off the national range', () => {
    expect(provincialExtraClasses.map((c) => c.zh)).toEqual(['工艺试验仪器', '计算机及其配套设备', '激光器']);
    expect(provincialExtraClasses.every((c) => c.provincial)).toBe(true);
    expect(provincialExtraClasses.every((c) => Number(c.code) > 12)).toBe(true);
  });

  it('is frozen so no caller can edit the shared tree', () => {
    expect(Object.isFrozen(instrumentClasses)).toBe(true);
    expect(Object.isFrozen(instrumentClasses[0])).toBe(true);
    expect(Object.isFrozen(instrumentClasses[0]?.children)).toBe(true);
  });
});

describe('getClass', () => {
  it('resolves 2-digit 大类 codes', () => {
    const c = getClass('02');
    expect(c).toMatchObject({ code: '02', level: 'major', zh: '物理性能测试仪器', provincial: false });
    expect(c?.middle).toBeUndefined();
  });

  it('resolves 4-digit 中类 codes with their 大类', () => {
    const c = getClass('0102');
    expect(c).toMatchObject({ code: '0102', level: 'middle', zh: '质谱仪器', en: 'Mass spectrometers' });
    expect(c?.major.code).toBe('01');
    expect(getClass('0201')?.zh).toBe('力学性能测试仪器');
    expect(getClass('0301')?.zh).toBe('长度计量仪器');
    expect(getClass('1101')?.zh).toBe('射线检测仪器');
  });

  it('names a 6-digit 小类 code after its 中类', () => {
    expect(getClass('010101')).toMatchObject({ code: '010101', level: 'minor', zh: '电子光学仪器' });
    expect(getClass('010199')?.zh).toBe('电子光学仪器');
    // The ReportNRII sample code: 激光干涉仪 under 0301 长度计量仪器.
    expect(getClass('030122')).toMatchObject({ level: 'minor', zh: '长度计量仪器' });
    expect(getClass('030122')?.major.zh).toBe('计量仪器');
    // Catch-all "其他" codes as written in practice.
    expect(getClass('011300')?.zh).toBe('其他');
    expect(getClass('120000')?.zh).toBe('其他仪器');
  });

  it('returns undefined for unknown or malformed codes', () => {
    for (const bad of [
      '',
      '0',
      '00',
      '13',
      '99',
      '0100',
      '0114',
      '0199',
      '1201',
      '010000',
      '011400',
      '990101',
      '01010',
      '0101011',
      ' 0101',
      '0101 ',
      'ab',
      '01a1',
      '０１',
    ]) {
      expect(getClass(bad), bad).toBeUndefined();
    }
  });

  it('resolves provincial codes only when asked', () => {
    expect(getClass('15')).toBeUndefined();
    expect(getClass('1501')).toBeUndefined();
    expect(getClass('15', { includeProvincial: true })).toMatchObject({ zh: '激光器', provincial: true });
    expect(getClass('140200', { includeProvincial: true })).toMatchObject({ zh: '服务器', provincial: true });
  });
});

describe('isInstrumentClassCode', () => {
  it('accepts 6 digits whose first four are a known 中类', () => {
    for (const ok of ['010101', '010201', '011300', '020101', '030122', '080501', '110101', '120000']) {
      expect(isInstrumentClassCode(ok), ok).toBe(true);
    }
  });

  it('rejects short codes, unknown 中类 and non-digits', () => {
    for (const bad of ['01', '0101', '01010', '0101011', '010000', '011401', '130101', '999999', '01010a', '']) {
      expect(isInstrumentClassCode(bad), bad).toBe(false);
    }
  });

  it('accepts provincial 中类 only with includeProvincial', () => {
    expect(isInstrumentClassCode('130501')).toBe(false);
    expect(isInstrumentClassCode('130501', { includeProvincial: true })).toBe(true);
  });

  it('accepts every listed national 中类 with any 小类 digits', () => {
    for (const m of instrumentClasses) {
      for (const c of m.children) {
        expect(isInstrumentClassCode(`${c.code}00`)).toBe(true);
        expect(isInstrumentClassCode(`${c.code}37`)).toBe(true);
      }
    }
  });
});

describe('classPath', () => {
  it('walks from 大类 to 中类', () => {
    expect(classPath('010101')).toEqual(['分析仪器', '电子光学仪器']);
    expect(classPath('0105')).toEqual(['分析仪器', '色谱仪器']);
    expect(classPath('02')).toEqual(['物理性能测试仪器']);
    expect(classPath('020101', { lang: 'en' })).toEqual([
      'Physical property testing instruments',
      'Mechanical property testers',
    ]);
  });

  it('is empty for unknown codes', () => {
    expect(classPath('990000')).toEqual([]);
    expect(classPath('0114')).toEqual([]);
    expect(classPath('')).toEqual([]);
    expect(classPath('1301')).toEqual([]);
    expect(classPath('1301', { includeProvincial: true })).toEqual(['工艺试验仪器', '汽车工艺试验设备']);
  });
});
