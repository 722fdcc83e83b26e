import { createHmac, randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { h, type VNode } from "preact";
import { modules as allModules } from "./modules/index.ts";
import type { Actor } from "./platform/access/actor.ts";
import { registerPolicies } from "./platform/access/authorize.ts";
import { authorizePage, type PageRoute, type ResourceLoader, unguardedPageRoutes } from "./platform/access/page-access.ts";
import type { TokenGrant } from "./platform/auth/api-tokens.ts";
import { SESSION_COOKIE } from "./platform/auth/sessions.ts";
import type { Config } from "./platform/config.ts";
import { countQueriesIn, type Database, type QueryScope, readApart } from "./platform/db/client.ts";
import { type DataVersion, UntilChange, watchDataVersion } from "./platform/db/data-version.ts";
import type { Upload } from "./platform/files/files.ts";
import { ApiRouter, openApiDocument } from "./platform/http/api.ts";
import { registerCompression } from "./platform/http/compression.ts";
import { tagResponses } from "./platform/http/conditional.ts";
import { admitCrowds, CrowdLane } from "./platform/http/crowd-lane.ts";
import { AppError, BadRequestError, fromFrameworkError, NotFoundError } from "./platform/http/errors.ts";
import { Metrics } from "./platform/http/metrics.ts";
import { registerStoredOnce } from "./platform/http/once.ts";
import { acceptableApiWrite, fromAnotherSite } from "./platform/http/origin.ts";
import { type PageCache, registerPageCache, SignedInPages } from "./platform/http/page-cache.ts";
import { sameSitePath } from "./platform/http/redirect.ts";
import { type AroundMeta, type RenderDeps, renderAround, renderPage } from "./platform/http/render.tsx";
import { holdsMalformedText, holdsNul } from "./platform/http/validation.ts";
import { type I18n, i18nFor, LANG_COOKIE, type MessageKey, negotiateLocale } from "./platform/i18n/i18n.ts";
import type { AppContext, ModuleManifest } from "./platform/module.ts";
import { createServices, type Services } from "./platform/services.ts";
import { ApiDocsPage } from "./platform/ui/api-docs.tsx";
import type { NavItem, PageContext, PageMeta } from "./platform/ui/context.ts";
import { ErrorPage } from "./platform/ui/error-page.tsx";
import { OWN_PART_MARKS } from "./platform/ui/own-parts.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** "public" or the action a route needs; every route declares one, or the app does not start. */
    policy?: string;
    /**
     * The record a page route's policy is checked against, loaded from the path before the body is
     * read (the network by :slug, a project by :id); the app does not start if a policy whose rule
     * reads a record has none. API routes declare theirs to the ApiRouter instead.
     */
    resource?: ResourceLoader;
    /** What a refused user is told, where the generic "no access" would leave them guessing. */
    refusal?: MessageKey;
    /** Only routes that say so take multipart form posts (files); elsewhere they are refused unread. */
    acceptsFiles?: boolean;
    /** A request that arrives in crowds (public input, registration): through the crowd lane (decision 0045). */
    crowd?: boolean;
    /**
     * A form post without the CSRF token: only where a key in the path stands in for it and the post
     * does nothing another site could want done (a mail program's one-click unsubscribe, RFC 8058).
     */
    withoutCsrf?: boolean;
    /** A create form: the same form sent again by the same sender answers the first one's redirect (decision 0022). */
    storedOnce?: boolean;
    /** Only routes that say so may redirect to another site (the OpenID provider); elsewhere the target stays here. */
    leavesSite?: boolean;
  }
  interface FastifyInstance {
    services: Services;
    /** What an operator watches (requests, latency, errors, queries, the outbox), served apart by main.ts. */
    metrics: Metrics;
    /** Every route with the policy it declared, for the reviewed route table. */
    routePolicies: RoutePolicy[];
  }
  interface FastifyRequest {
    i18n: I18n;
    actor: Actor | null;
    /** The hash that names the current session, to mark it among the user's sessions. */
    sessionId: string | null;
    /** Set when the request came with an API token: its scopes and network limit. */
    tokenGrant: TokenGrant | null;
    /** The client's IP address as a keyed hash: enough to count, never the address itself. */
    ipKey(): string;
    pageContext(): PageContext;
    /** Set when the answer carries something of this visitor's own (a form token, a receipt): never kept. */
    personalResponse: boolean;
    /** This request's database queries, counted apart from the others'. */
    queries: QueryScope;
    /** The record the route's policy was checked against (see `authorized` in platform/access/page-access.ts). */
    resource: unknown;
  }
  interface FastifyReply {
    // biome-ignore lint/suspicious/noExplicitAny: a page is any component's vnode
    page(body: VNode<any>, meta: PageMeta): Promise<FastifyReply>;
    /** A kept page body, sent inside the layout with this reader's own parts (decision 0043). */
    keptBody(body: string, meta: AroundMeta): Promise<FastifyReply>;
  }
}

