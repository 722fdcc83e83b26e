import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { NetworkGrant } from "../../../platform/access/authorize.ts";
import { norwegianOrder } from "../../../platform/db/client.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { users } from "../../../platform/schema.ts";
import { organisations, people } from "../../directory/index.ts";
import {
  type AccessRole,
  bodies,
  bodyMembers,
  memberships,
  networkAccess,
  networkContacts,
  networks,
  personLinkRequests,
  representations,
} from "../schema.ts";

/**
 * How far an account's link to a person record reaches (decision 0018): everywhere once the person
 * confirmed it or an administrator made it, else only in the network whose secretariat made it.
 */
export type LinkReach = { confirmed: true } | { networkId: number };

const requester = alias(users, "requester");

/** The only place with SQL for who may act in which network. */
export class AccessRepo extends Repository {
  /**
   * Everything an account may do, per network, in three small queries (run on every signed-in
   * request). Body seats count only today's seats, only in networks the account has access to, and
   * only as far as the account's person link reaches: a link the person never confirmed carries the
   * seats of the network whose secretariat made it and no other (decision 0018).
   */
  async grantsFor(userId: number): Promise<Record<number, NetworkGrant>> {
    return (await this.grantsOfEach([userId])).get(userId) ?? {};
  }

  /** `grantsFor` of many accounts in the same three queries (the digest reads a batch of readers at once). */
  async grantsOfEach(userIds: readonly number[]): Promise<Map<number, Record<number, NetworkGrant>>> {
    const ids = [...userIds];
    const [access, reps, seats] = await Promise.all([
      this.db.select().from(networkAccess).where(inArray(networkAccess.userId, ids)),
      this.db.select().from(representations).where(inArray(representations.userId, ids)),
      this.db
        .select({ userId: people.userId, networkId: bodies.networkId, id: bodies.id, kind: bodies.kind, role: bodyMembers.role })
        .from(bodyMembers)
        .innerJoin(people, eq(people.id, bodyMembers.personId))
        .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
        .where(
          and(
            inArray(people.userId, ids),
            or(isNotNull(people.userConfirmedAt), eq(people.userNetworkId, bodies.networkId)),
            or(isNull(bodyMembers.fromDate), lte(bodyMembers.fromDate, sql`current_date`)),
            or(isNull(bodyMembers.toDate), gte(bodyMembers.toDate, sql`current_date`)),
          ),
        ),
    ]);
    const grants = new Map<number, Record<number, NetworkGrant>>(ids.map((id) => [id, {}]));
    for (const a of access) {
      grants.get(a.userId)![a.networkId] = {
        role: a.role,
        organisationIds: reps.filter((r) => r.userId === a.userId && r.networkId === a.networkId).map((r) => r.organisationId),
        bodies: seats
          .filter((s) => s.userId === a.userId && s.networkId === a.networkId)
          .map(({ id, kind, role }) => ({ id, kind, role })),
      };
    }
    return grants;
  }

