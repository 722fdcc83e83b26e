import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { type Page, paged, totalRows } from "../../platform/db/paging.ts";
import { Repository } from "../../platform/db/repository.ts";
import { DocumentStore } from "../../platform/files/documents.ts";
import { users } from "../../platform/schema.ts";
import { organisations } from "../directory/index.ts";
import { networks } from "../networks/index.ts";
import { subjectNetworks } from "../subjects/index.ts";
import {
  gatheringDocuments,
  gatheringHosts,
  gatheringInvitations,
  gatheringLinks,
  gatheringQuestions,
  gatheringRegistrations,
  gatheringSessions,
  gatherings,
  type RegistrationStatus,
} from "./schema.ts";

export type Gathering = typeof gatherings.$inferSelect;
export type NewGathering = typeof gatherings.$inferInsert;
export type GatheringSession = typeof gatheringSessions.$inferSelect;
export type Registration = typeof gatheringRegistrations.$inferSelect;
export type GatheringQuestion = typeof gatheringQuestions.$inferSelect;
export type GatheringInvitation = typeof gatheringInvitations.$inferSelect;

/** Held together by this network: invited by the organiser, and accepted by the network. */
export const coHostedBy = (networkId: number) =>
  sql`(${networkId} = any(${gatherings.invitedNetworkIds}) and exists (select 1 from ${gatheringHosts} h
    where h.gathering_id = ${gatherings.id} and h.network_id = ${networkId}))`;

/** A gathering's place in the access kernel's rule: its network and visibility (it has no body). */
const restricted = { networkId: gatherings.networkId, visibility: gatherings.visibility, bodyId: sql`null` };

/** The gatherings the viewer may see: the rule of every list, the site search included. */
export const gatheringVisibleWhere = (viewer: Actor | null) => visibleWhere(viewer, restricted);

export interface GatheringFilter {
  networkId?: number | undefined;
  /** For one subject network. */
  subjectNetworkId?: number | undefined;
  /** Coming (not yet ended) or past (ended) at this instant. */
  when?: { at: Date; past: boolean } | undefined;
  /** At most this many (200 when not given). */
  limit?: number | undefined;
}

/** The only place with SQL for gatherings: the gatherings, their programmes and registrations. */
export class GatheringRepo extends Repository {
  /** A gathering's documents (the kernel's one implementation of a record's documents). */
  readonly documents = new DocumentStore(this.db, gatheringDocuments, gatheringDocuments.gatheringId);

  /** A gathering's links (a recording), in the order added. */
  links(gatheringId: number) {
    return this.db
      .select()
      .from(gatheringLinks)
      .where(eq(gatheringLinks.gatheringId, gatheringId))
      .orderBy(asc(gatheringLinks.id));
  }

  insertLink(values: typeof gatheringLinks.$inferInsert) {
    return this.insertOne(gatheringLinks, values);
  }

  async deleteLink(gatheringId: number, linkId: number) {
    const rows = await this.db
      .delete(gatheringLinks)
      .where(and(eq(gatheringLinks.id, linkId), eq(gatheringLinks.gatheringId, gatheringId)))
      .returning({ id: gatheringLinks.id });
    return rows.length > 0;
  }

  /** The gatherings the viewer may see, coming ones soonest first, past ones latest first. */
  list(viewer: Actor | null, f: GatheringFilter) {
    return this.listQuery(viewer, f).limit(f.limit ?? 200);
  }

  /** A page of `list` in SQL, with how many the viewer may see in all. */
  page(viewer: Actor | null, f: GatheringFilter, page: Page) {
    return paged(page, (p) => this.listQuery(viewer, f).limit(p.limit).offset(p.offset));
  }

  private listQuery(viewer: Actor | null, f: GatheringFilter) {
    const past = f.when?.past ?? false;
    return this.db
      .select({
        gathering: gatherings,
        networkSlug: networks.slug,
        networkName: networks.name,
        confirmed: sql<number>`(select count(*)::int from ${gatheringRegistrations} r
          where r.gathering_id = ${gatherings.id} and r.status = 'confirmed')`,
        total: totalRows,
      })
      .from(gatherings)
      .innerJoin(networks, eq(networks.id, gatherings.networkId))
      .where(
        and(
          gatheringVisibleWhere(viewer),
          // A network's gatherings: those it organises and those it holds together with another.
          f.networkId !== undefined ? or(eq(gatherings.networkId, f.networkId), coHostedBy(f.networkId)) : undefined,
          f.subjectNetworkId !== undefined ? eq(gatherings.subjectNetworkId, f.subjectNetworkId) : undefined,
          f.when ? (past ? lt(gatherings.endsAt, f.when.at) : gte(gatherings.endsAt, f.when.at)) : undefined,
        ),
      )
      .orderBy(past ? desc(gatherings.startsAt) : asc(gatherings.startsAt), asc(gatherings.id));
  }

