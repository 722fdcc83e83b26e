import { existsSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { FastifyInstance } from "fastify";
// Only what the first line of the log needs is imported here; the rest is loaded after that line.
import { type Config, ConfigError, loadConfig } from "./platform/config.ts";
import { createStartLog, prettyDestination, resolveLogFormat } from "./platform/log-format.ts";

const SHUTDOWN_GRACE_MS = 300;

/** The address a person opens: the public URL when there is one, else this machine's port. */
function addressToOpen(config: Config): string {
  if (config.SAMVERK_PUBLIC_URL) return config.SAMVERK_PUBLIC_URL;
  const anyHost = ["0.0.0.0", "::", "127.0.0.1", "::1", "localhost"].includes(config.HOST);
  const host = anyHost ? "localhost" : config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
}

interface SignIn {
  email: string;
  password: string;
}

/** The demo's sign-in, while it still signs in (an installation with demo data whose password is unchanged). */
async function demoSignIn(app: FastifyInstance, config: Config, demo: SignIn): Promise<SignIn | undefined> {
  if (!config.SAMVERK_DEMO) return undefined;
  return (await app.services.users.authenticate(demo.email, demo.password)) === null ? undefined : demo;
}

/** Start: configuration, database, migrations and first-start data, then listen until SIGTERM. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // Readable lines on a terminal, JSON lines for whatever collects them otherwise.
  const format = resolveLogFormat(config.LOG_FORMAT);
  const startLog = createStartLog(format, config.LOG_LEVEL);
  const startedAt = Date.now();
  // npm's engine warnings are off (.npmrc: npm itself may run on an older system Node), so the
  // warning that matters is given here, where Samverk runs.
  if (Number(process.versions.node.split(".")[0]) < 24)
    startLog(
      "warn",
      `Samverk is made for Node.js 24 and this is ${process.versions.node}: npm start runs the Node 24 that npm install put in node_modules/.bin`,
    );
  startLog("info", "starting Samverk");
  // Loading the code takes seconds on a busy machine; the line above is on the screen meanwhile.
  const [
    { buildApp },
    { DEMO_ADMIN, prepareDatabase },
    { acquireLock, scheduleBackups },
    { openDatabase, vacuumEmbedded },
    { scheduleRetention },
    { ensureSecret },
    { retentionSteps, startBackgroundWork },
    { modules },
  ] = await Promise.all([
    import("./app.ts"),
    import("./bootstrap.ts"),
    import("./platform/backup.ts"),
    import("./platform/db/client.ts"),
    import("./platform/retention.ts"),
    import("./platform/secret.ts"),
    import("./platform/module.ts"),
    import("./modules/index.ts"),
  ]);
  const releaseLock = config.DATABASE_URL ? () => undefined : acquireLock(config.SAMVERK_DATA_DIR);
  // PGlite's first opening creates the database cluster, the slowest step of a first start.
  const creating = !config.DATABASE_URL && !existsSync(path.join(config.pgliteDir, "PG_VERSION"));
  startLog(
    "info",
    config.DATABASE_URL
      ? "connecting to PostgreSQL"
      : creating
        ? `first start: creating the embedded database in ${config.pgliteDir}`
        : `opening the embedded database in ${config.pgliteDir}`,
  );
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
  const prepared = await prepareDatabase(database, config, (step) => startLog("info", step));
  const secret = await ensureSecret(database.db, config.SAMVERK_SECRET);
  const app = await buildApp({
    config,
    database,
    secret,
    modules,
    logger: { level: config.LOG_LEVEL, ...(format === "pretty" ? { stream: prettyDestination() } : {}) },
  });
  app.log.info(
    {
      database: database.kind,
      dataDir: database.kind === "pglite" ? config.pgliteDir : undefined,
      ...prepared,
      seconds: Math.round((Date.now() - startedAt) / 100) / 10,
    },
    "database ready",
  );
  if (!config.SAMVERK_SECURITY_CONTACT)
    app.log.warn("SAMVERK_SECURITY_CONTACT is not set, so /.well-known/security.txt answers 404");
  app.services.mail.delivery.start();
  // The modules' own work while the app runs (digests, reminders), and their steps of the daily retention run.
  const moduleContext = { config, database, db: database.db, services: app.services, modules };
  const stopBackgroundWork = startBackgroundWork(moduleContext, app.log);
  const stopRetention = scheduleRetention(
    database.db,
    {
      mailDays: config.SAMVERK_RETAIN_MAIL_DAYS,
      invitationDays: config.SAMVERK_RETAIN_INVITATIONS_DAYS,
      sessionIdleMinutes: config.SAMVERK_SESSION_IDLE_MINUTES,
    },
    app.log,
    retentionSteps(moduleContext),
    () => vacuumEmbedded(database),
  );
  const stopBackups = scheduleBackups(database, {
    dir: config.backupDir,
    keep: config.SAMVERK_BACKUP_KEEP,
    hours: config.SAMVERK_BACKUP_INTERVAL_HOURS,
    log: app.log,
  });

  let stopping = false;
  /** The metrics port's server, when one is configured; closed with the app. */
  let metricsServer: Server | undefined;
  // Answers sent while stopping close their connection, so keep-alive clients do not hold the exit up.
  app.addHook("onSend", async (_req, reply) => {
    if (stopping) reply.header("connection", "close");
  });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down: finishing requests in flight");
    try {
      stopBackups();
      stopRetention();
      stopBackgroundWork();
      // A short grace period: requests already on their way are read and answered (with
      // Connection: close) before idle connections are closed.
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS));
      await app.close();
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      await database.close();
      app.log.info("database closed, bye");
      releaseLock();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, "shutdown failed");
      releaseLock();
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  const demo = await demoSignIn(app, config, DEMO_ADMIN);
  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.SAMVERK_METRICS_PORT) {
    const { serveMetrics } = await import("./platform/http/metrics.ts");
    metricsServer = await serveMetrics(app.metrics, config.SAMVERK_METRICS_PORT, config.SAMVERK_METRICS_HOST);
    app.log.info(`metrics at http://${config.SAMVERK_METRICS_HOST}:${config.SAMVERK_METRICS_PORT}/metrics`);
  }
  // Last, so the lines a person needs are the ones left on the screen.
  app.log.info(`Samverk is ready: open ${addressToOpen(config)}`);
  if (demo) app.log.info(`demo sign-in: ${demo.email}, password ${demo.password}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
