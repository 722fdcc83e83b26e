/**
 * Anonymous pages from memory until what they read changes (decisions 0016, 0043).
 *
 * A page made for a visitor who is not signed in depends only on its address, its language and the
 * data. It is kept with the tables its request read and the time of the data's clock
 * (db/data-version.ts) before it was made, and made again once one of those tables has changed,
 * through any process. Never stored:
 * anything for a signed-in user, an answer that sets a cookie (a language choice), carries the
 * visitor's own token (every form) or says `private`. Pages say `no-store` to browsers and proxies all the same: this cache is the server's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import type { DataVersion } from "../db/data-version.ts";
import { i18nFor, LANG_COOKIE, negotiateLocale } from "../i18n/i18n.ts";
import { acceptedEncoding, COMPRESSION_THRESHOLD, compress, type Encoding } from "./compression.ts";
import { notModified } from "./conditional.ts";

export interface PageCacheOptions {
  /** How many pages to keep; the least recently used goes first. */
  maxEntries: number;
  /** How many bytes of pages to keep in all. */
  maxBytes: number;
  /** The longest a page is kept, for what changes with time alone (a consultation closing). */
  maxAgeMs: number;
}

interface StoredPage {
  version: number;
  /** The tables the page was made from. */
  tables: readonly string[];
  storedAt: number;
  headers: Record<string, string | string[]>;
  /** As bytes: a string would be encoded to UTF-8 again at every request. */
  body: Buffer;
  /** The body compressed, made at the first request that takes each encoding. */
  encoded: Partial<Record<Encoding, Buffer>>;
  bytes: number;
}

/** Headers that belong to one response, not to the page. */
const OWN_HEADERS = new Set([
  "content-length",
  "date",
  "connection",
  "keep-alive",
  "set-cookie",
  "x-db-queries",
  "content-encoding",
  "vary",
]);

export class PageCache {
  private readonly pages = new Map<string, StoredPage>();
  private bytes = 0;
  /**
   * Counts an API request kept here against its rate limit, and refuses it past the limit (set once
   * the services are made): every API request counts, from memory or not.
   */
  beforeApiAnswer: ((req: FastifyRequest, reply: FastifyReply) => Promise<void>) | null = null;

  constructor(
    private readonly options: PageCacheOptions,
    private readonly changes: Pick<DataVersion, "unchangedSince">,
  ) {}

  get size(): number {
    return this.pages.size;
  }

  get(key: string, now = Date.now()): StoredPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (now - page.storedAt > this.options.maxAgeMs || !this.changes.unchangedSince(page.tables, page.version)) {
      this.delete(key);
      return undefined;
    }
    // Most recently used last, so the first entry is the one to drop.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: Omit<StoredPage, "body" | "bytes" | "encoded"> & { body: string | Buffer }): void {
    const body = typeof page.body === "string" ? Buffer.from(page.body) : page.body;
    const bytes = body.length;
    if (bytes > this.options.maxBytes / 10) return;
    this.delete(key);
    this.pages.set(key, { ...page, body, encoded: {}, bytes });
    this.bytes += bytes;
    this.evict();
  }

  /** The page's body in an encoding, compressed once and kept with the page. */
  encode(page: StoredPage, encoding: Encoding): Buffer {
    let body = page.encoded[encoding];
    if (!body) {
      body = compress(page.body, encoding);
      page.encoded[encoding] = body;
      page.bytes += body.length;
      this.bytes += body.length;
      this.evict();
    }
    return body;
  }

  private evict(): void {
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.bytes -= page.bytes;
    this.pages.delete(key);
  }
}

declare module "fastify" {
  interface FastifyRequest {
    pageCache: { key: string; version: number; hit: boolean } | null;
    /** Set when the answer carries a CSRF token: valid only with this browser's CSRF cookie. */
    carriesCsrfToken: boolean;
  }
}

const SESSION_COOKIE_PRESENT = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`);
const LANG_COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=([^;]*)`);

/**
 * A GET that no session or token comes with, for a page or the API's JSON rather than a file or a
 * health check. Read from the raw headers: this runs before the cookies are parsed and the visitor
 * is looked up.
 */
function anonymousPageRequest(req: FastifyRequest): boolean {
  if (req.method !== "GET" || req.headers.authorization) return false;
  if (req.url.startsWith("/assets/") || req.url === "/healthz" || req.url === "/readyz") return false;
  return !SESSION_COOKIE_PRESENT.test(req.headers.cookie ?? "");
}