  /** The networks that hold a gathering together with its organiser (invited, and accepted), by name. */
  hosts(gatheringId: number) {
    return this.db
      .select({ id: networks.id, slug: networks.slug, name: networks.name })
      .from(gatheringHosts)
      .innerJoin(networks, eq(networks.id, gatheringHosts.networkId))
      .innerJoin(gatherings, eq(gatherings.id, gatheringHosts.gatheringId))
      .where(
        and(eq(gatheringHosts.gatheringId, gatheringId), sql`${gatheringHosts.networkId} = any(${gatherings.invitedNetworkIds})`),
      )
      .orderBy(asc(networks.name));
  }

  /**
   * The network's gatherings that anyone may see (the rule with no viewer, whoever asks), those it
   * holds together with another included, the last changed first: the network's feed of gatherings.
   */
  publicFeed(networkId: number, most: number) {
    return this.db
      .select()
      .from(gatherings)
      .where(and(gatheringVisibleWhere(null), or(eq(gatherings.networkId, networkId), coHostedBy(networkId))))
      .orderBy(desc(gatherings.updatedAt), desc(gatherings.id))
      .limit(most);
  }

  /** The gatherings not yet over that the account is registered for (a place or on the waiting list), soonest first. */
  registeredFor(userId: number, now: Date) {
    return this.db
      .select({
        id: gatherings.id,
        title: gatherings.title,
        startsAt: gatherings.startsAt,
        status: gatheringRegistrations.status,
        networkName: networks.name,
      })
      .from(gatheringRegistrations)
      .innerJoin(gatherings, eq(gatherings.id, gatheringRegistrations.gatheringId))
      .innerJoin(networks, eq(networks.id, gatherings.networkId))
      .where(
        and(
          eq(gatheringRegistrations.userId, userId),
          inArray(gatheringRegistrations.status, ["confirmed", "waiting"]),
          gte(gatherings.endsAt, now),
        ),
      )
      .orderBy(asc(gatherings.startsAt));
  }

  /** Public gatherings, not yet over, that invite this network to hold them together and that it has not accepted. */
  invitationsTo(networkId: number, now: Date) {
    return this.db
      .select({ gathering: gatherings, networkSlug: networks.slug, networkName: networks.name })
      .from(gatherings)
      .innerJoin(networks, eq(networks.id, gatherings.networkId))
      .where(
        and(
          sql`${networkId} = any(${gatherings.invitedNetworkIds})`,
          eq(gatherings.visibility, "public"),
          gte(gatherings.endsAt, now),
          sql`not exists (select 1 from ${gatheringHosts} h where h.gathering_id = ${gatherings.id} and h.network_id = ${networkId})`,
        ),
      )
      .orderBy(asc(gatherings.startsAt));
  }

  /** The network accepts: a row of its own. */
  async accept(gatheringId: number, networkId: number) {
    await this.db.insert(gatheringHosts).values({ gatheringId, networkId }).onConflictDoNothing();
  }

  /** The network stops holding it together (or declines): its own row goes. */
  async withdraw(gatheringId: number, networkId: number) {
    const rows = await this.db
      .delete(gatheringHosts)
      .where(and(eq(gatheringHosts.gatheringId, gatheringId), eq(gatheringHosts.networkId, networkId)))
      .returning({ networkId: gatheringHosts.networkId });
    return rows.length > 0;
  }

  /** Every network's id: the networks a gathering may invite. */
  async networkIds(): Promise<number[]> {
    return (await this.db.select({ id: networks.id }).from(networks)).map((r) => r.id);
  }

