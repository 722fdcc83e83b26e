import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { type Page, paged, totalRows } from "../../platform/db/paging.ts";
import { Repository } from "../../platform/db/repository.ts";
import { networks } from "../networks/index.ts";
import { insideWhere, managesWhere, subjectNetworks } from "../subjects/index.ts";
import { newsItems, newsletterItems, newsletterSubscribers, newsletters, newsPictures } from "./schema.ts";

export type NewsItem = typeof newsItems.$inferSelect;
export type Newsletter = typeof newsletters.$inferSelect;
export type Subscriber = typeof newsletterSubscribers.$inferSelect;
/** A picture as a page or a mail shows it: its address is the item's and its id. */
export type NewsPicture = Pick<typeof newsPictures.$inferSelect, "id" | "newsItemId" | "alt">;
/** The address of a news item's picture (served only to those who may read the item). */
export const pictureHref = (p: NewsPicture) => `/news/${p.newsItemId}/pictures/${p.id}`;

/** Whose news: a network's, or a subject network's. */
export type NewsOwner = { networkId: number } | { subjectNetworkId: number };

/** The owner of an item. */
export const ownerOf = (item: NewsItem): NewsOwner =>
  item.networkId !== null ? { networkId: item.networkId } : { subjectNetworkId: item.subjectNetworkId! };

/** The condition that an item is the owner's. */
const ownedBy = (owner: NewsOwner) =>
  "networkId" in owner ? eq(newsItems.networkId, owner.networkId) : eq(newsItems.subjectNetworkId, owner.subjectNetworkId);

/** A network's news item as a link of the access kernel's chain: its network and how public it is. */
const newsLink = { networkId: newsItems.networkId, visibility: newsItems.visibility, bodyId: sql`null::int` };

/**
 * The news the viewer may read, published or (for its writers) a draft. A network's: public or theirs
 * by the network (the access kernel's rule), drafts for its secretariat. A subject network's: public
 * or theirs as its members (`insideWhere`), drafts for those who run it (`managesWhere`).
 */
export const newsVisibleWhere = (viewer: Actor | null): SQL => {
  const writers = Object.entries(viewer?.networks ?? {}).flatMap(([id, g]) => (g.role === "secretariat" ? [Number(id)] : []));
  const drafts = viewer?.isAdmin ? sql`true` : writers.length ? inArray(newsItems.networkId, writers) : sql`false`;
  const published = sql`${newsItems.state} = 'published'`;
  const subject = newsItems.subjectNetworkId;
  return sql`((${newsItems.networkId} is not null and ${visibleWhere(viewer, newsLink)} and (${published} or ${drafts}))
    or (${subject} is not null and (${newsItems.visibility} = 'public' or ${insideWhere(viewer, subject)})
      and (${published} or ${managesWhere(viewer, subject)})))`;
};

/** The only place with SQL for news, newsletters and their subscribers. */
export class NewsRepo extends Repository {
  byId(id: number) {
    return this.findOne(newsItems, id);
  }

  /** Whether the viewer may read the item, by the lists' rule. */
  async readable(viewer: Actor | null, id: number): Promise<boolean> {
    const rows = await this.db
      .select({ id: newsItems.id })
      .from(newsItems)
      .where(and(eq(newsItems.id, id), newsVisibleWhere(viewer)));
    return rows.length > 0;
  }

  /** The owner's news the viewer may read, newest first (drafts, for those who see them, first of all). */
  page(viewer: Actor | null, owner: NewsOwner, page: Page) {
    return paged(page, (p) =>
      this.db
        .select({ item: newsItems, total: totalRows })
        .from(newsItems)
        .where(and(ownedBy(owner), newsVisibleWhere(viewer)))
        .orderBy(sql`${newsItems.publishedAt} desc nulls first`, desc(newsItems.id))
        .limit(p.limit)
        .offset(p.offset),
    );
  }

  /** The latest published news the viewer may read, across owners or of one, with its owner's name and page. */
  latest(viewer: Actor | null, most: number, owner?: NewsOwner) {
    return this.db
      .select({
        item: newsItems,
        ownerName: sql<string>`coalesce(${networks.name}, ${subjectNetworks.name})`,
        ownerHref: sql<string>`coalesce('/n/' || ${networks.slug}, '/subject-networks/' || ${subjectNetworks.slug})`,
      })
      .from(newsItems)
      .leftJoin(networks, eq(networks.id, newsItems.networkId))
      .leftJoin(subjectNetworks, eq(subjectNetworks.id, newsItems.subjectNetworkId))
      .where(and(eq(newsItems.state, "published"), newsVisibleWhere(viewer), owner ? ownedBy(owner) : undefined))
      .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
      .limit(most);
  }

  insert(values: typeof newsItems.$inferInsert) {
    return this.insertOne(newsItems, values);
  }

  update(id: number, values: Partial<typeof newsItems.$inferInsert>) {
    return this.updateStamped(newsItems, id, values);
  }

  delete(id: number) {
    return this.deleteOne(newsItems, id);
  }

  // Pictures

  /** The pictures of items, each item's in order. */
  picturesOf(itemIds: readonly number[]): Promise<NewsPicture[]> {
    if (!itemIds.length) return Promise.resolve([]);
    return this.db
      .select({ id: newsPictures.id, newsItemId: newsPictures.newsItemId, alt: newsPictures.alt })
      .from(newsPictures)
      .where(inArray(newsPictures.newsItemId, [...itemIds]))
      .orderBy(asc(newsPictures.newsItemId), asc(newsPictures.position), asc(newsPictures.id));
  }

