import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { Repository } from "../../platform/db/repository.ts";
import { organisations, people } from "../directory/index.ts";
import { bodies, bodyMembers, memberships } from "../networks/index.ts";
import { budgetLines, budgets, INCOME_CATEGORIES, releasedTime } from "./schema.ts";

export type Budget = typeof budgets.$inferSelect;
export type BudgetLine = typeof budgetLines.$inferSelect;
export type ReleasedTime = typeof releasedTime.$inferSelect;
export type ReleasedTimeRow = ReleasedTime & { organisationName: string; bodyName: string | null };
export type NetworkMembership = {
  organisationId: number;
  name: string;
  level: string;
  fromDate: string | null;
  toDate: string | null;
  population: number | null;
};

/** A budget's place in the access kernel's rule: the network's, with the budget's own visibility (no body). */
const budgetRestricted = { networkId: budgets.networkId, visibility: budgets.visibility, bodyId: sql`null` };

/** The only place with SQL for the economy: budgets, their lines and released time. */
export class EconomyRepo extends Repository {
  /** The network's budgets the viewer may see, newest year first, optionally within years. */
  budgetsOf(networkId: number, viewer: Actor | null, years?: { from: number; to: number }) {
    return this.db
      .select()
      .from(budgets)
      .where(
        and(
          eq(budgets.networkId, networkId),
          visibleWhere(viewer, budgetRestricted),
          years ? and(gte(budgets.year, years.from), lte(budgets.year, years.to)) : undefined,
        ),
      )
      .orderBy(desc(budgets.year));
  }

  /**
   * The latest budget the viewer may see with its budgeted income and costs, in one query whether
   * there is one or not (the network's page costs the same for every network).
   */
  async latestTotals(networkId: number, viewer: Actor | null) {
    const income = sql.join(
      INCOME_CATEGORIES.map((c) => sql`${c}`),
      sql`, `,
    );
    const [row] = await this.db
      .select({
        year: budgets.year,
        income: sql<string>`coalesce(sum(${budgetLines.budgeted}) filter (where ${budgetLines.category} in (${income})), 0)`,
        cost: sql<string>`coalesce(sum(${budgetLines.budgeted}) filter (where ${budgetLines.category} not in (${income})), 0)`,
      })
      .from(budgets)
      .leftJoin(budgetLines, eq(budgetLines.budgetId, budgets.id))
      .where(and(eq(budgets.networkId, networkId), visibleWhere(viewer, budgetRestricted)))
      .groupBy(budgets.id, budgets.year)
      .orderBy(desc(budgets.year))
      .limit(1);
    return row ? { year: row.year, income: Number(row.income), cost: Number(row.cost) } : null;
  }

  async budget(networkId: number, year: number): Promise<Budget | undefined> {
    const [row] = await this.db
      .select()
      .from(budgets)
      .where(and(eq(budgets.networkId, networkId), eq(budgets.year, year)))
      .limit(1);
    return row;
  }

  insertBudget(values: typeof budgets.$inferInsert) {
    return this.insertOne(budgets, values);
  }

  updateBudget(id: number, values: Partial<typeof budgets.$inferInsert>) {
    return this.updateStamped(budgets, id, values);
  }

  deleteBudget(id: number) {
    return this.deleteOne(budgets, id);
  }

  /** The lines of these budgets, in their order. */
  async lines(budgetIds: number[]): Promise<BudgetLine[]> {
    if (budgetIds.length === 0) return [];
    return this.db
      .select()
      .from(budgetLines)
      .where(inArray(budgetLines.budgetId, budgetIds))
      .orderBy(asc(budgetLines.budgetId), asc(budgetLines.position), asc(budgetLines.id));
  }

  async line(budgetId: number, id: number): Promise<BudgetLine | undefined> {
    const [row] = await this.db
      .select()
      .from(budgetLines)
      .where(and(eq(budgetLines.budgetId, budgetId), eq(budgetLines.id, id)))
      .limit(1);
    return row;
  }

  async insertLines(values: (typeof budgetLines.$inferInsert)[]): Promise<BudgetLine[]> {
    if (values.length === 0) return [];
    return this.db.insert(budgetLines).values(values).returning();
  }

  async nextLinePosition(budgetId: number): Promise<number> {
    const [row] = await this.db
      .select({ max: sql<number | null>`max(${budgetLines.position})` })
      .from(budgetLines)
      .where(eq(budgetLines.budgetId, budgetId));
    return Number(row?.max ?? -1) + 1;
  }

  async updateLine(id: number, values: Partial<typeof budgetLines.$inferInsert>): Promise<BudgetLine> {
    const [row] = await this.db.update(budgetLines).set(values).where(eq(budgetLines.id, id)).returning();
    return row!;
  }

