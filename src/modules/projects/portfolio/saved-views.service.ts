import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { createAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, NotFoundError, ok } from "../../../platform/http/errors.ts";
import { requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { removeChild } from "../children.ts";
import { SAVED_VIEW_KINDS, type SavedViewKind } from "../schema.ts";
import { SavedViewRepo } from "./saved-views.repo.ts";

export const savedViewInput = z.object({
  name: requiredText(100),
  kind: z.enum(SAVED_VIEW_KINDS, "errors.choice"),
  query: z.string().max(2000).default(""),
});

/** A user's saved views: named filters of the overview and the timeline. */
export class SavedViewService {
  private readonly savedViewRepo: SavedViewRepo;

  constructor(private readonly db: Db) {
    this.savedViewRepo = new SavedViewRepo(db);
  }

  /** The signed-in user's saved views of one page; null for visitors, who keep none. */
  savedViewsFor(viewer: Actor | null, kind: SavedViewKind) {
    return viewer?.userId ? this.savedViewRepo.savedViewsOf(viewer.userId, kind) : Promise.resolve(null);
  }

  /**
   * Saves the current filters under a name for this user. The query is read with the page's own
   * schema, so only a view the page can show is kept, and it is kept without its page number.
   */
  async saveView(actor: Actor, input: unknown, readQuery: (kind: SavedViewKind, query: URLSearchParams) => boolean) {
    if (actor.userId === null) throw new NotFoundError();
    const parsed = savedViewInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const query = new URLSearchParams(parsed.data.query.replace(/^\?/, ""));
    query.delete("page");
    query.delete("lang");
    if (!readQuery(parsed.data.kind, query)) return invalid([{ field: "name", key: "errors.badRequest" }]);
    const userId = actor.userId;
    return ok(
      await createAudited(this.db, actor, "saved_view", (tx) =>
        this.savedViewRepo.with(tx).insertSavedView({ ...parsed.data, query: query.toString(), userId }),
      ),
    );
  }

  async removeView(actor: Actor, id: number) {
    if (actor.userId === null) throw new NotFoundError();
    const userId = actor.userId;
    await removeChild(this.db, actor, "saved_view", (tx) => this.savedViewRepo.with(tx).deleteSavedView(userId, id));
  }
}
