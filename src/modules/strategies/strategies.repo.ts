import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { norwegianOrder } from "../../platform/db/client.ts";
import { type Page, paged, totalRows } from "../../platform/db/paging.ts";
import { Repository } from "../../platform/db/repository.ts";
import { activityEvents, files } from "../../platform/schema.ts";
import { organisations } from "../directory/index.ts";
import { memberships, networks } from "../networks/index.ts";
import { benefits, projects } from "../projects/index.ts";
import {
  focusAreaGoals,
  focusAreaSources,
  focusAreas,
  measureBenefits,
  measureProjects,
  measureReports,
  measures,
  strategies,
  strategyGoals,
} from "./schema.ts";

export type Strategy = typeof strategies.$inferSelect;
export type Goal = typeof strategyGoals.$inferSelect;
export type FocusArea = typeof focusAreas.$inferSelect;
export type Measure = typeof measures.$inferSelect;

export interface StrategyFilter {
  /** The network's own strategies and its members' strategies. */
  networkId?: number | undefined;
  organisationId?: number | undefined;
  status?: string | undefined;
}

/**
 * The strategies a network's lists show: its own shared strategies and those of its members today.
 * The list's network filter and the site search's read it alike.
 */
export const inNetworkWhere = (networkId: number): SQL =>
  sql`(${strategies.networkId} = ${networkId} or exists (select 1 from ${memberships} m where m.organisation_id = ${strategies.organisationId} and m.network_id = ${networkId} and m.to_date is null))`;

/** The only place with SQL for strategies: revisions, goals, focus areas, measures and their reports. */
export class StrategyRepo extends Repository {
  /** Strategies with their owner's name and how many measures are done, newest period first. */
  list(f: StrategyFilter) {
    return this.listed(f);
  }

  /** A page of the list in SQL, with how many strategies the filter finds in all. */
  listPage(f: StrategyFilter, page: Page) {
    return paged(page, (p) => this.listed(f).limit(p.limit).offset(p.offset));
  }

  private listed(f: StrategyFilter) {
    const conditions: (SQL | undefined)[] = [];
    if (f.networkId) conditions.push(inNetworkWhere(f.networkId));
    if (f.organisationId) conditions.push(eq(strategies.organisationId, f.organisationId));
    if (f.status) conditions.push(eq(strategies.status, f.status as Strategy["status"]));
    return this.db
      .select({
        strategy: strategies,
        ownerName: sql<string>`coalesce(${organisations.name}, ${networks.name})`,
        measures: sql<number>`(select count(*)::int from ${measures} x where x.strategy_id = ${strategies.id})`,
        done: sql<number>`(select count(*)::int from ${measures} x where x.strategy_id = ${strategies.id} and x.status = 'done')`,
        total: totalRows,
      })
      .from(strategies)
      .leftJoin(organisations, eq(organisations.id, strategies.organisationId))
      .leftJoin(networks, eq(networks.id, strategies.networkId))
      .where(and(...conditions))
      .orderBy(
        desc(strategies.lastYear),
        asc(norwegianOrder(sql`coalesce(${organisations.name}, ${networks.name})`)),
        desc(strategies.revision),
      );
  }

  async byId(id: number): Promise<Strategy | undefined> {
    const [row] = await this.db.select().from(strategies).where(eq(strategies.id, id));
    return row;
  }

  /** The name, size and type of a stored file, without its content. */
  async fileInfo(id: number) {
    const [row] = await this.db
      .select({ id: files.id, name: files.name, size: files.size, mediaType: files.mediaType })
      .from(files)
      .where(eq(files.id, id));
    return row;
  }

  /** The draft revision started from this one, if there is one. */
  async nextRevisionOf(id: number): Promise<Strategy | undefined> {
    const [row] = await this.db.select().from(strategies).where(eq(strategies.previousId, id));
    return row;
  }

  async insert(values: typeof strategies.$inferInsert): Promise<Strategy> {
    return this.insertOne(strategies, values);
  }

  async update(id: number, values: Partial<typeof strategies.$inferInsert>): Promise<Strategy> {
    return this.updateStamped(strategies, id, values);
  }

  async goalsOf(strategyId: number): Promise<Goal[]> {
    return this.db
      .select()
      .from(strategyGoals)
      .where(eq(strategyGoals.strategyId, strategyId))
      .orderBy(asc(strategyGoals.position), asc(strategyGoals.id));
  }

  async focusAreasOf(strategyId: number): Promise<FocusArea[]> {
    return this.db
      .select()
      .from(focusAreas)
      .where(eq(focusAreas.strategyId, strategyId))
      .orderBy(asc(focusAreas.position), asc(focusAreas.id));
  }

  async focusAreaGoalsOf(focusAreaIds: number[]) {
    if (focusAreaIds.length === 0) return [];
    return this.db.select().from(focusAreaGoals).where(inArray(focusAreaGoals.focusAreaId, focusAreaIds));
  }

