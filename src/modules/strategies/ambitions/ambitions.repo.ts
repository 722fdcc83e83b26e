import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull } from "drizzle-orm";
import { type Page, paged, totalRows } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { projectParticipants, projects } from "../../projects/index.ts";
import { ambitions, strategies } from "../schema.ts";

export type Ambition = typeof ambitions.$inferSelect;

/** The only place with SQL for ambitions, and for the data they are measured from that no other service offers. */
export class AmbitionRepo extends Repository {
  async list(networkId: number): Promise<Ambition[]> {
    return this.db
      .select()
      .from(ambitions)
      .where(eq(ambitions.networkId, networkId))
      .orderBy(asc(ambitions.deadline), asc(ambitions.id));
  }

  /** A page of the network's ambitions in SQL, in the order list gives them, with how many there are. */
  listPage(networkId: number, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ ...getTableColumns(ambitions), total: totalRows })
        .from(ambitions)
        .where(eq(ambitions.networkId, networkId))
        .orderBy(asc(ambitions.deadline), asc(ambitions.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  async byId(id: number): Promise<Ambition | undefined> {
    const [row] = await this.db.select().from(ambitions).where(eq(ambitions.id, id));
    return row;
  }

  async insert(values: typeof ambitions.$inferInsert): Promise<Ambition> {
    return this.insertOne(ambitions, values);
  }

  async delete(id: number): Promise<void> {
    await this.db.delete(ambitions).where(eq(ambitions.id, id));
  }

  /** Every strategy of these organisations, every revision, newest period first. */
  async strategiesOf(organisationIds: number[]) {
    if (organisationIds.length === 0) return [];
    return this.db
      .select({
        id: strategies.id,
        organisationId: strategies.organisationId,
        title: strategies.title,
        status: strategies.status,
        firstYear: strategies.firstYear,
        lastYear: strategies.lastYear,
        adoptedOn: strategies.adoptedOn,
      })
      .from(strategies)
      .where(inArray(strategies.organisationId, organisationIds))
      .orderBy(desc(strategies.lastYear), desc(strategies.revision));
  }

  /** The network's own (joint) projects that have a start date, with the organisations taking part. */
  async jointProjects(networkId: number) {
    const rows = await this.db
      .select({ id: projects.id, title: projects.title, startDate: projects.startDate, visibility: projects.visibility })
      .from(projects)
      .where(and(eq(projects.networkId, networkId), isNull(projects.ownerOrganisationId), isNotNull(projects.startDate)))
      .orderBy(asc(projects.startDate));
    const participants = rows.length
      ? await this.db
          .select()
          .from(projectParticipants)
          .where(
            inArray(
              projectParticipants.projectId,
              rows.map((r) => r.id),
            ),
          )
      : [];
    return rows.map((r) => ({
      ...r,
      startDate: r.startDate!,
      organisationIds: participants.filter((p) => p.projectId === r.id).map((p) => p.organisationId),
    }));
  }
}
