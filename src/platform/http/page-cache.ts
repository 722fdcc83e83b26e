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
import { rightsKey } from "../access/actor.ts";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import type { DataVersion } from "../db/data-version.ts";
import { i18nFor, LANG_COOKIE, negotiateLocale } from "../i18n/i18n.ts";
import { acceptedEncoding, COMPRESSION_THRESHOLD, compress, type Encoding } from "./compression.ts";
import { notModified } from "./conditional.ts";
import type { AroundMeta } from "./render.tsx";

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
  /** For a body kept for everyone with the same rights: what goes around it (render.tsx). */
  around?: AroundMeta;
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

  /** Anonymous pages being made now, by key: readers who miss the same page wait for that one. */
  private readonly making = new Map<string, Promise<void>>();
  /** Pages last made and not kept (a form with a visitor's token): nobody waits for another's. */
  private readonly notKept = new Set<string>();

  /**
   * Whether another request is making this page now; if so, waits until it is done. Otherwise this
   * request makes it, and answers the function to call once it is kept, or not.
   */
  async madeByAnother(key: string): Promise<{ waited: true } | { waited: false; done: (kept: boolean) => void }> {
    const other = this.making.get(key);
    if (other) {
      await other;
      return { waited: true };
    }
    if (this.notKept.has(key)) return { waited: false, done: () => undefined };
    let resolve!: () => void;
    const mine = new Promise<void>((r) => (resolve = r));
    this.making.set(key, mine);
    return {
      waited: false,
      done: (kept) => {
        if (this.making.get(key) !== mine) return;
        this.making.delete(key);
        if (!kept) {
          this.notKept.add(key);
          if (this.notKept.size > this.options.maxEntries) this.notKept.delete(this.notKept.values().next().value as string);
        }
        resolve();
      },
    };
  }

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
    /** Where this request's answer is kept, if anywhere: for everyone signed out, or for its session. */
    pageCache: { key: string; version: number; hit: boolean; scope: "anonymous" | "session" } | null;
    /** The data's clock when the request began, before anything was read for it: what is kept from it is kept under this time. */
    clockAt: number;
    /** A signed-in page whose body may be kept for everyone with the reader's rights, while it is made. */
    sharedPage: { key: string; version: number; personal: PersonalWatch } | null;
    /** Whether the reader's own person was read while this page was made (from the moment they were known). */
    personalWatch: PersonalWatch | null;
    /** Set when the answer carries a CSRF token: valid only with this browser's CSRF cookie. */
    carriesCsrfToken: boolean;
    /** Tells the readers waiting for the anonymous page this request makes that it is done, and whether it was kept. */
    pageMade?: (kept: boolean) => void;
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
 * pages are kept too (SignedInPages, below).
 */
export function registerPageCache(app: FastifyInstance, dataVersion: DataVersion, options: PageCacheOptions): PageCache {
  const cache = new PageCache(options, dataVersion);
  app.decorateRequest("pageCache", null);
  app.decorateRequest("carriesCsrfToken", false);
  app.decorateRequest("clockAt", 0);
  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    req.clockAt = dataVersion.current();
    if (!anonymousPageRequest(req)) return;
    const version = req.clockAt;
    const cookieLang = LANG_COOKIE_VALUE.exec(req.headers.cookie ?? "")?.[1];
    const locale = negotiateLocale((req.query as Record<string, unknown>).lang, cookieLang, req.headers["accept-language"]);
    const key = `anonymous ${locale} ${req.url}`;
    let page = cache.get(key);
    if (!page) {
      // One request makes a page missed by many at once (a page every stored input makes stale,
      // during a flood of input); the others wait for it. What it kept is used only if nothing it
      // read has changed since it began, as always, else each makes its own.
      const making = await cache.madeByAnother(key);
      if (making.waited) page = cache.get(key);
      else {
        reply.raw.once("close", () => making.done(false));
        req.pageMade = making.done;
      }
    }
    req.pageCache = { key, version, hit: page !== undefined, scope: "anonymous" };
    if (!page) return;
    if (req.url.startsWith("/api/")) {
      // Refused in the reader's language, as the API's own answers are.
      req.i18n = i18nFor(locale);
      await cache.beforeApiAnswer?.(req, reply);
    }
    return sendKept(cache, req, reply, page);
  });
  app.addHook("onSend", async (req, reply, payload) => {
    let kept = false;
    try {
      kept = keep(req, reply, payload);
    } finally {
      // Kept or not, the readers waiting for this page go on: from memory, or each making their own.
      req.pageMade?.(kept);
    }
    return payload;
  });
  /** Keeps the answer where it may be kept; says whether it did. */
  const keep = (req: FastifyRequest, reply: FastifyReply, payload: unknown): boolean => {
    const entry = req.pageCache;
    if (!entry || entry.hit || reply.statusCode !== 200 || req.tokenGrant !== null) return false;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return false;
    if (req.personalResponse || reply.hasHeader("set-cookie") || /private/.test(String(reply.getHeader("cache-control") ?? "")))
      return false;
    if (entry.scope === "anonymous") {
      // Kept for everyone: only what was made for nobody (a session cookie the quick test above took
      // for none may still have signed someone in), and not with a visitor's CSRF token.
      if (req.actor !== null || req.sessionId !== null || req.carriesCsrfToken) return false;
    } else if (req.actor === null || !String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
      // Kept for a session: its pages only (a download or a calendar says its own cache rules).
      return false;
    }
    // A page that read a table whose changes go untold (bookkeeping) cannot know when it is stale.
    if (!dataVersion.keepable(req.queries.tables)) return false;
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
    return true;
  };
  return cache;
}

