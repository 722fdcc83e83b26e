import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import type { OrganisationResource } from "../../../platform/access/authorize.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import { audited } from "../../../platform/audit/audited.ts";
import { consumeToken, inspectToken, issueToken } from "../../../platform/auth/tokens.ts";
import type { Db, DbOrTx } from "../../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { idList, optionalId, toFieldErrors } from "../../../platform/http/validation.ts";
import { i18nFor, type Translate } from "../../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../../platform/mail/mail.ts";
import type { OrganisationReads } from "../../directory/index.ts";
import type { NetworkRepo } from "../networks.repo.ts";
import { ACCESS_ROLES, type AccessRole } from "../schema.ts";
import { AccessRepo, type LinkReach } from "./access.repo.ts";

/** What a secretariat gives an account in its network: a role, organisations to act for, a person record. */
export const accessInput = z.object({
  role: z.enum(ACCESS_ROLES, "errors.choice"),
  organisationIds: idList,
  personId: optionalId,
});
export type AccessGrant = { role: AccessRole; organisationIds: number[]; personId: number | null };

/** How long the link asking a person to confirm an account link works. */
export const PERSON_LINK_DAYS = 7;

/**
 * Who decides a person link, and what they know: an administrator links at once; a secretariat
 * links on its own only within its network. `confirmedEmail` is an address the account holder has
 * shown they read (an invitation link sent there was used): when it is the person's own, the person
 * has confirmed.
 */
export interface LinkContext {
  decider: Pick<Actor, "isAdmin" | "userId" | "label">;
  confirmedEmail?: string | undefined;
  t?: Translate | undefined;
  /** Leave the person link as it is (a request for it is already waiting). */
  keepLink?: boolean;
}

/** What a grant does to the account's person link (decision 0018). */
type LinkStep =
  | { kind: "none" }
  | { kind: "unlink" }
  | { kind: "direct"; personId: number; reach: LinkReach }
  | { kind: "ask"; person: { id: number; name: string; email: string } };

export type LinkRequestState =
  | {
      ok: true;
      request: NonNullable<Awaited<ReturnType<AccessRepo["linkRequest"]>>>;
    }
  | { ok: false; reason: "unknown" | "expired" | "used" | "withdrawn" | "changed" };

const sameAddress = (a: string | undefined, b: string) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Commands on who may act in a network. Every change is audited in its transaction. */
export class AccessService {
  readonly repo: AccessRepo;

  constructor(
    private readonly db: Db,
    private readonly networks: NetworkRepo,
    private readonly organisations: OrganisationReads,
    private readonly mail?: { delivery: MailDelivery; baseUrl: string },
  ) {
    this.repo = new AccessRepo(db);
  }

  /** Everyone with access to the network: role, organisations represented, linked person. */
  peopleWithAccess(networkId: number) {
    return this.repo.peopleWithAccess(networkId);
  }

  /** The person links waiting for the person's confirmation in this network. */
  openLinkRequests(networkId: number) {
    return this.repo.openLinkRequests(networkId);
  }