export interface RoutePolicy {
  method: string;
  url: string;
  policy: string;
}

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Signs cookies; shared by every process of an installation (see platform/secret.ts). */
  secret: string;
  logger?: FastifyServerOptions["logger"];
  /** The capabilities the app is made of; the module list unless a test adds one. */
  modules?: readonly ModuleManifest[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The largest form post read (URL-encoded): a form sent with more than this gets the 413 page. */
export const FORM_BODY_LIMIT = 4 * 1024 * 1024;

/** The cookie holding the browser's CSRF secret; every token on a page is made from it. */
const CSRF_COOKIE = "samverk_csrf";

/**
 * The app, set up in this order: the server; per-request query counting, ETags and the anonymous
 * page cache first (a page kept costs no more than finding it); the services; the route table every route must
 * appear in; security headers, compression, bodies and assets; who is asking; the guards every request
 * passes; a signed-in person's kept pages (after the guards, before any handler); errors; health; the modules; the API's description; and last the check that every route is
 * guarded.
 */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, database, secret, modules = allModules } = options;
  const app = createServer(config, options.logger);
  countQueries(app, config);
  watchRequests(app, database);
  // Before the page cache's hook, so that a kept page keeps its ETag.
  tagResponses(app);
  const { dataVersion, pageCache } = await cacheAnonymousPages(app, database, config);
  const services = createServices(database.db, config, modules, app.log, { oneProcess: database.kind === "pglite", dataVersion });
  const ctx: AppContext = { config, database, db: database.db, services, modules };
  app.decorate("services", services);
  const routeTable = collectRoutePolicies(app);
  await secureHeaders(app, config);
  // Text responses compressed (Brotli or gzip), on every route declared from here on; a page from
  // the cache comes compressed already.
  await registerCompression(app);
  await readBodies(app, config, secret);
  await serveAssets(app);
  const signedInPages = pageCache ? new SignedInPages(pageCache, dataVersion, CSRF_COOKIE) : null;
  identifyRequests(
    app,
    services,
    config,
    secret,
    dataVersion,
    modules.flatMap((m) => m.nav ?? []),
    signedInPages,
  );
  guardRequests(app, services, config, database, secret, pageCache);
  // After the guards' hooks, so a refused request never waits: crowds' writes a few at a time, readers first.
  admitCrowds(app, new CrowdLane(database.kind === "pglite" ? 1 : 4));
  // After the visitor is known and the page's policy has passed, before its handler reads anything.
  signedInPages?.register(app, (reply, body, meta) => reply.keptBody(body, meta));
  handleErrors(app);
  healthChecks(app, database);
  const api = await registerModules(app, ctx);
  describeApi(app, api, config);
  refuseUnguardedRoutes(app, routeTable);
  app.addHook("onClose", async () => {
    await services.mail.delivery.stop();
  });
  return app;
}

function createServer(config: Config, logger: BuildOptions["logger"]) {
  return Fastify({
    logger: logger ?? false,
    genReqId: (req) => (req.headers["x-request-id"] as string | undefined)?.slice(0, 64) || randomUUID(),
    // One line per request, written by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    forceCloseConnections: "idle",
    // Only behind a proxy may X-Forwarded-For be believed; otherwise anyone could pick their own IP.
    trustProxy: config.SAMVERK_TRUST_PROXY,
    routerOptions: { ignoreTrailingSlash: true },
  });
}

function watchRequests(app: FastifyInstance, database: Database) {
  // Every answered request counted for the operator's metrics, pages from the cache too.
  const metrics = new Metrics(database);
  app.decorate("metrics", metrics);
  metrics.watch(app);
}

