import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { type AuditEntry, recordAudit } from "../../platform/audit/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { type Malform, type OrganisationKind, organisations, populationCounts } from "./schema.ts";

export const referenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../data/reference");

const MALFORM: Record<string, Malform> = { bokmål: "bokmal", nynorsk: "nynorsk", nøytral: "neutral" };

/** The fields the reference data owns; anything else on the record is the users' own. */
interface ReferenceRecord {
  kind: OrganisationKind;
  code: string;
  name: string;
  nameNorwegian: string;
  otherNames: string[];
  countyCode: string;
  malform: Malform | null;
  adminCentre: string | null;
  population: number | null;
  areaKm2: number | null;
  website: string | null;
}

export interface ImportSummary {
  created: number;
  updated: number;
  ended: number;
  unchanged: number;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true });
}

const numberOrNull = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
const websiteOf = (v: string | undefined) => (v ? (v.startsWith("http") ? v : `https://${v}`) : null);

export function readReferenceData(dir = referenceDir) {
  const counties = readCsv(path.join(dir, "fylker.csv"));
  const municipalities = readCsv(path.join(dir, "kommuner.csv"));
  const changesFile = path.join(dir, "kommune-endringer.csv");
  let changes: Record<string, string>[] = [];
  try {
    changes = readCsv(changesFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const records: ReferenceRecord[] = [];
  for (const c of counties) {
    const code = c.fylkesnummer!;
    records.push({
      kind: "county",
      code,
      name: c.navn_offisielt!,
      nameNorwegian: c.navn_norsk!,
      otherNames: [],
      countyCode: code,
      malform: null,
      adminCentre: null,
      population: null,
      areaKm2: null,
      website: null,
    });
    // Oslo kommune holds the county's duties itself: there is no separate county municipality.
    if (code !== "03") {
      records.push({
        kind: "county_municipality",
        code,
        name: `${c.navn_norsk} fylkeskommune`,
        nameNorwegian: `${c.navn_norsk} fylkeskommune`,
        otherNames: [],
        countyCode: code,
        malform: null,
        adminCentre: null,
        population: null,
        areaKm2: null,
        website: null,
      });
    }
  }
  for (const m of municipalities) {
    records.push({
      kind: "municipality",
      code: m.kommunenummer!,
      name: m.navn_offisielt!,
      nameNorwegian: m.navn_norsk!,
      otherNames: (m.andre_navn ?? "").split("|").filter(Boolean),
      countyCode: m.fylkesnummer!,
      malform: MALFORM[m.malform ?? ""] ?? null,
      adminCentre: m.adm_senter || null,
      population: numberOrNull(m.folketal),
      areaKm2: numberOrNull(m.areal_km2),
      website: websiteOf(m.nettside),
    });
  }
  const successors = new Map(changes.map((c) => [c.kommunenummer!, { code: c.etterfolgar!, date: c.dato! }]));
  return { records, successors };
}

/**
 * The date the shipped population figures count: folketal comes from aprestmo/norge-data's
 * "kommuner-2025" file, Statistics Norway's population on 1 January 2025. The import records each
 * figure in population_counts with this date, so a member fee computed "from the population on a
 * date" says which count it used, and a later file (another date) adds its counts beside these.
 */
export const REFERENCE_POPULATION_DATE = "2025-01-01";

const keyOf = (kind: string, code: string | null) => `${kind}:${code}`;
const FIELDS = [
  "name",
  "nameNorwegian",
  "otherNames",
  "countyCode",
  "malform",
  "adminCentre",
  "population",
  "areaKm2",
  "website",
] as const;

/**
 * Loads the reference data idempotently: new records are created, changed ones updated in place,
 * vanished ones marked ended with their successor. Every change gets an audit entry.
 */
export async function importReference(db: Db, actor: Actor, dir = referenceDir): Promise<ImportSummary> {
  const { records, successors } = readReferenceData(dir);
  const summary: ImportSummary = { created: 0, updated: 0, ended: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    const kinds: OrganisationKind[] = ["county", "county_municipality", "municipality"];
    const existing = await tx.select().from(organisations).where(inArray(organisations.kind, kinds));
    const byKey = new Map(existing.map((o) => [keyOf(o.kind, o.code), o]));
    const audit: AuditEntry[] = [];
    const toInsert = records.filter((r) => !byKey.has(keyOf(r.kind, r.code)));
    if (toInsert.length) {
      const inserted = await tx.insert(organisations).values(toInsert).returning();
      for (const o of inserted) {
        byKey.set(keyOf(o.kind, o.code), o);
        audit.push({ action: "create", entity: "organisation", entityId: o.id, after: pick(o) });
      }
      summary.created = inserted.length;
    }
    const inFile = new Set(records.map((r) => keyOf(r.kind, r.code)));
    for (const r of records) {
      const current = byKey.get(keyOf(r.kind, r.code))!;
      if (toInsert.includes(r)) continue;
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const f of FIELDS) {
        if (JSON.stringify(current[f]) !== JSON.stringify(r[f])) {
          before[f] = current[f];
          after[f] = r[f];
        }
      }
      // A code that comes back after having ended is in use again.
      if (current.endedOn) {
        before.endedOn = current.endedOn;
        after.endedOn = null;
        after.successorId = null;
      }
      if (Object.keys(after).length === 0) {
        summary.unchanged++;
        continue;
      }
      await tx
        .update(organisations)
        .set({ ...after, updatedAt: new Date() })
        .where(eq(organisations.id, current.id));
      audit.push({ action: "update", entity: "organisation", entityId: current.id, before, after });
      summary.updated++;
    }
    const today = osloToday();
    for (const o of existing) {
      if (o.endedOn || inFile.has(keyOf(o.kind, o.code))) continue;
      const change = o.kind === "municipality" ? successors.get(o.code ?? "") : undefined;
      const successor = change ? byKey.get(keyOf("municipality", change.code)) : undefined;
      const values = { endedOn: change?.date ?? today, successorId: successor?.id ?? null };
      await tx
        .update(organisations)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(organisations.id, o.id), isNull(organisations.endedOn)));
      audit.push({ action: "end", entity: "organisation", entityId: o.id, before: { endedOn: null }, after: values });
      summary.ended++;
    }
    // Each figure as a count on its date: a re-import of the same file changes nothing, a corrected
    // figure for the same date replaces the one stored.
    const counts = records.flatMap((r) => {
      const o = byKey.get(keyOf(r.kind, r.code));
      return o && r.population !== null
        ? [{ organisationId: o.id, countedOn: REFERENCE_POPULATION_DATE, population: r.population }]
        : [];
    });
    if (counts.length)
      await tx
        .insert(populationCounts)
        .values(counts)
        .onConflictDoUpdate({
          target: [populationCounts.organisationId, populationCounts.countedOn],
          set: { population: sql`excluded.population` },
        });
    await recordAudit(tx, actor, audit);
  });
  return summary;
}

function pick(o: typeof organisations.$inferSelect) {
  return { kind: o.kind, code: o.code, name: o.name, countyCode: o.countyCode };
}
