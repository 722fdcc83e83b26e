import { and, inArray } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { Repository } from "../../platform/db/repository.ts";
import { needs } from "./schema.ts";

/** The SQL of the needs' part of the annual documents. */
export class NeedAnnualRepo extends Repository {
  async visibleNeeds(ids: readonly number[], viewer: Actor | null): Promise<number[]> {
    const rows = await this.db
      .select({ id: needs.id })
      .from(needs)
      .where(
        and(
          inArray(needs.id, [...ids]),
          visibleWhere(viewer, { networkId: needs.networkId, visibility: needs.visibility, bodyId: needs.bodyId }),
        ),
      );
    return rows.map((r) => r.id);
  }
}
