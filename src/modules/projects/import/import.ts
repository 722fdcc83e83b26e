import type { z } from "zod";
import { publishEvent } from "../../../platform/activity/activity.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { DbOrTx } from "../../../platform/db/client.ts";
import { toFieldErrors } from "../../../platform/http/validation.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { labelFor } from "../../../platform/i18n/i18n.ts";
import {
  type CheckedRow,
  choiceReader,
  headerKey,
  type Importer,
  type ImportField,
  type ImportPreset,
  type ImportScope,
  memberReader,
  type RowChange,
  RowsChanged,
  readDate,
  readKroner,
  recordIdOf,
  rowReader,
  type ShownValue,
  shown,
} from "../../../platform/import/importer.ts";
import type { NetworkService } from "../../networks/index.ts";
import { phaseLabel, projectKindLabel, sectorLabel } from "../labels.tsx";
import { type NewProject, type Project, ProjectRepo } from "../projects.repo.ts";
import { projectInput } from "../projects.service.ts";
import { PHASES, type Phase, PROJECT_KINDS, SECTORS } from "../schema.ts";
import { SectorRepo } from "../sectors/sectors.repo.ts";
import { ProjectImportRepo } from "./import.repo.ts";

type ProjectValues = z.infer<typeof projectInput> & { phase: Phase };

/** A row that is accepted: a new project, or an existing one with the values it gets. */
export interface ProjectRow {
  existing?: Project;
  values: ProjectValues;
}

/**
 * The fields of a portfolio file. The portfolio's own download has the same headers in the reader's
 * language, so a download edited in a spreadsheet program comes back as it went out.
 */
const FIELDS: readonly ImportField[] = [
  {
    key: "address",
    label: "import.project.address",
    aliases: ["url", "lenke", "link", "adresse", "samverk-adresse"],
    hint: "import.project.addressHint",
  },
  {
    key: "title",
    label: "project.title",
    required: true,
    aliases: ["tittel", "prosjektnavn", "navn", "name", "prosjekt", "project"],
  },
  { key: "network", label: "project.network", aliases: ["nettverk", "nettverket"], hint: "import.project.networkHint" },
  {
    key: "owner",
    label: "project.owner",
    aliases: ["eier", "prosjekteier", "kommune", "organisasjon", "organisation"],
    hint: "import.project.ownerHint",
  },
  { key: "kind", label: "project.kind", aliases: ["type", "prosjekttype"] },
  { key: "sector", label: "project.sector", aliases: ["sektor", "tjenesteomrade", "tenesteomrade", "omrade", "area"] },
  { key: "phase", label: "project.phase", aliases: ["fase"] },
  { key: "startDate", label: "project.startDate", aliases: ["startdato", "start", "oppstart"], hint: "imports.dateHint" },
  { key: "endDate", label: "project.endDate", aliases: ["sluttdato", "slutt", "end"], hint: "imports.dateHint" },
  { key: "budget", label: "project.budget", aliases: ["budsjett", "totalbudsjett"], hint: "imports.kronerHint" },
  { key: "tags", label: "project.tags", aliases: ["stikkord", "emneord", "tags"], hint: "import.project.tagsHint" },
  { key: "summary", label: "project.summary", aliases: ["sammendrag", "kortbeskrivelse"] },
  { key: "description", label: "project.description", aliases: ["beskrivelse", "formal", "malsetting"] },
  {
    key: "visibility",
    label: "project.visibility",
    aliases: ["synlighet", "synlegheit", "tilgang"],
    hint: "import.project.visibilityHint",
  },
];

/**
 * Prosjektportalen 365's project list as exported to Excel from SharePoint: its columns' display names
 * in Norwegian and English and their internal names (the `Gt…` site columns), decision 0039.
 */
