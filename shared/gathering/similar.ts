/**
 * Likely duplicates (design §3): same location and a similar title. Titles are compared by their character bigrams
 * (Chinese has no spaces, so words are not split): similarity = |shared bigrams| / |bigrams of the shorter title|
 * (the overlap coefficient), after dropping punctuation, spaces and common filler (项目, 工程, 建设, 实施).
 * Locations match when one normalised location contains the other (e.g. 河东村 and 河东村三组).
 */
const FILLER = /项目|工程|建设|实施|改造提升/g;

export const normalizeText = (s: string) => s.toLowerCase().replace(FILLER, '').replace(/[\s\p{P}\p{S}]/gu, '');

function bigrams(s: string): Set<string> {
  const t = normalizeText(s);
  const out = new Set<string>();
  if (t.length === 1) out.add(t);
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

export function titleSimilarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (A.size === 0 || B.size === 0) return 0;
  let shared = 0;
  for (const g of A) if (B.has(g)) shared++;
  return shared / Math.min(A.size, B.size);
}

export function sameLocation(a: string, b: string): boolean {
  const x = normalizeText(a);
  const y = normalizeText(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

export const SIMILAR_THRESHOLD = 0.5;

export function isLikelyDuplicate(a: { title: string; location: string }, b: { title: string; location: string }): number | null {
  if (!sameLocation(a.location, b.location)) return null;
  const score = titleSimilarity(a.title, b.title);
  return score >= SIMILAR_THRESHOLD ? score : null;
}

/** Words of the congress's negative list (负面清单) found in a proposal's title or description. */
export function negativeListHits(words: string[], text: string): string[] {
  const t = text.toLowerCase();
  return words.filter((w) => w.trim() && t.includes(w.trim().toLowerCase()));
}
