import { describe, expect, it } from 'vitest';
import { cosine, rankDuplicates, sharedTerms, termVector } from './similarity.js';

const bearing = {
  id: 'a',
  title: '高速精密轴承寿命提升',
  problem: '数控机床主轴用高速精密轴承在两万转工况下寿命不足，需要提升滚动体材料与热处理工艺。',
};
const bearing2 = {
  id: 'b',
  title: '数控机床主轴轴承寿命不足',
  problem: '我公司数控机床主轴高速精密轴承寿命短，希望改进热处理工艺，延长使用寿命。',
};
const software = {
  id: 'c',
  title: '工业设计仿真软件国产化',
  problem: '三维建模与有限元仿真软件依赖进口，需要开发自主可控的求解器。',
};

describe('need similarity', () => {
  it('scores a reworded duplicate well above an unrelated need', () => {
    const a = termVector(`${bearing.title} ${bearing.problem}`);
    const b = termVector(`${bearing2.title} ${bearing2.problem}`);
    const c = termVector(`${software.title} ${software.problem}`);
    expect(cosine(a, b)).toBeGreaterThan(0.4);
    expect(cosine(a, c)).toBeLessThan(0.1);
    expect(cosine(a, a)).toBeCloseTo(1, 6);
    expect(sharedTerms(a, b, 20)).toEqual(expect.arrayContaining(['轴承', '寿命', '热处理']));
  });

  it('ignores stop words, so two needs sharing only boilerplate are not duplicates', () => {
    const a = termVector('我们企业需要研发技术解决问题');
    const b = termVector('企业技术问题需要解决研究');
    expect(cosine(a, b)).toBe(0);
  });

  it('ranks candidates best first and drops the unrelated', () => {
    const ranked = rankDuplicates(bearing, [software, bearing2]);
    expect(ranked.map((r) => r.candidate.id)).toEqual(['b']);
    expect(ranked[0]?.similarity).toBeGreaterThan(0.4);
  });

  it('is empty for empty text', () => {
    expect(cosine(termVector(''), termVector('轴承'))).toBe(0);
  });
});
