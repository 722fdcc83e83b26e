import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { can, type OrganisationResource } from "../../platform/access/authorize.ts";
import { canSee } from "../../platform/access/visibility.ts";
import { changedFields, recordAudit } from "../../platform/audit/audit.ts";
import type { Db } from "../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  optionalDate,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  toFieldErrors,
  webAddress,
} from "../../platform/http/validation.ts";
import type { OrganisationRepo, PeopleRepo } from "../directory/index.ts";
import type { AccessService, NetworkRepo } from "../networks/index.ts";
import type { ProjectRepo } from "../projects/index.ts";
import { type PubliccodeFields, readPubliccode, SOLUTION_LIMITS, writePubliccode } from "./publiccode.ts";
import { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES, SOLUTION_ORIGINS } from "./schema.ts";
import { type Solution, type SolutionFilter, SolutionRepo, type SolutionSort } from "./solutions.repo.ts";

/** "web, ios" from a form or ["web", "ios"] from the API. */
const platformList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v === undefined || v === null ? ["web"] : v),
  z
    .array(z.string().trim().toLowerCase().max(40, "errors.tagLength"))
    .max(20, "errors.tooManyTags")
    .transform((list) => [...new Set(list.filter(Boolean))]),
);

export const solutionInput = z.object({
  name: requiredText(SOLUTION_LIMITS.name),
  summary: optionalText(300),
  description: optionalText(SOLUTION_LIMITS.description),
  vendor: optionalText(SOLUTION_LIMITS.vendor),
  origin: z.enum(SOLUTION_ORIGINS, "errors.choice"),
  category: optionalText(SOLUTION_LIMITS.category),
  licence: optionalText(SOLUTION_LIMITS.licence),
  maturity: z.enum(MATURITIES, "errors.choice"),
  softwareType: z.enum(SOFTWARE_TYPES, "errors.choice").default("standalone/web"),
  platforms: platformList,
  maintenanceType: z.enum(MAINTENANCE_TYPES, "errors.choice").default("contract"),
  url: webAddress,
  landingUrl: webAddress,
  ownerOrganisationId: requiredId,
  contactPersonId: optionalId,
});

export const userInput = z.object({ organisationId: requiredId, since: optionalDate, note: optionalText(500) });
export const projectLinkInput = z.object({ projectId: requiredId });
export const importInput = z.object({ publiccode: z.string().max(200_000).default(""), ownerOrganisationId: requiredId });