/**
 * Whether a page read who its reader is (their account, their name), as against what they may do:
 * the actor is watched while the page is made, and one that was read makes the page the reader's own.
 */
interface PersonalWatch {
  /** Stops watching; says whether the page read who the reader is. */
  stop(): boolean;
}

const PERSONAL_FIELDS = new Set<PropertyKey>(["userId", "label"]);

function watchPersonal(req: FastifyRequest): PersonalWatch {
  const actor = req.actor;
  if (!actor) return { stop: () => true };
  let watching = true;
  let read = false;
  req.actor = new Proxy(actor, {
    get(target, property, receiver) {
      if (watching && PERSONAL_FIELDS.has(property)) read = true;
      return Reflect.get(target, property, receiver);
    },
  });
  return {
    stop: () => {
      watching = false;
      return read;
    },
  };
}

/**
 * A signed-in person's pages (decision 0043). Looked up after the visitor is known and the page's
 * policy has passed (so a session that ended, or rights that were taken away, are refused as ever),
 * before the handler reads anything:
 * - a page's body that did not read who its reader is (only what they may do) is kept for everyone
 *   with the same rights, and the layout and the reader's own parts in the body (the follow button,
 *   the CSRF tokens) are made for each request around it;
 * - a page that did read it is kept whole for the reader's session and the browser's CSRF cookie (so
 *   the tokens on it are still this browser's).
 * Each until a table it read changes. Never kept: a personal answer (a form token), one that sets a
 * cookie or says private, one that read an untold table, and anything but a 200.
 */
export class SignedInPages {
  constructor(
    private readonly cache: PageCache,
    private readonly dataVersion: DataVersion,
    private readonly csrfCookie: string,
  ) {}

  register(app: FastifyInstance, around: (reply: FastifyReply, body: string, meta: AroundMeta) => Promise<FastifyReply>): void {
    app.decorateRequest("sharedPage", null);
    app.decorateRequest("personalWatch", null);
    app.addHook("preHandler", async (req, reply) => {
      if (!sessionPageRequest(req) || !req.actor) return;
      // Under the time before the session and its rights were read: a change meanwhile makes it stale.
      const version = req.clockAt;
      const own = `session ${req.i18n.locale} ${req.url} ${req.sessionId} csrf:${req.cookies[this.csrfCookie] ?? ""}`;
      const page = this.cache.get(own);
      req.pageCache = { key: own, version, hit: page !== undefined, scope: "session" };
      if (page) return sendKept(this.cache, req, reply, page);
      const shared = `rights ${req.i18n.locale} ${req.url} ${rightsKey(req.actor)}`;
      const body = this.cache.get(shared);
      if (body?.around) {
        req.pageCache.hit = true;
        reply.header("x-page-cache", "hit");
        return around(reply, body.body.toString(), body.around);
      }
      req.sharedPage = { key: shared, version, personal: req.personalWatch ?? { stop: () => true } };
    });
  }

  /**
   * Starts watching who the reader is, as soon as they are known: the page's record is loaded and
   * its policy checked before the handler, and what those read of the person counts too.
   */
  watch(req: FastifyRequest): void {
    if (sessionPageRequest(req)) req.personalWatch = watchPersonal(req);
  }

  /** Offered every body renderPage makes: kept for everyone with the reader's rights where it may be. */
  offer = (req: FastifyRequest, reply: FastifyReply, body: string, around: AroundMeta, status: number): void => {
    const shared = req.sharedPage;
    if (!shared) return;
    req.sharedPage = null;
    // A page that read who its reader is stays theirs: kept for their session when it is sent.
    if (shared.personal.stop()) return;
    if (status !== 200 || req.personalResponse || reply.hasHeader("set-cookie")) return;
    if (/private/.test(String(reply.getHeader("cache-control") ?? ""))) return;
    if (!this.dataVersion.keepable(req.queries.tables)) return;
    this.cache.set(shared.key, {
      version: shared.version,
      tables: this.dataVersion.tracked(req.queries.tables),
      storedAt: Date.now(),
      headers: {},
      body,
      around,
    });
    // Kept for all with these rights: not for the session besides.
    req.pageCache = null;
    reply.header("x-page-cache", "miss");
  };
}
