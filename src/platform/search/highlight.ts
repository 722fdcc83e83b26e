import { partPattern, type QueryWord, type SearchTerms } from "./terms.ts";

/** A text with the spans that match the query, as [start, end) offsets: safe to render, no markup inside. */
export interface Marked {
  text: string;
  marks: [number, number][];
}

/** pg_trgm's trigrams of one word: padded with two spaces before and one after. */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  return set;
}

/** pg_trgm's similarity of two words: the trigrams they share over all their trigrams. */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/** What the search's SQL reads as a match of the word in one word of a text (match.ts), but for the spelling neighbours. */
const holds = (word: QueryWord, token: string) =>
  word.forms.includes(token) || word.parts.some((part) => new RegExp(partPattern(part), "u").test(token));

/**
 * pg_trgm's word similarity, near enough: the best similarity of the word to the token or to a stretch
 * of the token about as long as the word, so a misspelt word marks the compound it was found in
 * ("digitalsering" in "digitaliseringsstrategi").
 */
export function wordSimilarity(word: string, token: string): number {
  let best = similarity(word, token);
  if (token.length <= word.length + 2) return best;
  for (let length = Math.max(3, word.length - 2); length <= word.length + 2; length++)
    for (let at = 0; at + length <= token.length; at++) best = Math.max(best, similarity(word, token.slice(at, at + length)));
  return best;
}

const NEIGHBOUR = 0.5;

const tokensOf = (text: string) => [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ token: m[0], at: m.index ?? 0 }));

/** Marks each word of the text that holds a word of the query: itself, an inflection, a compound, a near spelling. */
export function highlight(terms: SearchTerms, text: string): Marked {
  const marks: [number, number][] = [];
  for (const { token, at } of tokensOf(text)) {
    const lower = token.toLowerCase();
    const hit = terms.words.some(
      (w) => holds(w, lower) || (w.fuzzy && lower.length >= 4 && wordSimilarity(w.word, lower) >= NEIGHBOUR),
    );
    if (hit) marks.push([at, at + token.length]);
  }
  return { text, marks };
}

/**
 * The query spelt as the found records spell it, when some word of it was found only by spelling
 * neighbours ("digitalsering" → "digitalisering"); null when every word was found as it was typed.
 */
export function didYouMean(terms: SearchTerms, texts: string[]): string | null {
  const tokens = [...new Set(texts.flatMap((t) => tokensOf(t).map((x) => x.token.toLowerCase())))];
  let changed = false;
  const words = terms.words.map((w) => {
    if (!w.fuzzy || tokens.some((token) => holds(w, token))) return w.word;
    let best: { token: string; s: number } | null = null;
    for (const token of tokens) {
      const s = similarity(w.word, token);
      if (s >= NEIGHBOUR && (!best || s > best.s)) best = { token, s };
    }
    if (!best) return w.word;
    changed = true;
    return best.token;
  });
  return changed ? words.join(" ") : null;
}
