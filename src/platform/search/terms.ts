import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { type DataVersion, type Keeper, keepUntilChange } from "../db/data-version.ts";
import { rowsOf } from "../db/rows.ts";
import { searchWordPairs } from "../schema.ts";

/** A query reads at most this many words; more would only slow the search without finding better. */
export const MAX_QUERY_WORDS = 8;
/** A compound is found by a part of at least this many letters ("tjenest" in "hjemmetjenesten"). */
const MIN_PART = 4;
/**
 * The letters of a word in lower-case text, spelt out: the databases' own word classes (`\m`, `\w`)
 * follow the server's locale, which may not count "ø" as a letter.
 */
const LETTERS = "a-z0-9æøåäöüéèáàóòôêç";
/** What may follow a word that ends a compound: a derivation, then an inflection ("sikker-het-en"). */
const TAIL = "(het|heit|ing|else|skap|lig|leg)?(e|en|er|ene|et|a|ane|ar|arar|ne|s|ens|ets)?";

/**
 * Where a part (letters and digits only, as queryWords makes sure) stands in a compound: at a word's
 * start ("velferd" in "velferdsteknologi"), or at its end with an inflection after ("tjenest" in
 * "hjemmetjenesten"), never in the middle of another word ("ikke" in "sikkerhet"). One pattern for SQL's
 * `~` and the highlighting alike.
 */
export const partPattern = (part: string) => `(^|[^${LETTERS}])${part}|${part}${TAIL}([^${LETTERS}]|$)`;

/** A short word standing as a word of its own, in one of its forms. */
export const wholeWordPattern = (forms: string[]) => `(^|[^${LETTERS}])(${forms.join("|")})([^${LETTERS}]|$)`;

/** Endings of nouns and verbs in bokmål and nynorsk, longest first, for words the stemmer cuts short of. */
const INFLECTION_ENDINGS = ["ane", "ene", "ar", "er", "ne", "en", "et", "a", "e", "s"];
/** A word this long or longer also finds its spelling neighbours ("digitalsering" → "digitalisering"). */
const MIN_FUZZY = 5;

/**
 * One word of a query and everything it may match (decision 0034), from the strongest to the weakest:
 * its forms (the word and its equivalents in the other written standard) as whole words, their
 * Norwegian stems (inflections), the parts a compound may contain, and words spelt nearly the same.
 */
export interface QueryWord {
  word: string;
  forms: string[];
  /** Snowball Norwegian stems of the forms; empty for a stop word ("og", "ikkje"). */
  stems: string[];
  /** Substrings that make a compound match: the stems (or forms) of at least four letters. */
  parts: string[];
  fuzzy: boolean;
}

/** A query as the search reads it: every word must match, each in one of its ways. */
export interface SearchTerms {
  text: string;
  words: QueryWord[];
}