function countQueries(app: FastifyInstance, config: Config) {
  // Every request's database queries are counted apart (tests, benchmarks and X-Db-Queries).
  app.decorateRequest("queries", null as unknown as QueryScope);
  app.decorateRequest("personalResponse", false);
  app.addHook("onRequest", (req, _reply, done) => {
    req.queries = { count: 0, tables: new Set() };
    countQueriesIn(req.queries, done);
  });
  if (config.SAMVERK_QUERY_HEADER)
    app.addHook("onSend", async (req, reply) => {
      reply.header("x-db-queries", String(req.queries.count));
    });
}

async function cacheAnonymousPages(app: FastifyInstance, database: Database, config: Config) {
  // Anonymous pages from memory until a table they read changes (decisions 0016, 0043). First, so
  // that a page kept costs no more than finding it; it was kept with every header the later hooks set.
  const dataVersion = await watchDataVersion(database);
  app.addHook("onClose", () => dataVersion.close());
  // A change answered to its sender is heard by this process first, so the page the sender is sent
  // to next is not one kept from before it (on PostgreSQL changes are heard a moment after commit).
  app.addHook("onSend", async (req, _reply, payload) => {
    if (req.method !== "GET" && req.method !== "HEAD") await dataVersion.caughtUp();
    return payload;
  });
  const pageCache =
    config.SAMVERK_PAGE_CACHE_MB > 0
      ? registerPageCache(app, dataVersion, {
          maxBytes: config.SAMVERK_PAGE_CACHE_MB * 1024 * 1024,
          maxEntries: 5000,
          maxAgeMs: 60_000,
        })
      : null;
  return { dataVersion, pageCache };
}

function collectRoutePolicies(app: FastifyInstance) {
  // Every route declares who may use it; static assets are public by nature.
  const undeclared: string[] = [];
  const routePolicies: RoutePolicy[] = [];
  const pageRoutes: PageRoute[] = [];
  app.decorate("routePolicies", routePolicies);
  app.addHook("onRoute", (route) => {
    const url = route.url ?? route.path;
    for (const method of [route.method].flat()) {
      if (method === "HEAD" || url.startsWith("/assets/")) continue;
      if (route.config?.policy) {
        routePolicies.push({ method, url, policy: route.config.policy });
        pageRoutes.push({ method, url, policy: route.config.policy, resource: !!route.config.resource });
      } else undeclared.push(`${method} ${url}`);
    }
  });
  return { undeclared, pageRoutes };
}

async function secureHeaders(app: FastifyInstance, config: Config) {
  // Security headers. No inline scripts, styles or style attributes anywhere (layout.test.ts
  // checks), so the policy can be strict: every directive set here, none left to helmet's defaults
  // (which allow inline styles from anywhere). CSS masks are data: images; scripts may still set
  // element.style, which a policy does not govern.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        // Signing out through OpenID Connect redirects the sign-out form to the provider.
        formAction: ["'self'", ...(config.OIDC_ISSUER ? [new URL(config.OIDC_ISSUER).origin] : [])],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        upgradeInsecureRequests: config.secure ? [] : null,
      },
    },
    // One framing rule: nowhere, as frame-ancestors 'none' says to browsers that read it.
    frameguard: { action: "deny" },
    // HSTS only over TLS: on http://localhost it would pin the browser to https for that host.
    hsts: config.secure ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
}

async function readBodies(app: FastifyInstance, config: Config, secret: string) {
  // Cookies, form bodies and CSRF protection for every form post.
  await app.register(fastifyCookie, { secret });
  // Well above what any valid form holds, so an over-long field is refused by the form's own schema
  // and the form comes back with the text in it, instead of a bare 413 that loses what was typed.
  await app.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT });
  // An API write without a body may still say it is JSON (a DELETE, say): an empty body is no body.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) =>
    body === "" ? done(null, undefined) : parseJson(req, body as string, done),
  );
  // Forms with a file: fields and one file land in req.body like any form, so the CSRF check and
  // re-rendering work the same. The file is read up to the limit; a bigger one is marked truncated
  // and refused by the form with a message instead of a bare 413.
  const maxUpload = config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;
  await app.register(fastifyMultipart, {
    attachFieldsToBody: "keyValues",
    throwFileSizeLimit: false,
    // A text field as long as a URL-encoded form may hold, so the form's schema refuses it whole, never cut.
    limits: { fileSize: maxUpload, files: 1, fields: 30, parts: 31, fieldSize: FORM_BODY_LIMIT },
    async onFile(part) {
      const data = await part.toBuffer();
      (part as unknown as { value: Upload }).value = { filename: part.filename, data, truncated: part.file.truncated };
    },
  });
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: "/", sameSite: "lax", httpOnly: true, signed: true, secure: config.secure },
  });
}

