import path from "node:path";
import { z } from "zod";

/**
 * Every setting comes from the environment and is checked here once, at start.
 * The README's configuration table lists the same variables; keep them in step.
 */
const booleanFlag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  SAMVERK_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "a postgres:// or postgresql:// URL")
    .optional(),
  SAMVERK_DEMO: booleanFlag.default(true),
  SAMVERK_SECRET: z.string().min(32, "at least 32 characters").optional(),
  SAMVERK_PUBLIC_URL: z.url("an absolute URL such as https://samverk.example.no").optional(),
  SAMVERK_BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 31)
    .default(24),
  SAMVERK_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  SAMVERK_BACKUP_DIR: z.string().min(1).optional(),
  SAMVERK_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  SAMVERK_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60 * 30)
    .default(120),
  SAMVERK_RETAIN_MAIL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  SAMVERK_RETAIN_INVITATIONS_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  SAMVERK_API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** The largest file one may upload, in megabytes. */
  SAMVERK_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  /** Invitations one person may send in an hour, so a stolen account cannot spam from Samverk's address. */
  SAMVERK_INVITATIONS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Consultation inputs one sender (by keyed address) may give in ten minutes. */
  SAMVERK_INPUTS_PER_TEN_MINUTES: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Memory for pages kept for visitors who are not signed in, in megabytes; 0 keeps none. */
  SAMVERK_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** Answer each request's number of database queries in an X-Db-Queries header (for benchmarks). */
  SAMVERK_QUERY_HEADER: booleanFlag.default(false),
  /** Serves Prometheus metrics at /metrics on this port, apart from the app's; off when unset. */
  SAMVERK_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where the metrics port listens: this machine only unless a scraper elsewhere needs it. */
  SAMVERK_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  OIDC_ISSUER: z.url("the issuer URL of an OpenID Connect provider, such as https://idporten.no").optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(300).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  OIDC_SCOPES: z.string().min(6).max(500).default("openid email profile"),
  OIDC_NAME_CLAIM: z.string().min(1).max(100).default("name"),
  OIDC_EMAIL_CLAIM: z.string().min(1).max(100).default("email"),
  OIDC_LABEL: z.string().min(1).max(60).default("ID-porten"),
  SAMVERK_TRUST_PROXY: booleanFlag.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL, such as smtp://user:password@smtp.example.no:587")
    .optional(),
  SAMVERK_SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, "a mailto: or https:// address where security problems are reported")
    .optional(),
  SAMVERK_MAIL_FROM: z.string().min(3).max(200).default("Samverk <no-reply@samverk.invalid>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** `auto`: readable lines when standard output is a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(["auto", "pretty", "json"]).default("auto"),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  /** Where PGlite keeps its files, inside the data directory. */
  pgliteDir: string;
  backupDir: string;
  secure: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment; a wrong value throws one line naming the variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`Invalid configuration: ${name} must be ${describe(issue)} (got ${JSON.stringify(env[name] ?? "")})`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.SAMVERK_DATA_DIR);
  return {
    ...c,
    SAMVERK_DATA_DIR: dataDir,
    pgliteDir: path.join(dataDir, "pglite"),
    backupDir: path.resolve(c.SAMVERK_BACKUP_DIR ?? path.join(dataDir, "backups")),
    secure: c.SAMVERK_PUBLIC_URL?.startsWith("https://") ?? false,
  };
}

function emptyToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    out[key] = value === "" ? undefined : value;
  }
  return out;
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "valid";
  switch (issue.code) {
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return issue.origin === "string" ? `at least ${issue.minimum} characters long` : `at least ${issue.minimum}`;
    case "too_big":
      return `at most ${issue.maximum}`;
    case "invalid_type":
      return `a ${issue.expected}`;
    case "invalid_format":
      return issue.message;
    default:
      return issue.message;
  }
}
