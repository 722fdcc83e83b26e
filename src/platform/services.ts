import { ActivityService } from "./activity/activity.ts";
import { ActivityDigests } from "./activity/digest.ts";
import { followablesOf, recordKindsOf } from "./activity/followables.ts";
import { type AuditSearch, historyOf, searchAudit } from "./audit/audit.ts";
import { OidcLogin } from "./auth/oidc.ts";
import { SessionStore } from "./auth/sessions.ts";
import { UserService } from "./auth/users.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { DataVersion } from "./db/data-version.ts";
import { keepUntilChange } from "./db/data-version.ts";
import { Throttle } from "./http/throttle.ts";
import type { Importer } from "./import/importer.ts";
import { MailDelivery, Outbox, smtpTransport } from "./mail/mail.ts";
import type { ModuleManifest, ModuleServices } from "./module.ts";
import type { SearchRow } from "./search/engine.ts";
import { SearchWords } from "./search/terms.ts";
import { WordPairs } from "./search/word-pairs.ts";

export type ServiceConfig = Pick<Config, "SAMVERK_SESSION_HOURS"> &
  Partial<
    Pick<
      Config,
      | "OIDC_ISSUER"
      | "OIDC_CLIENT_ID"
      | "OIDC_CLIENT_SECRET"
      | "OIDC_SCOPES"
      | "OIDC_NAME_CLAIM"
      | "OIDC_EMAIL_CLAIM"
      | "OIDC_LABEL"
    >
  > &
  Partial<Pick<Config, "SAMVERK_SESSION_IDLE_MINUTES" | "SAMVERK_INVITATIONS_PER_HOUR" | "SAMVERK_INPUTS_PER_TEN_MINUTES">> &
  Partial<Pick<Config, "SMTP_URL" | "SAMVERK_MAIL_FROM" | "SAMVERK_PUBLIC_URL" | "PORT" | "SAMVERK_SECRET">>;

export interface ServiceLog {
  error(o: object, m: string): void;
}

export interface ServiceOptions {
  /** The installation runs in this one process (the embedded database): counters may live in memory. */
  oneProcess?: boolean;
  /** The data's version: what is counted from the data may be kept until it changes. */
  dataVersion?: DataVersion;
}

/** What every module's service factory is given: the kernel's parts and every other service, by name. */
export interface ServiceKit {
  db: Db;
  config: ServiceConfig;
  options: ServiceOptions;
  /** The configured public address, for links in mail; never a Host header a client chose. */
  baseUrl: string;
  delivery: MailDelivery;
  services: Services;
  /** Every module's importers (decision 0039), each made with the services it writes through. */
  importers: () => Importer[];
}

/** Builds one of a module's services; `services` holds the others, built on first use. */
export type ServiceFactories = { [K in keyof ModuleServices]?: (kit: ServiceKit) => ModuleServices[K] };

export type KernelServices = ReturnType<typeof createKernelServices> & {
  activity: ActivityService;
  activityDigests: ActivityDigests;
};
/** The kernel's services and every module's, one instance of each per app. */
export type Services = KernelServices & ModuleServices;

const consoleLog: ServiceLog = { error: (o, m) => console.error(m, o) };

export const publicBaseUrl = (config: ServiceConfig) =>
  (config.SAMVERK_PUBLIC_URL ?? `http://localhost:${config.PORT ?? 3000}`).replace(/\/$/, "");