  /** A network's name, for mail that says which network it is about. */
  async networkName(id: number): Promise<string | undefined> {
    return (await this.networks.byId(id))?.name;
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
  /** A network's member organisations, as access sees them. */
  memberOrganisations(networkId: number) {
    return this.repo.memberOrganisations(networkId);
  }
  /** Every grant an account holds, for its own data page. */
  allOf(userId: number) {
    return this.repo.allOf(userId);
  }
  /** Takes every grant from an account, in the caller's transaction (the account is being deleted). */
  removeAllOf(tx: DbOrTx, userId: number) {
    return this.repo.with(tx).removeAllOf(userId);
  }
  /** Several accounts' grants, by account, read through the caller's transaction. */
  grantsOfEach(db: DbOrTx, userIds: readonly number[]) {
    return this.repo.with(db).grantsOfEach(userIds);
  }

  /** The choices a grant in this network can make (read through the caller's transaction when given). */
  async options(networkId: number, db: DbOrTx = this.db) {
    const repo = this.repo.with(db);
    const [organisations, people] = await Promise.all([repo.memberOrganisations(networkId), repo.seatedPeople(networkId)]);
    return { organisations, people };
  }

  /**
   * A grant may only name the network's own member organisations, and only link a person seated in
   * one of its bodies: a secretariat never reaches into another network. Answers the field errors,
   * and what the grant would do to the account's person link.
   */
  async check(
    networkId: number,
    grant: AccessGrant,
    userId: number | null,
    context: LinkContext,
    db: DbOrTx = this.db,
  ): Promise<{ errors: FieldError[]; step: LinkStep }> {
    const { organisations, people } = await this.options(networkId, db);
    const errors: FieldError[] = [];
    const members = new Set(organisations.map((o) => o.id));
    if (grant.organisationIds.some((id) => !members.has(id)))
      errors.push({ field: "organisationIds", key: "errors.notNetworkMember" });
    if (context.keepLink) return { errors, step: { kind: "none" } };
    const link = userId === null ? undefined : await this.repo.with(db).linkOf(userId);
    const current = link?.personId ?? null;
    // The same person again: nothing changes, unless the link does not reach this network yet (it was
    // made elsewhere, or before links were confirmed), when it is decided again as a new one.
    const same = grant.personId === current;
    const reachesHere = !link || link.confirmedAt !== null || link.networkId === networkId;
    if (same && (reachesHere || !people.some((p) => p.id === current))) return { errors, step: { kind: "none" } };

    // The account's present link may be let go only where it reaches no further than this network.
    if (link && !same && !context.decider.isAdmin && link.networkId !== networkId) {
      const others = (await this.networks.with(db).networkIdsOfPerson(link.personId, link.organisationId)).filter(
        (id) => id !== networkId,
      );
      if (others.length) {
        errors.push({ field: "personId", key: "errors.personLinkElsewhere" });
        return { errors, step: { kind: "none" } };
      }
    }
    if (grant.personId === null) return { errors, step: { kind: "unlink" } };

    const wanted = people.find((p) => p.id === grant.personId);
    if (!wanted) {
      errors.push({ field: "personId", key: "errors.personNotAvailable" });
      return { errors, step: { kind: "none" } };
    }
    // An administrator's link, or one the person confirmed by using a link sent to their own address, counts everywhere.
    if (context.decider.isAdmin || sameAddress(context.confirmedEmail, wanted.email))
      return { errors, step: { kind: "direct", personId: wanted.id, reach: { confirmed: true } } };
    // A person of this network alone, linked to no other account: the secretariat's link counts here only.
    const linkedToOther = wanted.userId !== null && wanted.userId !== userId;
    if (!wanted.elsewhere && !linkedToOther)
      return { errors, step: { kind: "direct", personId: wanted.id, reach: { networkId } } };
    // Anyone else must confirm it themselves, by e-mail; without an address only an administrator can link them.
    if (!wanted.email) {
      errors.push({ field: "personId", key: "errors.personLinkNeedsAdmin" });
      return { errors, step: { kind: "none" } };
    }
    return { errors, step: { kind: "ask", person: { id: wanted.id, name: wanted.name, email: wanted.email } } };
  }

  async get(networkId: number, userId: number) {
    const found = await this.repo.access(networkId, userId);
    if (!found) throw new NotFoundError();
    const [pending] = await this.repo.openLinkRequests(networkId, userId);
    return { ...found, pendingLink: pending ?? null };
  }

  /** Changes a grant; answers whether the person was asked to confirm a link. */
  async update(
    actor: Actor,
    networkId: number,
    userId: number,
    input: unknown,
    t?: Translate,
  ): Promise<Result<{ asked: boolean }>> {
    const current = await this.get(networkId, userId);
    const parsed = accessInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    // Choosing again the person already asked leaves the request waiting; it is sent again only once expired.
    const grant = parsed.data;
    const keepsRequest =
      current.pendingLink !== null &&
      grant.personId === current.pendingLink.personId &&
      current.pendingLink.expiresAt > new Date();
    const checked = await this.check(networkId, grant, userId, { decider: actor, keepLink: keepsRequest });
    if (checked.errors.length) return invalid(checked.errors);
    if (actor.userId === userId && current.role === "secretariat" && grant.role !== "secretariat" && !actor.isAdmin)
      return invalid([{ field: "role", key: "errors.ownSecretariatRole" }]);
    const done = await this.db.transaction(async (tx) => {
      if (current.pendingLink && !keepsRequest) await this.closeRequest(tx, actor, current.pendingLink.id, "replaced");
      return this.apply(tx, actor, networkId, userId, grant, current, { decider: actor, t, keepLink: keepsRequest });
    });
    if (done.asked) void this.mail?.delivery.deliverDue().catch(() => undefined);
    return ok(done);
  }

  /**
   * Writes a grant inside the caller's transaction (also used when an invitation is accepted). The
   * person link follows the rules of `check`, decided again here, inside the transaction.
   */
  async apply(
    tx: DbOrTx,
    actor: Actor,
    networkId: number,
    userId: number,
    grant: AccessGrant,
    before: { role: AccessRole; organisationIds: number[]; personId: number | null } | undefined,
    context: LinkContext,
  ): Promise<{ asked: boolean }> {
    const repo = this.repo.with(tx);
    await repo.setAccess(networkId, userId, grant.role, grant.organisationIds);
    const { errors, step } = await this.check(networkId, grant, userId, context, tx);
    let linked = (await repo.linkOf(userId))?.personId ?? null;
    let requested: number | undefined;
    if (!errors.length && step.kind === "unlink") {
      await repo.linkPerson(userId, null, null);
      linked = null;
    } else if (!errors.length && step.kind === "direct") {
      await repo.linkPerson(userId, step.personId, step.reach);
      linked = step.personId;
    } else if (!errors.length && step.kind === "ask") {
      requested = await this.ask(tx, actor, networkId, userId, step.person, context);
    }
    await recordAudit(tx, actor, {
      action: before ? "update" : "create",
      entity: "network_access",
      entityId: `${networkId}:${userId}`,
      before: before ? { role: before.role, organisationIds: before.organisationIds, personId: before.personId } : undefined,
      after: {
        role: grant.role,
        organisationIds: grant.organisationIds,
        personId: linked,
        ...(step.kind === "direct" && !errors.length
          ? { personLink: "confirmed" in step.reach ? "confirmed" : "this network only" }
          : {}),
        ...(requested ? { personLinkRequest: requested, awaitingConfirmationFrom: grant.personId } : {}),
      },
    });
    return { asked: requested !== undefined };
  }

  /** Asks the person, by e-mail, to confirm that the account is theirs. */
  private async ask(
    tx: DbOrTx,
    actor: Actor,
    networkId: number,
    userId: number,
    person: { id: number; name: string; email: string },
    context: LinkContext,
  ): Promise<number> {
    const repo = this.repo.with(tx);
    const request = await repo.insertLinkRequest({
      personId: person.id,
      userId,
      networkId,
      requestedById: context.decider.userId,
      email: person.email,
      expiresAt: new Date(Date.now() + PERSON_LINK_DAYS * 24 * 3600_000),
    });
    const token = await issueToken(tx, "person_link", userId, PERSON_LINK_DAYS * 24 * 3600_000, String(request.id));
    const details = await repo.linkRequest(request.id);
    const t = context.t ?? i18nFor("nb").t;
    await queueMail(tx, {
      to: person.email,
      subject: t("mail.personLink.subject", { network: details!.networkName }),
      body: t("mail.personLink.body", {
        name: person.name,
        network: details!.networkName,
        requester: context.decider.label,
        account: details!.accountName || details!.accountEmail,
        accountEmail: details!.accountEmail,
        link: `${this.mail?.baseUrl ?? ""}/person-link/${token}`,
        days: PERSON_LINK_DAYS,
      }),
    });
    await recordAudit(tx, actor, {
      action: "create",
      entity: "person_link_request",
      entityId: request.id,
      after: { networkId, userId, personId: person.id, sentTo: person.email, requestedBy: context.decider.label },
    });
    return request.id;
  }

  private async closeRequest(tx: DbOrTx, actor: Actor, id: number, why: "withdrawn" | "replaced" | "access removed") {
    const closed = await this.repo.with(tx).closeLinkRequests([id]);
    if (closed.length)
      await recordAudit(tx, actor, { action: "update", entity: "person_link_request", entityId: id, after: { closed: why } });
  }

  /** The secretariat withdraws a request in its network; its link stops working. */
  async withdrawLinkRequest(actor: Actor, networkId: number, id: number): Promise<void> {
    const found = await this.repo.linkRequest(id);
    if (!found || found.request.networkId !== networkId || found.request.closedAt || found.request.confirmedAt)
      throw new NotFoundError();
    await this.db.transaction((tx) => this.closeRequest(tx, actor, id, "withdrawn"));
  }

  /** What a confirmation link is worth now, with what its page shows, without using it. */
  async linkRequestState(token: string, db: DbOrTx = this.db): Promise<LinkRequestState> {
    const state = await inspectToken(db, "person_link", token);
    if (!state.ok) return state;
    const request = await this.repo.with(db).linkRequest(Number(state.payload));
    if (!request || request.request.confirmedAt) return { ok: false, reason: "used" };
    if (request.request.closedAt || request.accountDeletedAt) return { ok: false, reason: "withdrawn" };
    // The person's address changed since: the link went to an address that no longer speaks for them.
    if (!sameAddress(request.request.email, request.personEmail)) return { ok: false, reason: "changed" };
    return { ok: true, request };
  }

  /**
   * The person confirms that the account is theirs: the account is linked to the person record, and
   * the link counts wherever the person sits. Uses up the link, once.
   */
  async confirmLink(token: string): Promise<LinkRequestState> {
    return this.db.transaction(async (tx) => {
      const state = await this.linkRequestState(token, tx);
      if (!state.ok) return state;
      const used = await consumeToken(tx, "person_link", token);
      if (!used.ok) return used;
      const { request } = state;
      const repo = this.repo.with(tx);
      if (!(await repo.confirmLinkRequest(request.request.id))) return { ok: false as const, reason: "used" as const };
      const { personId, userId, networkId } = request.request;
      const before = await repo.person(personId);
      await repo.linkPerson(userId, personId, { confirmed: true });
      const actor: Actor = { userId: null, label: `${request.personName} (e-mail link)`, isAdmin: false };
      await recordAudit(tx, actor, {
        action: "update",
        entity: "person_link_request",
        entityId: request.request.id,
        before: { personUserId: before?.userId ?? null },
        after: { confirmed: true, networkId, userId, personId },
      });
      const settled = await repo.closeLinkRequests(await repo.sameLinkRequests(personId, userId, request.request.id));
      for (const s of settled)
        await recordAudit(tx, actor, {
          action: "update",
          entity: "person_link_request",
          entityId: s.id,
          after: { closed: `confirmed through request ${request.request.id}` },
        });
      return state;
    });
  }

  async remove(actor: Actor, networkId: number, userId: number): Promise<Result<true>> {
    const current = await this.get(networkId, userId);
    if (actor.userId === userId && !actor.isAdmin) return invalid([{ field: "role", key: "errors.ownSecretariatRole" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).removeAccess(networkId, userId);
      if (current.pendingLink) await this.closeRequest(tx, actor, current.pendingLink.id, "access removed");
      await audit({
        action: "delete",
        entity: "network_access",
        entityId: `${networkId}:${userId}`,
        before: { role: current.role, organisationIds: current.organisationIds, personId: current.personId },
      });
    });
    return ok(true);
  }
}
