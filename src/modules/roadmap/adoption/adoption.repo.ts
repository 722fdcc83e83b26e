import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { publishEvent } from "../../../platform/activity/activity.ts";
import { norwegianOrder } from "../../../platform/db/client.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations } from "../../directory/index.ts";
import { memberships } from "../../networks/index.ts";
import { adoptionHistory, adoptions, nationalSolutions } from "../schema.ts";

export type Adoption = typeof adoptions.$inferSelect;

export interface AdopterFilter {
  /** Members of this network today. */
  networkId?: number | undefined;
  countyCode?: string | undefined;
}

/** The only place with SQL for adoption: who stands where with which solution, and how it changed. */
export class AdoptionRepo extends Repository {
  /**
   * For each municipality or county municipality given, how many solutions of its catalogue (the
   * national ones and its networks' initiatives) it has not reported on since a moment: neither
   * reported (or confirmed) since then, nor in use or found not relevant.
   */
  async unreportedSince(organisationIds: readonly number[], since: Date) {
    if (!organisationIds.length) return [];
    const reported = sql`exists (select 1 from ${adoptions} a where a.organisation_id = ${organisations.id} and a.solution_id = ${nationalSolutions.id}
      and (a.updated_at >= ${since.toISOString()} or a.status in ('in_use', 'not_relevant')))`;
    const inCatalogue = sql`(${nationalSolutions.networkId} is null or exists (select 1 from ${memberships} m
      where m.organisation_id = ${organisations.id} and m.network_id = ${nationalSolutions.networkId}))`;
    return this.db
      .select({ organisationId: organisations.id, name: organisations.name, unreported: sql<number>`count(*)::int` })
      .from(organisations)
      .innerJoin(nationalSolutions, inCatalogue)
      .where(
        and(
          inArray(organisations.id, [...organisationIds]),
          inArray(organisations.kind, ["municipality", "county_municipality"]),
          sql`not ${reported}`,
        ),
      )
      .groupBy(organisations.id, organisations.name);
  }

  /** Marks statuses reported again unchanged as reported now: the organisation has looked at them. */
  async confirm(organisationId: number, solutionIds: readonly number[]) {
    if (!solutionIds.length) return;
    await this.db
      .update(adoptions)
      .set({ updatedAt: new Date() })
      .where(and(eq(adoptions.organisationId, organisationId), inArray(adoptions.solutionId, [...solutionIds])));
  }

  /** The municipalities and county municipalities in scope, with their population, by name. */
  async adopters(f: AdopterFilter) {
    const conditions: (SQL | undefined)[] = [
      inArray(organisations.kind, ["municipality", "county_municipality"]),
      isNull(organisations.endedOn),
    ];
    if (f.countyCode) conditions.push(eq(organisations.countyCode, f.countyCode));
    if (f.networkId)
      conditions.push(
        sql`exists (select 1 from ${memberships} m where m.organisation_id = ${organisations.id} and m.network_id = ${f.networkId} and m.to_date is null)`,
      );
    return this.db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        code: organisations.code,
        population: organisations.population,
      })
      .from(organisations)
      .where(and(...conditions))
      .orderBy(asc(norwegianOrder(organisations.name)));
  }

  /** Every status of these organisations, in one query. */
  async of(organisationIds: number[]): Promise<Adoption[]> {
    if (organisationIds.length === 0) return [];
    return this.db.select().from(adoptions).where(inArray(adoptions.organisationId, organisationIds));
  }

  /**
   * Per solution, how many of these organisations have one of the statuses, and their inhabitants:
   * the matrix's shares, counted in the database rather than from every cell.
   */
  async totals(organisationIds: number[], statuses: readonly string[]) {
    if (organisationIds.length === 0) return [];
    return this.db
      .select({
        solutionId: adoptions.solutionId,
        organisations: sql<number>`count(*)::int`,
        inhabitants: sql<number>`coalesce(sum(${organisations.population}), 0)::bigint`.mapWith(Number),
      })
      .from(adoptions)
      .innerJoin(organisations, eq(organisations.id, adoptions.organisationId))
      .where(
        and(inArray(adoptions.organisationId, organisationIds), inArray(adoptions.status, [...statuses] as Adoption["status"][])),
      )
      .groupBy(adoptions.solutionId);
  }

  async upsert(values: typeof adoptions.$inferInsert) {
    await this.db
      .insert(adoptions)
      .values(values)
      .onConflictDoUpdate({
        target: [adoptions.organisationId, adoptions.solutionId],
        set: {
          status: values.status,
          targetDate: values.targetDate ?? null,
          sinceDate: values.sinceDate ?? null,
          comment: values.comment ?? "",
          byId: values.byId ?? null,
          byLabel: values.byLabel,
          updatedAt: new Date(),
        },
      });
    await this.db.insert(adoptionHistory).values({
      organisationId: values.organisationId,
      solutionId: values.solutionId,
      status: values.status,
      targetDate: values.targetDate ?? null,
      sinceDate: values.sinceDate ?? null,
      comment: values.comment ?? "",
      byLabel: values.byLabel,
    });
    // Told under the national solution and under the organisation, each naming the other.
    const told = { type: "adoption_reported", data: { status: values.status }, actorUserId: values.byId ?? null };
    await publishEvent(this.db, {
      kind: "national_solution",
      id: values.solutionId,
      about: { kind: "organisation", id: values.organisationId },
      ...told,
    });
    await publishEvent(this.db, {
      kind: "organisation",
      id: values.organisationId,
      about: { kind: "national_solution", id: values.solutionId },
      ...told,
    });
  }

  async historyOf(organisationId: number, solutionId: number) {
    return this.db
      .select()
      .from(adoptionHistory)
      .where(and(eq(adoptionHistory.organisationId, organisationId), eq(adoptionHistory.solutionId, solutionId)))
      .orderBy(asc(adoptionHistory.at), asc(adoptionHistory.id));
  }

  /** Every status ever reported for one solution, oldest first: enough to replay adoption over time. */
  async historyOfSolution(solutionId: number) {
    return this.db
      .select({ organisationId: adoptionHistory.organisationId, status: adoptionHistory.status, at: adoptionHistory.at })
      .from(adoptionHistory)
      .where(eq(adoptionHistory.solutionId, solutionId))
      .orderBy(asc(adoptionHistory.at), asc(adoptionHistory.id));
  }
}
