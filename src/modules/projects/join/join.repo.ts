import { and, desc, eq, or, type SQL, sql } from "drizzle-orm";
import { type Page, paged, totalRows } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { users } from "../../../platform/schema.ts";
import { organisations } from "../../directory/index.ts";
import { networks } from "../../networks/index.ts";
import { joinRequests, projectParticipants, projects } from "../schema.ts";

/** Requests to take part in a project. The only place with their SQL. */
export class JoinRepo extends Repository {
  /**
   * Projects with requests to take part waiting for an answer, counted, among the projects the reader
   * runs: every project of a network whose secretariat they are in, and in the other networks those
   * their organisations own or lead (`runsProject`).
   */
  async pendingFor(runs: readonly { networkId: number; secretariat: boolean; organisationIds: readonly number[] }[]) {
    const ran = runs.flatMap((r): SQL[] => {
      if (r.secretariat) return [sql`${projects.networkId} = ${r.networkId}`];
      if (!r.organisationIds.length) return [];
      const orgs = sql`(${sql.join(
        r.organisationIds.map((id) => sql`${id}`),
        sql`, `,
      )})`;
      return [
        sql`(${projects.networkId} = ${r.networkId} and (${projects.ownerOrganisationId} in ${orgs} or exists (select 1 from ${projectParticipants} pp
          where pp.project_id = ${projects.id} and pp.role = 'lead' and pp.organisation_id in ${orgs})))`,
      ];
    });
    if (!ran.length) return [];
    return this.db
      .select({
        projectId: projects.id,
        title: projects.title,
        networkName: networks.name,
        pending: sql<number>`count(*)::int`,
        since: sql<string>`to_char(min(${joinRequests.createdAt}) at time zone 'Europe/Oslo', 'YYYY-MM-DD')`,
      })
      .from(joinRequests)
      .innerJoin(projects, eq(projects.id, joinRequests.projectId))
      .innerJoin(networks, eq(networks.id, projects.networkId))
      .where(and(eq(joinRequests.state, "pending"), or(...ran)))
      .groupBy(projects.id, projects.title, networks.name);
  }

  joinRequestsOf(projectId: number) {
    return this.joinRequestList(projectId);
  }

  /** A page of joinRequestsOf in SQL, with how many there are. */
  joinRequestsPage(projectId: number, page: Page) {
    return paged(page, (p) => this.joinRequestList(projectId).limit(p.limit).offset(p.offset));
  }

  private joinRequestList(projectId: number) {
    return this.db
      .select({
        request: joinRequests,
        organisationName: organisations.name,
        requesterEmail: users.email,
        total: totalRows,
      })
      .from(joinRequests)
      .innerJoin(organisations, eq(organisations.id, joinRequests.organisationId))
      .leftJoin(users, eq(users.id, joinRequests.requestedById))
      .where(eq(joinRequests.projectId, projectId))
      .orderBy(desc(joinRequests.createdAt), desc(joinRequests.id));
  }

  async insertJoinRequest(values: typeof joinRequests.$inferInsert) {
    return this.insertOne(joinRequests, values);
  }

  /** Records a decision on a request still pending; undefined if it was decided already. */
  async decideJoinRequest(projectId: number, id: number, values: Partial<typeof joinRequests.$inferInsert>) {
    const [row] = await this.db
      .update(joinRequests)
      .set(values)
      .where(and(eq(joinRequests.projectId, projectId), eq(joinRequests.id, id), eq(joinRequests.state, "pending")))
      .returning();
    return row;
  }
}