export const PROSJEKTPORTALEN: ImportPreset = {
  key: "prosjektportalen-365",
  name: "Prosjektportalen 365",
  description: "import.project.prosjektportalen",
  headers: {
    title: ["Tittel", "Title", "Prosjektnavn", "Project name"],
    owner: ["Prosjekteier", "Project owner", "GtProjectOwner"],
    kind: ["Prosjekttype", "Project type", "GtProjectType"],
    sector: ["Tjenesteområde", "Service area", "GtProjectServiceArea"],
    phase: ["Fase", "Phase", "Prosjektfase", "GtProjectPhase"],
    startDate: ["Startdato", "Start date", "GtStartDate"],
    endDate: ["Sluttdato", "End date", "GtEndDate"],
    budget: ["Totalt budsjett", "Budsjett", "Total budget", "Budget", "GtBudgetTotal"],
    summary: ["Mål", "Prosjektmål", "Goals", "Project goals", "GtProjectGoals"],
    description: ["Beskrivelse", "Description", "GtDescription"],
  },
};

/**
 * Prosjektportalen's phases (Digdir's project wizard: Konsept, Planlegge, Gjennomføre, Avslutte,
 * Realisere) as Samverk's, and its project types as Samverk's kinds where they mean the same.
 */
const PROSJEKTPORTALEN_PHASES: Record<string, Phase> = {
  Konsept: "concept",
  Planlegge: "planning",
  Gjennomføre: "execution",
  Avslutte: "closing",
  Realisere: "operation",
  "Realisere gevinster": "operation",
  Ferdig: "closing",
};
const readPhase = choiceReader(PHASES, phaseLabel, PROSJEKTPORTALEN_PHASES);
const readKind = choiceReader(PROJECT_KINDS, projectKindLabel, {
  "Lokalt prosjekt": "local",
  "Regionalt prosjekt": "regional",
  "Nasjonalt prosjekt": "national",
  Innovasjonsprosjekt: "innovation",
});
const readVisibility = choiceReader(["public", "network"] as const, (t, v) => labelFor(t, "project.visibility", v), {
  Offentlig: "public",
  Offentleg: "public",
  Public: "public",
  Åpen: "public",
  Open: "public",
  Nettverket: "network",
  Network: "network",
  Medlemmer: "network",
  Intern: "network",
  Internal: "network",
});

/** The fields whose values a row sets, as the form's schema names them. */
const SCHEMA_FIELD: Record<string, string> = { ownerOrganisationId: "owner" };

