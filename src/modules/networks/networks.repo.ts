import { and, asc, count, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { alias, union } from "drizzle-orm/pg-core";
import { type DbOrTx, norwegianOrder } from "../../platform/db/client.ts";
import { Repository } from "../../platform/db/repository.ts";
import { DocumentStore } from "../../platform/files/documents.ts";
import { organisations, people } from "../directory/index.ts";
import {
  bodies,
  bodyDocuments,
  bodyMembers,
  memberships,
  networkAccess,
  networkContacts,
  networkCounties,
  networks,
} from "./schema.ts";

export type Network = typeof networks.$inferSelect;
export type NewNetwork = typeof networks.$inferInsert;
export type Membership = typeof memberships.$inferSelect;
export type Body = typeof bodies.$inferSelect;
export type BodyMember = typeof bodyMembers.$inferSelect;

const representative = alias(organisations, "representative");
const host = alias(organisations, "host");

/** The only place with SQL for networks, memberships, bodies and contacts. */
export class NetworkRepo extends Repository {
  /** A body's documents, newest first; the service filters them by visibility for the viewer. */
  readonly bodyDocuments: DocumentStore<typeof bodyDocuments>;

  constructor(db: DbOrTx) {
    super(db);
    this.bodyDocuments = new DocumentStore(db, bodyDocuments, bodyDocuments.bodyId, { newestFirst: true });
  }

  async list(limit = 500, offset = 0) {
    const items = await this.db
      .select({
        id: networks.id,
        slug: networks.slug,
        name: networks.name,
        shortName: networks.shortName,
        description: networks.description,
        hostOrganisationId: networks.hostOrganisationId,
        hostName: host.name,
        isDemo: networks.isDemo,
        memberCount: sql<number>`(select count(*)::int from ${memberships} where ${memberships.networkId} = ${networks.id} and ${memberships.toDate} is null)`,
        counties: sql<
          string[]
        >`coalesce((select array_agg(${networkCounties.countyCode} order by ${networkCounties.countyCode}) from ${networkCounties} where ${networkCounties.networkId} = ${networks.id}), '{}')`,
      })
      .from(networks)
      .leftJoin(host, eq(host.id, networks.hostOrganisationId))
      .orderBy(norwegianOrder(networks.name))
      .limit(limit)
      .offset(offset);
    const [total] = await this.db.select({ n: count() }).from(networks);
    return { items, total: total?.n ?? 0 };
  }

  /** Slugs and names for the header's network switcher. */
  async switcher() {
    return this.db
      .select({ id: networks.id, slug: networks.slug, name: networks.name, shortName: networks.shortName })
      .from(networks)
      .orderBy(norwegianOrder(networks.name));
  }

  async byId(id: number) {
    const [row] = await this.db
      .select({ id: networks.id, slug: networks.slug, name: networks.name })
      .from(networks)
      .where(eq(networks.id, id))
      .limit(1);
    return row;
  }

  async bySlug(slug: string) {
    const [row] = await this.db
      .select({
        network: networks,
        hostName: host.name,
        counties: sql<
          string[]
        >`coalesce((select array_agg(${networkCounties.countyCode} order by ${networkCounties.countyCode}) from ${networkCounties} where ${networkCounties.networkId} = ${networks.id}), '{}')`,
      })
      .from(networks)
      .leftJoin(host, eq(host.id, networks.hostOrganisationId))
      .where(eq(networks.slug, slug))
      .limit(1);
    return row ? { ...row.network, hostName: row.hostName, counties: row.counties } : undefined;
  }

  async insert(values: NewNetwork, counties: string[]): Promise<Network> {
    const [row] = await this.db.insert(networks).values(values).returning();
    await this.setCounties(row!.id, counties);
    return row!;
  }

  async update(id: number, values: Partial<NewNetwork>, counties: string[]): Promise<Network> {
    const [row] = await this.db
      .update(networks)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(networks.id, id))
      .returning();
    await this.setCounties(id, counties);
    return row!;
  }

  private async setCounties(networkId: number, counties: string[]) {
    await this.db.delete(networkCounties).where(eq(networkCounties.networkId, networkId));
    if (counties.length) await this.db.insert(networkCounties).values(counties.map((countyCode) => ({ networkId, countyCode })));
  }

  async delete(id: number) {
    await this.db.delete(networks).where(eq(networks.id, id));
  }

  // Memberships

  /** The network's members whose membership has not ended, with their numbers: those a record of the network may belong to. */
  currentMembers(networkId: number) {
    return this.db
      .select({ id: organisations.id, name: organisations.name, code: organisations.code })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.networkId, networkId), isNull(memberships.toDate)));
  }

  async membersOf(networkId: number) {
    return this.db
      .select({
        id: memberships.id,
        organisationId: memberships.organisationId,
        organisationName: organisations.name,
        organisationKind: organisations.kind,
        countyCode: organisations.countyCode,
        population: organisations.population,
        level: memberships.level,
        fromDate: memberships.fromDate,
        toDate: memberships.toDate,
        representedById: memberships.representedById,
        representedByName: representative.name,
        isDemo: organisations.isDemo,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .leftJoin(representative, eq(representative.id, memberships.representedById))
      .where(eq(memberships.networkId, networkId))
      .orderBy(asc(organisations.countyCode), norwegianOrder(organisations.nameNorwegian));
  }

  async membershipsOf(organisationId: number) {
    return this.db
      .select({
        id: memberships.id,
        networkId: networks.id,
        networkSlug: networks.slug,
        networkName: networks.name,
        level: memberships.level,
        fromDate: memberships.fromDate,
        toDate: memberships.toDate,
        representedById: memberships.representedById,
        representedByName: representative.name,
      })
      .from(memberships)
      .innerJoin(networks, eq(networks.id, memberships.networkId))
      .leftJoin(representative, eq(representative.id, memberships.representedById))
      .where(eq(memberships.organisationId, organisationId))
      .orderBy(norwegianOrder(networks.name));
  }

  /** The networks an IT cooperation acts in through the members it represents today, with how many. */
  async representedIn(cooperationId: number) {
    return this.db
      .select({
        networkId: networks.id,
        networkSlug: networks.slug,
        networkName: networks.name,
        members: sql<number>`count(*)::int`,
      })
      .from(memberships)
      .innerJoin(networks, eq(networks.id, memberships.networkId))
      .where(and(eq(memberships.representedById, cooperationId), isNull(memberships.toDate)))
      .groupBy(networks.id, networks.slug, networks.name)
      .orderBy(norwegianOrder(networks.name));
  }

  async memberOrganisationIds(slug: string): Promise<number[]> {
    const rows = await this.db
      .select({ id: memberships.organisationId })
      .from(memberships)
      .innerJoin(networks, eq(networks.id, memberships.networkId))
      .where(eq(networks.slug, slug));
    return rows.map((r) => r.id);
  }

  async membership(networkId: number, id: number) {
    const [row] = await this.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, id), eq(memberships.networkId, networkId)))
      .limit(1);
    return row;
  }

  async membershipFor(networkId: number, organisationId: number) {
    const [row] = await this.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.networkId, networkId), eq(memberships.organisationId, organisationId)))
      .limit(1);
    return row;
  }

  async insertMemberships(values: (typeof memberships.$inferInsert)[]) {
    if (values.length === 0) return [];
    return this.db.insert(memberships).values(values).returning();
  }

  async updateMembership(id: number, values: Partial<typeof memberships.$inferInsert>) {
    return this.updateStamped(memberships, id, values);
  }

  async deleteMembership(id: number) {
    await this.db.delete(memberships).where(eq(memberships.id, id));
  }

  // Bodies

  async bodiesOf(networkId: number) {
    return this.db.select().from(bodies).where(eq(bodies.networkId, networkId)).orderBy(asc(bodies.id));
  }

  async body(networkId: number, id: number) {
    const [row] = await this.db
      .select()
      .from(bodies)
      .where(and(eq(bodies.id, id), eq(bodies.networkId, networkId)))
      .limit(1);
    return row;
  }

  /** Members of many bodies in one query, so a network page costs the same for 3 bodies or 30. */
  async membersOfBodies(bodyIds: number[]) {
    if (bodyIds.length === 0) return [];
    return this.db
      .select({
        id: bodyMembers.id,
        bodyId: bodyMembers.bodyId,
        personId: bodyMembers.personId,
        personName: people.name,
        personTitle: people.title,
        personIsDemo: people.isDemo,
        organisationId: bodyMembers.organisationId,
        organisationName: organisations.name,
        role: bodyMembers.role,
        fromDate: bodyMembers.fromDate,
        toDate: bodyMembers.toDate,
      })
      .from(bodyMembers)
      .innerJoin(people, eq(people.id, bodyMembers.personId))
      .leftJoin(organisations, eq(organisations.id, bodyMembers.organisationId))
      .where(inArray(bodyMembers.bodyId, bodyIds))
      .orderBy(
        asc(bodyMembers.bodyId),
        sql`array_position(array['leader','deputy','secretary','member']::text[], ${bodyMembers.role})`,
        norwegianOrder(people.name),
      );
  }

  async insertBody(values: typeof bodies.$inferInsert) {
    return this.insertOne(bodies, values);
  }

  async updateBody(id: number, values: Partial<typeof bodies.$inferInsert>) {
    return this.updateStamped(bodies, id, values);
  }

  async deleteBody(id: number) {
    await this.db.delete(bodies).where(eq(bodies.id, id));
  }

  async bodyMember(bodyId: number, id: number) {
    const [row] = await this.db
      .select()
      .from(bodyMembers)
      .where(and(eq(bodyMembers.id, id), eq(bodyMembers.bodyId, bodyId)))
      .limit(1);
    return row;
  }

  async insertBodyMembers(values: (typeof bodyMembers.$inferInsert)[]) {
    if (values.length === 0) return [];
    return this.db.insert(bodyMembers).values(values).returning();
  }

  async updateBodyMember(id: number, values: Partial<typeof bodyMembers.$inferInsert>) {
    const [row] = await this.db.update(bodyMembers).set(values).where(eq(bodyMembers.id, id)).returning();
    return row!;
  }

  async deleteBodyMember(id: number) {
    await this.db.delete(bodyMembers).where(eq(bodyMembers.id, id));
  }

  /** Where a person sits, across all networks. */
  async bodyMembershipsOf(personId: number) {
    return this.db
      .select({
        id: bodyMembers.id,
        role: bodyMembers.role,
        bodyId: bodies.id,
        bodyName: bodies.name,
        bodyKind: bodies.kind,
        bodyVisibility: bodies.visibility,
        networkId: bodies.networkId,
        networkSlug: networks.slug,
        networkName: networks.name,
        fromDate: bodyMembers.fromDate,
        toDate: bodyMembers.toDate,
      })
      .from(bodyMembers)
      .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
      .innerJoin(networks, eq(networks.id, bodies.networkId))
      .where(eq(bodyMembers.personId, personId))
      .orderBy(norwegianOrder(networks.name), asc(bodies.id));
  }

  /** The networks a person takes part in: a seat in a body, a contact role, or their organisation's membership. */
  async networkIdsOfPerson(personId: number, organisationId: number | null): Promise<number[]> {
    const rows = await union(
      this.db
        .select({ id: bodies.networkId })
        .from(bodyMembers)
        .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
        .where(eq(bodyMembers.personId, personId)),
      this.db.select({ id: networkContacts.networkId }).from(networkContacts).where(eq(networkContacts.personId, personId)),
      this.db
        .select({ id: memberships.networkId })
        .from(memberships)
        .where(and(eq(memberships.organisationId, organisationId ?? -1), isNull(memberships.toDate))),
    );
    return rows.map((r) => r.id);
  }

  /**
   * Of these people, those who belong to the network: seated in one of its bodies, or linked to an
   * account with access to it through a link that reaches it (decision 0018).
   */
  async peopleBelongingTo(networkId: number, personIds: number[]): Promise<Set<number>> {
    if (personIds.length === 0) return new Set();
    const rows = await union(
      this.db
        .select({ id: bodyMembers.personId })
        .from(bodyMembers)
        .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
        .where(and(eq(bodies.networkId, networkId), inArray(bodyMembers.personId, personIds))),
      this.db
        .select({ id: people.id })
        .from(people)
        .innerJoin(networkAccess, and(eq(networkAccess.userId, people.userId), eq(networkAccess.networkId, networkId)))
        .where(and(inArray(people.id, personIds), or(isNotNull(people.userConfirmedAt), eq(people.userNetworkId, networkId)))),
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Today's memberships of these organisations in other networks than this one. */
  async membershipsElsewhere(organisationIds: number[], networkId: number | null) {
    if (organisationIds.length === 0) return [];
    return this.db
      .select({ organisationId: memberships.organisationId, networkId: memberships.networkId })
      .from(memberships)
      .where(
        and(
          inArray(memberships.organisationId, organisationIds),
          isNull(memberships.toDate),
          networkId === null ? undefined : ne(memberships.networkId, networkId),
        ),
      );
  }

  // Contact persons

  async contactsOf(networkId: number) {
    return this.db
      .select({
        personId: people.id,
        name: people.name,
        title: people.title,
        email: people.email,
        phone: people.phone,
        isDemo: people.isDemo,
        organisationName: organisations.name,
        role: networkContacts.role,
      })
      .from(networkContacts)
      .innerJoin(people, eq(people.id, networkContacts.personId))
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(networkContacts.networkId, networkId))
      .orderBy(norwegianOrder(people.name));
  }

  async publishedContactIds(personIds: number[]): Promise<Set<number>> {
    if (personIds.length === 0) return new Set();
    const rows = await this.db
      .selectDistinct({ id: networkContacts.personId })
      .from(networkContacts)
      .where(inArray(networkContacts.personId, personIds));
    return new Set(rows.map((r) => r.id));
  }

  async setContacts(networkId: number, contacts: { personId: number; role: string }[]) {
    await this.db.delete(networkContacts).where(eq(networkContacts.networkId, networkId));
    if (contacts.length) await this.db.insert(networkContacts).values(contacts.map((c) => ({ networkId, ...c })));
  }
}
