/**
 * Atom feeds (RFC 4287) of a network's public records, for feed readers: each module declares its
 * feeds in its manifest (`feeds`), each reading the network's newest records that anyone may read
 * (the access kernel's rule with no viewer, whoever asks), and the kernel writes them as Atom.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { notModified, weakEtag } from "./http/conditional.ts";
import type { I18n, MessageKey, Translate } from "./i18n/i18n.ts";
import type { AppContext, ModuleManifest } from "./module.ts";
import { publicBaseUrl } from "./services.ts";

/** The most entries a feed holds: readers keep what they have seen, so a feed need only say what is new. */
export const FEED_LIMIT = 50;

/** The network a feed is of. */
export interface FeedNetwork {
  id: number;
  slug: string;
  name: string;
  /** A feed with no entry is as old as its network. */
  createdAt: Date;
}

/** One record in a feed, as a module reads it: plain text, which the kernel escapes. */
export interface FeedEntry {
  /** The record's kind and id ("decision/12"): the entry's id for good, whatever its page's address becomes. */
  key: string;
  title: string;
  /** The record's page, a path ("/gatherings/12"), made absolute with the installation's public address. */
  path: string;
  published: Date;
  updated: Date;
  /** A few lines of plain text: what it is, when, and the start of its text. */
  summary: string;
}

/** A feed a module offers of each network: its name is the file name (`/n/:slug/feeds/<name>.atom`). */
export interface FeedSource {
  /** What the feed holds ("Decisions"), before the network's name in its title. */
  label: MessageKey;
  /** The page that lists the same records (the feed's alternate link). */
  page: (network: { slug: string }) => string;
  /**
   * The network's newest records that a reader who is not signed in may read, newest `updated`
   * first, at most `most`: under the access kernel's rule with no viewer, whoever asks.
   */
  read: (ctx: AppContext, network: FeedNetwork, i18n: I18n, most: number) => Promise<FeedEntry[]>;
}

/** A feed's address. */
export const feedPath = (slug: string, name: string) => `/n/${slug}/feeds/${name}.atom`;

/** Every module's feeds by name, in the module list's order; a name declared twice is a mistake at start. */
export function moduleFeeds(modules: readonly ModuleManifest[]): Record<string, FeedSource> {
  const feeds: Record<string, FeedSource> = {};
  for (const m of modules)
    for (const [name, source] of Object.entries(m.feeds ?? {})) {
      if (name in feeds) throw new Error(`two feeds are named ${name}`);
      feeds[name] = source;
    }
  return feeds;
}

/** One feed of every given feed's entries, newest first: the network's page is its page. */
export function combinedFeed(label: MessageKey, sources: readonly FeedSource[]): FeedSource {
  return {
    label,
    page: (network) => `/n/${network.slug}`,
    read: async (ctx, network, i18n, most) =>
      newestFirst((await Promise.all(sources.map((s) => s.read(ctx, network, i18n, most)))).flat()).slice(0, most),
  };
}

/** A feed's link for a page's head and for the list of feeds on a page. */
export interface FeedLink {
  href: string;
  /** The feed's title, as feed readers show it ("Decisions – Digi Rogaland"). */
  title: string;
  /** What it holds ("Decisions"), for a list of a network's feeds. */
  label: string;
}

/** The links to a network's feeds. */
export const feedLinks = (network: { slug: string; name: string }, feeds: Record<string, FeedSource>, t: Translate): FeedLink[] =>
  Object.entries(feeds).map(([name, source]) => ({
    href: feedPath(network.slug, name),
    title: feedTitle(t(source.label), network),
    label: t(source.label),
  }));

const feedTitle = (label: string, network: { name: string }) => `${label} – ${network.name}`;

const newestFirst = (entries: FeedEntry[]) =>
  entries.sort((a, b) => b.updated.getTime() - a.updated.getTime() || b.published.getTime() - a.published.getTime());

/** A network's feed as an Atom document, and when it last changed. */
export async function readFeed(
  ctx: AppContext,
  network: FeedNetwork,
  name: string,
  source: FeedSource,
  i18n: I18n,
): Promise<{ xml: string; updated: Date }> {
  const base = publicBaseUrl(ctx.config);
  const entries = newestFirst(await source.read(ctx, network, i18n, FEED_LIMIT)).slice(0, FEED_LIMIT);
  const updated = entries[0]?.updated ?? network.createdAt;
  const xml = toAtom({
    id: `${base}${feedPath(network.slug, name)}`,
    title: feedTitle(i18n.t(source.label), network),
    page: `${base}${source.page(network)}`,
    updated,
    lang: i18n.locale,
    author: { name: network.name, uri: `${base}/n/${network.slug}` },
    entries: entries.map((e) => ({ ...e, id: tagUri(base, e.key), link: `${base}${e.path}` })),
  });
  return { xml, updated };
}

/**
 * An entry's id: a tag URI (RFC 4151) of the installation's host and the record's kind and id, so it
 * stays the same when the record's page moves or its text changes.
 */
const tagUri = (base: string, key: string) => `tag:${new URL(base).hostname},2026:${key}`;

/**
 * Text as XML 1.0 takes it (§2.2): characters it does not allow (control characters other than tab
 * and line ends, lone surrogates, U+FFFE and U+FFFF) are dropped, the five markup characters escaped.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** An instant as Atom writes it (RFC 3339, UTC, whole seconds). */
const atomDate = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** A text cut at a word to about `most` characters, its runs of white space made one space. */
export function excerpt(text: string, most = 280): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= most) return line;
  const cut = line.lastIndexOf(" ", most - 1);
  return `${line.slice(0, cut > most / 2 ? cut : most - 1)}…`;
}

interface AtomFeed {
  id: string;
  title: string;
  page: string;
  updated: Date;
  lang: string;
  author: { name: string; uri: string };
  entries: (FeedEntry & { id: string; link: string })[];
}

/** An Atom feed document; every text escaped, each entry with the network as its author. */
export function toAtom(feed: AtomFeed): string {
  const author = `<author><name>${xmlText(feed.author.name)}</name><uri>${xmlText(feed.author.uri)}</uri></author>`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">`,
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <updated>${atomDate(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.id)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.page)}"/>`,
    `  ${author}`,
    "  <generator>Samverk</generator>",
    ...feed.entries.flatMap((e) => [
      "  <entry>",
      `    <id>${xmlText(e.id)}</id>`,
      `    <title type="text">${xmlText(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
      `    <published>${atomDate(e.published)}</published>`,
      `    <updated>${atomDate(e.updated)}</updated>`,
      `    ${author}`,
      `    <summary type="text">${xmlText(e.summary)}</summary>`,
      "  </entry>",
    ]),
    "</feed>",
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * Answers a feed. It holds only what anyone may read, so it is the same for every reader in a
 * language: caches may keep it but must ask again (no-cache), and a reader that has this version
 * (If-None-Match) is answered 304 without it. The page cache keeps it for those not signed in.
 */
export function sendFeed(req: FastifyRequest, reply: FastifyReply, feed: { xml: string; updated: Date }) {
  const etag = weakEtag(feed.xml);
  reply
    .type("application/atom+xml; charset=utf-8")
    .header("cache-control", "no-cache")
    .header("etag", etag)
    .header("last-modified", feed.updated.toUTCString());
  if (notModified(req.headers["if-none-match"], etag)) return reply.code(304).send();
  return reply.send(feed.xml);
}
