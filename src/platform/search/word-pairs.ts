import { readFileSync } from "node:fs";
import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../http/errors.ts";
import { toFieldErrors } from "../http/validation.ts";
import { searchWordPairs } from "../schema.ts";

/** The shipped list of the two standards' word pairs (data/search/PROVENANCE.md). */
export const SHIPPED_PAIRS_FILE = new URL("../../../data/search/nn-nb.tsv", import.meta.url);

export interface WordPair {
  nynorsk: string;
  bokmal: string;
}

const ONE_WORD = /^[\p{L}\p{N}]+$/u;

/** The pairs of a word list file: a header line, then `nynorsk<TAB>bokmål` per line. */
export function readPairsFile(file: URL | string = SHIPPED_PAIRS_FILE): WordPair[] {
  const lines = readFileSync(file, "utf8").split(/\r?\n/).slice(1);
  return lines.flatMap((line) => {
    const [nynorsk, bokmal] = line.split("\t").map((w) => w?.trim().toLowerCase());
    // Only single words of letters and digits: the search puts them into tsquery text as they are.
    return nynorsk && bokmal && ONE_WORD.test(nynorsk) && ONE_WORD.test(bokmal) ? [{ nynorsk, bokmal }] : [];
  });
}

// Two letters at least: a pair of single letters ("ø" ⇄ "å") would make every word with either match the other.
const word = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .min(2, "search.words.tooShort")
  .max(60)
  .regex(ONE_WORD, "search.words.oneWord");
export const wordPairInput = z
  .object({ nynorsk: word, bokmal: word })
  .refine((p) => p.nynorsk !== p.bokmal, { path: ["bokmal"], message: "search.words.same" });

/**
 * The word pairs of the two written standards: the shipped list, kept up to date at every start, and
 * the installation's own, which an administrator adds and removes (decision 0034).
 */
export class WordPairs {
  constructor(private readonly db: Db) {}

  /** Makes the shipped pairs in the database those of the file: adds new lines, removes dropped ones. */
  async updateShipped(pairs: WordPair[] = readPairsFile()): Promise<{ added: number; removed: number }> {
    return this.db.transaction(async (tx) => {
      const kept = await tx
        .select({ id: searchWordPairs.id, nynorsk: searchWordPairs.nynorsk, bokmal: searchWordPairs.bokmal })
        .from(searchWordPairs)
        .where(eq(searchWordPairs.origin, "shipped"));
      const key = (p: WordPair) => `${p.nynorsk}\t${p.bokmal}`;
      const wanted = new Set(pairs.map(key));
      const have = new Set(kept.map(key));
      const removed = kept.filter((p) => !wanted.has(key(p)));
      for (const p of removed) await tx.delete(searchWordPairs).where(eq(searchWordPairs.id, p.id));
      const added = [...new Map(pairs.filter((p) => !have.has(key(p))).map((p) => [key(p), p])).values()];
      if (added.length)
        await tx
          .insert(searchWordPairs)
          .values(added.map((p) => ({ ...p, origin: "shipped" as const })))
          // An administrator's own pair that the list now ships stays as it is.
          .onConflictDoNothing();
      return { added: added.length, removed: removed.length };
    });
  }

  /** A page of the pairs, the matching ones when `q` is given, in alphabetical order of the nynorsk word. */
  async list(q: string, limit: number, offset: number) {
    const where = q
      ? or(ilike(searchWordPairs.nynorsk, `%${escapeLike(q)}%`), ilike(searchWordPairs.bokmal, `%${escapeLike(q)}%`))
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(searchWordPairs)
        .where(where)
        .orderBy(asc(searchWordPairs.nynorsk), asc(searchWordPairs.bokmal))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(searchWordPairs).where(where),
    ]);
    return { items: rows, total: total?.n ?? 0 };
  }

  async add(actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
    const parsed = wordPairInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const pair = parsed.data;
    return this.db.transaction(async (tx) => {
      // The same pair the other way round (nynorsk "bare", bokmål "berre") is the same pair, wrongly placed.
      const [reversed] = await tx
        .select({ id: searchWordPairs.id })
        .from(searchWordPairs)
        .where(and(eq(searchWordPairs.nynorsk, pair.bokmal), eq(searchWordPairs.bokmal, pair.nynorsk)));
      if (reversed) return invalid([{ field: "nynorsk", key: "search.words.reversed" }]);
      const [row] = await tx
        .insert(searchWordPairs)
        .values({ ...pair, origin: "local" })
        .onConflictDoNothing()
        .returning({ id: searchWordPairs.id });
      if (!row) return invalid([{ field: "nynorsk", key: "search.words.exists" }]);
      await recordAudit(tx, actor, { action: "create", entity: "search_word_pair", entityId: row.id, after: pair });
      return ok(row);
    });
  }

  /** Removes an administrator's own pair; a shipped pair comes back at the next start, so it is not removed here. */
  async remove(actor: Actor, id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .delete(searchWordPairs)
        .where(and(eq(searchWordPairs.id, id), eq(searchWordPairs.origin, "local")))
        .returning();
      if (!row) throw new NotFoundError();
      await recordAudit(tx, actor, {
        action: "delete",
        entity: "search_word_pair",
        entityId: id,
        before: { nynorsk: row.nynorsk, bokmal: row.bokmal },
      });
    });
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
