import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../../platform/access/actor.ts";
import { visibleWhere } from "../../../platform/access/visibility.ts";
import type { DbOrTx } from "../../../platform/db/client.ts";
import { type Page, paged, totalRows } from "../../../platform/db/paging.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { DocumentStore } from "../../../platform/files/documents.ts";
import { needs } from "../../needs/index.ts";
import { bodies, networks } from "../../networks/index.ts";
import { projects } from "../../projects/index.ts";
import { agendaItems, decisions, meetingDocuments, meetings } from "../schema.ts";

export type Meeting = typeof meetings.$inferSelect;
export type NewMeeting = typeof meetings.$inferInsert;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type Decision = typeof decisions.$inferSelect;

const itemNeed = alias(needs, "item_need");
/** A meeting's body as a link of the meeting's chain: what it holds is never more public than it. */
const bodyColumns = { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id };
const itemProject = alias(projects, "item_project");

/**
 * `meetingChain` as SQL, over `meetings` joined with its body (`bodies`): the meetings the viewer may
 * see, for the network's list and the site search alike. What a meeting holds (its agenda items, its
 * papers) is seen by the same readers.
 */
export const meetingVisibleWhere = (viewer: Actor | null) => visibleWhere(viewer, meetings, bodyColumns);

/**
 * `decisionChain` as SQL, over `decisions` joined with its meeting and the meeting's body: public
 * unless marked otherwise (then the body's and the secretariat's), and never more public than the
 * meeting and the body. The register and the site search read decisions through it.
 */
export const decisionVisibleWhere = (viewer: Actor | null) =>
  visibleWhere(
    viewer,
    {
      networkId: meetings.networkId,
      visibility: sql`(case when ${decisions.isPublic} then 'public' else 'body' end)`,
      bodyId: meetings.bodyId,
    },
    meetings,
    bodyColumns,
  );
/** Where a decision stands: its meeting's network and body and how public each is, which say who may read it. */
const decisionChain = {
  networkId: meetings.networkId,
  bodyId: meetings.bodyId,
  meetingVisibility: meetings.visibility,
  bodyVisibility: bodies.visibility,
};
/** A decision with its agenda item and meeting, as the register and a need's or project's record list it. */
const decisionListed = {
  decision: decisions,
  itemTitle: agendaItems.title,
  itemNumber: agendaItems.number,
  needId: agendaItems.needId,
  projectId: agendaItems.projectId,
  meetingTitle: meetings.title,
  meetingDate: meetings.meetingDate,
  ...decisionChain,
  bodyName: bodies.name,
  bodyKind: bodies.kind,
};

/** The only place with SQL for meetings, agenda items, papers and decisions. */
export class MeetingRepo extends Repository {
  /** The meetings of the bodies given from one day to another, with their papers counted: what a member has coming. */
  async comingOf(viewer: Actor, bodyIds: readonly number[], from: string, to: string) {
    if (!bodyIds.length) return [];
    return this.db
      .select({
        id: meetings.id,
        title: meetings.title,
        meetingDate: meetings.meetingDate,
        bodyName: bodies.name,
        networkName: networks.name,
        papers: sql<number>`(select count(*)::int from ${meetingDocuments} d where d.meeting_id = ${meetings.id})`,
      })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(
        and(
          inArray(meetings.bodyId, [...bodyIds]),
          sql`${meetings.meetingDate} between ${from} and ${to}`,
          meetingVisibleWhere(viewer),
        ),
      )
      .orderBy(asc(meetings.meetingDate));
  }

  /**
   * Meetings held since a day whose minutes are not approved, in the networks or bodies given (those
   * the reader keeps the minutes of), with their decisions counted.
   */
  async minutesOpen(networkIds: readonly number[], bodyIds: readonly number[], since: string, today: string) {
    if (!networkIds.length && !bodyIds.length) return [];
    return this.db
      .select({
        id: meetings.id,
        title: meetings.title,
        meetingDate: meetings.meetingDate,
        networkName: networks.name,
        decisions: sql<number>`(select count(*)::int from ${decisions} d where d.meeting_id = ${meetings.id})`,
      })
      .from(meetings)
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(
        and(
          isNull(meetings.minutesApprovedAt),
          sql`${meetings.meetingDate} between ${since} and ${today}`,
          or(
            networkIds.length ? inArray(meetings.networkId, [...networkIds]) : undefined,
            bodyIds.length ? inArray(meetings.bodyId, [...bodyIds]) : undefined,
          ),
        ),
      )
      .orderBy(asc(meetings.meetingDate));
  }

