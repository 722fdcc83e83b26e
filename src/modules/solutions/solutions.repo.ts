import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { norwegianOrder } from "../../platform/db/client.ts";
import { Repository } from "../../platform/db/repository.ts";
import { organisations, people } from "../directory/index.ts";
import { networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import {
  type Maturity,
  type SolutionOrigin,
  solutionProjects,
  solutionSearchDocument,
  solutions,
  solutionUsers,
} from "./schema.ts";

export type Solution = typeof solutions.$inferSelect;
export type NewSolution = typeof solutions.$inferInsert;

export const SOLUTION_SORTS = ["name", "-name", "users", "-users", "updated", "-updated"] as const;
export type SolutionSort = (typeof SOLUTION_SORTS)[number];

export interface SolutionFilter {
  q?: string | undefined;
  origin?: SolutionOrigin | undefined;
  maturity?: Maturity | undefined;
  /** Offered by this organisation. */
  owner?: number | undefined;
  /** Used by this organisation. */
  usedBy?: number | undefined;
  /** Offered or used by one of these organisations (a network's members). */
  organisationIds?: number[] | undefined;
}

/**
 * Offered or used by one of the organisations `organisationIds` gives (a parenthesised list or a
 * subquery): what a network's catalogue lists, and the site search's network and organisation filters.
 */
export const offeredOrUsedBy = (organisationIds: SQL): SQL =>
  sql`(${solutions.ownerOrganisationId} in ${organisationIds} or exists (select 1 from ${solutionUsers} su
    where su.solution_id = ${solutions.id} and su.organisation_id in ${organisationIds}))`;

const owner = alias(organisations, "owner");
const userCount = sql<number>`(select count(*)::int from ${solutionUsers} su where su.solution_id = ${solutions.id})`;

/** The only place with SQL for the catalogue. */
export class SolutionRepo extends Repository {
  private where(f: SolutionFilter): SQL | undefined {
    return and(
      f.q
        ? or(
            sql`${solutionSearchDocument(solutions)} @@ websearch_to_tsquery('norwegian'::regconfig, ${f.q})`,
            sql`lower(${solutions.name}) = ${f.q.toLowerCase()}`,
          )
        : undefined,
      f.origin ? eq(solutions.origin, f.origin) : undefined,
      f.maturity ? eq(solutions.maturity, f.maturity) : undefined,
      f.owner ? eq(solutions.ownerOrganisationId, f.owner) : undefined,
      f.usedBy
        ? sql`exists (select 1 from ${solutionUsers} su where su.solution_id = ${solutions.id} and su.organisation_id = ${f.usedBy})`
        : undefined,
      f.organisationIds
        ? f.organisationIds.length
          ? offeredOrUsedBy(
              sql`(${sql.join(
                f.organisationIds.map((id) => sql`${id}`),
                sql`, `,
              )})`,
            )
          : sql`false`
        : undefined,
    );
  }

  /** One page of the catalogue with owner names and user counts, and the total: two queries. */
  async list(f: SolutionFilter, sort: SolutionSort, limit: number, offset: number) {
    const where = this.where(f);
    const direction = sort.startsWith("-") ? desc : asc;
    const column = sort.replace(/^-/, "");
    const order =
      column === "users"
        ? [direction(userCount), asc(norwegianOrder(solutions.name))]
        : column === "updated"
          ? [direction(solutions.updatedAt), asc(solutions.id)]
          : [direction(norwegianOrder(solutions.name)), asc(solutions.id)];
    const items = await this.db
      .select({
        id: solutions.id,
        name: solutions.name,
        summary: solutions.summary,
        vendor: solutions.vendor,
        origin: solutions.origin,
        category: solutions.category,
        licence: solutions.licence,
        maturity: solutions.maturity,
        ownerOrganisationId: solutions.ownerOrganisationId,
        ownerName: owner.name,
        userCount,
        isDemo: solutions.isDemo,
        updatedAt: solutions.updatedAt,
      })
      .from(solutions)
      .innerJoin(owner, eq(owner.id, solutions.ownerOrganisationId))
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset);
    const [total] = await this.db.select({ n: count() }).from(solutions).where(where);
    return { items, total: total?.n ?? 0 };
  }

  async byId(id: number): Promise<Solution | undefined> {
    const [row] = await this.db.select().from(solutions).where(eq(solutions.id, id)).limit(1);
    return row;
  }

  async detail(id: number) {
    const [row] = await this.db
      .select({ solution: solutions, ownerName: owner.name, contactName: people.name, contactEmail: people.email })
      .from(solutions)
      .innerJoin(owner, eq(owner.id, solutions.ownerOrganisationId))
      .leftJoin(people, eq(people.id, solutions.contactPersonId))
      .where(eq(solutions.id, id))
      .limit(1);
    return row;
  }

  async insert(values: NewSolution): Promise<Solution> {
    return this.insertOne(solutions, values);
  }

  async update(id: number, values: Partial<NewSolution>): Promise<Solution> {
    return this.updateStamped(solutions, id, values);
  }

  async delete(id: number) {
    await this.db.delete(solutions).where(eq(solutions.id, id));
  }

  // Who uses it

  async usersOf(solutionIds: number[]) {
    if (solutionIds.length === 0) return [];
    return this.db
      .select({
        solutionId: solutionUsers.solutionId,
        organisationId: solutionUsers.organisationId,
        organisationName: organisations.name,
        countyCode: organisations.countyCode,
        since: solutionUsers.since,
        note: solutionUsers.note,
      })
      .from(solutionUsers)
      .innerJoin(organisations, eq(organisations.id, solutionUsers.organisationId))
      .where(inArray(solutionUsers.solutionId, solutionIds))
      .orderBy(norwegianOrder(organisations.nameNorwegian));
  }

  async user(solutionId: number, organisationId: number) {
    const [row] = await this.db
      .select()
      .from(solutionUsers)
      .where(and(eq(solutionUsers.solutionId, solutionId), eq(solutionUsers.organisationId, organisationId)));
    return row;
  }

  async upsertUser(values: typeof solutionUsers.$inferInsert) {
    await this.db
      .insert(solutionUsers)
      .values(values)
      .onConflictDoUpdate({
        target: [solutionUsers.solutionId, solutionUsers.organisationId],
        set: { since: values.since ?? null, note: values.note ?? "" },
      });
  }

  async deleteUser(solutionId: number, organisationId: number) {
    await this.db
      .delete(solutionUsers)
      .where(and(eq(solutionUsers.solutionId, solutionId), eq(solutionUsers.organisationId, organisationId)));
  }

  /** What an organisation uses, for its page. */
  async usedBy(organisationId: number) {
    return this.db
      .select({ id: solutions.id, name: solutions.name, since: solutionUsers.since, maturity: solutions.maturity })
      .from(solutionUsers)
      .innerJoin(solutions, eq(solutions.id, solutionUsers.solutionId))
      .where(eq(solutionUsers.organisationId, organisationId))
      .orderBy(norwegianOrder(solutions.name));
  }

  // The projects that introduced it

  async projectsOf(solutionId: number) {
    return this.db
      .select({
        projectId: projects.id,
        title: projects.title,
        networkId: projects.networkId,
        networkName: networks.shortName,
        visibility: projects.visibility,
        bodyId: projects.bodyId,
      })
      .from(solutionProjects)
      .innerJoin(projects, eq(projects.id, solutionProjects.projectId))
      .innerJoin(networks, eq(networks.id, projects.networkId))
      .where(eq(solutionProjects.solutionId, solutionId))
      .orderBy(norwegianOrder(projects.title));
  }

  async addProject(solutionId: number, projectId: number) {
    await this.db.insert(solutionProjects).values({ solutionId, projectId }).onConflictDoNothing();
  }

  async removeProject(solutionId: number, projectId: number) {
    const rows = await this.db
      .delete(solutionProjects)
      .where(and(eq(solutionProjects.solutionId, solutionId), eq(solutionProjects.projectId, projectId)))
      .returning();
    return rows.length > 0;
  }
}
