import { segmentForIndex } from '../instruments/search.js';

/**
 * Words every need contains ("technology", "improve", "problem"…): sharing them says nothing about
 * being the same need, so they carry no weight in the comparison.
 */
const stopWords = new Set([
  '技术',
  '研究',
  '研发',
  '开发',
  '问题',
  '需求',
  '实现',
  '提高',
  '提升',
  '解决',
  '要求',
  '目前',
  '企业',
  '我们',
  '公司',
  '进行',
  '以及',
  '需要',
  '达到',
  '能够',
  '关键',
  '国内',
  '国外',
  '产品',
  '项目',
]);

/** A need's term vector: jieba words (fine-grained cut) with their counts, stop words and single characters dropped. */
export function termVector(text: string): Map<string, number> {
  const v = new Map<string, number>();
  for (const t of segmentForIndex(text).split(' ')) {
    // Single Han characters are mostly particles (的, 和) or fragments of words already counted.
    if (!t || stopWords.has(t) || (t.length < 2 && /\p{Script=Han}/u.test(t))) continue;
    v.set(t, (v.get(t) ?? 0) + 1);
  }
  return v;
}

/** Cosine similarity of two term vectors, 0–1. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Terms both vectors have, most weighty first, for showing officers why two needs look alike. */
export function sharedTerms(a: Map<string, number>, b: Map<string, number>, limit = 8): string[] {
  return [...a.keys()]
    .filter((t) => b.has(t))
    .sort((x, y) => (b.get(y) ?? 0) * (a.get(y) ?? 0) - (b.get(x) ?? 0) * (a.get(x) ?? 0) || y.length - x.length)
    .slice(0, limit);
}

/** The title counts twice: it is the enterprise's own summary of the need. */
export function needText(n: { title: string; problem: string }): string {
  return `${n.title} ${n.title} ${n.problem}`;
}

/** Below this, two needs are not worth an officer's look. */
export const DUPLICATE_THRESHOLD = 0.3;

export interface Candidate {
  id: string;
  title: string;
  problem: string;
}

/** Ranks candidates by similarity to a need, keeping those above the threshold. */
export function rankDuplicates<T extends Candidate>(
  need: { title: string; problem: string },
  candidates: T[],
  limit = 5,
): { candidate: T; similarity: number; shared: string[] }[] {
  const v = termVector(needText(need));
  return candidates
    .map((candidate) => {
      const c = termVector(needText(candidate));
      return { candidate, similarity: cosine(v, c), shared: sharedTerms(v, c) };
    })
    .filter((r) => r.similarity >= DUPLICATE_THRESHOLD)
    .sort((x, y) => y.similarity - x.similarity)
    .slice(0, limit);
}
