import type { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { audited, createAudited } from "../../platform/audit/audited.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { toFieldErrors } from "../../platform/http/validation.ts";
import type { ProjectRepo } from "./projects.repo.ts";

/** Records hanging off a project (funding, links, relations) or off a user or network (saved views, checklist items). */

/** Adds one record hanging off a project (checked to exist), audited; the checks are the caller's schema's. */
export async function addChild<S extends z.ZodType, R extends { id: number }>(
  db: Db,
  repo: ProjectRepo,
  actor: Actor,
  id: number,
  input: unknown,
  schema: S,
  entity: string,
  insert: (tx: Tx, values: z.infer<S>) => Promise<R>,
): Promise<Result<R>> {
  if (!(await repo.byId(id))) throw new NotFoundError();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(toFieldErrors(parsed.error));
  return ok(await createAudited(db, actor, entity, (tx) => insert(tx, parsed.data)));
}

/** Removes one record hanging off a project; one of another project is not found. */
export async function removeChild(db: Db, actor: Actor, entity: string, remove: (tx: Tx) => Promise<{ id: number } | undefined>) {
  await audited(db, actor, async (tx, audit) => {
    const removed = await remove(tx);
    if (!removed) throw new NotFoundError();
    await audit({
      action: "delete",
      entity,
      entityId: removed.id,
      before: removed,
    });
  });
}
