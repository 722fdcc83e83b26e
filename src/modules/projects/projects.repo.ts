import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { norwegianOrder } from "../../platform/db/client.ts";
import { Repository } from "../../platform/db/repository.ts";
import { anyWordQuery } from "../../platform/db/search.ts";
import { matches } from "../../platform/search/match.ts";
import type { SearchTerms } from "../../platform/search/terms.ts";
import { organisations, people } from "../directory/index.ts";
import { networks } from "../networks/index.ts";
import { BenefitRepo } from "./benefits/benefits.repo.ts";
import { JoinRepo } from "./join/join.repo.ts";
import { ResourceRepo } from "./resources/resources.repo.ts";
import {
  type benefitMeasurements,
  type benefits,
  type Phase,
  type ProjectKind,
  projectParticipants,
  projectPhaseChanges,
  projectSearchDocument,
  projectSearchFields,
  projects,
  type StatusColour,
  statusReports,
  tagsNamed,
} from "./schema.ts";

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type StatusReport = typeof statusReports.$inferSelect;
export type Benefit = typeof benefits.$inferSelect;
export type Measurement = typeof benefitMeasurements.$inferSelect;

export const PROJECT_SORTS = [
  "title",
  "-title",
  "start",
  "-start",
  "end",
  "-end",
  "updated",
  "-updated",
  "phase",
  "-phase",
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectFilter {
  q?: string | undefined;
  /** The query read for the search (both written standards, compounds; decision 0034), from `q`. */
  terms?: SearchTerms | undefined;
  /** The projects the search matches, by id, when the service keeps them (else found from `q` and `terms`). */
  found?: readonly number[] | undefined;
  networkId?: number | undefined;
  /** Owns or takes part in the project. */
  organisationId?: number | undefined;
  /** The owner or a participant lies in this county. */
  county?: string | undefined;
  kind?: ProjectKind | undefined;
  phase?: Phase | undefined;
  sector?: string | undefined;
  /** The latest status report's overall colour; "none" for projects without a report. */
  status?: StatusColour | "none" | undefined;
  /** The project runs at some time in this period. */
  from?: string | undefined;
  to?: string | undefined;
  tag?: string | undefined;
}

const owner = alias(organisations, "owner");
const latestReport = alias(statusReports, "latest_report");
/** The projects a search matches, apart from the list's own projects table. */
const matched = alias(projects, "matched");

/** The newest report of each project, by report date and then by entry. */
const latestReportJoin = sql`${latestReport.id} = (select r.id from ${statusReports} r where r.project_id = ${projects.id} order by r.report_date desc, r.id desc limit 1)`;

/** What a search matches, over the `matched` alias of projects: its text, or a tag it names whole. */
function searchCondition(f: Pick<ProjectFilter, "q" | "terms">): SQL | undefined {
  return or(
    // A query of no words (only signs) matches no text, only a tag it names.
    f.terms?.words.length ? matches(f.terms, projectSearchFields(matched)) : sql`false`,
    tagsNamed(matched.tags, f.q ?? ""),
  );
}

/** The only place with SQL for projects and what hangs off them. */
export class ProjectRepo extends Repository {
  private where(f: ProjectFilter, viewer: Actor | null): SQL | undefined {
    const conditions: (SQL | undefined)[] = [visibleWhere(viewer, projects)];
    if (f.found) conditions.push(sql`${projects.id} = any(${`{${f.found.join(",")}}`}::int[])`);
    else if (f.q) {
      // The matches are found once from the indexes, then looked up by id. As a plain condition the
      // planner walks the title index instead and makes each project's text vector on the way,
      // which made a search page five times slower than a filtered one.
      conditions.push(
        sql`${projects.id} = any(array(select ${matched.id} from ${projects} as "matched" where ${searchCondition(f)}))`,
      );
    }
    if (f.networkId) conditions.push(eq(projects.networkId, f.networkId));
    if (f.organisationId)
      conditions.push(
        or(
          eq(projects.ownerOrganisationId, f.organisationId),
          sql`exists (select 1 from ${projectParticipants} pp where pp.project_id = ${projects.id} and pp.organisation_id = ${f.organisationId})`,
        ),
      );
    if (f.county)
      conditions.push(
        sql`exists (select 1 from ${organisations} o where o.county_code = ${f.county} and (o.id = ${projects.ownerOrganisationId}
          or o.id in (select pp.organisation_id from ${projectParticipants} pp where pp.project_id = ${projects.id})))`,
      );
    if (f.kind) conditions.push(eq(projects.kind, f.kind));
    if (f.phase) conditions.push(eq(projects.phase, f.phase));
    if (f.sector) conditions.push(eq(projects.sector, f.sector));
    if (f.status === "none") conditions.push(sql`${latestReport.id} is null`);
    else if (f.status) conditions.push(eq(latestReport.overall, f.status));
    if (f.from) conditions.push(or(sql`${projects.endDate} is null`, gte(projects.endDate, f.from)));
    if (f.to) conditions.push(or(sql`${projects.startDate} is null`, lte(projects.startDate, f.to)));
    if (f.tag) conditions.push(sql`${projects.tags} @> array[${f.tag}]::text[]`);
    return and(...conditions);
  }

  private order(sort: ProjectSort) {
    const column = sort.replace(/^-/, "");
    const direction = sort.startsWith("-") ? desc : asc;
    const byTitle = norwegianOrder(projects.title);
    // Projects without the date come last whichever way the list is sorted.
    const nullsLast = (column: SQLWrapper) => sql`${column} ${sort.startsWith("-") ? sql`desc` : sql`asc`} nulls last`;
    switch (column) {
      case "start":
        return [nullsLast(projects.startDate), asc(byTitle)];
      case "end":
        return [nullsLast(projects.endDate), asc(byTitle)];
      case "updated":
        return [direction(projects.updatedAt), asc(projects.id)];
      case "phase":
        return [
          direction(sql`array_position(array['idea','concept','planning','execution','closing','operation'], ${projects.phase})`),
          asc(byTitle),
        ];
      default:
        return [direction(byTitle), asc(projects.id)];
    }
  }

  /**
   * One page of the projects this viewer may see, with owner, network and latest status, and the
   * total: two queries whatever the size. Visibility is part of the SQL, so paging stays exact.
   */
  async list(f: ProjectFilter, viewer: Actor | null, sort: ProjectSort, limit: number, offset: number) {
    const items = await this.page(f, viewer, sort, limit, offset);
    return { items, total: await this.count(f, viewer) };
  }

  /**
   * One page of the list, in the order asked for. The page's projects are chosen first and only
   * they are joined to their owner, network and latest report: a search that matches thousands looked
   * up every match's latest report before it kept fifty.
   */
  async page(f: ProjectFilter, viewer: Actor | null, sort: ProjectSort, limit: number, offset: number) {
    const choosing = this.db.select({ id: projects.id }).from(projects).$dynamic();
    const chosen = (f.status ? choosing.leftJoin(latestReport, latestReportJoin) : choosing)
      .where(this.where(f, viewer))
      .orderBy(...this.order(sort))
      .limit(limit)
      .offset(offset);
    return this.db
      .select({
        id: projects.id,
        title: projects.title,
        summary: projects.summary,
        kind: projects.kind,
        sector: projects.sector,
        phase: projects.phase,
        startDate: projects.startDate,
        endDate: projects.endDate,
        budget: projects.budget,
        tags: projects.tags,
        visibility: projects.visibility,
        isDemo: projects.isDemo,
        updatedAt: projects.updatedAt,
        networkId: projects.networkId,
        networkSlug: networks.slug,
        networkName: networks.shortName,
        ownerOrganisationId: projects.ownerOrganisationId,
        ownerName: owner.name,
        status: latestReport.overall,
        statusDate: latestReport.reportDate,
      })
      .from(projects)
      .innerJoin(networks, eq(networks.id, projects.networkId))
      .leftJoin(owner, eq(owner.id, projects.ownerOrganisationId))
      .leftJoin(latestReport, latestReportJoin)
      .where(inArray(projects.id, chosen))
      .orderBy(...this.order(sort));
  }

  /**
   * Every project a search matches, whoever may see it (the list applies the viewer's rule), by id;
   * null when more than `most` match, for the list to find them itself.
   */
  async matching(f: Pick<ProjectFilter, "q" | "terms">, most: number): Promise<number[] | null> {
    const rows = await this.db
      .select({ id: matched.id })
      .from(matched)
      .where(searchCondition(f))
      .limit(most + 1);
    return rows.length > most ? null : rows.map((r) => r.id);
  }

  /** How many projects the filter finds that this viewer may see. */
  async count(f: ProjectFilter, viewer: Actor | null): Promise<number> {
    // The latest report is joined only when the filter asks about it: it is a lookup per row.
    const counting = this.db.select({ n: count() }).from(projects).$dynamic();
    const [total] = await (f.status ? counting.leftJoin(latestReport, latestReportJoin) : counting).where(this.where(f, viewer));
    return total?.n ?? 0;
  }

  /** Projects that share words with the text, closest first: to catch a need that is already a project. */
  async similar(text: string, viewer: Actor | null, limit: number) {
    const query = anyWordQuery(text);
    const document = projectSearchDocument(projects);
    return this.db
      .select({ id: projects.id, title: projects.title, phase: projects.phase, networkName: networks.shortName })
      .from(projects)
      .innerJoin(networks, eq(networks.id, projects.networkId))
      .where(and(sql`${document} @@ ${query}`, visibleWhere(viewer, projects)))
      .orderBy(desc(sql`ts_rank(${document}, ${query})`), desc(projects.id))
      .limit(limit);
  }

  async byId(id: number): Promise<Project | undefined> {
    const [row] = await this.db.select().from(projects).where(eq(projects.id, id)).limit(1);
    return row;
  }

  /** A project with the names the page shows. */
  async detail(id: number) {
    const [row] = await this.db
      .select({
        project: projects,
        networkSlug: networks.slug,
        networkName: networks.name,
        ownerName: owner.name,
        contactName: people.name,
      })
      .from(projects)
      .innerJoin(networks, eq(networks.id, projects.networkId))
      .leftJoin(owner, eq(owner.id, projects.ownerOrganisationId))
      .leftJoin(people, eq(people.id, projects.contactPersonId))
      .where(eq(projects.id, id))
      .limit(1);
    return row;
  }

  async insert(values: NewProject): Promise<Project> {
    return this.insertOne(projects, values);
  }

  /** Saves only if the project is still at `version`; undefined when someone saved in between. */
  async updateAtVersion(id: number, version: number, values: Partial<NewProject>): Promise<Project | undefined> {
    const [row] = await this.db
      .update(projects)
      .set({ ...values, version: sql`${projects.version} + 1`, updatedAt: new Date() })
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning();
    return row;
  }

  async delete(id: number) {
    await this.db.delete(projects).where(eq(projects.id, id));
  }

  // Participants

  async participantsOf(projectIds: number[]) {
    if (projectIds.length === 0) return [];
    return this.db
      .select({
        projectId: projectParticipants.projectId,
        organisationId: projectParticipants.organisationId,
        organisationName: organisations.name,
        countyCode: organisations.countyCode,
        population: organisations.population,
        role: projectParticipants.role,
        fromDate: projectParticipants.fromDate,
      })
      .from(projectParticipants)
      .innerJoin(organisations, eq(organisations.id, projectParticipants.organisationId))
      .where(inArray(projectParticipants.projectId, projectIds))
      .orderBy(
        sql`array_position(array['lead','participant','interested'], ${projectParticipants.role})`,
        norwegianOrder(organisations.nameNorwegian),
      );
  }

  async participant(projectId: number, organisationId: number) {
    const [row] = await this.db
      .select()
      .from(projectParticipants)
      .where(and(eq(projectParticipants.projectId, projectId), eq(projectParticipants.organisationId, organisationId)));
    return row;
  }

  async upsertParticipant(values: typeof projectParticipants.$inferInsert) {
    await this.db
      .insert(projectParticipants)
      .values(values)
      .onConflictDoUpdate({
        target: [projectParticipants.projectId, projectParticipants.organisationId],
        set: { role: values.role, fromDate: values.fromDate ?? null },
      });
  }

  async deleteParticipant(projectId: number, organisationId: number) {
    await this.db
      .delete(projectParticipants)
      .where(and(eq(projectParticipants.projectId, projectId), eq(projectParticipants.organisationId, organisationId)));
  }

  // Phases

  async phaseChangesOf(projectId: number) {
    return this.db
      .select()
      .from(projectPhaseChanges)
      .where(eq(projectPhaseChanges.projectId, projectId))
      .orderBy(desc(projectPhaseChanges.at), desc(projectPhaseChanges.id));
  }

  /** Phase changes of many projects in one query, oldest first: the timeline's phase segments. */
  async phaseChangesOfMany(projectIds: number[]) {
    if (projectIds.length === 0) return [];
    return this.db
      .select({ projectId: projectPhaseChanges.projectId, toPhase: projectPhaseChanges.toPhase, at: projectPhaseChanges.at })
      .from(projectPhaseChanges)
      .where(inArray(projectPhaseChanges.projectId, projectIds))
      .orderBy(asc(projectPhaseChanges.at), asc(projectPhaseChanges.id));
  }

  async insertPhaseChange(values: typeof projectPhaseChanges.$inferInsert) {
    await this.db.insert(projectPhaseChanges).values(values);
  }

  // What the sub-features' own repositories read, offered here too for callers that hold only this one.

  benefitsOf(projectIds: number[]) {
    return new BenefitRepo(this.db).benefitsOf(projectIds);
  }

  joinRequestsOf(projectId: number) {
    return new JoinRepo(this.db).joinRequestsOf(projectId);
  }

  pendingJoinRequestsFor(runs: Parameters<JoinRepo["pendingFor"]>[0]) {
    return new JoinRepo(this.db).pendingFor(runs);
  }

  resourcesOf(projectId: number) {
    return new ResourceRepo(this.db).resourcesOf(projectId);
  }
}
