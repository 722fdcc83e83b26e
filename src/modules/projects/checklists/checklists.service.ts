import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { audited, createAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { idList, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { removeChild } from "../children.ts";
import type { ProjectRepo } from "../projects.repo.ts";
import { PHASES } from "../schema.ts";
import { ChecklistRepo } from "./checklists.repo.ts";

export const checklistItemInput = z.object({
  phase: z.enum(PHASES, "errors.choice"),
  text: requiredText(300),
});
export const checklistMarksInput = z.object({ done: idList });

/** The network's checklist for each phase, ticked off on each project. */
export class ChecklistService {
  private readonly checklistRepo: ChecklistRepo;

  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepo,
  ) {
    this.checklistRepo = new ChecklistRepo(db);
  }

  /** The network's checklist items for every phase. */
  checklistOf(networkId: number) {
    return this.checklistRepo.checklistOf(networkId);
  }

  /** The network's checklist for every phase, each item with the project's mark when it is done. */
  async ofProject(networkId: number, id: number) {
    const [items, marks] = await Promise.all([
      this.checklistRepo.checklistOf(networkId),
      this.checklistRepo.checklistMarksOf(id),
    ]);
    return items.map((item) => ({ ...item, mark: marks.find((m) => m.itemId === item.id) ?? null }));
  }

  async addChecklistItem(actor: Actor, networkId: number, input: unknown) {
    const parsed = checklistItemInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const position = (await this.checklistRepo.checklistOf(networkId)).filter((i) => i.phase === parsed.data.phase).length;
    return ok(
      await createAudited(this.db, actor, "checklist_item", (tx) =>
        this.checklistRepo.with(tx).insertChecklistItem({ networkId, ...parsed.data, position }),
      ),
    );
  }

  removeChecklistItem(actor: Actor, networkId: number, itemId: number) {
    return removeChild(this.db, actor, "checklist_item", (tx) =>
      this.checklistRepo.with(tx).deleteChecklistItem(networkId, itemId),
    );
  }

  /** Ticks off the current phase's checklist: the items sent are done, the phase's others are not. */
  async markChecklist(actor: Actor, id: number, input: unknown): Promise<Result<true>> {
    const project = await this.repo.byId(id);
    if (!project) throw new NotFoundError();
    const parsed = checklistMarksInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const items = (await this.checklistRepo.checklistOf(project.networkId))
      .filter((i) => i.phase === project.phase)
      .map((i) => i.id);
    if (parsed.data.done.some((d) => !items.includes(d))) return invalid([{ field: "done", key: "errors.choice" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.checklistRepo.with(tx).setChecklistMarks(id, items, parsed.data.done, actor.label);
      await audit({
        action: "update",
        entity: "project",
        entityId: id,
        after: { phase: project.phase, checklistDone: parsed.data.done },
      });
    });
    return ok(true);
  }
}