  /** Everyone with access to the network, with what they represent and the person record they are. */
  async peopleWithAccess(networkId: number) {
    const rows = await this.db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: networkAccess.role,
        since: networkAccess.createdAt,
        personId: people.id,
        personName: people.name,
        personConfirmedAt: people.userConfirmedAt,
        personNetworkId: people.userNetworkId,
      })
      .from(networkAccess)
      .innerJoin(users, eq(users.id, networkAccess.userId))
      .leftJoin(people, eq(people.userId, users.id))
      .where(and(eq(networkAccess.networkId, networkId), isNull(users.deletedAt)))
      .orderBy(norwegianOrder(users.name));
    const reps = await this.representationsIn(networkId);
    return rows.map((r) => ({ ...r, organisations: reps.filter((o) => o.userId === r.userId) }));
  }

  async access(networkId: number, userId: number) {
    const [row] = await this.db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: networkAccess.role,
        personId: people.id,
        personName: people.name,
        personConfirmedAt: people.userConfirmedAt,
        personNetworkId: people.userNetworkId,
      })
      .from(networkAccess)
      .innerJoin(users, eq(users.id, networkAccess.userId))
      .leftJoin(people, eq(people.userId, users.id))
      .where(and(eq(networkAccess.networkId, networkId), eq(networkAccess.userId, userId)));
    if (!row) return undefined;
    const reps = await this.representationsIn(networkId, userId);
    return { ...row, organisationIds: reps.map((r) => r.organisationId) };
  }

  private representationsIn(networkId: number, userId?: number) {
    return this.db
      .select({ userId: representations.userId, organisationId: organisations.id, name: organisations.name })
      .from(representations)
      .innerJoin(organisations, eq(organisations.id, representations.organisationId))
      .where(and(eq(representations.networkId, networkId), userId ? eq(representations.userId, userId) : undefined))
      .orderBy(norwegianOrder(organisations.nameNorwegian));
  }

  /** Grants or changes access and sets the organisations represented, replacing earlier ones. */
  async setAccess(networkId: number, userId: number, role: AccessRole, organisationIds: number[]) {
    await this.db
      .insert(networkAccess)
      .values({ networkId, userId, role })
      .onConflictDoUpdate({ target: [networkAccess.networkId, networkAccess.userId], set: { role } });
    await this.db
      .delete(representations)
      .where(and(eq(representations.networkId, networkId), eq(representations.userId, userId)));
    if (organisationIds.length)
      await this.db
        .insert(representations)
        .values(organisationIds.map((organisationId) => ({ networkId, userId, organisationId })));
  }

  async removeAccess(networkId: number, userId: number) {
    await this.db
      .delete(representations)
      .where(and(eq(representations.networkId, networkId), eq(representations.userId, userId)));
    await this.db.delete(networkAccess).where(and(eq(networkAccess.networkId, networkId), eq(networkAccess.userId, userId)));
  }

  /** Everything of an account in every network, for "My data" and for anonymising it. */
  async allOf(userId: number) {
    const rows = await this.db
      .select({
        networkId: networks.id,
        slug: networks.slug,
        network: networks.name,
        role: networkAccess.role,
        since: networkAccess.createdAt,
      })
      .from(networkAccess)
      .innerJoin(networks, eq(networks.id, networkAccess.networkId))
      .where(eq(networkAccess.userId, userId));
    const reps = await this.db
      .select({ networkId: representations.networkId, organisation: organisations.name })
      .from(representations)
      .innerJoin(organisations, eq(organisations.id, representations.organisationId))
      .where(eq(representations.userId, userId));
    return rows.map((r) => ({ ...r, represents: reps.filter((o) => o.networkId === r.networkId).map((o) => o.organisation) }));
  }

  async removeAllOf(userId: number) {
    await this.db.delete(representations).where(eq(representations.userId, userId));
    await this.db.delete(networkAccess).where(eq(networkAccess.userId, userId));
    await this.db
      .update(people)
      .set({ userId: null, userConfirmedAt: null, userNetworkId: null })
      .where(eq(people.userId, userId));
    await this.db
      .update(personLinkRequests)
      .set({ closedAt: new Date() })
      .where(and(eq(personLinkRequests.userId, userId), isNull(personLinkRequests.closedAt)));
  }

  /** Organisations that are members of the network today: the only ones an account can represent there. */
  async memberOrganisations(networkId: number) {
    return this.db
      .select({ id: organisations.id, name: organisations.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.networkId, networkId), isNull(memberships.toDate)))
      .orderBy(norwegianOrder(organisations.nameNorwegian));
  }

  /**
   * People with a seat in one of the network's bodies: the person records an account there can be
   * linked to. `elsewhere` says whether they take part in another network (a seat in its bodies, its
   * contact person, their organisation a member of it), which makes a link need their confirmation.
   */
  async seatedPeople(networkId: number) {
    return this.db
      .selectDistinct({
        id: people.id,
        name: people.name,
        email: people.email,
        userId: people.userId,
        organisationId: people.organisationId,
        elsewhere: sql<boolean>`(
          exists (select 1 from ${bodyMembers} o join ${bodies} ob on ob.id = o.body_id
                  where o.person_id = ${people.id} and ob.network_id <> ${networkId})
          or exists (select 1 from ${networkContacts} c where c.person_id = ${people.id} and c.network_id <> ${networkId})
          or exists (select 1 from ${memberships} m where m.organisation_id = ${people.organisationId}
                     and m.to_date is null and m.network_id <> ${networkId}))`,
      })
      .from(people)
      .innerJoin(bodyMembers, eq(bodyMembers.personId, people.id))
      .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
      .where(eq(bodies.networkId, networkId))
      .orderBy(asc(people.name));
  }

  /** The person record linked to the account, if any. */
  async personOf(userId: number): Promise<number | null> {
    return (await this.linkOf(userId))?.personId ?? null;
  }

  /** The account's person link and how far it reaches. */
  async linkOf(userId: number) {
    const [row] = await this.db
      .select({
        personId: people.id,
        organisationId: people.organisationId,
        confirmedAt: people.userConfirmedAt,
        networkId: people.userNetworkId,
      })
      .from(people)
      .where(eq(people.userId, userId));
    return row;
  }

  /** A person record as a link needs it. */
  async person(personId: number) {
    const [row] = await this.db
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        userId: people.userId,
        organisationId: people.organisationId,
      })
      .from(people)
      .where(eq(people.id, personId));
    return row;
  }

  /**
   * Links the account to the person record (or to none), with the reach the link has. The account's
   * earlier link, and the person's link to any other account, end.
   */
  async linkPerson(userId: number, personId: number | null, reach: LinkReach | null) {
    await this.db
      .update(people)
      .set({ userId: null, userConfirmedAt: null, userNetworkId: null })
      .where(eq(people.userId, userId));
    if (personId === null || reach === null) return;
    const confirmed = "confirmed" in reach;
    await this.db
      .update(people)
      .set({
        userId,
        userConfirmedAt: confirmed ? new Date() : null,
        userNetworkId: confirmed ? null : reach.networkId,
      })
      .where(eq(people.id, personId));
  }

  // Requests to link an account to a person record, waiting for the person's confirmation

  async insertLinkRequest(values: typeof personLinkRequests.$inferInsert) {
    return this.insertOne(personLinkRequests, values);
  }

  /** The requests of the network still open (not confirmed, withdrawn or replaced), expired ones too. */
  async openLinkRequests(networkId: number, userId?: number) {
    return this.db
      .select({
        id: personLinkRequests.id,
        userId: personLinkRequests.userId,
        personId: personLinkRequests.personId,
        personName: people.name,
        email: personLinkRequests.email,
        createdAt: personLinkRequests.createdAt,
        expiresAt: personLinkRequests.expiresAt,
      })
      .from(personLinkRequests)
      .innerJoin(people, eq(people.id, personLinkRequests.personId))
      .where(
        and(
          eq(personLinkRequests.networkId, networkId),
          userId === undefined ? undefined : eq(personLinkRequests.userId, userId),
          isNull(personLinkRequests.closedAt),
          isNull(personLinkRequests.confirmedAt),
        ),
      )
      .orderBy(desc(personLinkRequests.id));
  }

  /** A request with what its confirmation page says: the network, the account, the person and who asked. */
  async linkRequest(id: number) {
    const [row] = await this.db
      .select({
        request: personLinkRequests,
        networkName: networks.name,
        networkSlug: networks.slug,
        accountName: users.name,
        accountEmail: users.email,
        accountDeletedAt: users.deletedAt,
        personName: people.name,
        personEmail: people.email,
        requesterName: requester.name,
      })
      .from(personLinkRequests)
      .innerJoin(networks, eq(networks.id, personLinkRequests.networkId))
      .innerJoin(users, eq(users.id, personLinkRequests.userId))
      .innerJoin(people, eq(people.id, personLinkRequests.personId))
      .leftJoin(requester, eq(requester.id, personLinkRequests.requestedById))
      .where(eq(personLinkRequests.id, id));
    return row;
  }

  /** Closes open requests by id; answers those it closed. */
  async closeLinkRequests(ids: number[]) {
    if (ids.length === 0) return [];
    return this.db
      .update(personLinkRequests)
      .set({ closedAt: new Date() })
      .where(
        and(inArray(personLinkRequests.id, ids), isNull(personLinkRequests.closedAt), isNull(personLinkRequests.confirmedAt)),
      )
      .returning({ id: personLinkRequests.id });
  }

  /** Marks the request confirmed, once: of two confirmations racing, one wins. */
  async confirmLinkRequest(id: number) {
    const [row] = await this.db
      .update(personLinkRequests)
      .set({ confirmedAt: new Date() })
      .where(and(eq(personLinkRequests.id, id), isNull(personLinkRequests.closedAt), isNull(personLinkRequests.confirmedAt)))
      .returning();
    return row;
  }

  /** Other open requests for the same person and account (from other networks), settled by one confirmation. */
  async sameLinkRequests(personId: number, userId: number, exceptId: number) {
    const rows = await this.db
      .select({ id: personLinkRequests.id })
      .from(personLinkRequests)
      .where(
        and(
          eq(personLinkRequests.personId, personId),
          eq(personLinkRequests.userId, userId),
          ne(personLinkRequests.id, exceptId),
          isNull(personLinkRequests.closedAt),
          isNull(personLinkRequests.confirmedAt),
        ),
      );
    return rows.map((r) => r.id);
  }
}