  deleteLine(id: number) {
    return this.deleteOne(budgetLines, id);
  }

  /**
   * Released time of these budgets, with the member's and the body's names, by member and name. The
   * body's name only where the viewer may see the body (the one visibility rule), else null.
   */
  async released(budgetIds: number[], viewer: Actor | null): Promise<ReleasedTimeRow[]> {
    if (budgetIds.length === 0) return [];
    const bodyVisible = visibleWhere(viewer, { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id });
    return this.db
      .select({
        ...releasedColumns,
        organisationName: organisations.name,
        bodyName: sql<string | null>`case when ${bodyVisible} then ${bodies.name} end`,
      })
      .from(releasedTime)
      .innerJoin(organisations, eq(organisations.id, releasedTime.organisationId))
      .leftJoin(bodies, eq(bodies.id, releasedTime.bodyId))
      .where(inArray(releasedTime.budgetId, budgetIds))
      .orderBy(asc(organisations.name), asc(releasedTime.personName), asc(releasedTime.id));
  }

  async releasedRow(budgetId: number, id: number): Promise<ReleasedTime | undefined> {
    const [row] = await this.db
      .select()
      .from(releasedTime)
      .where(and(eq(releasedTime.budgetId, budgetId), eq(releasedTime.id, id)))
      .limit(1);
    return row;
  }

  insertReleased(values: typeof releasedTime.$inferInsert) {
    return this.insertOne(releasedTime, values);
  }

  async updateReleased(id: number, values: Partial<typeof releasedTime.$inferInsert>): Promise<ReleasedTime> {
    const [row] = await this.db.update(releasedTime).set(values).where(eq(releasedTime.id, id)).returning();
    return row!;
  }

  deleteReleased(id: number) {
    return this.deleteOne(releasedTime, id);
  }

  /** Every membership of the network (any level, any period), with the organisation's name and own population. */
  memberships(networkId: number): Promise<NetworkMembership[]> {
    return this.db
      .select({
        organisationId: memberships.organisationId,
        name: organisations.name,
        level: memberships.level,
        fromDate: memberships.fromDate,
        toDate: memberships.toDate,
        population: organisations.population,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.networkId, networkId))
      .orderBy(asc(organisations.name));
  }

  /** The network's bodies, for released time's "for which body". */
  bodiesOf(networkId: number) {
    return this.db
      .select({ id: bodies.id, name: bodies.name })
      .from(bodies)
      .where(eq(bodies.networkId, networkId))
      .orderBy(asc(bodies.name));
  }

  /** Whether the person holds a seat in one of the network's bodies. */
  async seatedIn(networkId: number, personId: number): Promise<boolean> {
    const [row] = await this.db
      .select({ id: bodyMembers.id })
      .from(bodyMembers)
      .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
      .where(and(eq(bodies.networkId, networkId), eq(bodyMembers.personId, personId)))
      .limit(1);
    return row !== undefined;
  }

  /** People with a seat in one of the network's bodies (those usually released), with their organisation. */
  seatedPeople(networkId: number) {
    // The organisation the seat is held for, else the person's own: two of the same name are told apart by it.
    const organisationId = sql`coalesce(${bodyMembers.organisationId}, ${people.organisationId})`;
    return this.db
      .selectDistinct({
        id: people.id,
        name: people.name,
        organisationId: bodyMembers.organisationId,
        organisationName: organisations.name,
      })
      .from(bodyMembers)
      .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
      .innerJoin(people, eq(people.id, bodyMembers.personId))
      .leftJoin(organisations, eq(organisations.id, organisationId))
      .where(eq(bodies.networkId, networkId))
      .orderBy(asc(people.name), asc(organisations.name), asc(people.id));
  }

  /** Every seat in the network's bodies with its person, organisation and body (the demo data's released time). */
  seats(networkId: number) {
    return this.db
      .select({
        personId: people.id,
        name: people.name,
        organisationId: bodyMembers.organisationId,
        bodyId: bodies.id,
        bodyKind: bodies.kind,
      })
      .from(bodyMembers)
      .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
      .innerJoin(people, eq(people.id, bodyMembers.personId))
      .where(eq(bodies.networkId, networkId))
      .orderBy(asc(bodyMembers.id));
  }
}

const releasedColumns = {
  id: releasedTime.id,
  budgetId: releasedTime.budgetId,
  organisationId: releasedTime.organisationId,
  personId: releasedTime.personId,
  personName: releasedTime.personName,
  bodyId: releasedTime.bodyId,
  hours: releasedTime.hours,
  rate: releasedTime.rate,
  note: releasedTime.note,
  createdAt: releasedTime.createdAt,
};
