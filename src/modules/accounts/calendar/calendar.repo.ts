import { and, eq, isNull, sql } from "drizzle-orm";
import { Repository } from "../../../platform/db/repository.ts";
import { users } from "../../../platform/schema.ts";

/** The only place with SQL for the personal calendar feed: the account it belongs to and its link's version. */
export class CalendarFeedRepo extends Repository {
  /** An account that is not deleted, with what its actor is made of and its feed's version. */
  async account(userId: number) {
    const [row] = await this.db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        isAdmin: users.isAdmin,
        roles: users.roles,
        version: users.calendarFeedVersion,
      })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.deletedAt)))
      .limit(1);
    return row;
  }

  /** A new link: the version goes up, and every link made before stops working. */
  async renew(userId: number) {
    await this.db
      .update(users)
      .set({ calendarFeedVersion: sql`${users.calendarFeedVersion} + 1` })
      .where(eq(users.id, userId));
  }
}