  /** The measures with the name of the organisation responsible, in plan order. */
  async measuresOf(strategyId: number) {
    return this.db
      .select({ measure: measures, responsibleName: organisations.name })
      .from(measures)
      .leftJoin(organisations, eq(organisations.id, measures.responsibleOrganisationId))
      .where(eq(measures.strategyId, strategyId))
      .orderBy(asc(measures.position), asc(measures.id));
  }

  /** The members' focus areas that focus areas of a shared strategy were started from, with their strategy and owner. */
  async focusAreaSourcesOf(focusAreaIds: number[]) {
    if (focusAreaIds.length === 0) return [];
    return this.db
      .select({
        focusAreaId: focusAreaSources.focusAreaId,
        id: focusAreas.id,
        title: focusAreas.title,
        strategyId: focusAreas.strategyId,
        ownerName: sql<string>`coalesce(${organisations.name}, '')`,
      })
      .from(focusAreaSources)
      .innerJoin(focusAreas, eq(focusAreas.id, focusAreaSources.sourceId))
      .innerJoin(strategies, eq(strategies.id, focusAreas.strategyId))
      .leftJoin(organisations, eq(organisations.id, strategies.organisationId))
      .where(inArray(focusAreaSources.focusAreaId, focusAreaIds))
      .orderBy(asc(norwegianOrder(sql`coalesce(${organisations.name}, '')`)), asc(focusAreas.title));
  }

  async insertFocusAreaSources(focusAreaId: number, sourceIds: number[]) {
    if (sourceIds.length) await this.db.insert(focusAreaSources).values(sourceIds.map((sourceId) => ({ focusAreaId, sourceId })));
  }

  async measureBenefitsOf(measureIds: number[]) {
    if (measureIds.length === 0) return [];
    return this.db
      .select({
        measureId: measureBenefits.measureId,
        id: benefits.id,
        title: benefits.title,
        projectId: benefits.projectId,
        visibility: projects.visibility,
      })
      .from(measureBenefits)
      .innerJoin(benefits, eq(benefits.id, measureBenefits.benefitId))
      .innerJoin(projects, eq(projects.id, benefits.projectId))
      .where(inArray(measureBenefits.measureId, measureIds))
      .orderBy(asc(benefits.title));
  }

  /** The benefits of the public projects of these networks' portfolios, to say which a measure should give. */
  async benefitOptions(networkIds: number[]) {
    if (networkIds.length === 0) return [];
    return this.db
      .select({ id: benefits.id, title: benefits.title, projectId: projects.id, projectTitle: projects.title })
      .from(benefits)
      .innerJoin(projects, eq(projects.id, benefits.projectId))
      .where(and(inArray(projects.networkId, networkIds), eq(projects.visibility, "public")))
      .orderBy(asc(projects.title), asc(benefits.title));
  }

  async measureProjectsOf(measureIds: number[]) {
    if (measureIds.length === 0) return [];
    return this.db
      .select({ measureId: measureProjects.measureId, id: projects.id, title: projects.title, visibility: projects.visibility })
      .from(measureProjects)
      .innerJoin(projects, eq(projects.id, measureProjects.projectId))
      .where(inArray(measureProjects.measureId, measureIds))
      .orderBy(asc(projects.title));
  }

  async reportsOf(measureIds: number[]) {
    if (measureIds.length === 0) return [];
    return this.db
      .select()
      .from(measureReports)
      .where(inArray(measureReports.measureId, measureIds))
      .orderBy(desc(measureReports.at), desc(measureReports.id));
  }

  async insertGoal(values: typeof strategyGoals.$inferInsert): Promise<Goal> {
    return this.insertOne(strategyGoals, values);
  }

  async insertFocusArea(values: typeof focusAreas.$inferInsert, goalIds: number[]): Promise<FocusArea> {
    const [row] = await this.db.insert(focusAreas).values(values).returning();
    if (goalIds.length) await this.db.insert(focusAreaGoals).values(goalIds.map((goalId) => ({ focusAreaId: row!.id, goalId })));
    return row!;
  }

  async insertMeasure(
    values: typeof measures.$inferInsert,
    links: { projectIds: number[]; benefitIds: number[] },
  ): Promise<Measure> {
    const [row] = await this.db.insert(measures).values(values).returning();
    const measureId = row!.id;
    if (links.projectIds.length)
      await this.db.insert(measureProjects).values(links.projectIds.map((projectId) => ({ measureId, projectId })));
    if (links.benefitIds.length)
      await this.db.insert(measureBenefits).values(links.benefitIds.map((benefitId) => ({ measureId, benefitId })));
    return row!;
  }

  async updateGoal(id: number, values: Partial<typeof strategyGoals.$inferInsert>) {
    await this.db.update(strategyGoals).set(values).where(eq(strategyGoals.id, id));
  }

  async updateFocusArea(id: number, values: Partial<typeof focusAreas.$inferInsert>, goalIds: number[]) {
    await this.db.update(focusAreas).set(values).where(eq(focusAreas.id, id));
    await this.db.delete(focusAreaGoals).where(eq(focusAreaGoals.focusAreaId, id));
    if (goalIds.length) await this.db.insert(focusAreaGoals).values(goalIds.map((goalId) => ({ focusAreaId: id, goalId })));
  }

