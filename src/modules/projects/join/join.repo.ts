import { and, desc, eq } from "drizzle-orm";
import { type Page, paged, totalRows } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { users } from "../../../platform/schema.ts";
import { organisations } from "../../directory/index.ts";
import { joinRequests } from "../schema.ts";

/** Requests to take part in a project. The only place with their SQL. */
export class JoinRepo extends Repository {
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
