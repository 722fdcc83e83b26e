import { count, eq } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import type { ShippedData } from "../../platform/module.ts";
import { importReference, referenceDir } from "./reference.ts";
import { organisations, populationCounts } from "./schema.ts";

/** The counties and municipalities: loaded at the first start, and again only when asked (`samverk import reference`). */
export const shippedReference: ShippedData = {
  async update(db, { always, dir, progress }) {
    if (!always) {
      const [row] = await db.select({ n: count() }).from(organisations).where(eq(organisations.kind, "municipality"));
      // Databases loaded before population counts were recorded by date get them once.
      const [counted] = await db.select({ n: count() }).from(populationCounts);
      if ((row?.n ?? 0) > 0 && (counted?.n ?? 0) > 0) return null;
      progress("first start: loading the reference data (counties and municipalities)");
    }
    const s = await importReference(db, systemActor("reference import"), dir ?? referenceDir);
    return `Reference data: ${s.created} created, ${s.updated} updated, ${s.ended} ended, ${s.unchanged} unchanged`;
  },
};