async function serveAssets(app: FastifyInstance) {
  // Static assets: Designsystemet (CSS and the web components pages use), the Inter font and our own stylesheet, all served by the app itself.
  const assets: [string, string][] = [
    ["/assets/ds/", path.join(root, "node_modules/@digdir/designsystemet-css/dist/src")],
    ["/assets/ds-theme/", path.join(root, "node_modules/@digdir/designsystemet-css/dist/theme")],
    ["/assets/inter/", path.join(root, "node_modules/@fontsource/inter")],
    ["/assets/ds-web/", path.join(root, "node_modules/@digdir/designsystemet-web/dist/esm")],
    ["/assets/", path.join(root, "src/platform/ui/assets")],
  ];
  for (const [prefix, dir] of assets) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix,
      decorateReply: false,
      index: false,
      maxAge: "1d",
      allowedPath: (p) => !p.includes(".."),
    });
  }
}

function identifyRequests(
  app: FastifyInstance,
  services: Services,
  config: Config,
  secret: string,
  dataVersion: DataVersion,
  nav: NavItem[],
  signedInPages: SignedInPages | null,
) {
  // Who is asking and in which language; one decorator renders every page.
  app.decorateRequest("i18n", null as unknown as I18n);
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("tokenGrant", null);
  app.decorateRequest("ipKey", function (this: FastifyRequest) {
    return createHmac("sha256", secret).update(this.ip).digest("base64url").slice(0, 24);
  });
  app.decorateRequest("pageContext", null as unknown as () => PageContext);
  // The header's list of networks, on every page: kept until any data changes.
  const networkSwitcher = new UntilChange<Awaited<ReturnType<typeof services.networks.switcher>>>(dataVersion, 1);
  // How the reader follows the page's record, kept until their follows or their parts change.
  const followStates = new UntilChange<Awaited<ReturnType<typeof services.activity.state>>>(dataVersion, 5000);
  const renderDeps: RenderDeps = {
    nav,
    networks: () => networkSwitcher.get("all", () => services.networks.switcher()),
    activity: {
      state: (userId, ref) => followStates.get(`${userId} ${ref.kind} ${ref.id}`, () => services.activity.state(userId, ref)),
      newCount: (viewer) => services.activity.newCount(viewer),
    },
    ...(signedInPages ? { offer: signedInPages.offer } : {}),
  };
  app.decorateReply("page", function (this: FastifyReply, body: VNode<unknown>, meta: PageMeta) {
    return renderPage(this.request, this, body, meta, renderDeps);
  });
  app.decorateReply("keptBody", function (this: FastifyReply, body: string, meta: AroundMeta) {
    return renderAround(this.request, this, body, meta, 200, renderDeps);
  });
  /**
   * What the actor may do in each network, kept until any data changes, so a changed role counts at
   * the next request. A token limited to one network carries only that network's rights (the API router also
   * refuses its writes anywhere else).
   */
  const grants = new UntilChange<Awaited<ReturnType<typeof services.access.grantsFor>>>(dataVersion);
  const withGrants = async (actor: Actor, onlyNetwork: number | null = null): Promise<Actor> => {
    if (actor.userId === null) return actor;
    const userId = actor.userId;
    const all = await grants.get(String(userId), () => services.access.grantsFor(userId));
    if (onlyNetwork === null) return { ...actor, networks: all };
    const grant = all[onlyNetwork];
    return { ...actor, networks: grant ? { [onlyNetwork]: grant } : {} };
  };
  app.addHook("onRequest", async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const locale = negotiateLocale(query.lang, req.cookies[LANG_COOKIE], req.headers["accept-language"]);
    if (query.lang === locale && req.cookies[LANG_COOKIE] !== locale) {
      reply.setCookie(LANG_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", secure: config.secure });
    }
    req.i18n = i18nFor(locale);
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer && req.url.startsWith("/api/")) {
      // The API takes personal access tokens; HTML pages never do, so a token cannot drive a form.
      const found = await services.apiTokens.authenticate(bearer);
      if (!found) throw new AppError(401, "invalid_token", "errors.invalidToken");
      req.actor = await withGrants({ ...found.actor, requestId: req.id, ipHash: req.ipKey() }, found.grant.networkId);
      req.tokenGrant = found.grant;
    } else if (!req.url.startsWith("/assets/") && req.url !== "/healthz") {
      // The session is looked up at every request, in this process's memory while no session has
      // ended (one that ended is refused even where its page is kept); a page depends on the person
      // it shows, not on the session's bookkeeping.
      const session = await readApart(() => services.sessions.find(req.cookies[SESSION_COOKIE]));
      if (session) req.queries.tables.add("users");
      req.actor = session ? await withGrants({ ...session.actor, requestId: req.id, ipHash: req.ipKey() }) : null;
      req.sessionId = session?.idHash ?? null;
      signedInPages?.watch(req);
    }
    let token: string | undefined;
    const url = req.url;
    // One context per request: what the page's rendering adds to it (the follow state) reaches the body's parts too.
    let context: PageContext | undefined;
    req.pageContext = () =>
      (context ??= {
        get i18n() {
          return req.i18n;
        },
        get actor() {
          return req.actor;
        },
        csrfToken: () => {
          // A body that may be kept for others holds a mark, filled in with each reader's own token.
          if (context?.markingOwnParts) return OWN_PART_MARKS.csrfToken;
          req.carriesCsrfToken = true;
          token ??= reply.generateCsrf();
          return token;
        },
        url,
        networks: [],
      });
  });
}