  /** The gatherings a person holds a place in or waits for, registered while signed in. */
  registeredBy(userId: number) {
    return this.db
      .selectDistinct({ gathering: gatherings })
      .from(gatheringRegistrations)
      .innerJoin(gatherings, eq(gatherings.id, gatheringRegistrations.gatheringId))
      .where(and(eq(gatheringRegistrations.userId, userId), ne(gatheringRegistrations.status, "cancelled")))
      .orderBy(asc(gatherings.startsAt));
  }

  async byId(id: number) {
    const [row] = await this.db
      .select({
        gathering: gatherings,
        networkSlug: networks.slug,
        networkName: networks.name,
        subjectSlug: subjectNetworks.slug,
        subjectName: subjectNetworks.name,
      })
      .from(gatherings)
      .innerJoin(networks, eq(networks.id, gatherings.networkId))
      .leftJoin(subjectNetworks, eq(subjectNetworks.id, gatherings.subjectNetworkId))
      .where(eq(gatherings.id, id))
      .limit(1);
    return row;
  }

  /** The gathering, locked until the transaction ends: registrations and cancellations take turns. */
  async lock(id: number): Promise<Gathering | undefined> {
    const [row] = await this.db.select().from(gatherings).where(eq(gatherings.id, id)).for("update");
    return row;
  }

  insert(values: NewGathering) {
    return this.insertOne(gatherings, values);
  }

  update(id: number, values: Partial<NewGathering>) {
    return this.updateStamped(gatherings, id, values);
  }

  async delete(id: number) {
    await this.db.delete(gatherings).where(eq(gatherings.id, id));
  }

  sessions(gatheringId: number) {
    return this.db
      .select()
      .from(gatheringSessions)
      .where(eq(gatheringSessions.gatheringId, gatheringId))
      .orderBy(asc(gatheringSessions.startsAt), asc(gatheringSessions.id));
  }

  insertSession(values: typeof gatheringSessions.$inferInsert) {
    return this.insertOne(gatheringSessions, values);
  }

  async deleteSession(gatheringId: number, sessionId: number) {
    const rows = await this.db
      .delete(gatheringSessions)
      .where(and(eq(gatheringSessions.id, sessionId), eq(gatheringSessions.gatheringId, gatheringId)))
      .returning({ id: gatheringSessions.id });
    return rows.length > 0;
  }

  questions(gatheringId: number) {
    return this.db
      .select()
      .from(gatheringQuestions)
      .where(eq(gatheringQuestions.gatheringId, gatheringId))
      .orderBy(asc(gatheringQuestions.id));
  }

  insertQuestion(values: typeof gatheringQuestions.$inferInsert) {
    return this.insertOne(gatheringQuestions, values);
  }

  async deleteQuestion(gatheringId: number, questionId: number) {
    const rows = await this.db
      .delete(gatheringQuestions)
      .where(and(eq(gatheringQuestions.id, questionId), eq(gatheringQuestions.gatheringId, gatheringId)))
      .returning({ id: gatheringQuestions.id });
    return rows.length > 0;
  }

