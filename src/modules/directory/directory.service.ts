import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isSecretariat } from "../../platform/access/authorize.ts";
import { changedFields } from "../../platform/audit/audit.ts";
import { audited, createAudited, deleteAudited, updateAudited } from "../../platform/audit/audited.ts";
import type { Db } from "../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  emptyToNull,
  idList,
  optionalId,
  optionalText,
  orgNumber,
  requiredText,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import { type Organisation, type OrganisationFilter, OrganisationRepo } from "./organisations/organisations.repo.ts";
import { type PeopleFilter, PeopleRepo, type Person } from "./people/people.repo.ts";
import type { OrganisationKind } from "./schema.ts";

/** Kinds a person creates by hand; municipalities, counties and county municipalities come from the reference data. */
export const EDITABLE_KINDS = ["it_cooperation", "state_agency", "association", "company", "other"] as const;
const REFERENCE_KINDS: OrganisationKind[] = ["municipality", "county", "county_municipality"];

const website = z.preprocess(
  emptyToNull,
  z
    .string()
    .trim()
    .max(300)
    .regex(/^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?$/i, "errors.website")
    .transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
    .nullable()
    .default(null),
);
const countyCode = z.preprocess(
  emptyToNull,
  z
    .string()
    .regex(/^\d{2}$/, "errors.choice")
    .nullable()
    .default(null),
);

export const organisationInput = z.object({
  kind: z.enum(EDITABLE_KINDS, "errors.choice"),
  name: requiredText(200),
  orgNumber,
  countyCode,
  website,
  description: optionalText(4000),
  memberIds: idList,
});
/** What may change on an organisation that the reference data owns. */
export const referenceOrganisationInput = z.object({ orgNumber, website, description: optionalText(4000) });

const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+\d][\d\s()-]*$|^$/, "errors.phone")
  .default("");
export const personInput = z.object({
  name: requiredText(200),
  title: optionalText(200),
  organisationId: optionalId,
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.union([z.literal(""), z.email("errors.email").max(254)]).default(""),
  ),
  phone,
});

/** What other modules may read of organisations: the repository's reads, none of its writes. */
export type OrganisationReads = Pick<
  OrganisationRepo,
  | "list"
  | "byId"
  | "byIds"
  | "byKind"
  | "options"
  | "byOrgNumber"
  | "cooperationMembersOf"
  | "cooperationsOf"
  | "counts"
  | "populationCounts"
>;
/** What other modules may read of people. */
export type PeopleReads = Pick<PeopleRepo, "list" | "byId" | "byEmail" | "byIds" | "options">;

/** Commands on organisations and people: each validates, writes with its audit entry, and answers ok or invalid. */
export class DirectoryService {
  /** Organisations for other modules to read; the directory writes them through its commands only. */
  readonly organisations: OrganisationReads;
  /** People for other modules to read. */
  readonly people: PeopleReads;
  private readonly organisationRepo: OrganisationRepo;
  private readonly peopleRepo: PeopleRepo;

  constructor(
    private readonly db: Db,
    /** The networks a person takes part in (seats, contact roles, their organisation's memberships), from the networks module. */
    private readonly networksOfPerson: (personId: number, organisationId: number | null) => Promise<number[]> = async () => [],
  ) {
    this.organisationRepo = new OrganisationRepo(db);
    this.peopleRepo = new PeopleRepo(db);
    this.organisations = this.organisationRepo;
    this.people = this.peopleRepo;
  }

  listOrganisations(filter: OrganisationFilter) {
    return this.organisationRepo.list(filter);
  }

  async getOrganisation(id: number): Promise<Organisation> {
    const org = await this.organisationRepo.byId(id);
    if (!org) throw new NotFoundError();
    return org;
  }