function createKernelServices(db: Db, config: ServiceConfig, log: ServiceLog, options: ServiceOptions) {
  const users = new UserService(db);
  const sessions = new SessionStore(
    db,
    config.SAMVERK_SESSION_HOURS,
    config.SAMVERK_SESSION_IDLE_MINUTES ?? 120,
    options.dataVersion,
  );
  const delivery = new MailDelivery(
    db,
    config.SMTP_URL ? smtpTransport(config.SMTP_URL) : null,
    config.SAMVERK_MAIL_FROM ?? "Samverk <no-reply@samverk.invalid>",
    log,
  );
  return {
    users,
    sessions,
    audit: {
      history: (entity: string, id: string | number) => historyOf(db, entity, id),
      search: (filter: AuditSearch) => searchAudit(db, filter),
    },
    mail: { delivery, outbox: new Outbox(db) },
    throttle: new Throttle(db, options.oneProcess),
    /** Reads queries for every search: stems and the two written standards' word pairs (decision 0034). */
    searchWords: new SearchWords(db, options.dataVersion),
    wordPairs: new WordPairs(db),
    /** A site search's rows, kept until the data changes, by the query's text and values (engine.ts). */
    siteSearchRows: keepUntilChange<readonly SearchRow[]>(options.dataVersion, 500),
    oidc: new OidcLogin(
      {
        OIDC_ISSUER: config.OIDC_ISSUER,
        OIDC_CLIENT_ID: config.OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET: config.OIDC_CLIENT_SECRET,
        OIDC_SCOPES: config.OIDC_SCOPES ?? "openid email profile",
        OIDC_NAME_CLAIM: config.OIDC_NAME_CLAIM ?? "name",
        OIDC_EMAIL_CLAIM: config.OIDC_EMAIL_CLAIM ?? "email",
        OIDC_LABEL: config.OIDC_LABEL ?? "ID-porten",
      },
      publicBaseUrl(config),
    ),
  };
}

/**
 * One instance of each service per app: the kernel's, then every module's from its manifest. A module's
 * factory may use any other service; each is built on first use, and two services that need each other
 * to be built are reported by name instead of leaving one undefined.
 */
export function createServices(
  db: Db,
  config: ServiceConfig,
  modules: readonly ModuleManifest[],
  log: ServiceLog = consoleLog,
  options: ServiceOptions = {},
): Services {
  const base = createKernelServices(db, config, log, options);
  const followables = () => followablesOf(modules);
  const recordKinds = () => recordKindsOf(modules);
  const kernel = {
    ...base,
    /** Following and what happened to what one follows, over every module's followables (decision 0035). */
    activity: new ActivityService(
      db,
      followables,
      recordKinds,
      keepUntilChange(options.dataVersion, 5000, {
        tables: ["activity_seen"],
        ownerOf: (key) => key.split(" ")[0]!,
      }),
    ),
    /** One digest of what one follows; a person's rights are the access module's, read when it is sent. */
    activityDigests: new ActivityDigests(
      db,
      followables,
      recordKinds,
      (tx, userIds) => services.access.grantsOfEach(tx, userIds),
      {
        baseUrl: publicBaseUrl(config),
        delivery: base.mail.delivery,
      },
    ),
  };
  const services = { ...kernel } as Services;
  const kit: ServiceKit = {
    db,
    config,
    options,
    baseUrl: publicBaseUrl(config),
    delivery: kernel.mail.delivery,
    services,
    importers: () => modules.flatMap((m) => m.importers?.(services) ?? []),
  };
  const built = new Map<string, unknown>();
  const building: string[] = [];
  const factories = modules.flatMap((m) => Object.entries(m.services ?? {})) as [string, (kit: ServiceKit) => unknown][];
  for (const [name, make] of factories) {
    if (name in services) throw new Error(`two services are named ${name}`);
    Object.defineProperty(services, name, {
      enumerable: true,
      get() {
        if (!built.has(name)) {
          if (building.includes(name))
            throw new Error(`services need each other to be built: ${[...building, name].join(" → ")}`);
          building.push(name);
          try {
            built.set(name, make(kit));
          } finally {
            building.pop();
          }
        }
        return built.get(name);
      },
    });
  }
  // Built now, in the modules' order, so a wrong factory fails at start and not at a first request.
  for (const [name] of factories) void (services as unknown as Record<string, unknown>)[name];
  return services;
}
