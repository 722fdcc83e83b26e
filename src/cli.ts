import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { prepareDatabase } from "./bootstrap.ts";
import { modules } from "./modules/index.ts";
import { ArchiveError, exportArchive, importArchive } from "./platform/archive.ts";
import { UserService } from "./platform/auth/users.ts";
import { acquireLock, backupNow, restoreBackup } from "./platform/backup.ts";
import { type Config, ConfigError, loadConfig } from "./platform/config.ts";
import { type Database, openDatabase } from "./platform/db/client.ts";
import { runMigrations } from "./platform/db/migrate.ts";
import { diagnose, formatFindings } from "./platform/doctor.ts";
import { extractMissingText } from "./platform/files/text.ts";
import { i18nFor } from "./platform/i18n/i18n.ts";

const USAGE = `Usage: samverk <command>

  user create-admin --email E [--name N]   create the administrator (password from SAMVERK_ADMIN_PASSWORD or asked for)
  import reference [--dir D]               load the reference data of municipalities, counties and national solutions again
  export FILE                              write all content to a portable archive (.jsonl.gz)
  import FILE [--replace]                  read an archive into this installation's database
  backup                                   back up the embedded database now (the server must be stopped)
  restore FILE                             replace the embedded database with a backup (the server must be stopped)
  migrate                                  apply database migrations
  doctor                                   check the settings, database, migrations, mail, disk and backups,
                                           and say what to fix (exit 1 when something must be fixed)
  files extract-text                       extract the text of stored documents that have none (stored before
                                           extraction came, or unreadable then) for search

The database is the one the server uses: DATABASE_URL when set, otherwise PGlite in SAMVERK_DATA_DIR.`;

class UsageError extends Error {}
/** The doctor found something that must be fixed: its whole report is the message, and the exit code 1. */
class DoctorFailed extends Error {}

/** Opens the database the server would use, holding the lock on an embedded one while the command runs. */
async function withDatabase<T>(config: Config, run: (database: Database) => Promise<T>): Promise<T> {
  const release = config.DATABASE_URL ? () => undefined : acquireLock(config.SAMVERK_DATA_DIR);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
  try {
    return await run(database);
  } finally {
    await database.close();
    release();
  }
}

async function readPassword(): Promise<string> {
  if (process.env.SAMVERK_ADMIN_PASSWORD) return process.env.SAMVERK_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write("Password (at least 12 characters): ");
    // Do not echo what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  const line: string = await new Promise((resolve) => rl.once("line", resolve));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write("\n");
  return line;
}

export async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      dir: { type: "string" },
      replace: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) return USAGE;
  const config = loadConfig();

  switch (`${command} ${sub ?? ""}`.trim()) {
    case "user create-admin": {
      if (!values.email) throw new UsageError("--email is required");
      const password = await readPassword();
      return withDatabase(config, async (database) => {
        await prepareDatabase(database, config);
        const result = await new UserService(database.db).createAdmin({ email: values.email, name: values.name, password });
        if (!result.ok) {
          const { t } = i18nFor("en");
          throw new UsageError(result.errors.map((e) => `${e.field}: ${t(e.key, e.params)}`).join("; "));
        }
        return `${result.value.created ? "Created" : "Updated"} administrator ${values.email}`;
      });
    }
    case "import reference":
      return withDatabase(config, async (database) => {
        await runMigrations(database);
        const lines: string[] = [];
        for (const { shipped } of modules) {
          const summary = await shipped?.update(database.db, { always: true, dir: values.dir, progress: () => undefined });
          if (summary) lines.push(summary);
        }
        return lines.join(". ");
      });
    case "doctor": {
      const findings = await diagnose(config);
      const report = formatFindings(findings);
      if (findings.some((f) => f.status === "fail")) throw new DoctorFailed(report);
      return report;
    }
    case "migrate":
      return withDatabase(config, async (database) => {
        await runMigrations(database);
        return "Migrations applied";
      });
    case "files extract-text":
      return withDatabase(config, async (database) => {
        await runMigrations(database);
        const done = await extractMissingText(database.db, {
          progress: ({ checked, extracted }) => process.stderr.write(`${checked} files read, ${extracted} with text\n`),
        });
        return `Extracted the text of ${done.extracted} of ${done.checked} files without text`;
      });
    case "backup":
      if (config.DATABASE_URL) throw new UsageError("backup is for the embedded database; back up PostgreSQL with pg_dump");
      return withDatabase(config, async (database) => {
        const file = await backupNow(database, config.backupDir, config.SAMVERK_BACKUP_KEEP);
        return `Backup written to ${file}`;
      });
    case `restore ${sub}`: {
      if (config.DATABASE_URL) throw new UsageError("restore is for the embedded database; restore PostgreSQL with pg_restore");
      if (!sub) throw new UsageError("restore needs the backup file");
      const release = acquireLock(config.SAMVERK_DATA_DIR);
      try {
        const { movedAside } = await restoreBackup(sub, config.pgliteDir);
        return `Restored ${sub}${movedAside ? `; the previous database is kept in ${movedAside}` : ""}`;
      } finally {
        release();
      }
    }
    case `export ${sub}`:
      if (!sub) throw new UsageError("export needs a file name");
      return withDatabase(config, async (database) => {
        await runMigrations(database);
        const header = await exportArchive(database.db, sub, modules);
        return `Exported ${Object.values(header.counts).reduce((a, b) => a + b, 0)} rows to ${sub}`;
      });
    case `import ${sub}`:
      if (!sub) throw new UsageError("import needs a file name");
      return withDatabase(config, async (database) => {
        await runMigrations(database);
        const header = await importArchive(database.db, sub, modules, { replace: values.replace });
        return `Imported ${Object.values(header.counts).reduce((a, b) => a + b, 0)} rows from ${sub}`;
      });
    default:
      throw new UsageError(`Unknown command: ${positionals.join(" ")}\n\n${USAGE}`);
  }
}

run(process.argv.slice(2)).then(
  (message) => {
    console.log(message);
    process.exit(0);
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof ArchiveError;
    console.error(known || error instanceof Error ? (error as Error).message : String(error));
    process.exit(known ? 2 : 1);
  },
);
