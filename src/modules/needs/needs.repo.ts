import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { publishEvent } from "../../platform/activity/activity.ts";
import { type DbOrTx, norwegianOrder } from "../../platform/db/client.ts";
import { Repository } from "../../platform/db/repository.ts";
import { anyWordQuery } from "../../platform/db/search.ts";
import { DocumentStore } from "../../platform/files/documents.ts";
import { matches } from "../../platform/search/match.ts";
import type { SearchTerms } from "../../platform/search/terms.ts";
import { organisations } from "../directory/index.ts";
import { networks } from "../networks/index.ts";
import {
  type NeedKind,
  type NeedState,
  needDocuments,
  needEvents,
  needSearchDocument,
  needSearchFields,
  needSupporters,
  needs,
} from "./schema.ts";

export type Need = typeof needs.$inferSelect;
export type NewNeed = typeof needs.$inferInsert;

export const NEED_SORTS = ["-created", "created", "title", "-supporters", "-inhabitants"] as const;
export type NeedSort = (typeof NEED_SORTS)[number];

export interface NeedFilter {
  /** The search box's query, read for the search (both written standards, compounds; decision 0034). */
  q?: SearchTerms | undefined;
  networkId?: number | undefined;
  /** Registered or supported by this organisation. */
  organisationId?: number | undefined;
  state?: NeedState | undefined;
  kind?: NeedKind | undefined;
  /** Leaves out merged needs, which live on in the need they were merged into. */
  includeMerged?: boolean;
}

/** The organisations that share a need: the one that registered it and its supporters. */
const sharers = sql`(select ${needs.organisationId} as organisation_id union select s.organisation_id from ${needSupporters} s where s.need_id = ${needs.id})`;
const supporterCount = sql<number>`(select count(*)::int from ${sharers} x)`;
const inhabitants = sql<number>`(select coalesce(sum(o.population), 0)::int from ${sharers} x join ${organisations} o on o.id = x.organisation_id)`;

/** The only place with SQL for needs, their supporters, documents and events. */
export class NeedRepo extends Repository {
  /** The need's documents (the kernel's one implementation of a record's documents). */
  readonly documents: DocumentStore<typeof needDocuments>;

  constructor(db: DbOrTx) {
    super(db);
    this.documents = new DocumentStore(db, needDocuments, needDocuments.needId);
  }

  private where(f: NeedFilter, viewer: Actor | null): SQL | undefined {
    const conditions: (SQL | undefined)[] = [visibleWhere(viewer, needs)];
    if (f.q) conditions.push(f.q.words.length ? matches(f.q, needSearchFields(needs)) : sql`false`);
    if (f.networkId) conditions.push(eq(needs.networkId, f.networkId));
    if (f.organisationId)
      conditions.push(
        sql`(${needs.organisationId} = ${f.organisationId} or exists (select 1 from ${needSupporters} s where s.need_id = ${needs.id} and s.organisation_id = ${f.organisationId}))`,
      );
    if (f.state) conditions.push(eq(needs.state, f.state));
    else if (!f.includeMerged) conditions.push(sql`${needs.state} <> 'merged'`);
    if (f.kind) conditions.push(eq(needs.kind, f.kind));
    return and(...conditions);
  }

  private order(sort: NeedSort) {
    switch (sort) {
      case "created":
        return [asc(needs.createdAt), asc(needs.id)];
      case "title":
        return [asc(norwegianOrder(needs.title)), asc(needs.id)];
      case "-supporters":
        return [desc(supporterCount), desc(needs.createdAt)];
      case "-inhabitants":
        return [desc(inhabitants), desc(needs.createdAt)];
      default:
        return [desc(needs.createdAt), desc(needs.id)];
    }
  }

  /** One page of the needs the viewer may see, with how many organisations and inhabitants share each. */
  async list(f: NeedFilter, viewer: Actor | null, sort: NeedSort, limit: number, offset: number) {
    const where = this.where(f, viewer);
    const items = await this.db
      .select({
        id: needs.id,
        title: needs.title,
        problem: needs.problem,
        kind: needs.kind,
        state: needs.state,
        urgency: needs.urgency,
        costEstimate: needs.costEstimate,
        effort: needs.effort,
        legalRequirement: needs.legalRequirement,
        visibility: needs.visibility,
        createdAt: needs.createdAt,
        networkId: needs.networkId,
        networkSlug: networks.slug,
        networkName: networks.shortName,
        organisationId: needs.organisationId,
        organisationName: organisations.name,
        projectId: needs.projectId,
        supporters: supporterCount,
        inhabitants,
      })
      .from(needs)
      .innerJoin(networks, eq(networks.id, needs.networkId))
      .innerJoin(organisations, eq(organisations.id, needs.organisationId))
      .where(where)
      .orderBy(...this.order(sort))
      .limit(limit)
      .offset(offset);
    const [total] = await this.db.select({ n: count() }).from(needs).where(where);
    return { items, total: total?.n ?? 0 };
  }

