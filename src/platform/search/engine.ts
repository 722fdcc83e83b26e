import { createHash } from "node:crypto";
import { Column, is, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Actor } from "../access/actor.ts";
import type { Db } from "../db/client.ts";
import type { Keeper } from "../db/data-version.ts";
import { type NetworkColumns, type NetworkSource, networkColumns, networkOf } from "../db/network-columns.ts";
import { rowsOf } from "../db/rows.ts";
import type { MessageKey } from "../i18n/i18n.ts";
import { didYouMean, highlight, type Marked } from "./highlight.ts";
import { excerpt, joined, matches, roughScore, type SearchFields, score } from "./match.ts";
import type { SearchTerms } from "./terms.ts";

/**
 * One kind of record the site search finds, declared by the module that owns it (its manifest's
 * `searchSources`). The kernel reads every source in one query, each under the access kernel's rule.
 */
export interface SearchSource {
  /** The kind's name in the URL's filter and the API ("project"). */
  kind: string;
  /** The group's heading, the kind in plural ("Projects"). */
  label: MessageKey;
  /** The table, or the tables joined, the rows come from. */
  from: SQL;
  id: SQLWrapper;
  /** Its searched text; the record's schema has a `searchIndex` over the same columns. */
  fields: SearchFields;
  /**
   * The records holding every word, where the text comes from tables indexed apart (a document's title
   * and its file's text), so no one index holds the whole text; by default `matches` over `fields`.
   */
  match?: (terms: SearchTerms) => SQL;
  /**
   * What a hit is called, where its searched title is not its name: a decision is searched by its text
   * and shown under its agenda item's title, with the text as its excerpt. By default the title.
   */
  heading?: SQLWrapper;
  /** The record's page, as a text expression. */
  href: SQL;
  /** The network it belongs to; none for a record that spans networks (an organisation, a solution). */
  network?: NetworkSource & { id: SQLWrapper };
  /** Its date, shown beside it and read by the period filter; none for a record without one. */
  date?: SQLWrapper;
  /** The rows the viewer may see: the visibility rule over the record and every container it is in. */
  visible: (viewer: Actor | null) => SQL;
  /** For a record without a network of its own: whether it belongs to a network (a member organisation). */
  inNetwork?: (networkId: number) => SQL;
  /** Whether it concerns an organisation (its owner, a participant, a supporter); without it, the filter leaves the kind out. */
  organisation?: (organisationId: number) => SQL;
  /** Whether it concerns a county, by its two-digit number; without it, the filter leaves the kind out. */
  county?: (countyCode: string) => SQL;
}

export interface SearchFilters {
  kind?: string | undefined;
  network?: number | undefined;
  organisation?: number | undefined;
  county?: string | undefined;
  /** The period, as ISO dates, both ends included. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface SiteSearchHit {
  kind: string;
  id: number;
  title: string;
  href: string;
  network: { slug: string; name: string } | null;
  date: string | null;
  /** The passage to show, with the query's words marked. */
  excerpt: Marked;
  titleMarked: Marked;
}

export interface SiteSearchGroup {
  kind: string;
  label: MessageKey;
  total: number;
  /** More matched than were read (`READ_PER_SOURCE`): the total is a lower bound. */
  atLeast: boolean;
  hits: SiteSearchHit[];
}

export interface SiteSearchResult {
  groups: SiteSearchGroup[];
  total: number;
  /** Some kind's total is a lower bound. */
  atLeast: boolean;
  /** A query spelt as the records spell it, when a word was found only by its spelling neighbours. */
  didYouMean: string | null;
}

/** Hits shown per kind when no kind is chosen, and per page of one kind. */
export const PER_KIND = 5;
export const PER_PAGE = 20;

/** A source's date as a day in Norway: an instant (a timestamp column) in Oslo's time, a date as it is. */
function dayOf(date: SQLWrapper): SQL {
  const instant = is(date, Column) && date.columnType.startsWith("PgTimestamp");
  return instant ? sql`(${date} at time zone 'Europe/Oslo')::date` : sql`(${date})::date`;
}

/** The condition a filter puts on a source, `false` when the source cannot meet it (so the kind is left out). */
/** What the search module lends the kernel from the modules: whether a network covers a county. */
export interface SearchContext {
  networkInCounty: (networkId: SQLWrapper, countyCode: string) => SQL;
  /**
   * Where a search's rows are kept until the data changes, keyed by the query's own text and values:
   * so by everything about the viewer the sources' rules read (their networks and seats, and their
   * user where a rule asks for it), never by a coarser idea of who may see what.
   */
  kept?: Keeper<readonly SearchRow[]>;
}

