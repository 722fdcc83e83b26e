import { eq } from "drizzle-orm";
import { changedFields, recordAudit } from "../../../platform/audit/audit.ts";
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
  memberReader,
  type RowChange,
  readKroner,
  recordIdOf,
  rowReader,
  type ShownValue,
  shown,
} from "../../../platform/import/importer.ts";
import type { NetworkService } from "../../networks/index.ts";
import { effortLabel, kindLabel, urgencyLabel } from "../labels.ts";
import { type Need, NeedRepo } from "../needs.repo.ts";
import { needInput } from "../needs.service.ts";
import { EFFORTS, NEED_KINDS, needs, URGENCIES } from "../schema.ts";

type NeedValues = ReturnType<typeof needInput.parse>;

/** An accepted row: a new need, or an existing one with the values it gets. */
export interface NeedRow {
  existing?: Need;
  values: NeedValues;
}

/** The fields of a needs file; the needs list's download has the same headers, so it comes back as it went out. */
const FIELDS: readonly ImportField[] = [
  {
    key: "address",
    label: "import.project.address",
    aliases: ["url", "lenke", "link", "adresse", "samverk-adresse"],
    hint: "import.need.addressHint",
  },
  { key: "title", label: "need.title", required: true, aliases: ["tittel", "behov", "navn", "name"] },
  {
    key: "organisation",
    label: "need.organisation",
    aliases: ["kommune", "eier", "meldt av", "organisation"],
    hint: "import.need.organisationHint",
  },
  { key: "network", label: "project.network", aliases: ["nettverk"], hint: "import.project.networkHint" },
  { key: "kind", label: "need.kind", aliases: ["type"] },
  { key: "problem", label: "need.problem", aliases: ["problem", "beskrivelse", "behovet"], hint: "import.need.problemHint" },
  { key: "affected", label: "need.affected", aliases: ["berorte", "hvem berores"] },
  { key: "benefit", label: "need.benefit", aliases: ["gevinst", "nytte"] },
  { key: "urgency", label: "need.urgency", aliases: ["haster", "prioritet", "hastegrad"] },
  { key: "legalRequirement", label: "need.legalRequirement", aliases: ["lovkrav", "hjemmel"] },
  {
    key: "costEstimate",
    label: "need.costEstimate",
    aliases: ["kostnad", "kostnadsanslag", "anslag"],
    hint: "imports.kronerHint",
  },
  { key: "effort", label: "need.effort", aliases: ["innsats"] },
  { key: "visibility", label: "need.visibility", aliases: ["synlighet", "synlegheit"], hint: "import.project.visibilityHint" },
];

const readKind = choiceReader(NEED_KINDS, kindLabel);
const readUrgency = choiceReader(URGENCIES, urgencyLabel);
const readEffort = choiceReader(EFFORTS, effortLabel);
const readVisibility = choiceReader(["public", "network"] as const, (t, v) => labelFor(t, "project.visibility", v), {
  Offentlig: "public",
  Offentleg: "public",
  Public: "public",
  Nettverket: "network",
  Network: "network",
});

/** The columns an import may set. */
const IMPORTED = [
  "kind",
  "organisationId",
  "title",
  "problem",
  "affected",
  "benefit",
  "urgency",
  "legalRequirement",
  "costEstimate",
  "effort",
  "visibility",
] as const;