  /** A measure's content and its links to projects and benefits, replaced. */
  async updateMeasureWithLinks(
    id: number,
    values: Partial<typeof measures.$inferInsert>,
    links: { projectIds: number[]; benefitIds: number[] },
  ) {
    await this.updateMeasure(id, values);
    await this.db.delete(measureProjects).where(eq(measureProjects.measureId, id));
    await this.db.delete(measureBenefits).where(eq(measureBenefits.measureId, id));
    if (links.projectIds.length)
      await this.db.insert(measureProjects).values(links.projectIds.map((projectId) => ({ measureId: id, projectId })));
    if (links.benefitIds.length)
      await this.db.insert(measureBenefits).values(links.benefitIds.map((benefitId) => ({ measureId: id, benefitId })));
  }

  async updateMeasure(id: number, values: Partial<typeof measures.$inferInsert>) {
    await this.db.update(measures).set(values).where(eq(measures.id, id));
  }

  /**
   * Measures of adopted strategies the organisations given are responsible for, neither done nor
   * dropped, whose deadline (its day, or the end of its year) is at the latest the day given.
   */
  async dueFor(organisationIds: readonly number[], until: string) {
    if (!organisationIds.length) return [];
    const deadline = sql<string>`coalesce(${measures.deadlineDate}, make_date(${measures.deadlineYear}, 12, 31))`;
    return this.db
      .select({
        measureId: measures.id,
        description: measures.description,
        status: measures.status,
        strategyId: strategies.id,
        strategyTitle: strategies.title,
        deadline: sql<string>`(${deadline})::text`,
        organisationName: organisations.name,
      })
      .from(measures)
      .innerJoin(strategies, eq(strategies.id, measures.strategyId))
      .innerJoin(organisations, eq(organisations.id, measures.responsibleOrganisationId))
      .where(
        and(
          eq(strategies.status, "adopted"),
          inArray(measures.responsibleOrganisationId, [...organisationIds]),
          inArray(measures.status, ["not_started", "in_progress", "postponed"]),
          sql`${deadline} <= ${until}::date`,
        ),
      )
      .orderBy(asc(sql`${deadline}`), asc(measures.id))
      .limit(50);
  }

  /**
   * Measures of adopted strategies past their deadline (its day, or the end of its year) and neither
   * done nor dropped, whose passing no event has told yet.
   */
  async overdueUntold(today: string): Promise<{ measureId: number; strategyId: number; deadline: string }[]> {
    const deadline = sql<string>`coalesce(${measures.deadlineDate}, make_date(${measures.deadlineYear}, 12, 31))`;
    return this.db
      .select({ measureId: measures.id, strategyId: measures.strategyId, deadline: sql<string>`(${deadline})::text` })
      .from(measures)
      .innerJoin(strategies, eq(strategies.id, measures.strategyId))
      .where(
        and(
          eq(strategies.status, "adopted"),
          inArray(measures.status, ["not_started", "in_progress", "postponed"]),
          sql`${deadline} < ${today}::date`,
          sql`not exists (select 1 from ${activityEvents} e where e.kind = 'strategy' and e.record_id = ${measures.strategyId}
            and e.type = 'measure_overdue' and e.about_kind = 'measure' and e.about_id = ${measures.id})`,
        ),
      )
      .orderBy(asc(measures.id));
  }

  async insertReport(values: typeof measureReports.$inferInsert) {
    await this.db.insert(measureReports).values(values);
  }

  async deletePart(table: "goal" | "focusArea" | "measure", strategyId: number, id: number): Promise<boolean> {
    const t = { goal: strategyGoals, focusArea: focusAreas, measure: measures }[table];
    const rows = await this.db
      .delete(t)
      .where(and(eq(t.id, id), eq(t.strategyId, strategyId)))
      .returning({ id: t.id });
    return rows.length > 0;
  }

  /** The projects of a network's portfolio, to link measures to. */
  async projectOptions(networkIds: number[]) {
    if (networkIds.length === 0) return [];
    return this.db
      .select({ id: projects.id, title: projects.title, networkId: projects.networkId })
      .from(projects)
      .where(and(inArray(projects.networkId, networkIds), eq(projects.visibility, "public")))
      .orderBy(asc(projects.title));
  }

  /** Organisations by id with their names: who may be responsible for a member's own strategy's measure (itself). */
  async organisationsNamed(ids: number[]) {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, ids))
      .orderBy(asc(norwegianOrder(organisations.name)));
  }

  /** The members of a network today, by name: who may be responsible for a network strategy's measure. */
  async networkMembers(networkId: number) {
    return this.db
      .select({ id: organisations.id, name: organisations.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.networkId, networkId), isNull(memberships.toDate)))
      .orderBy(asc(norwegianOrder(organisations.name)));
  }
}
