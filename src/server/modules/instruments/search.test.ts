import { describe, expect, it } from 'vitest';
import { queryTerms, segmentForIndex } from './search.js';

describe('Chinese segmentation for search', () => {
  it('indexes fine-grained words and the short forms people type', () => {
    const tokens = segmentForIndex('场发射扫描电子显微镜').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['扫描', '电子显微镜', '扫描电镜', '电镜', 'sem']));
  });

  it('turns queries into clean terms, dropping punctuation and tsquery operators', () => {
    expect(queryTerms('液相色谱 质谱')).toEqual(['液相', '色谱', '质谱']);
    expect(queryTerms("X射线衍射 & | ! ( ) ' :")).toEqual(['x射线', '衍射']);
    expect(queryTerms('  ，。 ')).toBeNull();
  });

  it('every query term of a short form is found in the index of its long form', () => {
    const indexed = new Set(segmentForIndex('X射线衍射仪（XRD）').split(' '));
    for (const term of queryTerms('X射线衍射') ?? []) expect(indexed.has(term), term).toBe(true);
    const lcms = new Set(segmentForIndex('液相色谱-质谱联用仪').split(' '));
    for (const term of queryTerms('液相色谱 质谱') ?? []) expect(lcms.has(term), term).toBe(true);
  });
});
