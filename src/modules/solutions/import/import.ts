import type { z } from "zod";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { DbOrTx } from "../../../platform/db/client.ts";
import { toFieldErrors } from "../../../platform/http/validation.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  type CheckedRow,
  choiceReader,
  headerKey,
  type Importer,
  type ImportField,
  type ImportProblem,
  type ImportScope,
  memberReader,
  type RowChange,
  RowsChanged,
  recordIdOf,
  type ShownValue,
  shown,
} from "../../../platform/import/importer.ts";
import type { NetworkService } from "../../networks/index.ts";
import { solutionInput } from "../input.ts";
import { maintenanceLabel, maturityLabel, originLabel } from "../labels.ts";
import { MAINTENANCE_TYPES, MATURITIES, SOLUTION_ORIGINS } from "../schema.ts";
import type { NewSolution, Solution } from "../solutions.repo.ts";
import { type CatalogueEntry, SolutionImportRepo } from "./import.repo.ts";

type SolutionValues = z.infer<typeof solutionInput>;

/** A row that is accepted: a new solution, or an existing one with the values it gets. */
export interface SolutionRow {
  existing?: Solution;
  values: SolutionValues;
}

/**
 * The fields of a catalogue file. The catalogue's own download (/solutions.xlsx) has the same headers
 * in the reader's language, its "URL" column being the solution's address in Samverk, so a download
 * edited in a spreadsheet program comes back as it went out. Its user count is not a field: it is
 * counted from who says they use the solution, and a file does not set it.
 */
const FIELDS: readonly ImportField[] = [
  // First, so that the download's "URL" column is read as the address, not as the solution's own link.
  {
    key: "address",
    label: "import.project.address",
    aliases: ["url", "lenke", "link", "adresse", "samverk-adresse"],
    hint: "import.solution.addressHint",
  },
  {
    key: "name",
    label: "solution.name",
    required: true,
    aliases: ["navn", "namn", "losning", "loysing", "losningsnavn", "solution", "tittel", "title"],
  },
  {
    key: "owner",
    label: "solution.owner",
    aliases: ["eier", "eigar", "owner", "tilbyder", "organisasjon", "organisation", "kommune"],
    hint: "import.solution.ownerHint",
  },
  { key: "vendor", label: "solution.vendor", aliases: ["leverandor", "leverandør", "vendor", "produsent", "utvikler"] },
  { key: "origin", label: "solution.origin", aliases: ["type", "opphav", "origin"] },
  { key: "maturity", label: "solution.maturity", aliases: ["modenhet", "modnad", "developmentstatus", "status"] },
  { key: "licence", label: "solution.licence", aliases: ["lisens", "license", "licence"] },
  { key: "category", label: "solution.category", aliases: ["kategori", "category"] },
  { key: "maintenanceType", label: "solution.maintenance", aliases: ["vedlikehold", "vedlikehald", "maintenance"] },
  { key: "summary", label: "project.summary", aliases: ["sammendrag", "samandrag", "kortbeskrivelse", "summary"] },
  { key: "description", label: "project.description", aliases: ["beskrivelse", "skildring", "description"] },
  { key: "url", label: "solution.url", aliases: ["kildekode", "produktside", "repository", "source"] },
  { key: "landingUrl", label: "solution.landingUrl", aliases: ["nettside", "hjemmeside", "website", "landingurl"] },
];

const readOrigin = choiceReader(SOLUTION_ORIGINS, originLabel, {
  Produkt: "product",
  Product: "product",
  Egenutviklet: "in_house",
  "In-house": "in_house",
  "Open source": "open_source",
});
const readMaturity = choiceReader(MATURITIES, maturityLabel);
const readMaintenance = choiceReader(MAINTENANCE_TYPES, maintenanceLabel);

/** The form's choices for a new solution, where the file has no column for them. */
const NEW_SOLUTION = {
  origin: "product",
  maturity: "stable",
  softwareType: "standalone/web",
  platforms: ["web"],
  maintenanceType: "contract",
  ownerOrganisationId: null,
  contactPersonId: null,
} as const;

/** The text fields a row sets as it has them. */
const TEXTS = ["name", "vendor", "licence", "category", "summary", "description", "url", "landingUrl"] as const;

/** The columns an import may set. */
const IMPORTED = [
  "name",
  "summary",
  "description",
  "vendor",
  "origin",
  "category",
  "licence",
  "maturity",
  "maintenanceType",
  "url",
  "landingUrl",
  "ownerOrganisationId",
] as const;
type Imported = (typeof IMPORTED)[number];

/** The field a schema's key is shown under, where they differ. */
const FIELD_OF: Partial<Record<string, string>> = { ownerOrganisationId: "owner" };

