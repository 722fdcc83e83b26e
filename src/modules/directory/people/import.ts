import { eq } from "drizzle-orm";
import type { Actor } from "../../../platform/access/actor.ts";
import { can } from "../../../platform/access/authorize.ts";
import { changedFields, recordAudit } from "../../../platform/audit/audit.ts";
import type { DbOrTx } from "../../../platform/db/client.ts";
import { toFieldErrors } from "../../../platform/http/validation.ts";
import {
  type CheckedRow,
  headerKey,
  type Importer,
  type ImportField,
  memberReader,
  type RowChange,
  recordIdOf,
  rowReader,
  shown,
} from "../../../platform/import/importer.ts";
import { personInput } from "../directory.service.ts";
import { organisations, people } from "../schema.ts";
import { PeopleRepo, type Person } from "./people.repo.ts";

type PersonValues = ReturnType<typeof personInput.parse>;

/** An accepted row: a new person, or an existing one with the values it gets. */
export interface PersonRow {
  existing?: Person;
  values: PersonValues;
}

/** The people list's download has these headers, so it comes back as it went out. */
const FIELDS: readonly ImportField[] = [
  {
    key: "address",
    label: "import.project.address",
    aliases: ["url", "lenke", "link", "adresse"],
    hint: "import.person.addressHint",
  },
  { key: "name", label: "people.name", required: true, aliases: ["navn", "namn", "name", "fullt navn"] },
  { key: "title", label: "people.jobTitle", aliases: ["stilling", "tittel", "rolle", "job title"] },
  {
    key: "organisation",
    label: "people.organisation",
    aliases: ["organisasjon", "kommune", "arbeidsgiver", "organisation"],
    hint: "import.person.organisationHint",
  },
  {
    key: "email",
    label: "people.email",
    aliases: ["e-post", "epost", "email", "e-mail", "mail"],
    hint: "import.person.emailHint",
  },
  { key: "phone", label: "people.phone", aliases: ["telefon", "mobil", "tlf", "phone"] },
];

/** The columns an import may set. */
const IMPORTED = ["name", "title", "organisationId", "email", "phone"] as const;
const pick = (p: Person) => Object.fromEntries(IMPORTED.map((k) => [k, p[k]])) as Pick<Person, (typeof IMPORTED)[number]>;

/**
 * Brings the people of a network's members into the directory: new people in its members, and
 * changes to people the secretariat may edit (those in its network only, as on the person's page). A
 * person is found by their address, else their e-mail, else their name in the same organisation.
 */
/**
 * What the importer reads of the networks module, given by the manifest (the networks module reads
 * the directory, so the directory names no type of it): a network's members, and a person's networks.
 */
export interface NetworkReads {
  currentMembersIn(db: DbOrTx, networkId: number): Promise<{ id: number; name: string; code: string | null }[]>;
  networkIdsOfPersonIn(db: DbOrTx, personId: number, organisationId: number | null): Promise<number[]>;
}

