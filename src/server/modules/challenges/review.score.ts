/**
 * Weighted rubric scoring and aggregation, pure.
 *
 * Each criterion is scored 0..max (default 100) by each expert; an expert's total is the weighted
 * mean on a 0..100 scale, rounded to two decimals. Across experts we report the mean, the median and
 * flag outliers with the modified z-score on the median absolute deviation (Iglewicz–Hoaglin,
 * |z| > 3.5). When the scores agree so closely that the MAD is zero, a score further than
 * `minSpread` points from the median is flagged instead, so one wild score among identical ones
 * is still caught. The "adjusted" mean leaves the flagged scores out.
 */

export interface Criterion {
  key: string;
  labelZh: string;
  labelEn: string;
  weight: number;
  max?: number;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export type RubricError = { code: 'missing' | 'out_of_range' | 'unknown'; key: string };

export function checkScores(rubric: readonly Criterion[], scores: Record<string, number>): RubricError[] {
  const errors: RubricError[] = [];
  const keys = new Set(rubric.map((c) => c.key));
  for (const k of Object.keys(scores)) if (!keys.has(k)) errors.push({ code: 'unknown', key: k });
  for (const c of rubric) {
    const v = scores[c.key];
    if (v === undefined) errors.push({ code: 'missing', key: c.key });
    else if (!Number.isFinite(v) || v < 0 || v > (c.max ?? 100)) errors.push({ code: 'out_of_range', key: c.key });
  }
  return errors;
}

export function weightedTotal(rubric: readonly Criterion[], scores: Record<string, number>): number {
  const weight = rubric.reduce((a, c) => a + c.weight, 0);
  if (weight <= 0) return 0;
  const sum = rubric.reduce((a, c) => a + ((scores[c.key] ?? 0) / (c.max ?? 100)) * 100 * c.weight, 0);
  return round2(sum / weight);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export interface Aggregate {
  count: number;
  mean: number | null;
  median: number | null;
  adjustedMean: number | null;
  outliers: number[];
}

export function aggregate(totals: readonly number[], minSpread = 20): Aggregate {
  if (totals.length === 0) return { count: 0, mean: null, median: null, adjustedMean: null, outliers: [] };
  const med = median(totals);
  const mad = median(totals.map((x) => Math.abs(x - med)));
  const outliers: number[] = [];
  // Fewer than three scores cannot say which one is odd.
  if (totals.length >= 3)
    totals.forEach((x, i) => {
      const far = mad > 0 ? Math.abs((0.6745 * (x - med)) / mad) > 3.5 : Math.abs(x - med) > minSpread;
      if (far) outliers.push(i);
    });
  const kept = totals.filter((_, i) => !outliers.includes(i));
  const mean = (xs: readonly number[]) => round2(xs.reduce((a, b) => a + b, 0) / xs.length);
  return { count: totals.length, mean: mean(totals), median: round2(med), adjustedMean: mean(kept), outliers };
}
