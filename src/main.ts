import { buildApp } from "./app.ts";
import { prepareDatabase } from "./bootstrap.ts";
import { acquireLock, scheduleBackups } from "./platform/backup.ts";
import { ConfigError, loadConfig } from "./platform/config.ts";
import { openDatabase, vacuumEmbedded } from "./platform/db/client.ts";
import { scheduleRetention } from "./platform/retention.ts";
import { ensureSecret } from "./platform/secret.ts";

const SHUTDOWN_GRACE_MS = 300;

/** Start: configuration, database, migrations and first-start data, then listen until SIGTERM. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const releaseLock = config.DATABASE_URL ? () => undefined : acquireLock(config.SAMVERK_DATA_DIR);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
  const prepared = await prepareDatabase(database, config);
  const secret = await ensureSecret(database.db, config.SAMVERK_SECRET);
  const app = await buildApp({ config, database, secret, logger: { level: config.LOG_LEVEL } });
  app.log.info(
    { database: database.kind, dataDir: database.kind === "pglite" ? config.pgliteDir : undefined, ...prepared },
    "database ready",
  );
  if (!config.SAMVERK_SECURITY_CONTACT)
    app.log.warn("SAMVERK_SECURITY_CONTACT is not set, so /.well-known/security.txt answers 404");
  app.services.mail.delivery.start();
  // Digests of changes to needs: the run is cheap when nobody is due, so it looks every hour.
  const stopDigests = app.services.needs.scheduleDigests(60, app.log);
  const stopRetention = scheduleRetention(
    database.db,
    {
      mailDays: config.SAMVERK_RETAIN_MAIL_DAYS,
      invitationDays: config.SAMVERK_RETAIN_INVITATIONS_DAYS,
      sessionIdleMinutes: config.SAMVERK_SESSION_IDLE_MINUTES,
    },
    app.log,
    { consultationPersonalData: () => app.services.consultations.removeExpiredPersonalData() },
    () => vacuumEmbedded(database),
  );
  const stopBackups = scheduleBackups(database, {
    dir: config.backupDir,
    keep: config.SAMVERK_BACKUP_KEEP,
    hours: config.SAMVERK_BACKUP_INTERVAL_HOURS,
    log: app.log,
  });

  let stopping = false;
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
      stopDigests();
      // A short grace period: requests already on their way are read and answered (with
      // Connection: close) before idle connections are closed.
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS));
      await app.close();
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

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
