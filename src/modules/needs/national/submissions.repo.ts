import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/access/actor.ts";
import { visibleWhere } from "../../../platform/access/visibility.ts";
import { type Page, paged, totalRows } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations } from "../../directory/index.ts";
import { networks } from "../../networks/index.ts";
import { needSubmissionItems, needSubmissions, needs } from "../schema.ts";

export type Submission = typeof needSubmissions.$inferSelect;
export type SubmissionItem = typeof needSubmissionItems.$inferSelect;

/** A submission's place in the access kernel's rule: its network and visibility (it has no body). */
const restricted = { networkId: needSubmissions.networkId, visibility: needSubmissions.visibility, bodyId: sql`null` };

/** The only place with SQL for a network's submissions of needs to national bodies. */
export class SubmissionRepo extends Repository {
  private listQuery(viewer: Actor | null, networkId: number) {
    return this.db
      .select({ submission: needSubmissions, total: totalRows })
      .from(needSubmissions)
      .where(and(eq(needSubmissions.networkId, networkId), visibleWhere(viewer, restricted)))
      .orderBy(desc(needSubmissions.sentOn), desc(needSubmissions.id));
  }

  /** The network's submissions the viewer may see, latest first. */
  async list(viewer: Actor | null, networkId: number) {
    return (await this.listQuery(viewer, networkId).limit(1000)).map((r) => r.submission);
  }

  /** A page of them in SQL, with how many the viewer may see in all. */
  page(viewer: Actor | null, networkId: number, page: Page) {
    return paged(page, (p) => this.listQuery(viewer, networkId).limit(p.limit).offset(p.offset));
  }

  async byId(id: number) {
    const [row] = await this.db
      .select({ submission: needSubmissions, networkSlug: networks.slug, networkName: networks.name })
      .from(needSubmissions)
      .innerJoin(networks, eq(networks.id, needSubmissions.networkId))
      .where(eq(needSubmissions.id, id))
      .limit(1);
    return row;
  }

  /** The needs of a submission in the order sent, with the need as it is now (for the rule and the link). */
  items(submissionId: number) {
    return this.db
      .select({
        item: needSubmissionItems,
        need: {
          id: needs.id,
          networkId: needs.networkId,
          visibility: needs.visibility,
          bodyId: needs.bodyId,
          title: needs.title,
          problem: needs.problem,
          state: needs.state,
        },
        organisationName: organisations.name,
      })
      .from(needSubmissionItems)
      .innerJoin(needs, eq(needs.id, needSubmissionItems.needId))
      .innerJoin(organisations, eq(organisations.id, needs.organisationId))
      .where(eq(needSubmissionItems.submissionId, submissionId))
      .orderBy(asc(needSubmissionItems.position), asc(needSubmissionItems.id));
  }

  /** The submissions the viewer may see that passed this need on, latest first. */
  ofNeed(viewer: Actor | null, needId: number) {
    return this.db
      .select({
        id: needSubmissions.id,
        title: needSubmissions.title,
        recipientKind: needSubmissions.recipientKind,
        recipientName: needSubmissions.recipientName,
        sentOn: needSubmissions.sentOn,
        networkName: networks.name,
      })
      .from(needSubmissionItems)
      .innerJoin(needSubmissions, eq(needSubmissions.id, needSubmissionItems.submissionId))
      .innerJoin(networks, eq(networks.id, needSubmissions.networkId))
      .where(and(eq(needSubmissionItems.needId, needId), visibleWhere(viewer, restricted)))
      .orderBy(desc(needSubmissions.sentOn), desc(needSubmissions.id));
  }

  insert(values: typeof needSubmissions.$inferInsert) {
    return this.insertOne(needSubmissions, values);
  }

  update(id: number, values: Partial<typeof needSubmissions.$inferInsert>) {
    return this.updateStamped(needSubmissions, id, values);
  }

  /** Deletes the submission; its needs as sent go with it (by their key). */
  delete(id: number) {
    return this.deleteOne(needSubmissions, id);
  }

  async insertItems(values: (typeof needSubmissionItems.$inferInsert)[]) {
    if (values.length) await this.db.insert(needSubmissionItems).values(values);
  }

  async deleteItems(submissionId: number, needIds: number[]) {
    if (needIds.length === 0) return;
    await this.db
      .delete(needSubmissionItems)
      .where(and(eq(needSubmissionItems.submissionId, submissionId), inArray(needSubmissionItems.needId, needIds)));
  }
}
