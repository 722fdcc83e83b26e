import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { can, type OrganisationResource } from "../../../platform/access/authorize.ts";
import { publishEvent } from "../../../platform/activity/activity.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalDate, optionalText, requiredId, toFieldErrors } from "../../../platform/http/validation.ts";
import type { OrganisationReads } from "../../directory/index.ts";
import type { SolutionRepo } from "../solutions.repo.ts";

export const userInput = z.object({ organisationId: requiredId, since: optionalDate, note: optionalText(500) });

/** Who uses a solution: organisations say so themselves, through those who act for them. */
export class SolutionUserService {
  constructor(
    private readonly db: Db,
    private readonly repo: SolutionRepo,
    private readonly organisations: OrganisationReads,
    private readonly organisation: (organisationId: number) => Promise<OrganisationResource>,
  ) {}

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
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).upsertUser({ solutionId: id, ...parsed.data });
      if (!before)
        await publishEvent(tx, {
          kind: "solution",
          id,
          type: "taken_into_use",
          about: { kind: "organisation", id: org.id },
          actorUserId: actor.userId,
        });
      await audit({
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
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).deleteUser(id, organisationId);
      await audit({ action: "delete", entity: "solution_user", entityId: `${id}:${organisationId}`, before });
    });
  }

  /** What an organisation uses, for its page. */
  usedBy(organisationId: number) {
    return this.repo.usedBy(organisationId);
  }
}
