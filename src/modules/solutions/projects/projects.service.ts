import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { canSee } from "../../../platform/access/visibility.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { requiredId, toFieldErrors } from "../../../platform/http/validation.ts";
import type { ProjectService } from "../../projects/index.ts";
import type { SolutionRepo } from "../solutions.repo.ts";

export const projectLinkInput = z.object({ projectId: requiredId });

/** The projects that introduced a solution, linked by those who run the solution's owner. */
export class IntroducingProjectService {
  constructor(
    private readonly db: Db,
    private readonly repo: SolutionRepo,
    private readonly projects: ProjectService,
  ) {}

  async addProject(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = projectLinkInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const project = await this.projects.byId(parsed.data.projectId);
    if (!project || !canSee(actor, project)) return invalid([{ field: "projectId", key: "errors.choice" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).addProject(id, project.id);
      await audit({ action: "create", entity: "solution_project", entityId: `${id}:${project.id}` });
    });
    return ok(true);
  }

  async removeProject(actor: Actor, id: number, projectId: number) {
    await audited(this.db, actor, async (tx, audit) => {
      if (!(await this.repo.with(tx).removeProject(id, projectId))) throw new NotFoundError();
      await audit({ action: "delete", entity: "solution_project", entityId: `${id}:${projectId}` });
    });
  }
}