const dialect = new PgDialect();
/** A query's key for `kept`: a digest of its text and values. */
const keyOf = (query: SQL) =>
  createHash("sha256")
    .update(JSON.stringify(dialect.sqlToQuery(query)))
    .digest("base64");

function filtered(source: SearchSource, filters: SearchFilters, context: SearchContext): SQL[] {
  const where: SQL[] = [];
  if (filters.network !== undefined) {
    // A record of its own network, or one the source ties to a network besides (a member's strategy).
    const ways = [
      ...(source.network ? [sql`${source.network.id} = ${filters.network}`] : []),
      ...(source.inNetwork ? [source.inNetwork(filters.network)] : []),
    ];
    where.push(ways.length ? sql`(${sql.join(ways, sql` or `)})` : sql`false`);
  }
  if (filters.organisation !== undefined)
    where.push(source.organisation ? source.organisation(filters.organisation) : sql`false`);
  if (filters.county !== undefined) {
    // A record of a network is in the counties its network covers, unless it says better itself.
    if (source.county) where.push(source.county(filters.county));
    else where.push(source.network ? context.networkInCounty(source.network.id, filters.county) : sql`false`);
  }
  if (filters.from || filters.to) {
    if (!source.date) where.push(sql`false`);
    else {
      if (filters.from) where.push(sql`${dayOf(source.date)} >= ${filters.from}::date`);
      if (filters.to) where.push(sql`${dayOf(source.date)} <= ${filters.to}::date`);
    }
  }
  return where;
}

/**
 * The matching rows of each source read at most: a word in most records ("kommune") would otherwise
 * cost in proportion to the installation; beyond it, a kind's count says "at least" (as search engines
 * give "about"), and the rows read are ranked.
 */
export const READ_PER_SOURCE = 1000;

/**
 * The hits of each source scored in full, chosen by `roughScore`: scoring stems every field, so a common
 * word's hits are first ranked cheaply, and the hits beyond these follow in that order.
 */
export const SCORED_PER_SOURCE = 50;

/**
 * One source's matching rows the viewer may see (at most `READ_PER_SOURCE` and one), as the union reads
 * them: their text (title, summary, body: scored and cut into an excerpt once, for the rows kept), the
 * source's count, and each row's place by the rough measure; only the first `keep` rows leave the source
 * (the one read beyond `READ_PER_SOURCE` only says there are more).
 */
function sourceQuery(
  source: SearchSource,
  terms: SearchTerms,
  viewer: Actor | null,
  filters: SearchFilters,
  context: SearchContext,
  keep: number,
): SQL {
  const { network, fields } = source;
  const conditions = [
    source.visible(viewer),
    source.match ? source.match(terms) : matches(terms, fields),
    ...filtered(source, filters, context),
  ];
  return sql`select * from (
      select c.*, count(*) over ()::int as source_total,
        row_number() over (order by rough desc, date desc nulls last, id desc)::int as place
      from (
        select ${source.kind}::text as kind, (${source.id})::int as id, (${fields.title})::text as title,
          (${source.heading ?? fields.title})::text as heading,
          ${fields.summary ? sql`(${fields.summary})::text` : sql`null::text`} as summary,
          ${fields.body?.length ? sql`(${joined(fields.body)})::text` : sql`null::text`} as body,
          (${source.href})::text as href,
          ${networkColumns(network)},
          ${source.date ? sql`to_char(${dayOf(source.date)}, 'YYYY-MM-DD')` : sql`null::text`} as date,
          ${roughScore(terms, fields)} as rough
        from ${source.from}
        where ${sql.join(conditions, sql` and `)}
        limit ${READ_PER_SOURCE + 1}
      ) c
    ) s where place <= ${Math.min(keep, READ_PER_SOURCE)}`;
}

/** A row of a search, as kept. */
export interface SearchRow extends NetworkColumns {
  kind: string;
  id: number;
  title: string;
  href: string;
  date: string | null;
  excerpt: string;
  total: number;
  at_least: boolean;
  rn: number;
}

/** A hit's columns in the union (under an alias) as the fields `score` and `excerpt` read. */
const hitFields = (alias: string): SearchFields => ({
  title: sql.raw(`${alias}.title`),
  summary: sql.raw(`${alias}.summary`),
  body: [sql.raw(`${alias}.body`)],
});