  /** Needs that share words with the text, best match first, across every network the viewer may see. */
  async similar(text: string, viewer: Actor | null, excludeId: number | null, limit: number) {
    const query = anyWordQuery(text);
    const document = needSearchDocument(needs);
    return this.db
      .select({
        id: needs.id,
        title: needs.title,
        state: needs.state,
        networkName: networks.shortName,
        organisationName: organisations.name,
        supporters: supporterCount,
      })
      .from(needs)
      .innerJoin(networks, eq(networks.id, needs.networkId))
      .innerJoin(organisations, eq(organisations.id, needs.organisationId))
      .where(
        and(
          sql`${document} @@ ${query}`,
          visibleWhere(viewer, needs),
          sql`${needs.state} <> 'merged'`,
          excludeId ? sql`${needs.id} <> ${excludeId}` : undefined,
        ),
      )
      .orderBy(desc(sql`ts_rank(${document}, ${query})`), desc(needs.id))
      .limit(limit);
  }

  async byId(id: number): Promise<Need | undefined> {
    const [row] = await this.db.select().from(needs).where(eq(needs.id, id)).limit(1);
    return row;
  }

  async byIds(ids: number[]): Promise<Need[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(needs).where(inArray(needs.id, ids));
  }

  /** The needs merged into this one. */
  async mergedInto(id: number): Promise<Need[]> {
    return this.db.select().from(needs).where(eq(needs.mergedIntoId, id)).orderBy(asc(needs.id));
  }

  /** A need with the names its page shows. */
  async detail(id: number) {
    const [row] = await this.db
      .select({
        need: needs,
        networkSlug: networks.slug,
        networkName: networks.name,
        organisationName: organisations.name,
        organisationPopulation: organisations.population,
      })
      .from(needs)
      .innerJoin(networks, eq(networks.id, needs.networkId))
      .innerJoin(organisations, eq(organisations.id, needs.organisationId))
      .where(eq(needs.id, id))
      .limit(1);
    return row;
  }

  async insert(values: NewNeed): Promise<Need> {
    return this.insertOne(needs, values);
  }

  async update(id: number, values: Partial<NewNeed>): Promise<Need> {
    return this.updateStamped(needs, id, values);
  }

  // Supporters

  async supportersOf(needIds: number[]) {
    if (needIds.length === 0) return [];
    return this.db
      .select({
        needId: needSupporters.needId,
        organisationId: needSupporters.organisationId,
        organisationName: organisations.name,
        population: organisations.population,
        note: needSupporters.note,
        userId: needSupporters.userId,
        userLabel: needSupporters.userLabel,
        createdAt: needSupporters.createdAt,
      })
      .from(needSupporters)
      .innerJoin(organisations, eq(organisations.id, needSupporters.organisationId))
      .where(inArray(needSupporters.needId, needIds))
      .orderBy(asc(needSupporters.createdAt), asc(needSupporters.organisationId));
  }

  async supporter(needId: number, organisationId: number) {
    const [row] = await this.db
      .select()
      .from(needSupporters)
      .where(and(eq(needSupporters.needId, needId), eq(needSupporters.organisationId, organisationId)));
    return row;
  }

  async upsertSupporter(values: typeof needSupporters.$inferInsert) {
    await this.db
      .insert(needSupporters)
      .values(values)
      .onConflictDoUpdate({
        target: [needSupporters.needId, needSupporters.organisationId],
        set: { note: values.note, userId: values.userId, userLabel: values.userLabel },
      });
  }

  async deleteSupporter(needId: number, organisationId: number) {
    const rows = await this.db
      .delete(needSupporters)
      .where(and(eq(needSupporters.needId, needId), eq(needSupporters.organisationId, organisationId)))
      .returning();
    return rows[0];
  }

  /**
   * Moves every supporter of one need to another. An organisation that supports both keeps one row
   * with both notes; the target's own organisation does not become its own supporter.
   */
  async moveSupporters(fromId: number, toId: number) {
    await this.db.execute(sql`
      insert into ${needSupporters} (need_id, organisation_id, note, user_id, user_label, created_at)
      select ${toId}, s.organisation_id, s.note, s.user_id, s.user_label, s.created_at
      from ${needSupporters} s
      where s.need_id = ${fromId}
        and s.organisation_id <> (select n.organisation_id from ${needs} n where n.id = ${toId})
      on conflict (need_id, organisation_id) do update
        set note = case when ${needSupporters.note} = '' then excluded.note
                        when excluded.note = '' then ${needSupporters.note}
                        else ${needSupporters.note} || E'\n\n' || excluded.note end`);
    await this.db.delete(needSupporters).where(eq(needSupporters.needId, fromId));
  }

  async copySupporters(fromId: number, toId: number) {
    await this.db.execute(sql`
      insert into ${needSupporters} (need_id, organisation_id, note, user_id, user_label, created_at)
      select ${toId}, s.organisation_id, s.note, s.user_id, s.user_label, s.created_at
      from ${needSupporters} s where s.need_id = ${fromId}
      on conflict do nothing`);
  }

  // Events

  /** A change of state, in the need's history and, for those who follow it, as activity (decision 0035). */
  async insertEvent(values: typeof needEvents.$inferInsert) {
    await this.db.insert(needEvents).values(values);
    await publishEvent(this.db, {
      kind: "need",
      id: values.needId,
      type: "state_changed",
      // The note is the history's own words, read by the need's readers alike.
      data: { state: values.toState, note: values.note || null },
      actorUserId: values.byId ?? null,
    });
  }

  async eventsOf(needId: number) {
    return this.db
      .select()
      .from(needEvents)
      .where(eq(needEvents.needId, needId))
      .orderBy(asc(needEvents.createdAt), asc(needEvents.id));
  }
}