  /** How many hold a place and how many wait. */
  async counts(gatheringId: number): Promise<Record<RegistrationStatus, number>> {
    const rows = await this.db
      .select({ status: gatheringRegistrations.status, n: sql<number>`count(*)::int` })
      .from(gatheringRegistrations)
      .where(eq(gatheringRegistrations.gatheringId, gatheringId))
      .groupBy(gatheringRegistrations.status);
    const counts = { confirmed: 0, waiting: 0, cancelled: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  insertRegistration(values: typeof gatheringRegistrations.$inferInsert) {
    return this.insertOne(gatheringRegistrations, values);
  }

  async registrationByReceipt(gatheringId: number, receiptHash: string) {
    const [row] = await this.db
      .select()
      .from(gatheringRegistrations)
      .where(and(eq(gatheringRegistrations.gatheringId, gatheringId), eq(gatheringRegistrations.receiptHash, receiptHash)))
      .limit(1);
    return row;
  }

  /** An active registration with this address, whatever its case. */
  async activeByEmail(gatheringId: number, email: string) {
    const [row] = await this.db
      .select()
      .from(gatheringRegistrations)
      .where(
        and(
          eq(gatheringRegistrations.gatheringId, gatheringId),
          ne(gatheringRegistrations.status, "cancelled"),
          sql`lower(${gatheringRegistrations.email}) = lower(${email})`,
        ),
      )
      .limit(1);
    return row;
  }

  /** Where a waiting registration stands in the queue: 1 is next. */
  async queuePosition(registration: Registration): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(gatheringRegistrations)
      .where(
        and(
          eq(gatheringRegistrations.gatheringId, registration.gatheringId),
          eq(gatheringRegistrations.status, "waiting"),
          sql`${gatheringRegistrations.id} <= ${registration.id}`,
        ),
      );
    return row?.n ?? 0;
  }

  /** The first ones waiting, in the order they registered. */
  firstWaiting(gatheringId: number, n: number) {
    return this.db
      .select()
      .from(gatheringRegistrations)
      .where(and(eq(gatheringRegistrations.gatheringId, gatheringId), eq(gatheringRegistrations.status, "waiting")))
      .orderBy(asc(gatheringRegistrations.id))
      .limit(n);
  }

  async setStatus(ids: number[], status: RegistrationStatus, at = new Date()) {
    if (ids.length === 0) return;
    await this.db
      .update(gatheringRegistrations)
      .set({ status, ...(status === "cancelled" ? { cancelledAt: at } : {}) })
      .where(inArray(gatheringRegistrations.id, ids));
  }

  /** Everyone registered, with the organisation's name from the reference data where it was chosen there. */
  participants(gatheringId: number) {
    return this.db
      .select({
        registration: gatheringRegistrations,
        organisation: sql<string | null>`coalesce(${organisations.name}, ${gatheringRegistrations.organisationName})`,
      })
      .from(gatheringRegistrations)
      .leftJoin(organisations, eq(organisations.id, gatheringRegistrations.organisationId))
      .where(eq(gatheringRegistrations.gatheringId, gatheringId))
      .orderBy(asc(gatheringRegistrations.id));
  }

  async setAttended(gatheringId: number, attendedIds: number[]) {
    await this.db
      .update(gatheringRegistrations)
      .set({
        attended: sql`${gatheringRegistrations.id} in (${sql.join(
          [0, ...attendedIds].map((id) => sql`${id}`),
          sql`, `,
        )})`,
      })
      .where(and(eq(gatheringRegistrations.gatheringId, gatheringId), eq(gatheringRegistrations.status, "confirmed")));
  }

  /**
   * Clears the personal data of registrations. The organisation chosen from the reference data stays
   * (the counts per organisation) unless `organisation` says otherwise: a person removing their own.
   */
  async removePersonalData(ids: number[], options: { organisation?: boolean; at?: Date } = {}) {
    if (ids.length === 0) return;
    await this.db
      .update(gatheringRegistrations)
      .set({
        name: null,
        organisationName: null,
        email: null,
        note: "",
        answers: {},
        userId: null,
        personalDataRemovedAt: options.at ?? new Date(),
        ...(options.organisation ? { organisationId: null, attended: null } : {}),
      })
      .where(inArray(gatheringRegistrations.id, ids));
  }

  // Invitations (a gathering by invitation).

  /** An invitation of this gathering by its secret's hash, if not used yet. */
  async openInvitation(gatheringId: number, tokenHash: string) {
    const [row] = await this.db
      .select()
      .from(gatheringInvitations)
      .where(
        and(
          eq(gatheringInvitations.gatheringId, gatheringId),
          eq(gatheringInvitations.tokenHash, tokenHash),
          isNull(gatheringInvitations.registrationId),
        ),
      )
      .limit(1);
    return row;
  }

  /** Uses the invitation for a registration: once only, whoever sends it at the same time. */
  async useInvitation(gatheringId: number, tokenHash: string, registrationId: number): Promise<boolean> {
    const rows = await this.db
      .update(gatheringInvitations)
      .set({ registrationId })
      .where(
        and(
          eq(gatheringInvitations.gatheringId, gatheringId),
          eq(gatheringInvitations.tokenHash, tokenHash),
          isNull(gatheringInvitations.registrationId),
        ),
      )
      .returning({ id: gatheringInvitations.id });
    return rows.length > 0;
  }

  /** A gathering's invitations, newest first, with whether each was used. */
  invitations(gatheringId: number) {
    return this.db
      .select()
      .from(gatheringInvitations)
      .where(eq(gatheringInvitations.gatheringId, gatheringId))
      .orderBy(desc(gatheringInvitations.createdAt), desc(gatheringInvitations.id));
  }

  /** The addresses already invited to a gathering, in lower case. */
  async invitedAddresses(gatheringId: number): Promise<Set<string>> {
    const rows = await this.db
      .select({ email: gatheringInvitations.email })
      .from(gatheringInvitations)
      .where(eq(gatheringInvitations.gatheringId, gatheringId));
    return new Set(rows.flatMap((r) => (r.email ? [r.email.toLowerCase()] : [])));
  }

  insertInvitation(values: typeof gatheringInvitations.$inferInsert) {
    return this.insertOne(gatheringInvitations, values);
  }

  /** Clears the invited addresses of gatherings whose personal data is past its time. */
  async clearExpiredInvitations(now: Date): Promise<number> {
    const rows = await this.db
      .update(gatheringInvitations)
      .set({ email: null })
      .where(
        and(
          isNotNull(gatheringInvitations.email),
          sql`${gatheringInvitations.gatheringId} in (select g.id from ${gatherings} g
            where g.ends_at + make_interval(days => g.personal_data_days) < ${now})`,
        ),
      )
      .returning({ id: gatheringInvitations.id });
    return rows.length;
  }

  /** Takes a removed question's answers out of every registration. */
  async removeAnswers(gatheringId: number, questionId: number) {
    await this.db
      .update(gatheringRegistrations)
      .set({ answers: sql`${gatheringRegistrations.answers} - ${String(questionId)}` })
      .where(eq(gatheringRegistrations.gatheringId, gatheringId));
  }

  /** Registrations whose gathering ended longer ago than its retention, still holding personal data. */
  async expiredPersonalData(now: Date): Promise<number[]> {
    const rows = await this.db
      .select({ id: gatheringRegistrations.id })
      .from(gatheringRegistrations)
      .innerJoin(gatherings, eq(gatherings.id, gatheringRegistrations.gatheringId))
      .where(
        and(
          sql`${gatheringRegistrations.personalDataRemovedAt} is null`,
          sql`${gatherings.endsAt} + make_interval(days => ${gatherings.personalDataDays}) < ${now}`,
        ),
      );
    return rows.map((r) => r.id);
  }

  /** The gatherings the viewer may see that people of an organisation attended, with how many came. */
  attendedBy(viewer: Actor | null, organisationId: number, limit = 20) {
    return this.db
      .select({ gathering: gatherings, attended: sql<number>`count(*)::int` })
      .from(gatheringRegistrations)
      .innerJoin(gatherings, eq(gatherings.id, gatheringRegistrations.gatheringId))
      .where(
        and(
          eq(gatheringRegistrations.organisationId, organisationId),
          eq(gatheringRegistrations.status, "confirmed"),
          eq(gatheringRegistrations.attended, true),
          gatheringVisibleWhere(viewer),
        ),
      )
      .groupBy(gatherings.id)
      .orderBy(desc(gatherings.startsAt))
      .limit(limit);
  }

  /**
   * Claims the confirmed registrations with an address whose gathering starts before `until` and that
   * have had no reminder: each is marked as it is claimed, so two processes never both send it.
   */
  async claimReminders(now: Date, until: Date) {
    const claimed = await this.db
      .update(gatheringRegistrations)
      .set({ remindedAt: now })
      .where(
        and(
          eq(gatheringRegistrations.status, "confirmed"),
          isNotNull(gatheringRegistrations.email),
          isNull(gatheringRegistrations.remindedAt),
          inArray(
            gatheringRegistrations.gatheringId,
            this.db
              .select({ id: gatherings.id })
              .from(gatherings)
              .where(and(gt(gatherings.startsAt, now), lte(gatherings.startsAt, until))),
          ),
        ),
      )
      .returning();
    const ids = [...new Set(claimed.map((r) => r.gatheringId))];
    const held = ids.length ? await this.db.select().from(gatherings).where(inArray(gatherings.id, ids)) : [];
    const byId = new Map(held.map((g) => [g.id, g]));
    return claimed.map((registration) => ({ registration, gathering: byId.get(registration.gatheringId)! }));
  }

  /** A signed-in person's name and address, to fill in their registration. */
  async account(userId: number) {
    const [row] = await this.db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
    return row;
  }
}
