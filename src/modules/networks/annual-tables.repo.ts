import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { outerColumn } from "../../platform/db/correlated.ts";
import { Repository } from "../../platform/db/repository.ts";
import { organisations } from "../directory/index.ts";
import { bodies, bodyMembers, memberships } from "./schema.ts";

const bodyLink = { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id };

/** The SQL of the networks' part of the annual documents. */
export class NetworkAnnualRepo extends Repository {
  /** The members whose membership overlaps the days from..to, by level and name. */
  members(networkId: number, from: string, to: string) {
    return this.db
      .select({
        id: organisations.id,
        name: organisations.nameNorwegian,
        level: memberships.level,
        fromDate: memberships.fromDate,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(
        and(
          eq(memberships.networkId, networkId),
          or(isNull(memberships.fromDate), lte(memberships.fromDate, to)),
          or(isNull(memberships.toDate), gte(memberships.toDate, from)),
        ),
      )
      .orderBy(asc(memberships.level), asc(organisations.nameNorwegian));
  }

  /** The bodies the viewer may see, with their seats held some day from..to. */
  bodies(networkId: number, from: string, to: string, viewer: Actor | null) {
    return this.db
      .select({
        id: bodies.id,
        name: bodies.name,
        kind: bodies.kind,
        seats: sql<number>`(select count(*)::int from ${bodyMembers} where ${bodyMembers.bodyId} = ${outerColumn(bodies.id)}
          and (${bodyMembers.fromDate} is null or ${bodyMembers.fromDate} <= ${to})
          and (${bodyMembers.toDate} is null or ${bodyMembers.toDate} >= ${from}))`,
      })
      .from(bodies)
      .where(and(eq(bodies.networkId, networkId), visibleWhere(viewer, bodyLink)))
      .orderBy(asc(bodies.kind), asc(bodies.name));
  }

  async visibleBodies(ids: readonly number[], viewer: Actor | null): Promise<number[]> {
    const rows = await this.db
      .select({ id: bodies.id })
      .from(bodies)
      .where(and(inArray(bodies.id, [...ids]), visibleWhere(viewer, bodyLink)));
    return rows.map((r) => r.id);
  }
}
