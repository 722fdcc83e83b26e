import { and, inArray } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import type { AnnualRecordCheck } from "../../platform/module.ts";
import { needs } from "./schema.ts";

/** Which needs a viewer may still see, for the frozen annual tables that name them (the priorities). */
export const needsVisible: AnnualRecordCheck = async ({ db }, ids, viewer) =>
  (
    await db
      .select({ id: needs.id })
      .from(needs)
      .where(
        and(
          inArray(needs.id, [...ids]),
          visibleWhere(viewer, { networkId: needs.networkId, visibility: needs.visibility, bodyId: needs.bodyId }),
        ),
      )
  ).map((r) => r.id);
