import { and, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { index } from "drizzle-orm/pg-core";
import { partPattern, type QueryWord, type SearchTerms, wholeWordPattern } from "./terms.ts";

/**
 * The text a record is searched by: its title, summary and body, in that order. The same columns give
 * the index (`searchIndex`, in the record's schema) and the search's condition (`matches`), so the
 * condition is the index's own expression and PostgreSQL uses the index.
 */
export interface SearchFields {
  title: SQLWrapper;
  summary?: SQLWrapper;
  body?: SQLWrapper[];
}

export const joined = (columns: SQLWrapper[]) =>
  sql.join(
    columns.map((c) => sql`coalesce(${c}, '')`),
    sql` || ' ' || `,
  );

/** The record's whole text in lower case: what its trigram index holds. */
export const searchDocument = (fields: SearchFields): SQL =>
  sql`lower(${joined([fields.title, ...(fields.summary ? [fields.summary] : []), ...(fields.body ?? [])])})`;

/**
 * A trigram index over the record's whole text (pg_trgm, on both databases): it finds a word inside a
 * compound ("tjenest" in "hjemmetjenesten") and a word spelt nearly the same, where a full-text index
 * finds only whole words (decision 0034).
 */
export const searchIndex = (name: string, fields: SearchFields) =>
  index(name).using("gin", sql`${searchDocument(fields)} gin_trgm_ops`);

/** A LIKE pattern for a part: it holds only letters and digits (queryWords makes sure), so nothing to escape. */
const like = (part: string) => `%${part}%`;

/**
 * A word found in a text in any of its ways, as an SQL condition on the text (lower case). A part is
 * looked for with LIKE, which the trigram index answers, and then where it stands (`partPattern`).
 */
export function wordIn(word: QueryWord, lowerText: SQL): SQL {
  const ways: SQL[] = word.parts.map((part) => sql`(${lowerText} like ${like(part)} and ${lowerText} ~ ${partPattern(part)})`);
  // A short word ("nav", "ks") has no part to look for inside a compound: it stands as a word of its own.
  if (!word.parts.length) ways.push(sql`${lowerText} ~ ${wholeWordPattern(word.forms)}`);
  if (word.fuzzy) ways.push(sql`${word.word} <% ${lowerText}`);
  return or(...ways) as SQL;
}

/** The records whose text holds every word of the query, each in one of its ways. */
export function matches(terms: SearchTerms, fields: SearchFields): SQL {
  const document = searchDocument(fields);
  return and(...terms.words.map((word) => wordIn(word, document))) as SQL;
}

/** How strongly one field holds a word: 4 the word itself, 3 an inflection, 2 inside a compound, 1 spelt nearly so, else 0. */
function strength(word: QueryWord, field: SQL): SQL {
  // A long body is weighed by its beginning: stemming a whole document for every hit would cost too much.
  const text = sql`left(${field}, 20000)`;
  const lower = sql`lower(${text})`;
  const forms = word.forms.join(" | ");
  const stems = word.stems.join(" | ");
  return sql`case
    when to_tsvector('simple', ${text}) @@ to_tsquery('simple', ${forms}) then 4
    ${stems ? sql`when to_tsvector('norwegian', ${text}) @@ to_tsquery('simple', ${stems}) then 3` : sql``}
    ${word.parts.length ? sql`when ${lower} ~ ${word.parts.map(partPattern).join("|")} then 2` : sql``}
    ${word.fuzzy ? sql`when ${word.word} <% ${lower} then 1` : sql``}
    else 0 end`;
}

/** Each field's weight: the title before the summary before the body. */
const WEIGHT = { title: 3, summary: 2, body: 1 } as const;

/**
 * A record's score: for each word, its strongest field times how strongly it holds the word, summed.
 * A title that holds the word itself (12) ranks first; a body holding a spelling neighbour (1) last.
 */
export function score(terms: SearchTerms, fields: SearchFields): SQL {
  const title = sql`coalesce(${fields.title}, '')`;
  const summary = fields.summary ? sql`coalesce(${fields.summary}, '')` : null;
  const body = fields.body?.length ? sql`(${joined(fields.body)})` : null;
  const perWord = terms.words.map((word) => {
    const weighed = [
      sql`${sql.raw(String(WEIGHT.title))} * ${strength(word, title)}`,
      ...(summary ? [sql`${sql.raw(String(WEIGHT.summary))} * ${strength(word, summary)}`] : []),
      ...(body ? [sql`${sql.raw(String(WEIGHT.body))} * ${strength(word, body)}`] : []),
    ];
    return weighed.length > 1 ? sql`greatest(${sql.join(weighed, sql`, `)})` : weighed[0]!;
  });
  return perWord.length ? sql`(${sql.join(perWord, sql` + `)})` : sql`0`;
}

/**
 * A first, cheap measure of a hit: for each word, 2 when its title holds it in some way, 1 when its
 * summary does, else 0. It chooses which hits `score` weighs in full (it stems every field, so scoring
 * thousands of hits of a common word costs seconds), and orders the hits beyond those.
 */
export function roughScore(terms: SearchTerms, fields: SearchFields): SQL {
  const holds = (field: SQLWrapper, word: QueryWord) =>
    sql`lower(coalesce(${field}, '')) ~ ${word.parts.length ? word.parts.map(partPattern).join("|") : wholeWordPattern(word.forms)}`;
  const perWord = terms.words.map(
    (word) =>
      sql`case when ${holds(fields.title, word)} then 2 ${fields.summary ? sql`when ${holds(fields.summary, word)} then 1` : sql``} else 0 end`,
  );
  return perWord.length ? sql`(${sql.join(perWord, sql` + `)})` : sql`0`;
}

/**
 * The part of a record's text to show beside it: the summary when it holds a word of the query, else
 * the passage of the body around the first such word, else the summary's beginning. Cut in SQL so a
 * long document's text never leaves the database; marked up by `highlight` in the application.
 */
export function excerpt(terms: SearchTerms, fields: SearchFields): SQL {
  const parts = [...new Set(terms.words.flatMap((w) => (w.parts.length ? w.parts : w.forms)))];
  const summary = fields.summary ? sql`coalesce(${fields.summary}, '')` : sql`''`;
  if (!fields.body?.length || !parts.length) return sql`left(${summary}, 300)`;
  const body = sql`(${joined(fields.body)})`;
  const firstIn = (text: SQL) =>
    sql`least(${sql.join(
      parts.map((p) => sql`nullif(strpos(lower(${text}), ${p}), 0)`),
      sql`, `,
    )})`;
  return sql`case
    when ${summary} <> '' and ${firstIn(summary)} is not null then left(${summary}, 300)
    when ${firstIn(body)} is not null then
      (case when ${firstIn(body)} > 101 then '… ' else '' end) || substr(${body}, greatest(${firstIn(body)} - 100, 1), 300)
    when ${summary} <> '' then left(${summary}, 300)
    else left(${body}, 300) end`;
}