/** A signed-in person's GET for a page (not the API, not a token's): kept for their session alone. */
function sessionPageRequest(req: FastifyRequest): boolean {
  return (
    req.method === "GET" &&
    req.sessionId !== null &&
    req.actor !== null &&
    req.tokenGrant === null &&
    !req.url.startsWith("/api/") &&
    !req.url.startsWith("/assets/")
  );
}

/** Sends a kept page: its headers, 304 to a reader who has it, else the body in an encoding they take. */
function sendKept(cache: PageCache, req: FastifyRequest, reply: FastifyReply, page: StoredPage) {
  reply.headers(page.headers);
  reply.header("x-page-cache", "hit");
  // A reader that has this version (a feed reader asking again) is told so without the body.
  const etag = page.headers.etag;
  if (typeof etag === "string" && notModified(req.headers["if-none-match"], etag)) return reply.code(304).send();
  const encoding = acceptedEncoding(req);
  if (!encoding || page.body.length < COMPRESSION_THRESHOLD) return reply.code(200).send(page.body);
  // Marked as encoded, so the compression hook leaves it as it is.
  reply.header("content-encoding", encoding);
  reply.header("vary", "accept-encoding");
  return reply.code(200).send(cache.encode(page, encoding));
}

/**
 * Adds the cache to the app, as its first hook after the query count: an anonymous page kept is sent
 * before any other work, with the headers the later hooks set when it was made. A signed-in person's
 * pages are kept too, each for their own session (see keepSessionPages).
 */
export function registerPageCache(app: FastifyInstance, dataVersion: DataVersion, options: PageCacheOptions): PageCache {
  const cache = new PageCache(options, dataVersion);
  app.decorateRequest("pageCache", null);
  app.decorateRequest("carriesCsrfToken", false);
  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    if (!anonymousPageRequest(req)) return;
    const version = dataVersion.current();
    const cookieLang = LANG_COOKIE_VALUE.exec(req.headers.cookie ?? "")?.[1];
    const locale = negotiateLocale((req.query as Record<string, unknown>).lang, cookieLang, req.headers["accept-language"]);
    const key = `${locale} ${req.url}`;
    const page = cache.get(key);
    req.pageCache = { key, version, hit: page !== undefined };
    if (!page) return;
    if (req.url.startsWith("/api/")) {
      // Refused in the reader's language, as the API's own answers are.
      req.i18n = i18nFor(locale);
      await cache.beforeApiAnswer?.(req, reply);
    }
    return sendKept(cache, req, reply, page);
  });
  app.addHook("onSend", async (req, reply, payload) => {
    const entry = req.pageCache;
    if (!entry || entry.hit || reply.statusCode !== 200 || req.tokenGrant !== null) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    if (req.personalResponse || reply.hasHeader("set-cookie") || /private/.test(String(reply.getHeader("cache-control") ?? "")))
      return payload;
    // Anonymous pages are kept for everyone: not one with a visitor's CSRF token.
    if (req.actor === null && req.carriesCsrfToken) return payload;
    // A page that read a table whose changes go untold (bookkeeping) cannot know when it is stale.
    if (!dataVersion.keepable(req.queries.tables)) return payload;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined && !OWN_HEADERS.has(name)) headers[name] = typeof value === "number" ? String(value) : value;
    cache.set(entry.key, {
      version: entry.version,
      tables: dataVersion.tracked(req.queries.tables),
      storedAt: Date.now(),
      headers,
      body: payload,
    });
    reply.header("x-page-cache", "miss");
    return payload;
  });
  return cache;
}

/**
 * A signed-in person's pages, kept for their session and the browser's CSRF cookie (so the tokens on
 * a kept page are still this browser's), until a table the page read changes. Looked up after the
 * visitor is known and the page's policy has passed (so a session that ended, or rights that were
 * taken away, are refused as ever), before the handler reads anything. Whatever the page shows of
 * the person is theirs alone; what they may see is in the tables it read (their rights, kept until
 * their memberships change). Never kept: a personal answer (a form token), one that sets a cookie or
 * says private, and one that read an untold table.
 */
export function keepSessionPages(app: FastifyInstance, cache: PageCache, dataVersion: DataVersion, csrfCookie: string): void {
  app.addHook("preHandler", async (req, reply) => {
    if (!sessionPageRequest(req)) return;
    const key = `${req.i18n.locale} ${req.url} session:${req.sessionId} csrf:${req.cookies[csrfCookie] ?? ""}`;
    const version = dataVersion.current();
    const page = cache.get(key);
    req.pageCache = { key, version, hit: page !== undefined };
    if (page) return sendKept(cache, req, reply, page);
  });
}