  /** The file of one of the item's pictures. */
  async pictureFileId(itemId: number, pictureId: number): Promise<number | undefined> {
    const [row] = await this.db
      .select({ fileId: newsPictures.fileId })
      .from(newsPictures)
      .where(and(eq(newsPictures.id, pictureId), eq(newsPictures.newsItemId, itemId)));
    return row?.fileId;
  }

  /** Adds a picture after the item's others. */
  async addPicture(itemId: number, fileId: number, alt: string): Promise<void> {
    await this.db.insert(newsPictures).values({
      newsItemId: itemId,
      fileId,
      alt,
      position: sql`(select coalesce(max(position) + 1, 0) from ${newsPictures} where news_item_id = ${itemId})`,
    });
  }

  async describePicture(itemId: number, pictureId: number, alt: string): Promise<void> {
    await this.db
      .update(newsPictures)
      .set({ alt })
      .where(and(eq(newsPictures.id, pictureId), eq(newsPictures.newsItemId, itemId)));
  }

  /** Removes pictures of the item (all of them when no ids are named); answers their files, which the caller deletes. */
  async removePictures(itemId: number, pictureIds?: readonly number[]): Promise<number[]> {
    if (pictureIds?.length === 0) return [];
    const removed = await this.db
      .delete(newsPictures)
      .where(and(eq(newsPictures.newsItemId, itemId), pictureIds ? inArray(newsPictures.id, [...pictureIds]) : undefined))
      .returning({ fileId: newsPictures.fileId });
    return removed.map((r) => r.fileId);
  }

  /** Published public news of a network no newsletter has carried yet, newest first: what the next one may hold. */
  unsent(networkId: number) {
    return this.db
      .select()
      .from(newsItems)
      .where(
        and(
          eq(newsItems.networkId, networkId),
          eq(newsItems.state, "published"),
          eq(newsItems.visibility, "public"),
          sql`not exists (select 1 from ${newsletterItems} i where i.news_item_id = ${newsItems.id})`,
        ),
      )
      .orderBy(desc(newsItems.publishedAt));
  }

  // Newsletters

  newslettersOf(networkId: number) {
    return this.db.select().from(newsletters).where(eq(newsletters.networkId, networkId)).orderBy(desc(newsletters.sentAt));
  }

  async insertNewsletter(values: typeof newsletters.$inferInsert, itemIds: readonly number[]) {
    const newsletter = await this.insertOne(newsletters, values);
    await this.db
      .insert(newsletterItems)
      .values(itemIds.map((newsItemId, position) => ({ newsletterId: newsletter.id, newsItemId, position })));
    return newsletter;
  }

  /** The news items of newsletters, in each one's order. */
  itemsOf(newsletterIds: readonly number[]) {
    if (!newsletterIds.length) return Promise.resolve([]);
    return this.db
      .select({ newsletterId: newsletterItems.newsletterId, item: newsItems })
      .from(newsletterItems)
      .innerJoin(newsItems, eq(newsItems.id, newsletterItems.newsItemId))
      .where(inArray(newsletterItems.newsletterId, [...newsletterIds]))
      .orderBy(asc(newsletterItems.position));
  }

  // Subscribers

  subscriber(networkId: number, email: string) {
    return this.db
      .select()
      .from(newsletterSubscribers)
      .where(and(eq(newsletterSubscribers.networkId, networkId), sql`lower(${newsletterSubscribers.email}) = lower(${email})`))
      .then((rows) => rows[0]);
  }

  subscriberByKey(key: string) {
    return this.db
      .select()
      .from(newsletterSubscribers)
      .where(eq(newsletterSubscribers.unsubscribeKey, key))
      .then((rows) => rows[0]);
  }

  insertSubscriber(values: typeof newsletterSubscribers.$inferInsert) {
    return this.insertOne(newsletterSubscribers, values);
  }

  async updateSubscriber(id: number, values: Partial<typeof newsletterSubscribers.$inferInsert>) {
    await this.db.update(newsletterSubscribers).set(values).where(eq(newsletterSubscribers.id, id));
  }

  /** Confirms the subscription whose link carried this secret (its hash); answers it, or undefined. */
  async confirm(confirmHash: string, at: Date) {
    const [row] = await this.db
      .update(newsletterSubscribers)
      .set({ confirmedAt: at, confirmHash: null })
      .where(eq(newsletterSubscribers.confirmHash, confirmHash))
      .returning();
    return row;
  }

  async removeSubscriber(id: number) {
    await this.db.delete(newsletterSubscribers).where(eq(newsletterSubscribers.id, id));
  }

  confirmedOf(networkId: number) {
    return this.db
      .select()
      .from(newsletterSubscribers)
      .where(and(eq(newsletterSubscribers.networkId, networkId), isNotNull(newsletterSubscribers.confirmedAt)))
      .orderBy(asc(newsletterSubscribers.id));
  }

  /** How many have confirmed, and how many have not (yet). */
  async counts(networkId: number) {
    const [row] = await this.db
      .select({
        confirmed: sql<number>`count(${newsletterSubscribers.confirmedAt})::int`,
        waiting: sql<number>`(count(*) - count(${newsletterSubscribers.confirmedAt}))::int`,
      })
      .from(newsletterSubscribers)
      .where(eq(newsletterSubscribers.networkId, networkId));
    return row ?? { confirmed: 0, waiting: 0 };
  }

  /** Unconfirmed addresses older than a moment: a confirmation not answered is forgotten. */
  async removeUnconfirmedBefore(at: Date) {
    const removed = await this.db
      .delete(newsletterSubscribers)
      .where(and(isNull(newsletterSubscribers.confirmedAt), sql`${newsletterSubscribers.createdAt} < ${at.toISOString()}`))
      .returning({ id: newsletterSubscribers.id });
    return removed.length;
  }
}
