import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { count, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./db/client.ts";
import * as schema from "./db/schema.ts";

/**
 * The portable archive: every content table as gzipped JSON lines, in an order that satisfies the
 * foreign keys. It moves an installation between the embedded database and PostgreSQL both ways.
 * Sessions are not content and the cookie secret belongs to an installation, so neither moves.
 */
export const ARCHIVE_TABLES: PgTable[] = [
  schema.users,
  schema.organisations,
  schema.cooperationMembers,
  schema.people,
  schema.networks,
  schema.networkCounties,
  schema.memberships,
  schema.bodies,
  schema.bodyMembers,
  schema.networkContacts,
  schema.networkAccess,
  schema.representations,
  schema.files,
  schema.bodyDocuments,
  schema.projects,
  schema.networkSectors,
  schema.projectParticipants,
  schema.projectPhaseChanges,
  schema.statusReports,
  schema.benefits,
  schema.benefitMeasurements,
  schema.joinRequests,
  schema.projectFunding,
  schema.projectLinks,
  schema.projectRelations,
  schema.projectDocuments,
  schema.savedViews,
  schema.phaseChecklistItems,
  schema.projectChecklistMarks,
  schema.solutions,
  schema.solutionUsers,
  schema.solutionProjects,
  schema.needs,
  schema.needSupporters,
  schema.needDocuments,
  schema.needEvents,
  schema.needDigestSettings,
  schema.assessmentCriteria,
  schema.assessmentBands,
  schema.assessmentRounds,
  schema.roundCriteria,
  schema.roundNeeds,
  schema.assessmentScores,
  schema.recommendations,
  schema.meetings,
  schema.meetingDocuments,
  schema.agendaItems,
  schema.decisions,
  schema.priorityRankings,
  schema.priorityEntries,
  schema.nationalSolutions,
  schema.milestones,
  schema.milestoneChanges,
  schema.preparationTasks,
  schema.costEstimates,
  schema.adoptions,
  schema.adoptionHistory,
  schema.rollouts,
  schema.strategies,
  schema.strategyGoals,
  schema.focusAreas,
  schema.focusAreaGoals,
  schema.measures,
  schema.measureReports,
  schema.measureProjects,
  schema.measureBenefits,
  schema.strategyThemes,
  schema.focusAreaThemes,
  schema.goalThemes,
  schema.focusAreaSources,
  schema.ambitions,
  schema.consultations,
  schema.consultationSections,
  schema.consultationQuestions,
  schema.consultationInputs,
  schema.answerTemplates,
  schema.auditLog,
  schema.appSettings,
];
/**
 * Tables that stay with an installation: sign-ins, links in mail already sent (invitations, and
 * requests for a person to confirm an account link), counters, tokens (their holders make new ones),
 * and mail. A new table must be put in one list or the other.
 */
export const NOT_ARCHIVED = [
  "sessions",
  "auth_tokens",
  "invitations",
  "person_link_requests",
  "api_tokens",
  "mail_outbox",
  "throttles",
  "rate_counters",
  "data_version",
  "form_submissions",
] as const;
const SKIPPED_SETTINGS = new Set(["cookie_secret"]);
const FORMAT = "samverk-archive";
const BATCH = 500;

interface Header {
  format: typeof FORMAT;
  version: 1;
  exportedAt: string;
  counts: Record<string, number>;
}

function primaryOrder(table: PgTable) {
  const columns = getTableColumns(table);
  const keys = Object.values(columns).filter((c) => c.primary);
  return (keys.length ? keys : Object.values(columns)).map((c) => sql`${c}`);
}

async function rowsOf(db: Db, table: PgTable) {
  const rows = (await db
    .select()
    .from(table)
    .orderBy(...primaryOrder(table))) as Record<string, unknown>[];
  return getTableName(table) === "app_settings" ? rows.filter((r) => !SKIPPED_SETTINGS.has(String(r.key))) : rows;
}

export async function exportArchive(db: Db, file: string): Promise<Header> {
  const tables: { name: string; rows: Record<string, unknown>[] }[] = [];
  for (const table of ARCHIVE_TABLES) tables.push({ name: getTableName(table), rows: await rowsOf(db, table) });
  const header: Header = {
    format: FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    counts: Object.fromEntries(tables.map((t) => [t.name, t.rows.length])),
  };
  function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const t of tables) for (const row of t.rows) yield `${JSON.stringify({ t: t.name, r: row }, bytesAsBase64)}\n`;
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return header;
}

export class ArchiveError extends Error {}

/** Reads an archive into an empty database (or, with replace, one whose content is wiped first). */
export async function importArchive(db: Db, file: string, options: { replace?: boolean } = {}): Promise<Header> {
  const byName = new Map(ARCHIVE_TABLES.map((t) => [getTableName(t), t]));
  const pending = new Map<string, Record<string, unknown>[]>();
  let header: Header | undefined;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const parsed = JSON.parse(line);
    if (!header) {
      if (parsed.format !== FORMAT || parsed.version !== 1) throw new ArchiveError(`${file} is not a Samverk archive`);
      header = parsed as Header;
      continue;
    }
    if (!byName.has(parsed.t)) throw new ArchiveError(`Unknown table in archive: ${parsed.t}`);
    const list = pending.get(parsed.t) ?? [];
    list.push(parsed.r);
    pending.set(parsed.t, list);
  }
  if (!header) throw new ArchiveError(`${file} is empty`);

  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(schema.organisations);
    if ((existing?.n ?? 0) > 0) {
      if (!options.replace) throw new ArchiveError("The database already has content; use --replace to wipe it first");
      const names = ARCHIVE_TABLES.map((t) => `"${getTableName(t)}"`).join(", ");
      await tx.execute(sql.raw(`truncate ${names}, "sessions" restart identity cascade`));
    }
    for (const table of ARCHIVE_TABLES) {
      const rows = (pending.get(getTableName(table)) ?? []).map((r) => revive(table, r));
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx
          .insert(table)
          .values(rows.slice(i, i + BATCH))
          .onConflictDoNothing();
      }
    }
    // Serial columns continue after the highest imported id.
    for (const table of ARCHIVE_TABLES) {
      const name = getTableName(table);
      const id = getTableColumns(table).id;
      if (!id) continue;
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('"${name}"', 'id'), coalesce((select max(id) from "${name}"), 1), (select count(*) > 0 from "${name}"))`,
        ),
      );
    }
  });
  return header;
}

/** Files' bytes travel as base64 (JSON would otherwise write a Buffer as an array of numbers). */
function bytesAsBase64(_key: string, value: unknown): unknown {
  const v = value as { type?: string; data?: number[] } | null;
  return v && v.type === "Buffer" && Array.isArray(v.data) ? { base64: Buffer.from(v.data).toString("base64") } : value;
}

/** JSON has no dates or bytes: timestamp columns come back from ISO strings, bytea from base64. */
function revive(table: PgTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (column.columnType === "PgTimestamp" && typeof out[key] === "string") out[key] = new Date(out[key] as string);
    const bytes = out[key] as { base64?: string } | null;
    if (column.getSQLType() === "bytea" && typeof bytes?.base64 === "string") out[key] = Buffer.from(bytes.base64, "base64");
  }
  return out;
}