function guardRequests(
  app: FastifyInstance,
  services: Services,
  config: Config,
  database: Database,
  secret: string,
  pageCache: PageCache | null,
) {
  // Changes come from this site's own pages: one sent by a page on another site (or a sibling host)
  // is refused before its body is read. API writes are JSON, which a page elsewhere cannot send.
  const publicOrigin = config.SAMVERK_PUBLIC_URL ? new URL(config.SAMVERK_PUBLIC_URL).origin : null;
  app.addHook("onRequest", async (req) => {
    if (fromAnotherSite(req, publicOrigin)) throw new AppError(403, "cross_site", "errors.crossSite");
    if (req.url.startsWith("/api/") && !acceptableApiWrite(req))
      throw new AppError(415, "unsupported_media_type", "errors.mediaType");
  });
  // Files only where a route takes them, refused before a byte of the body is read.
  app.addHook("onRequest", async (req) => {
    const multipart = /^multipart\/form-data\b/i.test(req.headers["content-type"] ?? "");
    if (multipart && !req.routeOptions.config.acceptsFiles)
      throw new AppError(415, "unsupported_media_type", "errors.filesNotAccepted");
  });
  // API rate limit per token, per signed-in user, or else per IP; counted in the database (in memory
  // on the embedded database's one process), an answer kept by the page cache too. The count is
  // bookkeeping: an answer does not depend on it.
  const limitApi = async (req: FastifyRequest, reply: FastifyReply) => {
    const who = req.tokenGrant
      ? `token:${req.tokenGrant.tokenId}`
      : req.actor?.userId
        ? `user:${req.actor.userId}`
        : `ip:${req.ipKey()}`;
    const state = await readApart(() => services.throttle.hit(`api:${who}`, config.SAMVERK_API_RATE_PER_MINUTE, 60));
    if (state.blocked) {
      reply.header("retry-after", String(state.retryAfterSeconds));
      throw new AppError(429, "too_many_requests", "errors.tooMany");
    }
  };
  if (pageCache) pageCache.beforeApiAnswer = limitApi;
  app.addHook("onRequest", async (req, reply) => {
    if (req.url.startsWith("/api/v1/")) await limitApi(req, reply);
  });
  // Every page route that is not public is authorised here, before its body is read and before its
  // handler runs: 401 for anonymous visitors, the declared record loaded (404), the policy checked
  // against it (403). Before the CSRF check, so a refused post is refused as such. The API's router
  // does the same for its routes.
  app.decorateRequest("resource", null);
  app.addHook("preParsing", async (req) => {
    await authorizePage(req);
  });
  // A NUL character or a lone surrogate cannot be stored as text: a request with one (only a forged
  // one has it) is refused here, in the user's language, instead of failing in the database.
  app.addHook("preHandler", async (req) => {
    if (holdsNul(req.query) || holdsNul(req.params) || holdsNul(req.body)) throw new BadRequestError();
    if (holdsMalformedText(req.query) || holdsMalformedText(req.params) || holdsMalformedText(req.body))
      throw new BadRequestError([], "errors.malformedText");
  });
  app.addHook("preHandler", (req, reply, done) => {
    // Form posts carry a CSRF token; the JSON API is guarded by requiring JSON instead (above).
    if (req.method === "POST" && !req.url.startsWith("/api/") && !req.routeOptions.config.withoutCsrf)
      return app.csrfProtection(req, reply, done);
    done();
  });
  // A create form sent again (Back, then send) answers the first one's redirect instead of storing twice.
  registerStoredOnce(app, database.db, secret);
  // Every redirect stays on this site, whoever wrote it and whatever went into it: a target that is not
  // a plain path here (another host, a control character) becomes the front page, never a 500.
  app.addHook("onSend", async (req, reply, payload) => {
    const location = reply.getHeader("location");
    if (location === undefined || req.routeOptions.config.leavesSite) return payload;
    const safe = sameSitePath(String(location));
    if (safe !== location) reply.header("location", safe);
    return payload;
  });
  app.addHook("onResponse", async (req, reply) => {
    if (req.url.startsWith("/assets/")) return;
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, "request");
  });
}