/** Brings needs into a network: new ones are registered, those with an address are changed. */
export function needImporter(networks: Pick<NetworkService, "currentMembersIn">): Importer<NeedRow> {
  return {
    kind: "needs",
    label: "import.need.kind",
    description: "import.need.description",
    fields: FIELDS,

    async check(db: DbOrTx, scope, rows) {
      // Read through `db` (when applying, the transaction: decision 0039), one statement at a time.
      const existing = await db.select().from(needs).where(eq(needs.networkId, scope.network.id));
      const members = await networks.currentMembersIn(db, scope.network.id);
      const byId = new Map(existing.map((n) => [n.id, n]));
      const byTitle = new Map<string, Need[]>();
      for (const n of existing.filter((n) => n.state !== "merged"))
        byTitle.set(headerKey(n.title), [...(byTitle.get(headerKey(n.title)) ?? []), n]);
      const memberOf = memberReader(members);
      const names = new Map(members.map((m) => [m.id, m.name]));
      /** What a changed column was and becomes, as the preview shows it. */
      const changeOf = (key: (typeof IMPORTED)[number], from: unknown, to: unknown): RowChange => {
        const show = (value: unknown): ShownValue => {
          if (value === null || value === undefined) return shown(value);
          if (key === "organisationId") return names.get(value as number) ?? shown(value);
          if (key === "kind" || key === "urgency" || key === "effort") return { key: `need.${key}.${value}` as MessageKey };
          if (key === "visibility") return { key: `project.visibility.${value}` as MessageKey };
          return shown(value);
        };
        return { field: key === "organisationId" ? "organisation" : key, from: show(from), to: show(to) };
      };
      const seenTitles = new Map<string, number>();
      const seenIds = new Map<number, number>();

      return rows.map(({ line, values }): CheckedRow<NeedRow> => {
        const { problems, has, text, problem } = rowReader(values);

        const id = recordIdOf(text("address"), "needs");
        if (id === undefined) problem("address", "errors.import.need.address", { address: text("address") });
        let current = id ? byId.get(id) : undefined;
        if (id && !current) problem("address", "errors.import.need.notInNetwork", { address: text("address") });
        // Without an address, a row is the need of the same title, if there is one (decision 0039).
        if (id === null && has("title")) {
          const same = byTitle.get(headerKey(text("title"))) ?? [];
          if (same.length === 1) current = same[0];
          else if (same.length > 1)
            problem("title", "errors.import.need.ambiguous", { title: text("title"), count: same.length });
        }
        if (current?.state === "merged") problem("address", "errors.needMerged");
        if (has("network") && text("network") !== "" && headerKey(text("network")) !== headerKey(scope.network.name))
          problem("network", "errors.import.project.otherNetwork", { network: text("network") });

        // A field the file does not have keeps what the need has (or the form's default).
        const given: Record<string, unknown> = current ? { ...current } : { visibility: "network" };
        for (const field of ["title", "problem", "affected", "benefit", "legalRequirement"] as const)
          if (has(field)) given[field] = text(field);
        if (has("organisation") && text("organisation") !== "") {
          const member = memberOf(text("organisation"));
          if (member) given.organisationId = member.id;
          else
            problem("organisation", "errors.import.project.owner", { owner: text("organisation"), network: scope.network.name });
        }
        const choose = <V>(field: string, read: (text: string) => V | undefined) => {
          if (!has(field) || text(field) === "") return;
          const value = read(text(field));
          if (value === undefined) problem(field, "errors.import.need.choice", { value: text(field) });
          else given[field] = value;
        };
        choose("kind", readKind);
        choose("urgency", readUrgency);
        choose("effort", readEffort);
        choose("visibility", readVisibility);
        if (has("costEstimate")) {
          const read = readKroner(text("costEstimate"));
          if ("problem" in read) problems.push({ ...read.problem, field: "costEstimate" });
          else given.costEstimate = read.amount;
        }

        const title = String(given.title ?? "");
        const titleKey = headerKey(title);
        if (titleKey) {
          const earlier = seenTitles.get(titleKey);
          const other = byTitle.get(titleKey)?.find((n) => n.id !== current?.id);
          if (earlier) problem("title", "errors.import.duplicateLine", { line: earlier });
          else if (other && current) problem("title", "errors.import.need.exists", { title: other.title });
          if (!earlier) seenTitles.set(titleKey, line);
        }
        if (id) {
          const earlier = seenIds.get(id);
          if (earlier) problem("address", "errors.import.duplicateLine", { line: earlier });
          else seenIds.set(id, line);
        }

        const parsed = needInput.safeParse(given);
        if (!parsed.success)
          for (const e of toFieldErrors(parsed.error))
            problems.push({
              key: e.key,
              field: e.field === "organisationId" ? "organisation" : e.field,
              ...(e.params ? { params: e.params } : {}),
            });
        const label = title || text("address");
        if (problems.length || !parsed.success) return { line, label, problems };
        const diff = current ? changedFields(pick(current), parsed.data) : undefined;
        return {
          line,
          label,
          problems,
          action: current ? (diff?.changed ? "update" : "unchanged") : "create",
          ...(diff?.changed
            ? {
                changes: Object.keys(diff.after).map((k) =>
                  changeOf(k as (typeof IMPORTED)[number], diff.before[k], diff.after[k]),
                ),
              }
            : {}),
          input: { ...(current ? { existing: current } : {}), values: parsed.data },
        };
      });
    },

    async apply(tx, scope, rows) {
      const repo = new NeedRepo(tx);
      const { actor, network } = scope;
      let created = 0;
      let updated = 0;
      for (const row of rows) {
        if (row.action === "create") {
          const need = await repo.insert({
            ...row.input!.values,
            networkId: network.id,
            createdById: actor.userId,
            createdByLabel: actor.label,
          });
          await repo.insertEvent({
            needId: need.id,
            fromState: null,
            toState: need.state,
            byId: actor.userId,
            byLabel: actor.label,
          });
          await recordAudit(tx, actor, { action: "create", entity: "need", entityId: need.id, after: need });
          created++;
        } else if (row.action === "update") {
          const { existing, values } = row.input!;
          const diff = changedFields(pick(existing!), values);
          await repo.update(existing!.id, diff.after as Partial<Need>);
          await recordAudit(tx, actor, {
            action: "update",
            entity: "need",
            entityId: existing!.id,
            before: diff.before,
            after: diff.after,
          });
          updated++;
        }
      }
      return { created, updated, unchanged: rows.length - created - updated };
    },
  };
}

/** The imported columns of a need, to compare with a row's values. */
const pick = (need: Need) => Object.fromEntries(IMPORTED.map((k) => [k, need[k]])) as Pick<Need, (typeof IMPORTED)[number]>;