/** Brings projects into a network's portfolio: new ones are made, those with an address are changed. */
export function projectImporter(networks: Pick<NetworkService, "currentMembersIn">): Importer<ProjectRow> {
  return {
    kind: "projects",
    label: "import.project.kind",
    description: "import.project.description",
    fields: FIELDS,
    presets: [PROSJEKTPORTALEN],

    async check(db: DbOrTx, scope: ImportScope, rows) {
      // Everything is read through `db`: when applying, that is the transaction, and on the embedded
      // database a read beside it would wait for it forever.
      const repo = new ProjectImportRepo(db);
      // One after another: a transaction is one connection, which takes one statement at a time.
      const existing = await repo.inNetwork(scope.network.id);
      const members = await networks.currentMembersIn(db, scope.network.id);
      const ownSectors = await new SectorRepo(db).sectorsOf(scope.network.id);
      const byId = new Map(existing.map((p) => [p.id, p]));
      const byTitle = new Map<string, typeof existing>();
      for (const p of existing) byTitle.set(headerKey(p.title), [...(byTitle.get(headerKey(p.title)) ?? []), p]);
      const memberOf = memberReader(members);
      const owners = new Map<number, string>(members.map((m) => [m.id, m.name]));
      for (const p of existing) if (p.ownerOrganisationId && p.owner) owners.set(p.ownerOrganisationId, p.owner.name);
      const sectorShown = (key: string): ShownValue =>
        (SECTORS as readonly string[]).includes(key)
          ? { key: `project.sector.${key}` as MessageKey }
          : (ownSectors.find((s) => s.key === key)?.name ?? key);
      /** What a changed column was and becomes, as the preview shows it. */
      const changeOf = (key: Imported, from: unknown, to: unknown): RowChange => {
        const show = (value: unknown): ShownValue => {
          if (value === null || value === undefined) return shown(value);
          if (key === "ownerOrganisationId") return owners.get(value as number) ?? shown(value);
          if (key === "sector") return sectorShown(String(value));
          if (key === "kind" || key === "phase" || key === "visibility") return { key: `project.${key}.${value}` as MessageKey };
          return shown(value);
        };
        return { field: SCHEMA_FIELD[key] ?? key, from: show(from), to: show(to) };
      };
      const readSector = choiceReader([...SECTORS, ...ownSectors.map((s) => s.key)], (t, key) => sectorLabel(t, key, ownSectors));
      const seenTitles = new Map<string, number>();
      const seenIds = new Map<number, number>();

      return rows.map(({ line, values }): CheckedRow<ProjectRow> => {
        const { problems, has, text, problem } = rowReader(values);

        const id = recordIdOf(text("address"), "projects");
        if (id === undefined) problem("address", "errors.import.project.address", { address: text("address") });
        let current = id ? byId.get(id) : undefined;
        if (id && !current) problem("address", "errors.import.project.notInNetwork", { address: text("address") });
        // Without an address, a row is the project of the same title, if there is one: next month's
        // file from another system (which knows nothing of Samverk's addresses) updates what it made.
        if (id === null && has("title")) {
          const same = byTitle.get(headerKey(text("title"))) ?? [];
          if (same.length === 1) current = same[0];
          else if (same.length > 1)
            problem("title", "errors.import.project.ambiguous", { title: text("title"), count: same.length });
        }
        if (has("network") && text("network") !== "" && headerKey(text("network")) !== headerKey(scope.network.name))
          problem("network", "errors.import.project.otherNetwork", { network: text("network") });

        // A field the file does not have keeps what the project has (or the form's default).
        const base: Record<string, unknown> = current
          ? { ...current }
          : { kind: "regional", sector: "other", phase: "idea", visibility: "network", ownerOrganisationId: null };
        const given: Record<string, unknown> = { ...base };
        if (has("title")) given.title = text("title");
        if (has("summary")) given.summary = text("summary");
        if (has("description")) given.description = text("description");
        if (has("tags")) given.tags = text("tags");
        if (has("owner")) {
          const owner = text("owner");
          if (owner === "") given.ownerOrganisationId = null;
          else {
            const member = memberOf(owner);
            // The owner it has stays, even if its membership has ended since: the form keeps it too.
            const kept = current?.owner && (headerKey(owner) === headerKey(current.owner.name) || owner === current.owner.code);
            if (kept && current) given.ownerOrganisationId = current.ownerOrganisationId;
            else if (member) given.ownerOrganisationId = member.id;
            else problem("owner", "errors.import.project.owner", { owner, network: scope.network.name });
          }
        }
        const choose = <V>(field: string, read: (text: string) => V | undefined, key: MessageKey) => {
          if (!has(field) || text(field) === "") return;
          const value = read(text(field));
          if (value === undefined) problem(field, key, { value: text(field) });
          else given[field] = value;
        };
        choose("kind", readKind, "errors.import.project.kind");
        choose("sector", readSector, "errors.import.project.sector");
        choose("phase", readPhase, "errors.import.project.phase");
        choose("visibility", readVisibility, "errors.import.project.visibility");
        for (const field of ["startDate", "endDate"] as const) {
          if (!has(field)) continue;
          const read = readDate(text(field));
          if ("problem" in read) problems.push({ ...read.problem, field });
          else given[field] = read.date;
        }
        if (has("budget")) {
          const read = readKroner(text("budget"));
          if ("problem" in read) problems.push({ ...read.problem, field: "budget" });
          else given.budget = read.amount;
        }

        const title = String(given.title ?? "");
        const label = title || text("address");
        const titleKey = headerKey(title);
        if (titleKey) {
          const earlier = seenTitles.get(titleKey);
          const other = byTitle.get(titleKey)?.find((p) => p.id !== current?.id);
          if (earlier) problem("title", "errors.import.duplicateLine", { line: earlier });
          else if (other && current) problem("title", "errors.import.project.exists", { title: other.title });
          seenTitles.set(titleKey, seenTitles.get(titleKey) ?? line);
        }
        if (id) {
          const earlier = seenIds.get(id);
          if (earlier) problem("address", "errors.import.duplicateLine", { line: earlier });
          else seenIds.set(id, line);
        }
        if (current?.visibility === "body" && has("visibility") && given.visibility !== "body")
          problem("visibility", "errors.import.project.bodyKept");

        const parsed = projectInput.safeParse({ ...given, bodyId: current?.bodyId ?? null });
        if (!parsed.success) {
          for (const e of toFieldErrors(parsed.error))
            problems.push({ key: e.key, field: SCHEMA_FIELD[e.field] ?? e.field, ...(e.params ? { params: e.params } : {}) });
        }
        if (problems.length || !parsed.success) return { line, label, problems };
        const values_ = { ...parsed.data, phase: given.phase as Phase };
        // Tags are kept lower-case; a file that writes the same tags in another case changes nothing.
        if (current && sameTags(values_.tags, current.tags)) values_.tags = current.tags;
        const keys = current ? changedKeys(current, values_) : [];
        return {
          line,
          label,
          problems,
          action: current ? (keys.length ? "update" : "unchanged") : "create",
          ...(current && keys.length ? { changes: keys.map((k) => changeOf(k, current[k], values_[k])) } : {}),
          input: { ...(current ? { existing: current } : {}), values: values_ },
        };
      });
    },

    async apply(tx, scope, rows) {
      const repo = new ProjectImportRepo(tx);
      const { actor, network } = scope;
      const creates = rows.filter((r) => r.action === "create").map((r) => r.input!.values);
      const updates = rows.filter((r) => r.action === "update").map((r) => r.input!);
      // New projects in batches: four statements per thousand, not four per project.
      for (let at = 0; at < creates.length; at += 1000) {
        const batch = creates.slice(at, at + 1000).map((v): NewProject => ({ ...v, networkId: network.id, bodyId: null }));
        const made = await repo.insertMany(batch);
        await repo.insertPhaseChanges(
          made.map((p) => ({
            projectId: p.id,
            fromPhase: null,
            toPhase: p.phase,
            changedById: actor.userId,
            changedByLabel: actor.label,
            note: "",
          })),
        );
        await repo.insertLeads(
          made.flatMap((p) => (p.ownerOrganisationId ? [{ projectId: p.id, organisationId: p.ownerOrganisationId }] : [])),
        );
        await recordAudit(
          tx,
          actor,
          made.map((p) => ({ action: "create" as const, entity: "project", entityId: p.id, after: p })),
        );
      }
      for (const { existing, values } of updates) {
        const project = existing!;
        const keys = changedKeys(project, values);
        const change = Object.fromEntries(keys.map((k) => [k, values[k]])) as Partial<NewProject>;
        const saved = await new ProjectRepo(tx).updateAtVersion(project.id, project.version, change);
        // Someone saved the project after its row was checked: nothing of the file is written.
        if (!saved) throw new RowsChanged(`project ${project.id}`);
        if (change.phase) {
          // As a phase changed on the project's page: its followers hear of it.
          await publishEvent(tx, {
            kind: "project",
            id: project.id,
            type: "phase_changed",
            data: { phase: change.phase },
            actorUserId: actor.userId,
          });
          await repo.insertPhaseChanges([
            {
              projectId: project.id,
              fromPhase: project.phase,
              toPhase: change.phase,
              changedById: actor.userId,
              changedByLabel: actor.label,
              note: "",
            },
          ]);
        }
        if (change.ownerOrganisationId)
          await repo.insertLeads([{ projectId: project.id, organisationId: change.ownerOrganisationId }]);
        await recordAudit(tx, actor, {
          action: "update",
          entity: "project",
          entityId: project.id,
          before: Object.fromEntries(keys.map((k) => [k, project[k]])),
          after: change,
        });
      }
      return { created: creates.length, updated: updates.length, unchanged: rows.length - creates.length - updates.length };
    },
  };
}

/** The columns an import may set. */
const IMPORTED = [
  "title",
  "summary",
  "description",
  "ownerOrganisationId",
  "kind",
  "sector",
  "phase",
  "startDate",
  "endDate",
  "budget",
  "tags",
  "visibility",
] as const;
type Imported = (typeof IMPORTED)[number];

/** The imported columns whose values differ from the project's. */
function changedKeys(project: Project, values: ProjectValues): Imported[] {
  return IMPORTED.filter((k) => JSON.stringify(project[k]) !== JSON.stringify(values[k]));
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag.toLowerCase() === b[i]!.toLowerCase());