/** Commands on the catalogue of reusable solutions. Every write is audited in its transaction. */
export class SolutionService {
  readonly repo: SolutionRepo;

  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly organisations: OrganisationRepo,
    private readonly people: PeopleRepo,
    private readonly projects: ProjectRepo,
    private readonly networks: NetworkRepo,
  ) {
    this.repo = new SolutionRepo(db);
  }

  /** An organisation as the rules see it. */
  organisation(organisationId: number): Promise<OrganisationResource> {
    return this.access.organisationResource(organisationId);
  }

  /** The offering organisation of a solution, for solution.update. */
  async resource(id: number): Promise<OrganisationResource> {
    const solution = await this.repo.byId(id);
    if (!solution) throw new NotFoundError();
    return this.organisation(solution.ownerOrganisationId);
  }

  /** The catalogue, filtered; a network (by slug) means what its members offer or use. */
  async list(filter: SolutionFilter & { network?: string | undefined }, sort: SolutionSort, limit: number, offset: number) {
    const organisationIds = filter.network ? await this.networks.memberOrganisationIds(filter.network) : undefined;
    return this.repo.list({ ...filter, organisationIds }, sort, limit, offset);
  }

  /** Everything a solution's page shows; the projects listed are those the viewer may see. */
  async get(id: number, viewer: Actor | null) {
    const found = await this.repo.detail(id);
    if (!found) throw new NotFoundError();
    const [users, introducedBy] = await Promise.all([this.repo.usersOf([id]), this.repo.projectsOf(id)]);
    return { ...found, users, projects: introducedBy.filter((p) => canSee(viewer, p)) };
  }

  private async checkFields(actor: Actor, v: z.infer<typeof solutionInput>, existing: Solution | null): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (v.ownerOrganisationId !== existing?.ownerOrganisationId) {
      const org = await this.organisations.byId(v.ownerOrganisationId);
      if (!org || org.endedOn) problems.push({ field: "ownerOrganisationId", key: "errors.notAnOrganisation" });
      else if (!can(actor, "solution.update", await this.organisation(org.id)))
        problems.push({ field: "ownerOrganisationId", key: "errors.notYourOrganisation" });
    }
    if (v.contactPersonId !== null && (await this.people.byIds([v.contactPersonId])).length === 0)
      problems.push({ field: "contactPersonId", key: "errors.choice" });
    return problems;
  }

  async create(actor: Actor, input: unknown): Promise<Result<Solution>> {
    const parsed = solutionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkFields(actor, parsed.data, null);
    if (problems.length) return invalid(problems);
    return ok(
      await this.db.transaction(async (tx) => {
        const solution = await this.repo.with(tx).insert(parsed.data);
        await recordAudit(tx, actor, { action: "create", entity: "solution", entityId: solution.id, after: solution });
        return solution;
      }),
    );
  }

  async update(actor: Actor, id: number, input: unknown): Promise<Result<Solution>> {
    const existing = await this.repo.byId(id);
    if (!existing) throw new NotFoundError();
    const parsed = solutionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkFields(actor, parsed.data, existing);
    if (problems.length) return invalid(problems);
    return ok(
      await this.db.transaction(async (tx) => {
        const diff = changedFields(existing as unknown as Record<string, unknown>, parsed.data);
        if (!diff.changed) return existing;
        const saved = await this.repo.with(tx).update(id, parsed.data);
        await recordAudit(tx, actor, {
          action: "update",
          entity: "solution",
          entityId: id,
          before: diff.before,
          after: diff.after,
        });
        return saved;
      }),
    );
  }

  async remove(actor: Actor, id: number) {
    const existing = await this.repo.byId(id);
    if (!existing) throw new NotFoundError();
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).delete(id);
      await recordAudit(tx, actor, { action: "delete", entity: "solution", entityId: id, before: existing });
    });
  }

  /**
   * Reads a publiccode.yml file into a new solution offered by the chosen organisation. A file that
   * is not YAML, misses required keys or has values the standard does not allow is refused with
   * every problem listed, and nothing is saved.
   */
  async importPubliccode(actor: Actor, input: unknown): Promise<Result<Solution>> {
    // The owner and the file are checked together, so one answer lists every problem.
    const parsed = importInput.safeParse(input);
    const errors = parsed.success ? [] : toFieldErrors(parsed.error);
    const source =
      typeof (input as { publiccode?: unknown } | null)?.publiccode === "string"
        ? (input as { publiccode: string }).publiccode
        : "";
    const read = source.trim() ? readPubliccode(source) : undefined;
    if (!read) errors.push({ field: "publiccode", key: "errors.publiccodeEmpty" });
    else if (!read.ok) errors.push(...read.errors);
    if (!parsed.success || !read?.ok || errors.length) return invalid(errors);
    const fields: PubliccodeFields = read.value;
    const created = await this.create(actor, {
      ...fields,
      origin: fields.licence && fields.licence !== "proprietary" ? "open_source" : "product",
      ownerOrganisationId: parsed.data.ownerOrganisationId,
    });
    // The import form has no field for what the file filled: any remaining problem is the file's.
    if (!created.ok)
      return invalid(created.errors.map((e) => (e.field === "ownerOrganisationId" ? e : { ...e, field: "publiccode" })));
    return created;
  }

  async exportPubliccode(id: number, pageUrl: string): Promise<{ name: string; yaml: string }> {
    const found = await this.repo.detail(id);
    if (!found) throw new NotFoundError();
    const { solution } = found;
    return {
      name: solution.name,
      yaml: writePubliccode(
        {
          ...solution,
          ownerName: found.ownerName,
          contactName: found.contactName,
          contactEmail: found.contactEmail,
        },
        pageUrl,
      ),
    };
  }

  // Who uses it

  /** Records that an organisation uses the solution (or changes since when); authorised by the caller. */
  async addUser(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = userInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const org = await this.organisations.byId(parsed.data.organisationId);
    if (!org || org.endedOn) return invalid([{ field: "organisationId", key: "errors.notAnOrganisation" }]);
    if (!can(actor, "solution.use", await this.organisation(org.id)))
      return invalid([{ field: "organisationId", key: "errors.notYourOrganisation" }]);
    const before = await this.repo.user(id, org.id);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).upsertUser({ solutionId: id, ...parsed.data });
      await recordAudit(tx, actor, {
        action: before ? "update" : "create",
        entity: "solution_user",
        entityId: `${id}:${org.id}`,
        before,
        after: { solutionId: id, ...parsed.data },
      });
    });
    return ok(true);
  }

  async removeUser(actor: Actor, id: number, organisationId: number) {
    const before = await this.repo.user(id, organisationId);
    if (!before) throw new NotFoundError();
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).deleteUser(id, organisationId);
      await recordAudit(tx, actor, { action: "delete", entity: "solution_user", entityId: `${id}:${organisationId}`, before });
    });
  }

  // The projects that introduced it

  async addProject(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = projectLinkInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const project = await this.projects.byId(parsed.data.projectId);
    if (!project || !canSee(actor, project)) return invalid([{ field: "projectId", key: "errors.choice" }]);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).addProject(id, project.id);
      await recordAudit(tx, actor, { action: "create", entity: "solution_project", entityId: `${id}:${project.id}` });
    });
    return ok(true);
  }

  async removeProject(actor: Actor, id: number, projectId: number) {
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.with(tx).removeProject(id, projectId))) throw new NotFoundError();
      await recordAudit(tx, actor, { action: "delete", entity: "solution_project", entityId: `${id}:${projectId}` });
    });
  }
}