function handleErrors(app: FastifyInstance) {
  // Errors end as a page or as the API's error shape, always in the user's language.
  app.setErrorHandler(async (error, req, reply) => {
    const appError = error instanceof AppError ? error : fromFrameworkError(error as { statusCode?: number; code?: string });
    if (!appError) {
      req.log.error({ err: error }, "unhandled error");
      app.metrics.unhandledError();
    }
    const status = appError?.status ?? 500;
    const i18n = req.i18n ?? i18nFor("nb");
    if (req.url.startsWith("/api/")) {
      return reply.code(status).send({
        error: {
          code: appError?.code ?? "internal_error",
          message: i18n.t(appError?.messageKey ?? "errors.internal"),
          ...(appError?.fields.length
            ? { fields: appError.fields.map((f) => ({ field: f.field, message: i18n.t(f.key, f.params) })) }
            : {}),
        },
      });
    }
    if (status === 401) return reply.redirect(`/login?returnTo=${encodeURIComponent(req.url)}`, 303);
    if (!req.pageContext || !req.i18n) {
      req.i18n = i18n;
      req.pageContext = () => ({ i18n, actor: null, csrfToken: () => "", url: req.url, networks: [] });
    }
    return reply.page(h(ErrorPage, { ctx: req.pageContext(), error: appError }), {
      title: i18n.t(appError?.messageKey ?? "errors.internal"),
      status,
    });
  });
  app.setNotFoundHandler(async () => {
    throw new NotFoundError();
  });
}

function healthChecks(app: FastifyInstance, database: Database) {
  // Health: alive, and ready only when the database answers.
  app.get("/healthz", { config: { policy: "public" } }, async () => ({ status: "ok" }));
  app.get("/readyz", { config: { policy: "public" } }, async (_req, reply) => {
    const ready = await database.ping();
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "database unavailable" });
  });
}

async function registerModules(app: FastifyInstance, ctx: AppContext) {
  // The modules: rules first, then pages and API.
  const api = new ApiRouter(app, async (slug) => (await ctx.services.networks.bySlug(slug))?.id);
  for (const module of ctx.modules) {
    if (module.policies) registerPolicies(module.policies);
    await module.routes?.(app, ctx);
    module.api?.(api, ctx);
  }
  return api;
}

function describeApi(app: FastifyInstance, api: ApiRouter, config: Config) {
  // The API's own description, made from the same schemas the routes validate with.
  const document = openApiDocument(api.routes, {
    version: "1",
    ...(config.SAMVERK_PUBLIC_URL ? { serverUrl: config.SAMVERK_PUBLIC_URL } : {}),
  });
  app.get("/api/openapi.json", { config: { policy: "public" } }, async () => document);
  app.get("/api/docs", { config: { policy: "public" } }, async (req, reply) =>
    reply.page(h(ApiDocsPage, { ctx: req.pageContext(), document }), { title: req.i18n.t("apiDocs.title") }),
  );
}

function refuseUnguardedRoutes(app: FastifyInstance, { undeclared, pageRoutes }: ReturnType<typeof collectRoutePolicies>) {
  // Checked when the app is ready, so a route added by anyone, at any point, is covered.
  app.addHook("onReady", async () => {
    if (undeclared.length) throw new Error(`Routes without a policy: ${undeclared.join(", ")}`);
    const unguarded = unguardedPageRoutes(pageRoutes);
    if (unguarded.length) throw new Error(`Page routes the kernel cannot authorise: ${unguarded.join(", ")}`);
  });
}
