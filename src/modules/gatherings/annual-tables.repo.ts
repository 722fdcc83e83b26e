import { and, asc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { outerColumn } from "../../platform/db/correlated.ts";
import { Repository } from "../../platform/db/repository.ts";
import { gatheringHosts, gatheringRegistrations, gatherings } from "./schema.ts";

const gatheringLink = { networkId: gatherings.networkId, visibility: gatherings.visibility, bodyId: sql`null` };

/** The SQL of the gatherings' part of the annual documents. */
export class GatheringAnnualRepo extends Repository {
  /** The gatherings the network holds (or holds with others) starting from `start` until `end`, with places taken and who came. */
  heldFrom(networkId: number, start: Date, end: Date, viewer: Actor | null) {
    const counted = (condition: ReturnType<typeof sql>) =>
      sql<number>`(select count(*)::int from ${gatheringRegistrations} where ${gatheringRegistrations.gatheringId} = ${outerColumn(gatherings.id)} and ${condition})`;
    return this.db
      .select({
        id: gatherings.id,
        title: gatherings.title,
        kind: gatherings.kind,
        startsAt: gatherings.startsAt,
        registered: counted(sql`${gatheringRegistrations.status} = 'confirmed'`),
        attended: counted(sql`${gatheringRegistrations.attended} is true`),
      })
      .from(gatherings)
      .where(
        and(
          or(
            eq(gatherings.networkId, networkId),
            sql`exists (select 1 from ${gatheringHosts} where ${gatheringHosts.gatheringId} = ${outerColumn(gatherings.id)} and ${gatheringHosts.networkId} = ${networkId})`,
          ),
          gte(gatherings.startsAt, start),
          lt(gatherings.startsAt, end),
          visibleWhere(viewer, gatheringLink),
        ),
      )
      .orderBy(asc(gatherings.startsAt));
  }

  async visibleGatherings(ids: readonly number[], viewer: Actor | null): Promise<number[]> {
    const rows = await this.db
      .select({ id: gatherings.id })
      .from(gatherings)
      .where(and(inArray(gatherings.id, [...ids]), visibleWhere(viewer, gatheringLink)));
    return rows.map((r) => r.id);
  }
}