  /** The latest decisions the viewer may read, decided since a day, newest first: for the front page. */
  async latestDecisions(viewer: Actor | null, since: string, most: number) {
    return this.db
      .select({
        meetingId: meetings.id,
        itemId: agendaItems.id,
        itemTitle: agendaItems.title,
        decidedOn: decisions.decidedOn,
        networkName: networks.name,
      })
      .from(decisions)
      .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(sql`${decisions.decidedOn} >= ${since}`, decisionVisibleWhere(viewer)))
      .orderBy(desc(decisions.decidedOn), desc(decisions.id))
      .limit(most);
  }

  /** The meeting's papers (the kernel's one implementation of a record's documents). */
  readonly documents: DocumentStore<typeof meetingDocuments>;

  constructor(db: DbOrTx) {
    super(db);
    this.documents = new DocumentStore(db, meetingDocuments, meetingDocuments.meetingId);
  }

  // Meetings

  /** A network's meetings the viewer may see, newest first, with the body's name. */
  meetingsOf(networkId: number, viewer: Actor | null) {
    return this.meetingList(networkId, viewer);
  }

  /** A page of meetingsOf in SQL, visibility included, with how many the viewer may see in all. */
  meetingsPage(networkId: number, viewer: Actor | null, page: Page) {
    return paged(page, (p) => this.meetingList(networkId, viewer).limit(p.limit).offset(p.offset));
  }

  private meetingList(networkId: number, viewer: Actor | null) {
    return this.db
      .select({
        meeting: meetings,
        bodyName: bodies.name,
        items: sql<number>`(select count(*)::int from ${agendaItems} a where a.meeting_id = ${meetings.id})`,
        total: totalRows,
      })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(and(eq(meetings.networkId, networkId), meetingVisibleWhere(viewer)))
      .orderBy(desc(meetings.meetingDate), desc(meetings.id));
  }

  async meeting(id: number) {
    const [row] = await this.db
      .select({ meeting: meetings, bodyName: bodies.name, bodyKind: bodies.kind, bodyVisibility: bodies.visibility })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(eq(meetings.id, id));
    return row;
  }

  async insertMeeting(values: NewMeeting): Promise<Meeting> {
    return this.insertOne(meetings, values);
  }

  /** Changes a meeting whose minutes are not approved; undefined if they are (or it is gone). */
  async updateOpenMeeting(id: number, values: Partial<NewMeeting>): Promise<Meeting | undefined> {
    const [row] = await this.db
      .update(meetings)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(meetings.id, id), isNull(meetings.minutesApprovedAt)))
      .returning();
    return row;
  }

  // Agenda items

  async itemsOf(meetingId: number) {
    return this.db
      .select({
        item: agendaItems,
        needTitle: itemNeed.title,
        needState: itemNeed.state,
        needVisibility: itemNeed.visibility,
        needBodyId: itemNeed.bodyId,
        projectTitle: itemProject.title,
        projectVisibility: itemProject.visibility,
        projectBodyId: itemProject.bodyId,
        documentTitle: meetingDocuments.title,
      })
      .from(agendaItems)
      .leftJoin(itemNeed, eq(itemNeed.id, agendaItems.needId))
      .leftJoin(itemProject, eq(itemProject.id, agendaItems.projectId))
      .leftJoin(meetingDocuments, eq(meetingDocuments.id, agendaItems.documentId))
      .where(eq(agendaItems.meetingId, meetingId))
      .orderBy(asc(agendaItems.number));
  }

  async item(meetingId: number, id: number): Promise<AgendaItem | undefined> {
    const [row] = await this.db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.id, id)));
    return row;
  }

  /** Adds an item with the next number in the meeting. */
  async insertItem(values: Omit<typeof agendaItems.$inferInsert, "number">): Promise<AgendaItem> {
    const [row] = await this.db
      .insert(agendaItems)
      .values({
        ...values,
        number: sql`(select coalesce(max(a.number), 0) + 1 from ${agendaItems} a where a.meeting_id = ${values.meetingId})`,
      })
      .returning();
    return row!;
  }

  async deleteItem(id: number) {
    await this.db.delete(agendaItems).where(eq(agendaItems.id, id));
  }

  // Decisions

  async decisionsOfMeeting(meetingId: number): Promise<Decision[]> {
    return this.db.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.id));
  }

  async decision(id: number): Promise<Decision | undefined> {
    const [row] = await this.db.select().from(decisions).where(eq(decisions.id, id));
    return row;
  }

  async insertDecision(values: typeof decisions.$inferInsert): Promise<Decision> {
    return this.insertOne(decisions, values);
  }

  async deleteDecision(id: number) {
    await this.db.delete(decisions).where(eq(decisions.id, id));
  }

  /**
   * Every decision on these needs or projects, oldest first, with its meeting: the record of what
   * was decided about each, and the decisions a new one can follow. One query for any number.
   */
  async decisionsAbout(about: { needIds?: number[]; projectIds?: number[] }) {
    const needIds = about.needIds ?? [];
    const projectIds = about.projectIds ?? [];
    const where = or(
      needIds.length ? inArray(agendaItems.needId, needIds) : undefined,
      projectIds.length ? inArray(agendaItems.projectId, projectIds) : undefined,
      sql`false`,
    );
    return this.db
      .select(decisionListed)
      .from(decisions)
      .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(where)
      .orderBy(asc(decisions.decidedOn), asc(decisions.id));
  }

  /** The decision that created a project, if one did. */
  async decisionCreating(projectId: number) {
    const [row] = await this.db
      .select({
        decision: decisions,
        needId: agendaItems.needId,
        meetingTitle: meetings.title,
        ...decisionChain,
      })
      .from(decisions)
      .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(eq(decisions.projectId, projectId));
    return row;
  }

  /** The network's decision register: every decision the viewer may see, newest first, with its meeting and item. */
  async register(networkId: number, viewer: Actor | null) {
    return this.db
      .select({ ...decisionListed, minutesApproved: sql<boolean>`${meetings.minutesApprovedAt} is not null` })
      .from(decisions)
      .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(and(eq(meetings.networkId, networkId), decisionVisibleWhere(viewer)))
      .orderBy(desc(decisions.decidedOn), desc(decisions.id));
  }

  /**
   * The network's latest recorded decisions that anyone may read (the rule with no viewer, whoever
   * asks), the last recorded first: the network's feed of decisions.
   */
  async publicFeed(networkId: number, most: number) {
    return this.db
      .select({
        id: decisions.id,
        text: decisions.text,
        outcome: decisions.outcome,
        decidedOn: decisions.decidedOn,
        createdAt: decisions.createdAt,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        itemId: agendaItems.id,
        itemTitle: agendaItems.title,
        bodyName: bodies.name,
      })
      .from(decisions)
      .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(and(eq(meetings.networkId, networkId), decisionVisibleWhere(null)))
      .orderBy(desc(decisions.createdAt), desc(decisions.id))
      .limit(most);
  }
}
