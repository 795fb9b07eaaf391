import { describe, expect, it } from 'vitest';
import { perHourBasis, perSampleBasis } from './subject.js';

describe('fee basis text', () => {
  it('rounds the hours for reading and carries both languages', () => {
    expect(perHourBasis(11_000, 100 / 60)).toBe('110.00 元/小时 × 1.67 小时 / 110.00 yuan/hour × 1.67 h');
  });
  it('counts samples', () => {
    expect(perSampleBasis(25_050, 3)).toBe('250.50 元/样 × 3 样 / 250.50 yuan/sample × 3 samples');
  });
});
