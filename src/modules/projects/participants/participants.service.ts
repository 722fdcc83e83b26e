import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalDate, requiredId, toFieldErrors } from "../../../platform/http/validation.ts";
import type { OrganisationReads } from "../../directory/index.ts";
import type { ProjectRepo } from "../projects.repo.ts";
import { PARTICIPANT_ROLES } from "../schema.ts";

export const participantInput = z.object({
  organisationId: requiredId,
  role: z.enum(PARTICIPANT_ROLES, "errors.choice"),
  fromDate: optionalDate,
});

/** The organisations taking part in a project, in their roles. */
export class ParticipantService {
  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepo,
    private readonly organisations: OrganisationReads,
  ) {}

  async setParticipant(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    const parsed = participantInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const org = await this.organisations.byId(parsed.data.organisationId);
    if (!org || org.endedOn) return invalid([{ field: "organisationId", key: "errors.notAnOrganisation" }]);
    const before = await this.repo.participant(id, org.id);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).upsertParticipant({ projectId: id, ...parsed.data });
      await audit({
        action: before ? "update" : "create",
        entity: "project_participant",
        entityId: `${id}:${org.id}`,
        before,
        after: { projectId: id, ...parsed.data },
      });
    });
    return ok(true);
  }

  async removeParticipant(actor: Actor, id: number, organisationId: number) {
    const before = await this.repo.participant(id, organisationId);
    if (!before) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).deleteParticipant(id, organisationId);
      await audit({
        action: "delete",
        entity: "project_participant",
        entityId: `${id}:${organisationId}`,
        before,
      });
    });
  }
}
