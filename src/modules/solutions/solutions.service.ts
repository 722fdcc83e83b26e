import type { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { can, type OrganisationResource } from "../../platform/access/authorize.ts";
import { canSee } from "../../platform/access/visibility.ts";
import { createAudited, deleteAudited, updateAudited } from "../../platform/audit/audited.ts";
import type { Db } from "../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { toFieldErrors } from "../../platform/http/validation.ts";
import type { OrganisationReads, PeopleReads } from "../directory/index.ts";
import type { AccessService, NetworkService } from "../networks/index.ts";
import type { ProjectService } from "../projects/index.ts";
import { solutionInput } from "./input.ts";
import { IntroducingProjectService } from "./projects/projects.service.ts";
import { PubliccodeService } from "./publiccode/publiccode.service.ts";
import { type Solution, type SolutionFilter, SolutionRepo, type SolutionSort } from "./solutions.repo.ts";
import { SolutionUserService } from "./users/users.service.ts";

/** The form's schema, kept in input.ts so that the importer reads rows with it too. */
export { solutionInput };

/**
 * Commands on the catalogue of reusable solutions; every write is audited in its transaction. The
 * module's one service: the solution record here, publiccode.yml, its users and the projects that
 * introduced it in their folders' services, offered here too so callers ask one service.
 */
export class SolutionService {
  readonly repo: SolutionRepo;
  readonly publiccode: PubliccodeService;
  readonly users: SolutionUserService;
  readonly introducedBy: IntroducingProjectService;
  /** The spreadsheet import of the catalogue, run in one network by its secretariat (decision 0039). */

  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly organisations: OrganisationReads,
    private readonly people: PeopleReads,
    projects: ProjectService,
    private readonly networks: Pick<NetworkService, "memberOrganisationIds">,
  ) {
    this.repo = new SolutionRepo(db);
    this.publiccode = new PubliccodeService(this.repo, (actor, input) => this.create(actor, input));
    this.users = new SolutionUserService(db, this.repo, organisations, (id) => this.organisation(id));
    this.introducedBy = new IntroducingProjectService(db, this.repo, projects);
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

  /** A solution's own fields, for its edit form; 404 when there is none. */
  async fields(id: number): Promise<Solution> {
    const solution = await this.repo.byId(id);
    if (!solution) throw new NotFoundError();
    return solution;
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
    return ok(await createAudited(this.db, actor, "solution", (tx) => this.repo.with(tx).insert(parsed.data)));
  }

  async update(actor: Actor, id: number, input: unknown): Promise<Result<Solution>> {
    const existing = await this.repo.byId(id);
    if (!existing) throw new NotFoundError();
    const parsed = solutionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const problems = await this.checkFields(actor, parsed.data, existing);
    if (problems.length) return invalid(problems);
    return ok(
      await updateAudited(this.db, actor, "solution", existing, parsed.data, (tx) => this.repo.with(tx).update(id, parsed.data)),
    );
  }

  async remove(actor: Actor, id: number) {
    const existing = await this.repo.byId(id);
    if (!existing) throw new NotFoundError();
    await deleteAudited(this.db, actor, "solution", existing, (tx) => this.repo.with(tx).delete(id));
  }

  /** What an organisation uses, for its page. */
  usedBy(organisationId: number) {
    return this.users.usedBy(organisationId);
  }

  // The sub-features' commands, so the rest of the app asks one service.

  importPubliccode(...a: Parameters<PubliccodeService["importPubliccode"]>) {
    return this.publiccode.importPubliccode(...a);
  }
  exportPubliccode(...a: Parameters<PubliccodeService["exportPubliccode"]>) {
    return this.publiccode.exportPubliccode(...a);
  }
  addUser(...a: Parameters<SolutionUserService["addUser"]>) {
    return this.users.addUser(...a);
  }
  removeUser(...a: Parameters<SolutionUserService["removeUser"]>) {
    return this.users.removeUser(...a);
  }
  addProject(...a: Parameters<IntroducingProjectService["addProject"]>) {
    return this.introducedBy.addProject(...a);
  }
  removeProject(...a: Parameters<IntroducingProjectService["removeProject"]>) {
    return this.introducedBy.removeProject(...a);
  }
}