  async createOrganisation(actor: Actor, input: unknown): Promise<Result<Organisation>> {
    const parsed = organisationInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { memberIds, ...values } = parsed.data;
    const problems = await this.checkOrganisation(values.orgNumber, memberIds, null);
    if (problems.length) return invalid(problems);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.organisationRepo.with(tx);
        const org = await repo.insert({ ...values, nameNorwegian: values.name });
        if (values.kind === "it_cooperation") await repo.setCooperationMembers(org.id, memberIds);
        await audit({ action: "create", entity: "organisation", entityId: org.id, after: { ...org, memberIds } });
        return org;
      }),
    );
  }

  async updateOrganisation(actor: Actor, id: number, input: unknown): Promise<Result<Organisation>> {
    const existing = await this.getOrganisation(id);
    const isReference = REFERENCE_KINDS.includes(existing.kind);
    const parsed = (isReference ? referenceOrganisationInput : organisationInput).safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { memberIds = [], ...values } = parsed.data as z.infer<typeof organisationInput>;
    const problems = await this.checkOrganisation(values.orgNumber, memberIds, id);
    if (problems.length) return invalid(problems);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.organisationRepo.with(tx);
        const update = isReference ? values : { ...values, nameNorwegian: values.name };
        const diff = changedFields(existing as unknown as Record<string, unknown>, update);
        const org = diff.changed ? await repo.update(id, update) : existing;
        if (!isReference && existing.kind === "it_cooperation") {
          const before = (await repo.cooperationMembersOf(id)).map((m) => m.id).sort();
          const after = [...new Set(memberIds)].sort();
          if (JSON.stringify(before) !== JSON.stringify(after)) {
            await repo.setCooperationMembers(id, after);
            diff.before.memberIds = before;
            diff.after.memberIds = after;
            diff.changed = true;
          }
        }
        if (diff.changed) {
          await audit({ action: "update", entity: "organisation", entityId: id, before: diff.before, after: diff.after });
        }
        return org;
      }),
    );
  }

  private async checkOrganisation(orgNumber: string | null, memberIds: number[], selfId: number | null): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (orgNumber) {
      const holder = await this.organisationRepo.byOrgNumber(orgNumber);
      if (holder && holder.id !== selfId)
        problems.push({ field: "orgNumber", key: "errors.orgNumberTaken", params: { name: holder.name } });
    }
    if (memberIds.length) {
      const found = await this.organisationRepo.byIds(memberIds);
      if (
        found.length !== new Set(memberIds).size ||
        found.some((o) => o.kind !== "municipality" && o.kind !== "county_municipality")
      ) {
        problems.push({ field: "memberIds", key: "errors.cooperationMembers" });
      }
    }
    return problems;
  }

  listPeople(filter: PeopleFilter) {
    return this.peopleRepo.list(filter);
  }

  /** A person, with the networks they take part in: the rules on who may change them look at those. */
  async getPerson(id: number) {
    const person = await this.peopleRepo.byId(id);
    if (!person) throw new NotFoundError();
    return { ...person, networkIds: await this.networksOfPerson(person.id, person.organisationId) };
  }

  async createPerson(actor: Actor, input: unknown): Promise<Result<Person>> {
    const parsed = personInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkPersonOrganisation(actor, parsed.data.organisationId);
    if (problems.length) return invalid(problems);
    return ok(await createAudited(this.db, actor, "person", (tx) => this.peopleRepo.with(tx).insert(parsed.data)));
  }

  async updatePerson(actor: Actor, id: number, input: unknown): Promise<Result<Person>> {
    const existing = await this.getPerson(id);
    const parsed = personInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkPersonOrganisation(actor, parsed.data.organisationId, existing.organisationId);
    if (problems.length) return invalid(problems);
    return ok(
      await updateAudited(this.db, actor, "person", existing, parsed.data, (tx) =>
        this.peopleRepo.with(tx).update(id, parsed.data),
      ),
    );
  }

  async deletePerson(actor: Actor, id: number): Promise<void> {
    const { networkIds: _scope, ...existing } = await this.getPerson(id);
    await deleteAudited(this.db, actor, "person", existing, (tx) => this.peopleRepo.with(tx).delete(id));
  }

  /**
   * A person's organisation must exist, and a new one may not carry the person into a network the
   * actor does not run: the organisation's networks would then count the person as theirs (their
   * members would see the person's contact details, and only their secretariats could edit them).
   */
  private async checkPersonOrganisation(
    actor: Actor,
    organisationId: number | null,
    currentOrganisationId: number | null = null,
  ): Promise<FieldError[]> {
    if (organisationId === null || organisationId === currentOrganisationId) return [];
    const org = await this.organisationRepo.byId(organisationId);
    if (!org) return [{ field: "organisationId", key: "errors.choice" }];
    const networkIds = await this.networksOfPerson(-1, organisationId);
    if (networkIds.every((id) => isSecretariat(actor, id))) return [];
    return [{ field: "organisationId", key: "errors.organisationOfOtherNetwork" }];
  }
}
