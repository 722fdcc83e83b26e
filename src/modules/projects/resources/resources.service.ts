import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { canSee } from "../../../platform/access/visibility.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { kroner, linkInput, requiredId, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { addChild, removeChild } from "../children.ts";
import type { ProjectRepo } from "../projects.repo.ts";
import { RELATION_KINDS } from "../schema.ts";
import { ResourceRepo } from "./resources.repo.ts";

export const fundingInput = z
  .object({
    source: requiredText(200),
    applied: kroner.refine((v) => v !== null, "errors.required"),
    granted: kroner,
  })
  .refine((f) => f.granted === null || f.applied === null || f.granted <= f.applied, {
    message: "errors.grantedAboveApplied",
    path: ["granted"],
  });
export const relationInput = z.object({
  relatedProjectId: requiredId,
  kind: z.enum(RELATION_KINDS, "errors.choice"),
});

/** A project's funding, links and relations to other projects. */
export class ResourceService {
  private readonly resourceRepo: ResourceRepo;

  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepo,
  ) {
    this.resourceRepo = new ResourceRepo(db);
  }

  /** The project's funding, links, documents and the relations the viewer may see. */
  async resources(id: number, viewer: Actor | null) {
    const all = await this.resourceRepo.resourcesOf(id);
    const relations = all.relations
      .filter((r) =>
        canSee(viewer, {
          networkId: r.otherNetworkId,
          visibility: r.otherVisibility,
          bodyId: r.otherBodyId,
        }),
      )
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        outgoing: r.projectId === id,
        otherId: r.otherId,
        otherTitle: r.otherTitle,
      }));
    return { ...all, relations };
  }

  addFunding(actor: Actor, id: number, input: unknown) {
    return addChild(this.db, this.repo, actor, id, input, fundingInput, "project_funding", (tx, v) =>
      this.resourceRepo.with(tx).insertFunding({
        projectId: id,
        source: v.source,
        applied: v.applied!,
        granted: v.granted,
      }),
    );
  }

  removeFunding(actor: Actor, id: number, fundingId: number) {
    return removeChild(this.db, actor, "project_funding", (tx) => this.resourceRepo.with(tx).deleteFunding(id, fundingId));
  }

  addLink(actor: Actor, id: number, input: unknown) {
    return addChild(this.db, this.repo, actor, id, input, linkInput, "project_link", (tx, v) =>
      this.resourceRepo.with(tx).insertLink({ projectId: id, ...v }),
    );
  }

  removeLink(actor: Actor, id: number, linkId: number) {
    return removeChild(this.db, actor, "project_link", (tx) => this.resourceRepo.with(tx).deleteLink(id, linkId));
  }

  /** Relates the project to another the actor may see; not to itself, and each relation once. */
  async addRelation(actor: Actor, id: number, input: unknown): Promise<Result<{ id: number }>> {
    if (!(await this.repo.byId(id))) throw new NotFoundError();
    const parsed = relationInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const other = await this.repo.byId(parsed.data.relatedProjectId);
    if (!other || other.id === id || !canSee(actor, other)) return invalid([{ field: "relatedProjectId", key: "errors.choice" }]);
    return audited(this.db, actor, async (tx, audit) => {
      const row = await this.resourceRepo.with(tx).insertRelation({ projectId: id, ...parsed.data });
      if (!row) return invalid([{ field: "relatedProjectId", key: "errors.relationExists" }]);
      await audit({
        action: "create",
        entity: "project_relation",
        entityId: row.id,
        after: row,
      });
      return ok(row);
    });
  }

  removeRelation(actor: Actor, id: number, relationId: number) {
    return removeChild(this.db, actor, "project_relation", (tx) => this.resourceRepo.with(tx).deleteRelation(id, relationId));
  }
}