/**
 * Searches every source in one query: each source's matching rows the viewer may see, counted per
 * kind, the best of each source scored (`SCORED_PER_SOURCE`), and the best of each kind (or a page of
 * the chosen kind) returned with its excerpt. Groups come best first.
 */
export async function siteSearch(
  db: Db,
  sources: readonly SearchSource[],
  terms: SearchTerms,
  viewer: Actor | null,
  filters: SearchFilters,
  context: SearchContext,
  page = 1,
): Promise<SiteSearchResult> {
  if (!terms.words.length || !sources.length) return { groups: [], total: 0, atLeast: false, didYouMean: null };
  const chosen = filters.kind;
  // A kind not chosen is read only for its count, which its first row carries.
  const keep = (source: SearchSource) =>
    !chosen ? SCORED_PER_SOURCE : source.kind === chosen ? Math.max(SCORED_PER_SOURCE, page * PER_PAGE) : 1;
  const union = sql.join(
    sources.map((s) => sql`(${sourceQuery(s, terms, viewer, filters, context, keep(s))})`),
    sql` union all `,
  );
  const window = chosen
    ? sql`kind = ${chosen} and rn > ${(page - 1) * PER_PAGE} and rn <= ${page * PER_PAGE}`
    : sql`rn <= ${PER_KIND}`;
  const query = sql`
      select r.kind, r.id, r.heading as title, r.href, r.network_slug, r.network_name, r.date, r.total, r.at_least, r.rn,
        ${excerpt(terms, { ...hitFields("r"), summary: sql`coalesce(r.summary, nullif(r.title, r.heading))` })} as excerpt
      from (
        select h.*,
          (sum(least(source_total, ${READ_PER_SOURCE})) filter (where place = 1) over (partition by kind))::int as total,
          bool_or(source_total > ${READ_PER_SOURCE}) filter (where place = 1) over (partition by kind) as at_least,
          max(score) over (partition by kind) as best,
          row_number() over (partition by kind order by score desc nulls last, place, date desc nulls last, id desc)::int as rn
        from (
          select u.*, case when place <= ${SCORED_PER_SOURCE} then ${score(terms, hitFields("u"))} end as score
          from (${union}) u
        ) h
      ) r
      where ${window} or rn = 1
      order by best desc nulls last, kind, rn`;
  const run = async () => rowsOf<SearchRow>(await db.execute(query));
  const rows = context.kept ? await context.kept.get(keyOf(query), run) : await run();
  const groups: SiteSearchGroup[] = [];
  for (const row of rows) {
    let group = groups.at(-1);
    if (group?.kind !== row.kind) {
      const source = sources.find((s) => s.kind === row.kind)!;
      group = { kind: row.kind, label: source.label, total: row.total, atLeast: row.at_least, hits: [] };
      groups.push(group);
    }
    // The first row of every kind comes along for its count; it is a hit only where the window wants it.
    const wanted = chosen ? row.kind === chosen && row.rn > (page - 1) * PER_PAGE : true;
    if (!wanted) continue;
    group.hits.push({
      kind: row.kind,
      id: Number(row.id),
      title: row.title,
      href: row.href,
      network: networkOf(row),
      date: row.date,
      excerpt: highlight(terms, trimExcerpt(row.excerpt)),
      titleMarked: highlight(terms, row.title),
    });
  }
  const texts = rows.flatMap((r) => [r.title, r.excerpt]);
  return {
    groups,
    total: groups.reduce((n, g) => n + g.total, 0),
    atLeast: groups.some((g) => g.atLeast),
    didYouMean: didYouMean(terms, texts),
  };
}

/** An excerpt cut at whole words, with an ellipsis where it was cut. */
function trimExcerpt(text: string): string {
  let clean = text.replace(/\s+/g, " ").trim();
  // Cut in the middle of the body: the first word may be a piece of one.
  if (clean.startsWith("… ")) clean = `… ${clean.slice(2).replace(/^[\p{L}\p{N}]*\s*/u, "")}`;
  if (clean.length < 280) return clean;
  const cut = clean.slice(0, 280);
  const end = cut.lastIndexOf(" ");
  return `${end > 200 ? cut.slice(0, end) : cut} …`;
}

/** The sources of every module that declares some, in the module list's order. */
export const sourcesOf = (modules: readonly { searchSources?: readonly SearchSource[] }[]): SearchSource[] =>
  modules.flatMap((m) => m.searchSources ?? []);
