/**
 * Anonymous pages from memory until the data changes (decision 0016).
 *
 * A page made for a visitor who is not signed in depends only on its address, its language and the
 * data. The data's version is one row the database's triggers count up in every writing transaction
 * (migration 0031), and a page stored under an older version is made again. On PostgreSQL each
 * request reads that row, inside the database every process uses, so a change made through one
 * process is seen by all of them at their next request. The embedded database has one process (its
 * directory is locked), so there the database tells that process of each commit instead, before the
 * commit's own caller goes on. Never stored: anything for a signed-in user, an
 * answer that sets a cookie (a language choice), carries the visitor's own token (every form) or says
 * `private`. Pages say `no-store` to browsers and proxies all the same: this cache is the server's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database, DbOrTx } from "../db/client.ts";
import { dataVersion } from "../schema.ts";

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
  storedAt: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
  bytes: number;
}

/** Headers that belong to one response, not to the page. */
const OWN_HEADERS = new Set(["content-length", "date", "connection", "keep-alive", "set-cookie", "x-db-queries"]);

export class PageCache {
  private readonly pages = new Map<string, StoredPage>();
  private bytes = 0;

  constructor(private readonly options: PageCacheOptions) {}

  get size(): number {
    return this.pages.size;
  }

  get(key: string, version: number, now = Date.now()): StoredPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (page.version !== version || now - page.storedAt > this.options.maxAgeMs) {
      this.delete(key);
      return undefined;
    }
    // Most recently used last, so the first entry is the one to drop.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: Omit<StoredPage, "bytes">): void {
    const bytes = Buffer.byteLength(page.body);
    if (bytes > this.options.maxBytes / 10) return;
    this.delete(key);
    this.pages.set(key, { ...page, bytes });
    this.bytes += bytes;
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

export async function currentDataVersion(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ version: dataVersion.version }).from(dataVersion).limit(1);
  return row?.version ?? 0;
}

/** The version to compare with: told by the embedded database, or read from PostgreSQL. */
async function versionSource(app: FastifyInstance, database: Database): Promise<() => number | Promise<number>> {
  const { pglite } = database;
  if (!pglite) return () => currentDataVersion(database.db);
  // Any number that grows at each commit will do: pages are only compared with this process's own.
  let version = 0;
  await pglite.exec("set samverk.notify_changes = 'on'");
  const unlisten = await pglite.listen("samverk_data_changed", () => {
    version++;
  });
  app.addHook("onClose", async () => {
    if (!pglite.closed) await unlisten();
  });
  return () => version;
}

declare module "fastify" {
  interface FastifyRequest {
    pageCache: { key: string; version: number; hit: boolean } | null;
  }
}

const cacheable = (req: FastifyRequest) =>
  req.method === "GET" &&
  req.actor === null &&
  req.tokenGrant === null &&
  !req.url.startsWith("/assets/") &&
  req.url !== "/healthz" &&
  req.url !== "/readyz";

/**
 * Adds the cache to the app. Registered after the hooks that find the visitor and the language, so
 * that the key and the anonymity are known.
 */
export async function registerPageCache(app: FastifyInstance, database: Database, options: PageCacheOptions): Promise<PageCache> {
  const cache = new PageCache(options);
  const currentVersion = await versionSource(app, database);
  app.decorateRequest("pageCache", null);
  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(req)) return;
    const version = await currentVersion();
    const key = `${req.i18n.locale} ${req.url}`;
    const page = cache.get(key, version);
    req.pageCache = { key, version, hit: page !== undefined };
    if (!page) return;
    reply.headers(page.headers);
    reply.header("x-page-cache", "hit");
    return reply.code(200).send(page.body);
  });
  app.addHook("onSend", async (req, reply, payload) => {
    const entry = req.pageCache;
    if (!entry || entry.hit || reply.statusCode !== 200) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    if (req.personalResponse || reply.hasHeader("set-cookie") || /private/.test(String(reply.getHeader("cache-control") ?? "")))
      return payload;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined && !OWN_HEADERS.has(name)) headers[name] = typeof value === "number" ? String(value) : value;
    cache.set(entry.key, { version: entry.version, storedAt: Date.now(), headers, body: payload });
    reply.header("x-page-cache", "miss");
    return payload;
  });
  return cache;
}
