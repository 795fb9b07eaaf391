import type { PowerLevels } from './power.machine.js';

/**
 * The calibration helper's arithmetic (pure): a histogram of power readings on a log scale (an
 * instrument's off, standby and running powers differ by orders of magnitude), its modes, and the
 * valleys between them as proposed thresholds. Following the research note, thresholds sit in the
 * emptiest power range between the clusters, so they are clear of both "definitely off" and
 * "definitely on".
 */
export interface HistogramBin {
  fromW: number;
  toW: number;
  count: number;
  valley: boolean;
}

const round = (w: number) => (w >= 100 ? Math.round(w) : Math.round(w * 10) / 10);

export function histogram(powers: number[], bins: number): { bins: HistogramBin[]; edges: number[] } {
  const max = Math.max(1, ...powers);
  // log10(p + 1) spreads 0 W … max W over the bins; 0 W falls in the first one.
  const top = Math.log10(max + 1);
  const edges = Array.from({ length: bins + 1 }, (_, i) => 10 ** ((top * i) / bins) - 1);
  const counts = new Array<number>(bins).fill(0);
  for (const p of powers) {
    const k = Math.min(bins - 1, Math.floor((Math.log10(p + 1) / top) * bins));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return {
    edges,
    bins: counts.map((count, i) => ({
      fromW: round(edges[i] as number),
      toW: round(edges[i + 1] as number),
      count,
      valley: false,
    })),
  };
}

export function proposeLevels(
  powers: number[],
  binCount: number,
  current: PowerLevels,
): { histogram: HistogramBin[]; proposed: PowerLevels | null } {
  if (powers.length === 0) return { histogram: [], proposed: null };
  const { bins, edges } = histogram(powers, binCount);
  const counts = bins.map((b) => b.count);
  // Light smoothing so sampling noise does not make false peaks.
  const smooth = counts.map((_, i) => {
    const w = [counts[i - 1], counts[i], counts[i + 1]].filter((x): x is number => x !== undefined);
    return w.reduce((a, b) => a + b, 0) / w.length;
  });
  const minShare = powers.length * 0.02;
  const peaks: number[] = [];
  for (let i = 0; i < smooth.length; i++) {
    const v = smooth[i] as number;
    if (v < minShare) continue;
    if ((i === 0 || v >= (smooth[i - 1] as number)) && (i === smooth.length - 1 || v > (smooth[i + 1] as number))) {
      // Two peaks with no real dip between them are one cluster.
      const prev = peaks[peaks.length - 1];
      if (prev !== undefined) {
        const dip = Math.min(...smooth.slice(prev, i + 1));
        if (dip > 0.5 * Math.min(smooth[prev] as number, v)) {
          if (v > (smooth[prev] as number)) peaks[peaks.length - 1] = i;
          continue;
        }
      }
      peaks.push(i);
    }
  }
  const valleys: number[] = [];
  for (let k = 1; k < peaks.length; k++) {
    const a = peaks[k - 1] as number;
    const b = peaks[k] as number;
    let best = a + 1;
    for (let i = a + 1; i < b; i++) if ((counts[i] as number) < (counts[best] as number)) best = i;
    // The middle of a run of equally empty bins.
    let end = best;
    while (end + 1 < b && counts[end + 1] === counts[best]) end++;
    valleys.push(Math.floor((best + end) / 2));
  }
  for (const v of valleys) (bins[v] as HistogramBin).valley = true;
  if (valleys.length === 0) return { histogram: bins, proposed: null };
  const mid = (i: number) => Math.sqrt(((edges[i] as number) + 1) * ((edges[i + 1] as number) + 1)) - 1;
  const idleW = round(Math.max(0.5, mid(valleys[0] as number)));
  let workingW: number;
  if (valleys.length >= 2) workingW = round(mid(valleys[1] as number));
  else {
    // Only off and on: running is the upper cluster, so "working" starts half-way (log scale) up to it.
    const upper = peaks[1] as number;
    workingW = round(Math.sqrt((idleW + 1) * ((edges[upper] as number) + 1)) - 1);
  }
  if (workingW <= idleW) workingW = round(idleW * 1.5 + 1);
  return {
    histogram: bins,
    proposed: {
      idleW,
      workingW,
      hysteresisW: round(Math.max(0.2, idleW * 0.1)),
      onDelayS: current.onDelayS,
      offDelayS: current.offDelayS,
      offlineAfterS: current.offlineAfterS,
    },
  };
}