/**
 * Brings solutions into the shared catalogue from a network's file, run by that network's secretariat,
 * who acts for the network's current members: a new solution is offered by one of them, and a solution
 * one of them offers may be changed.
 *
 * The catalogue is every network's, so a file (the catalogue's own download filtered to the network
 * above all, which lists what the members use as well as what they offer) also has rows of solutions
 * offered by organisations outside the network. The rule for those: a row that leaves such a solution
 * as it is is passed over "as before", and a row that would change anything of it (its owner too) is a
 * problem, never an update: only its owner, or the secretariat of a network its owner is a member of,
 * may change it. So the download comes back unchanged without a problem, and nothing outside the
 * network is written.
 */
export function solutionImporter(networks: Pick<NetworkService, "currentMembersIn">): Importer<SolutionRow> {
  return {
    kind: "solutions",
    label: "import.solution.kind",
    description: "import.solution.description",
    fields: FIELDS,

    async check(db: DbOrTx, scope: ImportScope, rows) {
      // Everything is read through `db`: when applying, that is the transaction, and on the embedded
      // database a read beside it would wait for it forever (decision 0039). One after another: a
      // transaction is one connection, which runs one statement at a time.
      const repo = new SolutionImportRepo(db);
      const catalogue = await repo.catalogue();
      const members = await networks.currentMembersIn(db, scope.network.id);
      const directory = await repo.organisations();
      const memberIds = new Set(members.map((m) => m.id));
      const inside = (s: { ownerOrganisationId: number }) => memberIds.has(s.ownerOrganisationId);
      const entryById = new Map(catalogue.map((s) => [s.id, s]));
      const byName = new Map<string, CatalogueEntry[]>();
      for (const s of catalogue) byName.set(headerKey(s.name), [...(byName.get(headerKey(s.name)) ?? []), s]);
      const memberOf = memberReader(members);
      const organisationOf = memberReader(directory);
      const organisationById = new Map(directory.map((o) => [o.id, o]));
      const text = (values: Readonly<Record<string, string>>, field: string) => values[field] ?? "";

      /**
       * The solution a row is: the one its address names; without an address, the one of the same
       * name, a member's before one outside the network (two of either are a problem: the address
       * must say which).
       */
      const found = rows.map(({ values }) => {
        const id = recordIdOf(text(values, "address"), "solutions");
        if (id === undefined || id === null) {
          if (id === undefined || !("name" in values)) return { id };
          const same = byName.get(headerKey(text(values, "name"))) ?? [];
          const offeredInside = same.filter(inside);
          const candidates = offeredInside.length ? offeredInside : same;
          return candidates.length === 1 ? { id, entry: candidates[0] } : { id, ambiguous: candidates.length };
        }
        return { id, entry: entryById.get(id) };
      });
      const stored = new Map(
        (await repo.byIds([...new Set(found.flatMap((f) => (f.entry ? [f.entry.id] : [])))])).map((s) => [s.id, s]),
      );

      const ownerName = (id: number) => organisationById.get(id)?.name ?? String(id);
      /** What a changed column was and becomes, as the preview shows it. */
      const changeOf = (key: Imported, from: unknown, to: unknown): RowChange => {
        const show = (value: unknown): ShownValue => {
          if (value === null || value === undefined || value === "") return shown(value);
          if (key === "ownerOrganisationId") return ownerName(value as number);
          if (key === "origin" || key === "maturity") return { key: `solution.${key}.${value}` as MessageKey };
          if (key === "maintenanceType") return { key: `solution.maintenance.${value}` as MessageKey };
          return shown(value);
        };
        return { field: FIELD_OF[key] ?? key, from: show(from), to: show(to) };
      };
      const seenNames = new Map<string, number>();
      const seenIds = new Map<number, number>();

      return rows.map(({ line, values }, at): CheckedRow<SolutionRow> => {
        const problems: ImportProblem[] = [];
        const has = (field: string) => field in values;
        const cell = (field: string) => text(values, field);
        const problem = (field: string, key: MessageKey, params?: Record<string, string | number>) =>
          problems.push({ field, key, ...(params ? { params } : {}) });

        const { id, entry, ambiguous } = found[at]!;
        if (id === undefined) problem("address", "errors.import.solution.address", { address: cell("address") });
        else if (id && !entry) problem("address", "errors.import.solution.notFound", { address: cell("address") });
        if (ambiguous) problem("name", "errors.import.solution.ambiguous", { name: cell("name"), count: ambiguous });
        const current = entry ? stored.get(entry.id) : undefined;

        // A field the file does not have keeps what the solution has (or the form's choice for a new one).
        const given: Record<string, unknown> = current ? { ...current } : { ...NEW_SOLUTION };
        for (const field of TEXTS) if (has(field)) given[field] = cell(field);
        if (has("owner")) {
          const owner = cell("owner");
          // The owner it has stays as it is, even if it is not a member (any more): see the rule above.
          const kept = entry && owner !== "" && (headerKey(owner) === headerKey(entry.ownerName) || owner === entry.ownerCode);
          if (owner === "") given.ownerOrganisationId = null;
          else if (!kept) {
            const member = memberOf(owner);
            if (member && organisationById.get(member.id)?.endedOn)
              problem("owner", "errors.import.solution.ownerEnded", { owner: member.name });
            else if (member) given.ownerOrganisationId = member.id;
            else if (organisationOf(owner))
              problem("owner", "errors.import.solution.notMember", { owner, network: scope.network.name });
            else problem("owner", "errors.import.solution.unknownOwner", { owner, network: scope.network.name });
          }
        }
        const choose = <V>(field: string, read: (text: string) => V | undefined, key: MessageKey) => {
          if (!has(field) || cell(field) === "") return;
          const value = read(cell(field));
          if (value === undefined) problem(field, key, { value: cell(field) });
          else given[field] = value;
        };
        choose("origin", readOrigin, "errors.import.solution.origin");
        choose("maturity", readMaturity, "errors.import.solution.maturity");
        choose("maintenanceType", readMaintenance, "errors.import.solution.maintenance");

        const name = String(given.name ?? "");
        const nameKey = headerKey(name);
        if (nameKey) {
          const earlier = seenNames.get(nameKey);
          // Renamed to the name of another of the network's solutions: next month's file would not know which.
          const other = current && byName.get(nameKey)?.find((s) => s.id !== current.id && inside(s));
          if (earlier) problem("name", "errors.import.duplicateLine", { line: earlier });
          else if (other) problem("name", "errors.import.solution.exists", { name: other.name });
          if (!earlier) seenNames.set(nameKey, line);
        }
        if (current) {
          const earlier = seenIds.get(current.id);
          if (earlier && !problems.some((p) => p.key === "errors.import.duplicateLine"))
            problem(id ? "address" : "name", "errors.import.duplicateLine", { line: earlier });
          else if (!earlier) seenIds.set(current.id, line);
        }

        const parsed = solutionInput.safeParse(given);
        if (!parsed.success)
          for (const e of toFieldErrors(parsed.error))
            problems.push({ key: e.key, field: FIELD_OF[e.field] ?? e.field, ...(e.params ? { params: e.params } : {}) });
        const keys = current && parsed.success ? changedKeys(current, parsed.data) : [];
        // A solution outside the network: as it is, it is passed over; any change to it is refused.
        if (current && entry && !inside(current) && (problems.length || keys.length))
          problems.unshift({
            key: "errors.import.solution.outside",
            params: { name: current.name, owner: entry.ownerName, network: scope.network.name },
          });

        const label = name || cell("address");
        if (problems.length || !parsed.success) return { line, label, problems };
        return {
          line,
          label,
          problems,
          action: current ? (keys.length ? "update" : "unchanged") : "create",
          ...(current && keys.length ? { changes: keys.map((k) => changeOf(k, current[k], parsed.data[k])) } : {}),
          input: { ...(current ? { existing: current } : {}), values: parsed.data },
        };
      });
    },

    async apply(tx, scope, rows) {
      const repo = new SolutionImportRepo(tx);
      const { actor } = scope;
      const creates = rows.filter((r) => r.action === "create").map((r) => r.input!.values);
      const updates = rows.filter((r) => r.action === "update").map((r) => r.input!);
      // New solutions in batches: one insert and one audit statement per thousand.
      for (let at = 0; at < creates.length; at += 1000) {
        const made = await repo.insertMany(creates.slice(at, at + 1000));
        await recordAudit(
          tx,
          actor,
          made.map((s) => ({ action: "create" as const, entity: "solution", entityId: s.id, after: s })),
        );
      }
      // The solutions to change are held until the transaction ends; one saved by someone else after
      // its row was checked stops the file, and nothing of it is written.
      const now = new Map((await repo.lock(updates.map((u) => u.existing!.id))).map((s) => [s.id, s]));
      for (const { existing, values } of updates) {
        const solution = existing!;
        const held = now.get(solution.id);
        if (!held || changedKeys(held, solution).length) throw new RowsChanged(`solution ${solution.id}`);
        const keys = changedKeys(solution, values);
        const change = Object.fromEntries(keys.map((k) => [k, values[k]])) as Partial<NewSolution>;
        await repo.update(solution.id, change);
        await recordAudit(tx, actor, {
          action: "update",
          entity: "solution",
          entityId: solution.id,
          before: Object.fromEntries(keys.map((k) => [k, solution[k]])),
          after: change,
        });
      }
      return { created: creates.length, updated: updates.length, unchanged: rows.length - creates.length - updates.length };
    },
  };
}

/** The imported columns whose values differ between a solution and what it gets. */
function changedKeys(solution: Solution, values: Pick<Solution, Imported>): Imported[] {
  return IMPORTED.filter((k) => JSON.stringify(solution[k]) !== JSON.stringify(values[k]));
}
