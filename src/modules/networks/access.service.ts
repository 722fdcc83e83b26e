import { z } from "zod";
import { type Actor, recordAudit } from "../../platform/audit/audit.ts";
import type { Db, DbOrTx } from "../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { idList, optionalId, toFieldErrors } from "../../platform/http/validation.ts";
import { AccessRepo } from "./access.repo.ts";
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

  constructor(private readonly db: Db) {
    this.repo = new AccessRepo(db);
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
