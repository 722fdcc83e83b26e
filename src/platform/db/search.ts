import { type SQL, sql } from "drizzle-orm";

/**
 * Full-text search with Norwegian stemming (decision 0010). `anyWordQuery` joins the text's words
 * with "or", for suggestions: a match needs only some words in common, and ranking by
 * `ts_rank` puts the closest first. Built from plainto_tsquery, so what the user typed is never read
 * as tsquery syntax, and the lexemes, already stemmed, are cast back without being stemmed twice.
 */
export const anyWordQuery = (text: string): SQL =>
  sql`replace(plainto_tsquery('norwegian'::regconfig, ${text})::text, ' & ', ' | ')::tsquery`;
