import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { actsForOrganisation } from "../../../platform/access/authorize.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalText, requiredId, toFieldErrors } from "../../../platform/http/validation.ts";
import { osloToday, type Translate } from "../../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../../platform/mail/mail.ts";
import type { OrganisationReads, PeopleReads } from "../../directory/index.ts";
import type { AccessService } from "../../networks/index.ts";
import type { ProjectRepo } from "../projects.repo.ts";
import { JoinRepo } from "./join.repo.ts";

export const joinInput = z.object({
  organisationId: requiredId,
  role: z.enum(["participant", "interested"], "errors.choice").default("participant"),
  note: optionalText(1000),
});
export const decisionInput = z.object({
  decision: z.enum(["accept", "decline"], "errors.choice"),
  reason: optionalText(1000),
});

/** "We want to take part": requests from organisations, decided by those who run the project, each told by e-mail. */
export class JoinService {
  private readonly joinRepo: JoinRepo;

  constructor(
    private readonly db: Db,
    private readonly repo: ProjectRepo,
    private readonly organisations: OrganisationReads,
    private readonly people: PeopleReads,
    private readonly access: AccessService,
    /** Where links in e-mail point, and the delivery to wake after a change that sends mail. */
    private readonly mail: { baseUrl: string; delivery: MailDelivery },
  ) {
    this.joinRepo = new JoinRepo(db);
  }

  /** Requests to take part in the project, newest first, with their decisions. */
  joinRequests(id: number) {
    return this.joinRepo.joinRequestsOf(id);
  }

  /** A page of the requests to take part, with how many there are. */
  joinRequestsPage(id: number, page: Page) {
    return this.joinRepo.joinRequestsPage(id, page);
  }

  /**
   * An organisation asks to join: recorded, and those who run the project (its lead's
   * representatives, the secretariat, the contact person) are told by e-mail in the same transaction.
   */
  async requestToJoin(actor: Actor, id: number, input: unknown, t: Translate): Promise<Result<number>> {
    const detail = await this.repo.detail(id);
    if (!detail) throw new NotFoundError();
    const parsed = joinInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { organisationId } = parsed.data;
    const org = await this.organisations.byId(organisationId);
    if (!org || org.endedOn) return invalid([{ field: "organisationId", key: "errors.notAnOrganisation" }]);
    if (!actsForOrganisation(actor, await this.access.organisationResource(org.id)))
      return invalid([{ field: "organisationId", key: "errors.notYourOrganisation" }]);
    const [participants, requests] = await Promise.all([this.repo.participantsOf([id]), this.joinRepo.joinRequestsOf(id)]);
    if (participants.some((p) => p.organisationId === org.id))
      return invalid([{ field: "organisationId", key: "errors.alreadyParticipant" }]);
    if (requests.some((r) => r.request.organisationId === org.id && r.request.state === "pending"))
      return invalid([{ field: "organisationId", key: "errors.alreadyRequested" }]);
    const leads = participants.filter((p) => p.role === "lead").map((p) => p.organisationId);
    const runners = await this.access.actingIn(detail.project.networkId, [
      ...leads,
      ...(detail.project.ownerOrganisationId ? [detail.project.ownerOrganisationId] : []),
    ]);
    const contact = detail.project.contactPersonId ? (await this.people.byIds([detail.project.contactPersonId]))[0] : undefined;
    const recipients = new Set([...runners.map((r) => r.email), ...(contact?.email ? [contact.email] : [])]);
    const requestId = await audited(this.db, actor, async (tx, audit) => {
      const request = await this.joinRepo.with(tx).insertJoinRequest({
        projectId: id,
        ...parsed.data,
        requestedById: actor.userId,
        requestedByLabel: actor.label,
      });
      await audit({
        action: "create",
        entity: "join_request",
        entityId: request.id,
        after: request,
      });
      for (const to of recipients)
        await queueMail(tx, {
          to,
          subject: t("mail.joinRequest.subject", {
            organisation: org.name,
            project: detail.project.title,
          }),
          body: t("mail.joinRequest.body", {
            organisation: org.name,
            project: detail.project.title,
            who: actor.label,
            note: parsed.data.note || "–",
            link: `${this.mail.baseUrl}/projects/${id}#join-heading`,
          }),
        });
      return request.id;
    });
    void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok(requestId);
  }

  /** The lead accepts (the organisation joins in the role it asked for) or declines; the asker is told. */
  async decideJoin(actor: Actor, id: number, requestId: number, input: unknown, t: Translate): Promise<Result<true>> {
    const detail = await this.repo.detail(id);
    if (!detail) throw new NotFoundError();
    const found = (await this.joinRepo.joinRequestsOf(id)).find((r) => r.request.id === requestId);
    if (!found) throw new NotFoundError();
    const parsed = decisionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { decision, reason } = parsed.data;
    const decided = await audited(this.db, actor, async (tx, audit) => {
      const row = await this.joinRepo.with(tx).decideJoinRequest(id, requestId, {
        state: decision === "accept" ? "accepted" : "declined",
        reason,
        decidedById: actor.userId,
        decidedByLabel: actor.label,
        decidedAt: new Date(),
      });
      if (!row) return false;
      if (decision === "accept")
        await this.repo.with(tx).upsertParticipant({
          projectId: id,
          organisationId: row.organisationId,
          role: row.role,
          fromDate: osloToday(),
        });
      await audit({
        action: "update",
        entity: "join_request",
        entityId: requestId,
        before: { state: "pending" },
        after: { state: row.state, reason },
      });
      if (found.requesterEmail)
        await queueMail(tx, {
          to: found.requesterEmail,
          subject: t(decision === "accept" ? "mail.joinAccepted.subject" : "mail.joinDeclined.subject", {
            project: detail.project.title,
          }),
          body: t(decision === "accept" ? "mail.joinAccepted.body" : "mail.joinDeclined.body", {
            organisation: found.organisationName,
            project: detail.project.title,
            who: actor.label,
            reason: reason || "–",
            link: `${this.mail.baseUrl}/projects/${id}`,
          }),
        });
      return true;
    });
    if (!decided) return invalid([{ field: "decision", key: "errors.alreadyDecided" }]);
    void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok(true);
  }
}
