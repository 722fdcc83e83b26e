import { z } from "zod";
import type { OrganisationResource } from "../../platform/access/authorize.ts";
import { type Actor, recordAudit } from "../../platform/audit/audit.ts";
import type { Db, DbOrTx } from "../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { idList, optionalId, toFieldErrors } from "../../platform/http/validation.ts";
import type { OrganisationRepo } from "../directory/organisations.repo.ts";
import { AccessRepo } from "./access.repo.ts";
import type { NetworkRepo } from "./networks.repo.ts";
import { ACCESS_ROLES, type AccessRole } from "./schema.ts";

/** What a secretariat gives an account in its network: a role, organisations to act for, a person record. */
export const accessInput = z.object({
  role: z.enum(ACCESS_ROLES, "errors.choice"),
  organisationIds: idList,
  personId: optionalId,
});
export type AccessGrant = { role: AccessRole; organisationIds: number[]; personId: number | null };

/** Commands on who may act in a network. Every change is audited in its transaction. */
export class AccessService {
  readonly repo: AccessRepo;

  constructor(
    private readonly db: Db,
    private readonly networks: NetworkRepo,
    private readonly organisations: OrganisationRepo,
  ) {
    this.repo = new AccessRepo(db);
  }

  /** An organisation as the rules see it: with the networks it is a member of today. */
  async organisationResource(organisationId: number): Promise<OrganisationResource> {
    const memberships = await this.networks.membershipsOf(organisationId);
    return { organisationId, networkIds: memberships.filter((m) => !m.toDate).map((m) => m.networkId) };
  }

  /**
   * The organisations an account acts for, to choose from in forms: those it represents, and every
   * member of the networks it runs. Administrators act for every organisation.
   */
  async organisationsActingFor(actor: Actor): Promise<{ id: number; name: string }[]> {
    if (actor.isAdmin) return this.organisations.options();
    const ids = new Set(Object.values(actor.networks ?? {}).flatMap((g) => g.organisationIds));
    for (const [networkId, grant] of Object.entries(actor.networks ?? {}))
      if (grant.role === "secretariat") for (const o of await this.repo.memberOrganisations(Number(networkId))) ids.add(o.id);
    const all = await this.organisations.options();
    return all.filter((o) => ids.has(o.id));
  }

  /** Accounts that can act on a project in this network: its secretariat and the representatives of these organisations. */
  async actingIn(networkId: number, organisationIds: readonly number[]) {
    const people = await this.repo.peopleWithAccess(networkId);
    return people.filter(
      (p) => p.role === "secretariat" || p.organisations.some((o) => organisationIds.includes(o.organisationId)),
    );
  }

  grantsFor(userId: number) {
    return this.repo.grantsFor(userId);
  }

  /** The choices a grant in this network can make (read through the caller's transaction when given). */
  async options(networkId: number, repo: AccessRepo = this.repo) {
    const [organisations, people] = await Promise.all([repo.memberOrganisations(networkId), repo.seatedPeople(networkId)]);
    return { organisations, people };
  }

  /**
   * A grant may only name the network's own member organisations, and only link a person seated in
   * one of its bodies who has no other account: a secretariat never reaches into another network.
   */
  async check(
    networkId: number,
    grant: AccessGrant,
    userId: number | null,
    currentPersonId: number | null,
    repo: AccessRepo = this.repo,
  ): Promise<FieldError[]> {
    const { organisations, people } = await this.options(networkId, repo);
    const errors: FieldError[] = [];
    const members = new Set(organisations.map((o) => o.id));
    if (grant.organisationIds.some((id) => !members.has(id)))
      errors.push({ field: "organisationIds", key: "errors.notNetworkMember" });
    if (grant.personId !== currentPersonId) {
      const seated = new Map(people.map((p) => [p.id, p]));
      const wanted = grant.personId === null ? undefined : seated.get(grant.personId);
      const leaving = currentPersonId === null || seated.has(currentPersonId);
      if ((grant.personId !== null && (!wanted || (wanted.userId !== null && wanted.userId !== userId))) || !leaving)
        errors.push({ field: "personId", key: "errors.personNotAvailable" });
    }
    return errors;
  }

  async get(networkId: number, userId: number) {
    const found = await this.repo.access(networkId, userId);
    if (!found) throw new NotFoundError();
    return found;
  }

  async update(actor: Actor, networkId: number, userId: number, input: unknown): Promise<Result<true>> {
    const current = await this.get(networkId, userId);
    const parsed = accessInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const errors = await this.check(networkId, parsed.data, userId, current.personId);
    if (errors.length) return invalid(errors);
    if (actor.userId === userId && current.role === "secretariat" && parsed.data.role !== "secretariat" && !actor.isAdmin)
      return invalid([{ field: "role", key: "errors.ownSecretariatRole" }]);
    await this.db.transaction(async (tx) => {
      await this.apply(tx, actor, networkId, userId, parsed.data, current);
    });
    return ok(true);
  }

  /** Writes a grant inside the caller's transaction (also used when an invitation is accepted). */
  async apply(
    tx: DbOrTx,
    actor: Actor,
    networkId: number,
    userId: number,
    grant: AccessGrant,
    before?: { role: AccessRole; organisationIds: number[]; personId: number | null },
    /** The person record linked now, when there is no access yet to read it from. */
    linkedNow: number | null = before?.personId ?? null,
  ): Promise<void> {
    const repo = this.repo.with(tx);
    await repo.setAccess(networkId, userId, grant.role, grant.organisationIds);
    if (grant.personId !== linkedNow) await repo.linkPerson(userId, grant.personId);
    await recordAudit(tx, actor, {
      action: before ? "update" : "create",
      entity: "network_access",
      entityId: `${networkId}:${userId}`,
      before: before ? { role: before.role, organisationIds: before.organisationIds, personId: before.personId } : undefined,
      after: grant,
    });
  }

  async remove(actor: Actor, networkId: number, userId: number): Promise<Result<true>> {
    const current = await this.get(networkId, userId);
    if (actor.userId === userId && !actor.isAdmin) return invalid([{ field: "role", key: "errors.ownSecretariatRole" }]);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).removeAccess(networkId, userId);
      await recordAudit(tx, actor, {
        action: "delete",
        entity: "network_access",
        entityId: `${networkId}:${userId}`,
        before: { role: current.role, organisationIds: current.organisationIds, personId: current.personId },
      });
    });
    return ok(true);
  }
}