/** The words of a query: letters and digits, lower case, each once, at most MAX_QUERY_WORDS. */
export function queryWords(text: string): string[] {
  const words =
    text
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

interface PairGroups {
  byWord: Map<string, Set<string>>;
  byStem: Map<string, Set<string>>;
  stemOf: Map<string, string>;
}

/**
 * Reads queries into SearchTerms: stems from the database's own Snowball stemmer (the same on PGlite
 * and PostgreSQL, and the same as the full-text indexes use), and the word pairs of the two written
 * standards from `search_word_pairs` (the shipped list and an administrator's own), kept until the
 * data changes. A word's stem never changes, so stems are kept for the life of the process.
 */
export class SearchWords {
  private pairs: Keeper<PairGroups>;
  private readonly stems = new Map<string, string>();

  constructor(
    private readonly db: Db,
    dataVersion?: DataVersion,
  ) {
    this.pairs = keepUntilChange<PairGroups>(dataVersion, 1);
  }

  async terms(text: string): Promise<SearchTerms> {
    const words = queryWords(text);
    if (!words.length) return { text: text.trim(), words: [] };
    const groups = await this.pairs.get("pairs", () => this.loadPairs());
    await this.stem(words);
    const read = words.map((word) => this.read(word, groups));
    // A stop word ("og", "for", "ikkje") narrows nothing; it counts only when the query is nothing else.
    const meaningful = read.filter((w) => w.stems.length);
    return { text: text.trim(), words: meaningful.length ? meaningful : read };
  }

  /** Forgets the kept pairs, for a change the data version does not see (tests without one). */
  forget(): void {
    this.pairs = keepUntilChange<PairGroups>(undefined, 1);
  }

  private read(word: string, groups: PairGroups): QueryWord {
    const stem = this.stems.get(word) ?? "";
    // The word itself first; its stem only for an inflected form the list does not hold ("tenesta"), since
    // different words can share a stem ("eigar" and "eigen": "eig"). The stem may be a listed word itself
    // ("innbyggjarar" → "innbyggjar", whose own stem is shorter), or the stem of listed words, or both
    // ("virksomhetene" → "virksom": the adjective, and "virksomhet").
    const byStem = [...(stem ? (groups.byWord.get(stem) ?? []) : []), ...(stem ? (groups.byStem.get(stem) ?? []) : [])];
    const paired = groups.byWord.get(word) ?? (byStem.length ? byStem : this.byEnding(word, groups));
    const forms = new Set([word, ...paired]);
    const stems = new Set([...forms].map((f) => (f === word ? stem : (groups.stemOf.get(f) ?? ""))).filter(Boolean));
    const parts = new Set(
      [...forms].map((f) => {
        const s = f === word ? stem : (groups.stemOf.get(f) ?? "");
        return s.length >= MIN_PART ? s : f;
      }),
    );
    return {
      word,
      forms: [...forms],
      stems: [...stems],
      parts: [...parts].filter((p) => p.length >= MIN_PART),
      fuzzy: word.length >= MIN_FUZZY && !/^\p{N}+$/u.test(word),
    };
  }

  /**
   * A listed word under an inflection the stemmer leaves ("innbyggerne" stems to "innbyggern"): the
   * word without one of the common endings of the two standards, when that is a listed word.
   */
  private byEnding(word: string, groups: PairGroups): Iterable<string> {
    for (const ending of INFLECTION_ENDINGS) {
      const base = word.slice(0, -ending.length);
      if (word.endsWith(ending) && base.length >= MIN_PART && groups.byWord.has(base)) return groups.byWord.get(base)!;
    }
    return [];
  }

  /** Stems the words not stemmed before, in one query. */
  private async stem(words: string[]): Promise<void> {
    const unknown = words.filter((w) => !this.stems.has(w));
    if (!unknown.length) return;
    const rows = await this.db.execute(
      sql`select w as word, (ts_lexize('norwegian_stem', w))[1] as stem from unnest(array[${sql.join(
        unknown.map((w) => sql`${w}`),
        sql`, `,
      )}]::text[]) as w`,
    );
    if (this.stems.size > 10_000) this.stems.clear();
    for (const row of rowsOf<{ word: string; stem: string | null }>(rows)) this.stems.set(row.word, row.stem ?? "");
  }

  private async loadPairs(): Promise<PairGroups> {
    const rows = rowsOf<{ nynorsk: string; bokmal: string; nn: string | null; nb: string | null }>(
      await this.db.execute(
        sql`select ${searchWordPairs.nynorsk} as nynorsk, ${searchWordPairs.bokmal} as bokmal,
              (ts_lexize('norwegian_stem', ${searchWordPairs.nynorsk}))[1] as nn,
              (ts_lexize('norwegian_stem', ${searchWordPairs.bokmal}))[1] as nb
            from ${searchWordPairs}`,
      ),
    );
    const groups: PairGroups = { byWord: new Map(), byStem: new Map(), stemOf: new Map() };
    // Pairs that share a word form one group ("bustad" ⇄ "bolig", "bustad" ⇄ "bosted").
    const groupOf = new Map<string, Set<string>>();
    for (const { nynorsk, bokmal } of rows) {
      const merged = new Set([nynorsk, bokmal, ...(groupOf.get(nynorsk) ?? []), ...(groupOf.get(bokmal) ?? [])]);
      for (const w of merged) groupOf.set(w, merged);
    }
    for (const { nynorsk, bokmal, nn, nb } of rows) {
      if (nn) groups.stemOf.set(nynorsk, nn);
      if (nb) groups.stemOf.set(bokmal, nb);
    }
    for (const [word, group] of groupOf) {
      groups.byWord.set(word, group);
      const stem = groups.stemOf.get(word);
      if (stem) groups.byStem.set(stem, new Set([...(groups.byStem.get(stem) ?? []), ...group]));
    }
    return groups;
  }
}

/** The query without its spelling neighbours: only forms, inflections and compounds. */
export const withoutNeighbours = (terms: SearchTerms): SearchTerms => ({
  ...terms,
  words: terms.words.map((w) => ({ ...w, fuzzy: false })),
});

/**
 * Runs a search by the query's precise ways (forms, inflections, compounds) and, only when that finds
 * nothing, again with spelling neighbours too. A neighbour is a guess at a typo; looking for one
 * compares the word with the text of every record no other way found (no index spares it: a 20-letter
 * word shares trigrams with most texts), so it is done for the query that needs it (decision 0034).
 */
export async function neighboursIfNothing<R>(
  terms: SearchTerms,
  search: (terms: SearchTerms) => Promise<R>,
  foundNothing: (result: R) => boolean,
): Promise<R> {
  const precise = await search(withoutNeighbours(terms));
  if (!foundNothing(precise) || !terms.words.some((w) => w.fuzzy)) return precise;
  return search(terms);
}
