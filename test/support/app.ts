import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/app.ts";
import { modules } from "../../src/modules/index.ts";
import { UserService } from "../../src/platform/auth/users.ts";
import { loadConfig } from "../../src/platform/config.ts";
import { clockOf } from "../../src/platform/db/data-version.ts";
import type { ModuleManifest } from "../../src/platform/module.ts";
import { createTestDatabase, type TestDatabase } from "./db.ts";

export const ADMIN = { email: "admin@test.samverk.example", password: "a long test password 42" };

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    demo?: boolean;
    env?: Record<string, string>;
    extend?: (app: FastifyInstance) => void;
    /** Modules beyond the module list, as a new module would be added. */
    moreModules?: ModuleManifest[];
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options);
  await new UserService(database.db).createAdmin({ ...ADMIN, name: "Test Admin" });
  const config = loadConfig({ SAMVERK_DATA_DIR: "./tmp/test-data", ...options.env });
  const app = await buildApp({
    config,
    database,
    secret: "test-secret-test-secret-test-secret-1234",
    ...(options.moreModules ? { modules: [...modules, ...options.moreModules] } : {}),
  });
  options.extend?.(app);
  try {
    await app.ready();
  } catch (error) {
    await database.close();
    throw error;
  }
  hearWritesBeforeRequests(app, database);
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * On PostgreSQL a process hears of a commit a moment after it (decision 0043). A test that writes to
 * the database itself and asks for a page at once would be quicker than that moment, as no reader
 * is: each request it makes waits until the app has heard of every commit before it.
 */
function hearWritesBeforeRequests(app: FastifyInstance, database: TestDatabase): void {
  const clock = clockOf(database);
  if (database.kind !== "postgres" || !clock) return;
  const inject = app.inject.bind(app) as (options: InjectOptions) => Promise<LightMyRequestResponse>;
  app.inject = (async (options: InjectOptions) => {
    await clock.caughtUp();
    return inject(options);
  }) as FastifyInstance["inject"];
}

/** Cookies from a response, as a Cookie header value merged over earlier ones. */
export function mergeCookies(previous: string, response: LightMyRequestResponse): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c] as const),
  );
  for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    if (cookie.value === "" || cookie.maxAge === 0) jar.delete(cookie.name);
    else jar.set(cookie.name, `${cookie.name}=${cookie.value}`);
  }
  return [...jar.values()].join("; ");
}

export function csrfTokenIn(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/);
  if (!match) throw new Error("no CSRF token on the page");
  return match[1]!;
}

/** A browser-like session: keeps cookies and fills in the CSRF token of the last form it saw. */
export class Session {
  cookies = "";
  token = "";

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: "GET", url, headers: { cookie: this.cookies, ...headers } });
    this.cookies = mergeCookies(this.cookies, res);
    const match = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (match) this.token = match[1]!;
    return res;
  }

  /** Posts a form the way a browser does: urlencoded, with the page's CSRF token unless told otherwise. */
  async post(url: string, fields: Record<string, string | string[]>, options: { csrf?: string | null } = {}) {
    if (!this.token && options.csrf === undefined) await this.get("/login");
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const csrf = options.csrf === undefined ? this.token : options.csrf;
    if (csrf !== null) body.append("_csrf", csrf);
    const res = await this.app.inject({
      method: "POST",
      url,
      headers: { cookie: this.cookies, "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
    });
    this.cookies = mergeCookies(this.cookies, res);
    const match = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (match) this.token = match[1]!;
    return res;
  }

  /** Posts a form with one file, as multipart/form-data, the way a browser does. */
  async upload(
    url: string,
    fields: Record<string, string>,
    file: { field: string; filename: string; data: Buffer; type?: string },
    options: { csrf?: string | null } = {},
  ) {
    if (!this.token && options.csrf === undefined) await this.get("/login");
    const boundary = `----samverk${Math.random().toString(16).slice(2)}`;
    const csrf = options.csrf === undefined ? this.token : options.csrf;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ ...(csrf !== null ? { _csrf: csrf } : {}), ...fields }))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const res = await this.app.inject({
      method: "POST",
      url,
      headers: { cookie: this.cookies, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.cookies = mergeCookies(this.cookies, res);
    const match = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (match) this.token = match[1]!;
    return res;
  }

  async login(email = ADMIN.email, password = ADMIN.password) {
    await this.get("/login");
    const res = await this.post("/login", { email, password });
    if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
    await this.get("/");
    return this;
  }

  /** JSON API call with this session's cookies; a write says it is JSON even without a body, as it must. */
  async api(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown) {
    return this.app.inject({
      method,
      url,
      headers: { cookie: this.cookies, ...(method !== "GET" ? { "content-type": "application/json" } : {}) },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  }
}
