import { Jieba } from '@node-rs/jieba';
// The package has no exports map, so ESM needs the explicit file (stack-spike G14).
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Domain words the general dictionary splits badly, so that "阀块" or "超精密" stay whole, and
 * the names people search instruments by.
 */
const userDict = [
  '电子显微镜 2000 n',
  '扫描电镜 2000 n',
  '透射电镜 2000 n',
  '超精密 1000 a',
  '质谱仪 1000 n',
  '色谱仪 1000 n',
  // 差示扫描量热仪 would otherwise index 量 + 热仪 while a query for 量热 looks for 量 + 热.
  '量热 1000 n',
  '量热仪 1000 n',
];

/**
 * What people type → what catalogues write. Applied at index time: a record containing the long
 * form also indexes the short forms, so a short query matches without rewriting it.
 */
const synonyms: [longForm: string, shortForms: string[]][] = [
  ['扫描电子显微镜', ['扫描电镜', 'SEM']],
  ['透射电子显微镜', ['透射电镜', 'TEM']],
  ['电子显微镜', ['电镜']],
  ['X射线衍射', ['XRD']],
  ['X射线光电子能谱', ['XPS']],
  ['X射线荧光', ['XRF']],
  ['液相色谱-质谱', ['液质', 'LC-MS', '液相色谱 质谱']],
  ['液相色谱质谱', ['液质', 'LC-MS']],
  ['气相色谱-质谱', ['气质', 'GC-MS', '气相色谱 质谱']],
  ['气相色谱质谱', ['气质', 'GC-MS']],
  ['电感耦合等离子体质谱', ['ICP-MS']],
  ['电感耦合等离子体发射光谱', ['ICP-OES']],
  ['高效液相色谱', ['HPLC', '液相']],
  ['核磁共振', ['NMR']],
  ['傅里叶变换红外', ['FTIR', '红外光谱']],
  ['原子力显微镜', ['AFM']],
  ['激光共聚焦', ['共聚焦']],
  ['差示扫描量热', ['DSC']],
  ['热重分析', ['TGA']],
  ['三坐标测量', ['CMM', '三坐标']],
  ['计算机断层扫描', ['CT']],
];

let instance: Jieba | undefined;
function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(userDict.join('\n')));
  }
  return instance;
}

const PUNCTUATION = /^[\p{P}\p{S}\s]+$/u;
// Characters with meaning in to_tsquery; stripped from tokens so a query cannot change its shape.
const TSQUERY_SPECIAL = /[':&|!()*<>\\]/g;

function clean(tokens: string[]): string[] {
  return tokens
    .map((t) => t.replace(TSQUERY_SPECIAL, '').trim().toLowerCase())
    .filter((t) => t.length > 0 && !PUNCTUATION.test(t));
}

/** Space-separated search tokens for to_tsvector('simple', …): fine-grained cut plus synonyms. */
export function segmentForIndex(text: string | null | undefined): string {
  if (!text) return '';
  const expanded = [text];
  for (const [long, shorts] of synonyms) if (text.includes(long)) expanded.push(...shorts);
  return clean(expanded.flatMap((part) => jieba().cutForSearch(part, true))).join(' ');
}

/**
 * Words so common in instrument records that matching one of them alone says nothing; the
 * any-word fallback ignores them, so "不存在的仪器" does not return every 仪器.
 */
const genericWords = new Set(['仪器', '设备', '系统', '分析', '测试', '测量', '检测', '装置', '仪', '机', '的']);

/** Terms worth matching on their own, for the any-word fallback. */
export function distinctiveTerms(terms: string[]): string[] {
  return terms.filter((t) => !genericWords.has(t));
}

/** Query terms for to_tsquery('simple', …); null when the query has no searchable word. */
export function queryTerms(q: string): string[] | null {
  const terms = [...new Set(clean(jieba().cut(q.trim(), true)))];
  return terms.length ? terms : null;
}

/**
 * The ways a query word can appear in the index: itself, or (for words of four characters or
 * more) all of its smallest parts. The index cuts text for search, which emits every two- and
 * three-character dictionary word inside a longer word but not longer ones: 发射光谱仪 indexes 发射
 * and 光谱, never 发射光谱, so the query word 发射光谱 also matches 发射 + 光谱.
 */
export function termAlternatives(term: string): string[][] {
  if ([...term].length < 4) return [[term]];
  const pieces = [...new Set(clean(jieba().cutForSearch(term, true)))].filter((p) => p !== term);
  const smallest = pieces.filter((p) => !pieces.some((o) => o !== p && p.includes(o)));
  return smallest.length > 1 ? [[term], smallest] : [[term]];
}