export function peopleImporter(networks: NetworkReads): Importer<PersonRow> {
  /** Whether the actor may edit the person, by the same rule as the person's page ("person.update"). */
  const mayEdit = async (db: DbOrTx, actor: Actor, personId: number, organisationId: number | null) =>
    can(actor, "person.update", { networkIds: await networks.networkIdsOfPersonIn(db, personId, organisationId) });

  return {
    kind: "people",
    label: "import.person.kind",
    description: "import.person.description",
    fields: FIELDS,

    async check(db, scope, rows) {
      // Read through `db` (when applying, the transaction: decision 0039), one statement at a time.
      const everyone = await db
        .select({ person: people, organisationName: organisations.name })
        .from(people)
        .leftJoin(organisations, eq(organisations.id, people.organisationId));
      const members = await networks.currentMembersIn(db, scope.network.id);
      const byId = new Map(everyone.map((e) => [e.person.id, e]));
      const byEmail = new Map<string, typeof everyone>();
      const byNameIn = new Map<string, typeof everyone>();
      for (const e of everyone) {
        if (e.person.email) byEmail.set(e.person.email.toLowerCase(), [...(byEmail.get(e.person.email.toLowerCase()) ?? []), e]);
        const key = `${headerKey(e.person.name)}@${e.person.organisationId ?? ""}`;
        byNameIn.set(key, [...(byNameIn.get(key) ?? []), e]);
      }
      const memberOf = memberReader(members);
      const names = new Map<number, string>(members.map((m) => [m.id, m.name]));
      for (const e of everyone)
        if (e.person.organisationId && e.organisationName) names.set(e.person.organisationId, e.organisationName);
      // Any organisation a person is in, by name: to find people of other networks the download lists.
      const organisationByName = new Map([...names].map(([id, name]) => [headerKey(name), id]));
      const seen = new Map<string, number>();
      // Whether the actor may add people to an organisation: by the person form's rule, every network it is in must be the actor's.
      const mayAddTo = new Map<number, boolean>();

      const checked: CheckedRow<PersonRow>[] = [];
      for (const { line, values } of rows) {
        const { problems, has, text, problem } = rowReader(values);

        // The organisation as the file names it: the person's own, or a member of the network.
        const organisationText = text("organisation");
        const member = organisationText ? memberOf(organisationText) : undefined;

        const id = recordIdOf(text("address"), "people");
        if (id === undefined) problem("address", "errors.import.person.address", { address: text("address") });
        let found = id ? byId.get(id) : undefined;
        if (id && !found) problem("address", "errors.import.person.address", { address: text("address") });
        if (!found && id === null) {
          const email = text("email").toLowerCase();
          const candidates =
            (email ? byEmail.get(email) : undefined) ??
            byNameIn.get(
              `${headerKey(text("name"))}@${member?.id ?? organisationByName.get(headerKey(organisationText)) ?? ""}`,
            ) ??
            [];
          if (candidates.length === 1) found = candidates[0];
          else if (candidates.length > 1)
            problem("name", "errors.import.person.ambiguous", { name: text("name"), count: candidates.length });
        }
        const current = found?.person;

        const given: Record<string, unknown> = current ? { ...pick(current) } : {};
        for (const field of ["name", "title"] as const) if (has(field)) given[field] = text(field);
        // An empty e-mail or phone keeps what is stored: the people list leaves them empty for those
        // who may not see them, so empty says nothing. (They are cleared on the person's page.)
        for (const field of ["email", "phone"] as const) if (text(field) !== "") given[field] = text(field);
        if (has("organisation")) {
          const keepsOwn =
            current && found?.organisationName && headerKey(organisationText) === headerKey(found.organisationName);
          if (keepsOwn) given.organisationId = current.organisationId;
          else if (member) given.organisationId = member.id;
          else if (organisationText === "" && current) given.organisationId = null;
          else if (organisationText !== "")
            problem("organisation", "errors.import.project.owner", { owner: organisationText, network: scope.network.name });
        }
        if (!current && !given.organisationId && !problems.some((p) => p.field === "organisation"))
          problem("organisation", "errors.import.person.organisationRequired", { network: scope.network.name });

        const key = current ? `id:${current.id}` : `${headerKey(text("name"))}@${String(given.organisationId ?? "")}`;
        const earlier = seen.get(key) ?? (text("email") ? seen.get(`email:${text("email").toLowerCase()}`) : undefined);
        if (earlier) problem("name", "errors.import.duplicateLine", { line: earlier });
        else {
          seen.set(key, line);
          if (text("email")) seen.set(`email:${text("email").toLowerCase()}`, line);
        }

        const parsed = personInput.safeParse(given);
        if (!parsed.success)
          for (const e of toFieldErrors(parsed.error))
            problems.push({
              key: e.key,
              field: e.field === "organisationId" ? "organisation" : e.field,
              ...(e.params ? { params: e.params } : {}),
            });
        const label = text("name") || text("address") || text("email");
        if (problems.length || !parsed.success) {
          checked.push({ line, label, problems });
          continue;
        }
        const values_ = parsed.data;
        const diff = current ? changedFields(pick(current), values_) : undefined;

        if (current && diff?.changed) {
          // A person of another network may not be changed from here (one the file leaves as it is, is as before).
          if (!(await mayEdit(db, scope.actor, current.id, current.organisationId))) {
            checked.push({
              line,
              label,
              problems: [{ field: "name", key: "errors.import.person.otherNetwork", params: { name: current.name } }],
            });
            continue;
          }
        }
        const organisationId = values_.organisationId;
        if (organisationId !== null && organisationId !== (current?.organisationId ?? null)) {
          if (!mayAddTo.has(organisationId)) mayAddTo.set(organisationId, await mayEdit(db, scope.actor, -1, organisationId));
          if (!mayAddTo.get(organisationId)) {
            checked.push({ line, label, problems: [{ field: "organisation", key: "errors.organisationOfOtherNetwork" }] });
            continue;
          }
        }
        const show = (k: string, v: unknown) =>
          k === "organisationId" ? (v === null ? shown(v) : (names.get(v as number) ?? shown(v))) : shown(v);
        checked.push({
          line,
          label,
          problems,
          action: current ? (diff?.changed ? "update" : "unchanged") : "create",
          ...(diff?.changed
            ? {
                changes: Object.keys(diff.after).map(
                  (k): RowChange => ({
                    field: k === "organisationId" ? "organisation" : k,
                    from: show(k, diff.before[k]),
                    to: show(k, diff.after[k]),
                  }),
                ),
              }
            : {}),
          input: { ...(current ? { existing: current } : {}), values: values_ },
        });
      }
      return checked;
    },

    async apply(tx, scope, rows) {
      const repo = new PeopleRepo(tx);
      let created = 0;
      let updated = 0;
      for (const row of rows) {
        if (row.action === "create") {
          const person = await repo.insert(row.input!.values);
          await recordAudit(tx, scope.actor, { action: "create", entity: "person", entityId: person.id, after: person });
          created++;
        } else if (row.action === "update") {
          const { existing, values } = row.input!;
          const diff = changedFields(pick(existing!), values);
          await repo.update(existing!.id, diff.after as Partial<Person>);
          await recordAudit(tx, scope.actor, {
            action: "update",
            entity: "person",
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
