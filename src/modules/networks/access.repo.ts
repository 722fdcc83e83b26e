import { and, asc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { NetworkGrant } from "../../platform/access/authorize.ts";
import { type DbOrTx, norwegianOrder } from "../../platform/db/client.ts";
import { users } from "../../platform/schema.ts";
import { organisations, people } from "../directory/schema.ts";
import { type AccessRole, bodies, bodyMembers, memberships, networkAccess, networks, representations } from "./schema.ts";

/** The only place with SQL for who may act in which network. */
export class AccessRepo {
  constructor(private readonly db: DbOrTx) {}

  with(tx: DbOrTx): AccessRepo {
    return new AccessRepo(tx);
  }

  /**
   * Everything an account may do, per network, in three small queries (run on every signed-in
   * request). Body seats count only today's seats, and only in networks the account has access to.
   */
  async grantsFor(userId: number): Promise<Record<number, NetworkGrant>> {
    const [access, reps, seats] = await Promise.all([
      this.db.select().from(networkAccess).where(eq(networkAccess.userId, userId)),
      this.db.select().from(representations).where(eq(representations.userId, userId)),
      this.db
        .select({ networkId: bodies.networkId, id: bodies.id, kind: bodies.kind, role: bodyMembers.role })
        .from(bodyMembers)
        .innerJoin(people, eq(people.id, bodyMembers.personId))
        .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
        .where(
          and(
            eq(people.userId, userId),
            or(isNull(bodyMembers.fromDate), lte(bodyMembers.fromDate, sql`current_date`)),
            or(isNull(bodyMembers.toDate), gte(bodyMembers.toDate, sql`current_date`)),
          ),
        ),
    ]);
    const grants: Record<number, NetworkGrant> = {};
    for (const a of access) {
      grants[a.networkId] = {
        role: a.role,
        organisationIds: reps.filter((r) => r.networkId === a.networkId).map((r) => r.organisationId),
        bodies: seats.filter((s) => s.networkId === a.networkId).map(({ id, kind, role }) => ({ id, kind, role })),
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
      .select({ userId: users.id, name: users.name, email: users.email, role: networkAccess.role, personId: people.id })
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
    await this.db.update(people).set({ userId: null }).where(eq(people.userId, userId));
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

  /** People with a seat in one of the network's bodies: the person records an account there can be linked to. */
  async seatedPeople(networkId: number) {
    return this.db
      .selectDistinct({ id: people.id, name: people.name, userId: people.userId })
      .from(people)
      .innerJoin(bodyMembers, eq(bodyMembers.personId, people.id))
      .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
      .where(eq(bodies.networkId, networkId))
      .orderBy(asc(people.name));
  }

  /** The person record linked to the account, if any. */
  async personOf(userId: number): Promise<number | null> {
    const [row] = await this.db.select({ id: people.id }).from(people).where(eq(people.userId, userId));
    return row?.id ?? null;
  }

  async linkPerson(userId: number, personId: number | null) {
    await this.db.update(people).set({ userId: null }).where(eq(people.userId, userId));
    if (personId !== null) await this.db.update(people).set({ userId }).where(eq(people.id, personId));
  }
}
