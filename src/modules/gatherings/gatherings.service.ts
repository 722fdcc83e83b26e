import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isNetworkMember, isSecretariat } from "../../platform/access/authorize.ts";
import { canSee, type Restricted, VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import { publishEvent } from "../../platform/activity/activity.ts";
import { audited, createAudited, updateAudited } from "../../platform/audit/audited.ts";
import { hashToken } from "../../platform/auth/tokens.ts";
import { type Db, isUniqueViolation, type Tx } from "../../platform/db/client.ts";
import type { Page } from "../../platform/db/paging.ts";
import { type ErrorLog, every } from "../../platform/every.ts";
import { readFile, removeTitledFile, storeTitledFile } from "../../platform/files/files.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { toICalendar } from "../../platform/http/icalendar.ts";
import {
  checkbox,
  emptyToNull,
  idList,
  linkInput,
  optionalDate,
  optionalId,
  optionalText,
  requiredDate,
  requiredText,
  timeOfDay,
  toFieldErrors,
  webAddress,
  wholeNumber,
} from "../../platform/http/validation.ts";
import { i18nFor, type Locale, osloInstant, osloParts } from "../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../platform/mail/mail.ts";
import type { OrganisationReads } from "../directory/index.ts";
import type { SubjectService } from "../subjects/index.ts";
import { gatheringEvents } from "./calendar.ts";
import {
  type Gathering,
  type GatheringFilter,
  type GatheringQuestion,
  GatheringRepo,
  type Registration,
} from "./gatherings.repo.ts";
import { AUDIENCES, GATHERING_KINDS, LEADER_ROLES } from "./schema.ts";

const optionalTime = z.preprocess(emptyToNull, timeOfDay.nullable().default(null));

/** A gathering as the organiser writes it; times are Norway's, as people read them. */
export const gatheringInput = z
  .object({
    kind: z.enum(GATHERING_KINDS, "errors.choice"),
    title: requiredText(200),
    description: optionalText(10_000),
    audience: z.enum(AUDIENCES, "errors.choice").default("everyone"),
    /** The subject network it is for: listed there too; with the audience "subject_network", only its people register. */
    subjectNetworkId: optionalId,
    /** Other networks invited to hold it together with the organising one. */
    invitedNetworkIds: idList,
    visibility: z.enum(VISIBILITY_VALUES.filter((v) => v !== "body") as ["public", "network"], "errors.choice").default("public"),
    place: optionalText(300),
    videoUrl: webAddress,
    startsDate: requiredDate,
    startsTime: timeOfDay,
    endsDate: requiredDate,
    endsTime: timeOfDay,
    capacity: z.preprocess(emptyToNull, wholeNumber(1, 100_000).nullable().default(null)),
    closesDate: optionalDate,
    closesTime: optionalTime,
    personalDataDays: z.preprocess((v) => (v === "" || v === undefined ? 90 : v), wholeNumber(1, 3650)),
    report: optionalText(10_000),
  })
  .transform((g) => ({
    ...g,
    startsAt: osloInstant(g.startsDate, g.startsTime),
    endsAt: osloInstant(g.endsDate, g.endsTime),
    registrationClosesAt: deadlineOf(g),
  }))
  .refine((g) => g.invitedNetworkIds.length === 0 || g.visibility === "public", {
    path: ["invitedNetworkIds"],
    message: "errors.hostedMustBePublic",
  })
  .refine((g) => g.audience !== "subject_network" || g.subjectNetworkId !== null, {
    path: ["subjectNetworkId"],
    message: "errors.required",
  })
  .refine((g) => g.closesDate !== null || g.closesTime === null, { path: ["closesDate"], message: "errors.required" })
  .refine((g) => g.endsAt > g.startsAt, { path: ["endsDate"], message: "errors.endsBeforeStarts" })
  .refine((g) => !g.registrationClosesAt || g.registrationClosesAt <= g.startsAt, {
    path: ["closesDate"],
    message: "errors.registrationClosesAfterStart",
  });

/** A deadline's date alone closes at the end of that day, or when the gathering starts if that is sooner. */
function deadlineOf(g: { closesDate: string | null; closesTime: string | null; startsDate: string; startsTime: string }) {
  if (!g.closesDate) return null;
  const closes = osloInstant(g.closesDate, g.closesTime ?? "23:59");
  const starts = osloInstant(g.startsDate, g.startsTime);
  return g.closesTime === null && closes > starts ? starts : closes;
}

/** The form's fields of a stored gathering, in Norway's time. */
export function gatheringFormValues(g: Gathering): Record<string, unknown> {
  const starts = osloParts(g.startsAt);
  const ends = osloParts(g.endsAt);
  const closes = g.registrationClosesAt ? osloParts(g.registrationClosesAt) : null;
  return {
    ...g,
    startsDate: starts.date,
    startsTime: starts.time,
    endsDate: ends.date,
    endsTime: ends.time,
    closesDate: closes?.date ?? "",
    closesTime: closes?.time ?? "",
    capacity: g.capacity ?? "",
  };
}

export const sessionInput = z
  .object({
    date: requiredDate,
    time: timeOfDay,
    title: requiredText(300),
    speakers: optionalText(500),
    room: optionalText(100),
  })
  .transform((s) => ({ startsAt: osloInstant(s.date, s.time), title: s.title, speakers: s.speakers, room: s.room }));

export const questionInput = z.object({ text: requiredText(300), required: checkbox });

/** The answers to the organiser's questions, from the fields "q<id>": a required one must be answered. */
export function answersOf(questions: readonly GatheringQuestion[], body: Record<string, unknown>) {
  const answers: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const q of questions) {
    const raw = body[`q${q.id}`];
    const value = typeof raw === "string" ? raw.trim() : "";
    if (!value) {
      if (q.required) errors.push({ field: `q${q.id}`, key: "errors.required" });
    } else if (value.length > 1000) errors.push({ field: `q${q.id}`, key: "errors.tooLong", params: { max: 1000 } });
    else answers[String(q.id)] = value;
  }
  return { answers, errors };
}

/** What a person sends to register. */
export const registrationInput = z
  .object({
    name: requiredText(200),
    email: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.email("errors.email").max(254)),
    organisationId: optionalId,
    organisationName: z.preprocess(emptyToNull, z.string().trim().max(200, "errors.tooLong").nullable().default(null)),
    note: optionalText(1000),
    leaderRole: z.preprocess(emptyToNull, z.enum(LEADER_ROLES, "errors.choice").nullable().default(null)),
  })
  .refine((r) => r.organisationId !== null || r.organisationName !== null, {
    path: ["organisationId"],
    message: "errors.organisationOrName",
  });

/** Where a gathering stands for registration at an instant. */
export type RegistrationState = "open" | "closed" | "over";
export function registrationState(g: Gathering, now = new Date()): RegistrationState {
  if (g.endsAt <= now) return "over";
  const closes = g.registrationClosesAt ?? g.startsAt;
  return closes <= now ? "closed" : "open";
}

/** Whether a new registration would wait: every place is taken, or others wait already. */
export const isFull = (g: Pick<Gathering, "capacity">, counts: { confirmed: number; waiting: number }): boolean =>
  g.capacity !== null && (counts.confirmed >= g.capacity || counts.waiting > 0);

/** A gathering as a link of the access kernel's chain. */
export const restrictedOf = (g: Pick<Gathering, "networkId" | "visibility">): Restricted => ({
  networkId: g.networkId,
  visibility: g.visibility,
});

/** What the gatherings ask of the subject networks module: who takes part in one, which a network holds gatherings for. */
export type SubjectReads = Pick<SubjectService, "takesPart" | "heldBy">;

/**
 * Gatherings (samlingar): a network's conferences, seminars, workshops, webinars and information
 * meetings, their programmes, and registration without an account: a capacity with a waiting list
 * that moves up by itself when someone cancels, a receipt with a link to cancel, and personal data
 * kept only as long as the gathering says.
 */
export class GatheringService {
  readonly repo: GatheringRepo;

  constructor(
    private readonly db: Db,
    readonly organisations: OrganisationReads,
    private readonly subjects: SubjectReads,
    private readonly mail: { delivery: MailDelivery; baseUrl: string },
  ) {
    this.repo = new GatheringRepo(db);
  }

  /**
   * Who registers: anyone (for chief executives and councillors too, who say which they are); for a
   * members' gathering the network's people; for a subject network's, the people who take part in it;
   * by invitation, whoever holds an unused invitation's link. The network's secretariat always may.
   */
  async mayRegister(actor: Actor | null, g: Gathering, invitation?: string): Promise<boolean> {
    if (g.audience === "everyone" || g.audience === "leaders" || isSecretariat(actor, g.networkId)) return true;
    if (g.audience === "invited")
      return (
        invitation !== undefined && invitation.length <= 100 && !!(await this.repo.openInvitation(g.id, hashToken(invitation)))
      );
    if (g.audience === "members") {
      if (isNetworkMember(actor, g.networkId)) return true;
      const hosts = await this.repo.hosts(g.id);
      return hosts.some((h) => isNetworkMember(actor, h.id) || isSecretariat(actor, h.id));
    }
    return g.subjectNetworkId !== null && (await this.subjects.takesPart(actor, g.subjectNetworkId));
  }

  /** The subject networks the network may hold a gathering for, as a form's choices. */
  subjectChoices(networkId: number) {
    return this.subjects.heldBy(networkId);
  }

  /** Co-hosts are other networks that exist. */
  private async hostErrors(networkId: number, hostNetworkIds: readonly number[]): Promise<FieldError[]> {
    if (hostNetworkIds.includes(networkId)) return [{ field: "hostNetworkIds", key: "errors.choice" }];
    const known = new Set(await this.repo.networkIds());
    return hostNetworkIds.every((id) => known.has(id)) ? [] : [{ field: "hostNetworkIds", key: "errors.choice" }];
  }

  /** A subject network chosen for a gathering must be one the network holds gatherings for. */
  private async subjectErrors(networkId: number, subjectNetworkId: number | null): Promise<FieldError[]> {
    if (subjectNetworkId === null) return [];
    const held = await this.subjects.heldBy(networkId);
    return held.some((s) => s.id === subjectNetworkId) ? [] : [{ field: "subjectNetworkId", key: "errors.choice" }];
  }

  /** The gatherings the viewer may see. */
  list(viewer: Actor | null, filter: GatheringFilter) {
    return this.repo.list(viewer, filter);
  }

  /** One page of them, with how many there are in all, for the API. */
  page(viewer: Actor | null, filter: GatheringFilter, page: Page) {
    return this.repo.page(viewer, filter, page);
  }

  /** A gathering the viewer may see, with its network; 404 for one that is not there or not theirs to see. */
  async get(viewer: Actor | null, id: number) {
    const row = await this.repo.byId(id);
    if (!row || !canSee(viewer, restrictedOf(row.gathering))) throw new NotFoundError();
    return { ...row, hosts: await this.repo.hosts(id) };
  }

  /** A gathering as gathering.manage sees it: its organising network and the networks holding it together. */
  async resource(id: number) {
    const row = await this.repo.byId(id);
    if (!row) throw new NotFoundError();
    return { networkId: row.gathering.networkId, hostNetworkIds: (await this.repo.hosts(id)).map((h) => h.id) };
  }

  // Materials afterwards: documents and links, read by whoever may see the gathering.

  /** A gathering's documents and links. */
  async materials(gatheringId: number) {
    const [documents, links] = await Promise.all([this.repo.documents.list(gatheringId), this.repo.links(gatheringId)]);
    return { documents, links };
  }

  addDocument(actor: Actor, gathering: Gathering, input: unknown, maxBytes: number): Promise<Result<number>> {
    return storeTitledFile(this.db, actor, input, maxBytes, {
      entity: "gathering_document",
      insert: (tx, fileId, title) => this.repo.with(tx).documents.insert({ gatheringId: gathering.id, fileId, title }),
    });
  }

  /** A document's file for a reader who may see the gathering; 404 otherwise. */
  async documentFile(viewer: Actor | null, gatheringId: number, documentId: number) {
    await this.get(viewer, gatheringId);
    const doc = await this.repo.documents.find(gatheringId, documentId);
    const file = doc ? await readFile(this.db, doc.fileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  async removeDocument(actor: Actor, gathering: Gathering, documentId: number): Promise<void> {
    const doc = await this.repo.documents.find(gathering.id, documentId);
    if (!doc) throw new NotFoundError();
    await removeTitledFile(this.db, actor, "gathering_document", doc, (tx) => this.repo.with(tx).documents.remove(doc.id));
  }

  async addLink(actor: Actor, gathering: Gathering, input: unknown): Promise<Result<{ id: number }>> {
    const parsed = linkInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "gathering_link", (tx) =>
        this.repo.with(tx).insertLink({ gatheringId: gathering.id, ...parsed.data }),
      ),
    );
  }

  async removeLink(actor: Actor, gathering: Gathering, linkId: number): Promise<void> {
    await audited(this.db, actor, async (tx, audit) => {
      if (!(await this.repo.with(tx).deleteLink(gathering.id, linkId))) throw new NotFoundError();
      await audit({ action: "delete", entity: "gathering_link", entityId: linkId });
    });
  }

  /** The gathering with its programme and how many hold a place and wait. */
  async detail(viewer: Actor | null, id: number) {
    const row = await this.get(viewer, id);
    const [sessions, counts, questions] = await Promise.all([
      this.repo.sessions(id),
      this.repo.counts(id),
      this.repo.questions(id),
    ]);
    return { ...row, sessions, counts, questions };
  }

  async create(actor: Actor, networkId: number, body: unknown): Promise<Result<Gathering>> {
    const parsed = gatheringInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const subjectErrors = [
      ...(await this.subjectErrors(networkId, parsed.data.subjectNetworkId)),
      ...(await this.hostErrors(networkId, parsed.data.invitedNetworkIds)),
    ];
    if (subjectErrors.length) return invalid(subjectErrors);
    return ok(
      await createAudited(this.db, actor, "gathering", async (tx) => {
        const gathering = await this.repo.with(tx).insert({ networkId, ...columnsOf(parsed.data) });
        // Announced where people follow what a gathering is for: its network and its subject network.
        const announced = {
          type: "gathering_announced",
          about: { kind: "gathering", id: gathering.id },
          actorUserId: actor.userId,
        };
        await publishEvent(tx, { kind: "network", id: networkId, ...announced });
        if (gathering.subjectNetworkId)
          await publishEvent(tx, { kind: "subject_network", id: gathering.subjectNetworkId, ...announced });
        return gathering;
      }),
    );
  }

  async update(actor: Actor, existing: Gathering, body: unknown): Promise<Result<Gathering>> {
    const parsed = gatheringInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    // A subject network chosen before stays allowed even if the network has since stopped owning it.
    const choiceErrors = [
      ...(parsed.data.subjectNetworkId === existing.subjectNetworkId
        ? []
        : await this.subjectErrors(existing.networkId, parsed.data.subjectNetworkId)),
      ...(await this.hostErrors(existing.networkId, parsed.data.invitedNetworkIds)),
    ];
    if (choiceErrors.length) return invalid(choiceErrors);
    const changes = columnsOf(parsed.data);
    const sessions = await this.repo.sessions(existing.id);
    if (sessions.some((x) => x.startsAt < changes.startsAt || x.startsAt >= changes.endsAt))
      return invalid([{ field: "startsDate", key: "errors.programmeOutside" }]);
    try {
      const saved = await updateAudited(this.db, actor, "gathering", existing, changes, async (tx) => {
        const repo = this.repo.with(tx);
        // Counted under the lock registrations take, so no place is given while the capacity shrinks.
        await repo.lock(existing.id);
        const { confirmed } = await repo.counts(existing.id);
        if (changes.capacity !== null && changes.capacity < confirmed) throw new CapacityBelowConfirmed(confirmed);
        const updated = await repo.update(existing.id, changes);
        const moved =
          updated.startsAt.getTime() !== existing.startsAt.getTime() ||
          updated.endsAt.getTime() !== existing.endsAt.getTime() ||
          updated.place !== existing.place;
        if (moved)
          await publishEvent(tx, {
            kind: "gathering",
            id: existing.id,
            type: "changed",
            data: { startsAt: updated.startsAt.toISOString() },
            actorUserId: actor.userId,
          });
        // A larger capacity (or none) gives places to those waiting, in their order.
        await this.moveUp(tx, updated);
        return updated;
      });
      return ok(saved);
    } catch (error) {
      if (error instanceof CapacityBelowConfirmed)
        return invalid([{ field: "capacity", key: "errors.capacityBelowConfirmed", params: { n: error.confirmed } }]);
      throw error;
    }
  }

  /** Public gatherings that invite the network to hold them together, not yet accepted. */
  invitationsTo(networkId: number) {
    return this.repo.invitationsTo(networkId, new Date());
  }

  /** The invited network's secretariat accepts (the route has checked it runs the network); only an invitation there is. */
  async acceptHosting(actor: Actor, gatheringId: number, networkId: number): Promise<void> {
    const row = await this.repo.byId(gatheringId);
    if (!row?.gathering.invitedNetworkIds.includes(networkId) || row.gathering.visibility !== "public") throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).accept(gatheringId, networkId);
      await audit({ action: "create", entity: "gathering_host", entityId: `${gatheringId}:${networkId}` });
    });
  }

  /** The network stops holding it together, or declines before it accepted. */
  async withdrawHosting(actor: Actor, gatheringId: number, networkId: number): Promise<void> {
    await audited(this.db, actor, async (tx, audit) => {
      if (await this.repo.with(tx).withdraw(gatheringId, networkId))
        await audit({ action: "delete", entity: "gathering_host", entityId: `${gatheringId}:${networkId}` });
    });
  }

  async addSession(actor: Actor, gathering: Gathering, body: unknown): Promise<Result<{ id: number }>> {
    const parsed = sessionInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (gathering.startsAt <= new Date()) return invalid([{ field: "_", key: "errors.gatheringStarted" }]);
    if (parsed.data.startsAt < gathering.startsAt || parsed.data.startsAt >= gathering.endsAt)
      return invalid([{ field: "time", key: "errors.sessionOutside" }]);
    return ok(
      await createAudited(this.db, actor, "gathering_session", async (tx) => {
        const repo = this.repo.with(tx);
        const session = await repo.insertSession({ gatheringId: gathering.id, ...parsed.data });
        // A new item ends the one before it sooner: the gathering is stamped, so its calendar entries rise.
        await repo.update(gathering.id, {});
        return session;
      }),
    );
  }

  async removeSession(actor: Actor, gathering: Gathering, sessionId: number): Promise<void> {
    if (gathering.startsAt <= new Date()) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      if (!(await repo.deleteSession(gathering.id, sessionId))) throw new NotFoundError();
      // The item before it now lasts longer: stamped as for a new item.
      await repo.update(gathering.id, {});
      await audit({ action: "delete", entity: "gathering_session", entityId: sessionId });
    });
  }

  /** A question for the registration form; the form is fixed once the gathering has started. */
  async addQuestion(actor: Actor, gathering: Gathering, body: unknown): Promise<Result<{ id: number }>> {
    const parsed = questionInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (gathering.startsAt <= new Date()) return invalid([{ field: "_", key: "errors.gatheringStarted" }]);
    return ok(
      await createAudited(this.db, actor, "gathering_question", (tx) =>
        this.repo.with(tx).insertQuestion({ gatheringId: gathering.id, ...parsed.data }),
      ),
    );
  }

  async removeQuestion(actor: Actor, gathering: Gathering, questionId: number): Promise<void> {
    if (gathering.startsAt <= new Date()) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      if (!(await repo.deleteQuestion(gathering.id, questionId))) throw new NotFoundError();
      // Its answers go with it: nobody could see them any more, and they are personal data.
      await repo.removeAnswers(gathering.id, questionId);
      await audit({ action: "delete", entity: "gathering_question", entityId: questionId });
    });
  }

  /** What a signed-in person's registration form starts with: their own name and address. */
  async prefill(actor: Actor | null): Promise<Record<string, unknown>> {
    if (actor?.userId == null) return {};
    const account = await this.repo.account(actor.userId);
    return account ? { name: account.name, email: account.email } : {};
  }

  /**
   * Registers a person: a place while there is one, else a place in the waiting list. Refused with a
   * message: registration not open, a members' gathering and not one of the network's people, an
   * address already registered, a field that does not fit. The gathering is locked while the places
   * are counted, so however many register at once, no more than the capacity get a place.
   */
  async register(
    gatheringId: number,
    body: Record<string, unknown>,
    context: { actor: Actor | null; locale: Locale; now?: Date },
  ): Promise<Result<{ receipt: string; status: "confirmed" | "waiting" }>> {
    const { gathering } = await this.get(context.actor, gatheringId);
    const state = registrationState(gathering, context.now);
    if (state !== "open") return invalid([{ field: "_", key: "errors.registrationClosed" }]);
    const invitation = typeof body.invitation === "string" ? body.invitation : undefined;
    if (!(await this.mayRegister(context.actor, gathering, invitation)))
      return invalid([{ field: "_", key: REFUSED[gathering.audience] }]);
    const parsed = registrationInput.safeParse(body);
    const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
    const { answers, errors: answerErrors } = answersOf(await this.repo.questions(gatheringId), body);
    errors.push(...answerErrors);
    if (parsed.success && parsed.data.organisationId !== null && !(await this.organisations.byId(parsed.data.organisationId)))
      errors.push({ field: "organisationId", key: "errors.choice" });
    if (parsed.success && gathering.audience === "leaders" && parsed.data.leaderRole === null)
      errors.push({ field: "leaderRole", key: "errors.required" });
    if (!parsed.success || errors.length) return invalid(errors);
    const receipt = randomBytes(24).toString("base64url");
    try {
      // The trail says that someone registered, never who (not even a signed-in person's account).
      const stored = await audited(this.db, PARTICIPANT, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const locked = await repo.lock(gatheringId);
        if (!locked) throw new NotFoundError();
        if (await repo.activeByEmail(gatheringId, parsed.data.email)) return null;
        const { confirmed, waiting } = await repo.counts(gatheringId);
        // Nobody passes those already waiting: a place freed while someone waits is theirs.
        const status = locked.capacity === null || (confirmed < locked.capacity && waiting === 0) ? "confirmed" : "waiting";
        const registration = await repo.insertRegistration({
          gatheringId,
          status,
          ...parsed.data,
          answers,
          userId: context.actor?.userId ?? null,
          receiptHash: hashToken(receipt),
          locale: context.locale,
        });
        // An invitation lets one registration in: a second use of its link at the same time is refused.
        if (gathering.audience === "invited" && invitation !== undefined && !isSecretariat(context.actor, gathering.networkId))
          if (!(await repo.useInvitation(gatheringId, hashToken(invitation), registration.id))) throw new InvitationUsed();
        await audit({ action: "create", entity: "gathering_registration", entityId: registration.id, after: { status } });
        await queueMail(tx, this.receiptMail(locked, registration, receipt, context.locale));
        return registration;
      });
      if (!stored) return invalid([{ field: "email", key: "errors.alreadyRegistered" }]);
      void this.mail.delivery.deliverDue().catch(() => undefined);
      return ok({ receipt, status: stored.status === "confirmed" ? "confirmed" : "waiting" });
    } catch (error) {
      // The same address sent at the same instant from another request: that one registered it.
      if (isUniqueViolation(error, "gathering_registrations_email_uq"))
        return invalid([{ field: "email", key: "errors.alreadyRegistered" }]);
      if (error instanceof InvitationUsed) return invalid([{ field: "_", key: "errors.gatheringInvitedOnly" }]);
      throw error;
    }
  }

  /**
   * Invites people to a gathering by invitation: each address (one per line, or separated by commas)
   * gets a mail with a link that lets one registration in. Addresses invited before are skipped; any
   * that is not an address stops the whole list, which comes back as typed.
   */
  async invite(actor: Actor, gathering: Gathering, body: unknown, locale: Locale): Promise<Result<{ invited: number }>> {
    if (gathering.audience !== "invited") return invalid([{ field: "emails", key: "errors.notByInvitation" }]);
    if (registrationState(gathering) !== "open") return invalid([{ field: "emails", key: "errors.registrationClosed" }]);
    const raw =
      typeof (body as Record<string, unknown>)?.emails === "string" ? ((body as Record<string, string>).emails ?? "") : "";
    // Once each, whatever the case of its letters, as first written.
    const byLowerCase = new Map<string, string>();
    for (const a of raw.split(/[\s,;]+/).filter(Boolean))
      if (!byLowerCase.has(a.toLowerCase())) byLowerCase.set(a.toLowerCase(), a);
    const addresses = [...byLowerCase.values()];
    if (addresses.length === 0) return invalid([{ field: "emails", key: "errors.required" }]);
    if (addresses.length > 500) return invalid([{ field: "emails", key: "errors.tooManyAddresses", params: { max: 500 } }]);
    const wrong = addresses.filter((a) => !z.email().max(254).safeParse(a).success);
    if (wrong.length)
      return invalid([{ field: "emails", key: "errors.notAddresses", params: { addresses: wrong.slice(0, 5).join(", ") } }]);
    const invited = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const before = await repo.invitedAddresses(gathering.id);
      const fresh = addresses.filter((a) => !before.has(a.toLowerCase()));
      const { t, dateTime } = i18nFor(locale);
      for (const email of fresh) {
        const token = randomBytes(24).toString("base64url");
        await repo.insertInvitation({ gatheringId: gathering.id, email, tokenHash: hashToken(token) });
        await queueMail(tx, {
          to: email,
          subject: t("gathering.mail.invitationSubject", { title: gathering.title }),
          body: t("gathering.mail.invitationBody", {
            title: gathering.title,
            starts: dateTime(gathering.startsAt),
            link: `${this.mail.baseUrl}/gatherings/${gathering.id}/register?invitation=${token}`,
          }),
          calendar: this.invitation(gathering),
        });
      }
      // The trail counts the invitations; the addresses are personal data and stay out of it.
      if (fresh.length)
        await audit({
          action: "create",
          entity: "gathering_invitation",
          entityId: gathering.id,
          after: { invited: fresh.length },
        });
      return fresh.length;
    });
    if (invited) void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok({ invited });
  }

  /** A gathering's invitations for its organiser. */
  invitations(gathering: Gathering) {
    return this.repo.invitations(gathering.id);
  }

  /** The address an invitation's link was sent to, for the registration form; none for a link that is not one. */
  async invitedAddress(gatheringId: number, invitation: string | undefined): Promise<string | null> {
    if (invitation === undefined || invitation.length > 100) return null;
    return (await this.repo.openInvitation(gatheringId, hashToken(invitation)))?.email ?? null;
  }

  /** The registration a receipt's link belongs to, with its place in the queue; 404 for a link that is not one. */
  async byReceipt(gatheringId: number, receipt: string) {
    if (receipt.length > 100) throw new NotFoundError();
    const registration = await this.repo.registrationByReceipt(gatheringId, hashToken(receipt));
    if (!registration) throw new NotFoundError();
    const position = registration.status === "waiting" ? await this.repo.queuePosition(registration) : null;
    return { registration, position };
  }

  /**
   * Cancels the registration of a receipt's link, until the gathering starts; the first waiting, if
   * any, takes the place and is told. Afterwards the registration stands as it was (attended or not).
   */
  async cancel(gatheringId: number, receipt: string): Promise<void> {
    const { registration } = await this.byReceipt(gatheringId, receipt);
    if (registration.status === "cancelled") return;
    const current = await this.repo.byId(gatheringId);
    if (!current || current.gathering.startsAt <= new Date()) return;
    await audited(this.db, PARTICIPANT, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const gathering = await repo.lock(gatheringId);
      if (!gathering) throw new NotFoundError();
      await repo.setStatus([registration.id], "cancelled");
      await audit({
        action: "update",
        entity: "gathering_registration",
        entityId: registration.id,
        after: { status: "cancelled" },
      });
      await this.moveUp(tx, gathering);
    });
    void this.mail.delivery.deliverDue().catch(() => undefined);
  }

  /** Gives free places to those waiting, in the order they registered, and tells each by mail. */
  private async moveUp(tx: Tx, gathering: Gathering) {
    if (gathering.startsAt <= new Date()) return;
    const repo = this.repo.with(tx);
    const { confirmed } = await repo.counts(gathering.id);
    const free = gathering.capacity === null ? Number.MAX_SAFE_INTEGER : gathering.capacity - confirmed;
    if (free <= 0) return;
    const promoted = await repo.firstWaiting(gathering.id, Math.min(free, 10_000));
    await repo.setStatus(
      promoted.map((r) => r.id),
      "confirmed",
    );
    for (const r of promoted) {
      if (!r.email) continue;
      const { t, dateTime } = i18nFor(r.locale);
      await queueMail(tx, {
        to: r.email,
        subject: t("gathering.mail.movedUpSubject", { title: gathering.title }),
        body: t("gathering.mail.movedUpBody", {
          title: gathering.title,
          starts: dateTime(gathering.startsAt),
          link: `${this.mail.baseUrl}/gatherings/${gathering.id}`,
        }),
        calendar: this.invitation(gathering),
      });
    }
  }

  /**
   * Reminds each person with a place, by mail in the language they registered in, when their
   * gathering starts within the next day: once each, whichever process runs it (the rows are claimed
   * in the transaction that queues the mails).
   */
  async sendReminders(now = new Date()): Promise<number> {
    const sent = await this.db.transaction(async (tx) => {
      const due = await this.repo.with(tx).claimReminders(now, new Date(now.getTime() + 24 * 3600_000));
      for (const { registration: r, gathering: g } of due) {
        const { t, dateTime } = i18nFor(r.locale);
        await queueMail(tx, {
          to: r.email!,
          subject: t("gathering.mail.reminderSubject", { title: g.title }),
          body: t("gathering.mail.reminderBody", {
            title: g.title,
            starts: dateTime(g.startsAt),
            place: g.place || g.videoUrl,
            link: `${this.mail.baseUrl}/gatherings/${g.id}`,
            calendar: `${this.mail.baseUrl}/gatherings/${g.id}/calendar.ics`,
          }),
          calendar: this.invitation(g),
        });
      }
      return due.length;
    });
    if (sent) void this.mail.delivery.deliverDue().catch(() => undefined);
    return sent;
  }

  /** Runs the reminders every `minutes`; returns what stops it. */
  scheduleReminders(minutes: number, log: ErrorLog): () => void {
    return every(minutes, () => this.sendReminders(), log, "gathering reminders failed");
  }

  /**
   * Clears one's name, organisation, address, note and answers at once, and cancels the registration
   * if the gathering has not started; it is counted no more, not even for one's organisation.
   */
  async removePersonalData(gatheringId: number, receipt: string): Promise<void> {
    const { registration } = await this.byReceipt(gatheringId, receipt);
    await this.cancel(gatheringId, receipt);
    await audited(this.db, PARTICIPANT, async (tx, audit) => {
      await this.repo.with(tx).removePersonalData([registration.id], { organisation: true });
      await audit({
        action: "update",
        entity: "gathering_registration",
        entityId: registration.id,
        after: { personalDataRemoved: true },
      });
    });
  }

  /** Clears personal data of registrations whose gathering ended longer ago than its retention. Run daily. */
  async removeExpiredPersonalData(now = new Date()): Promise<number> {
    return audited(this.db, { userId: null, label: "retention", isAdmin: true }, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const ids = await repo.expiredPersonalData(now);
      await repo.removePersonalData(ids, { at: now });
      // The invited addresses go with the registrations' personal data.
      await repo.clearExpiredInvitations(now);
      if (ids.length)
        await audit({
          action: "update",
          entity: "gathering_registration",
          entityId: "retention",
          after: { personalDataRemoved: ids.length },
        });
      return ids.length;
    });
  }

  /** The participant list for the organiser, with the count per organisation. */
  async participants(gatheringId: number) {
    const rows = await this.repo.participants(gatheringId);
    const byOrganisation = new Map<string, number>();
    for (const r of rows)
      if (r.registration.status === "confirmed") {
        const name = r.organisation ?? "";
        byOrganisation.set(name, (byOrganisation.get(name) ?? 0) + 1);
      }
    return {
      rows,
      byOrganisation: [...byOrganisation].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "nb")),
    };
  }

  /** Marks who came, afterwards: the confirmed registrations checked attended, the others not. */
  async markAttendance(actor: Actor, gathering: Gathering, attendedIds: number[]): Promise<Result<null>> {
    if (gathering.startsAt > new Date()) return invalid([{ field: "_", key: "errors.gatheringNotStarted" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).setAttended(gathering.id, attendedIds);
      await audit({ action: "update", entity: "gathering", entityId: gathering.id, after: { attended: attendedIds.length } });
    });
    return ok(null);
  }

  private receiptMail(g: Gathering, r: Registration, receipt: string, locale: Locale) {
    const { t, dateTime } = i18nFor(locale);
    const link = `${this.mail.baseUrl}/gatherings/${g.id}/registration/${receipt}`;
    return {
      to: r.email!,
      subject: t(r.status === "confirmed" ? "gathering.mail.confirmedSubject" : "gathering.mail.waitingSubject", {
        title: g.title,
      }),
      body: t("gathering.mail.receiptBody", {
        title: g.title,
        starts: dateTime(g.startsAt),
        place: g.place || g.videoUrl,
        link,
        calendar: `${this.mail.baseUrl}/gatherings/${g.id}/calendar.ics`,
        days: g.personalDataDays,
      }),
      // Those with a place get the invitation to add; those waiting get it when they move up.
      calendar: r.status === "confirmed" ? this.invitation(g) : null,
    };
  }

  /** The gathering as an iCalendar invitation sent with its mails. */
  private invitation(g: Gathering): string {
    return toICalendar(g.title, gatheringEvents(this.mail.baseUrl, g));
  }
}

/** Why a registration that may not be made is refused, by the gathering's audience. */
const REFUSED = {
  everyone: "errors.registrationClosed",
  leaders: "errors.registrationClosed",
  members: "errors.gatheringMembersOnly",
  subject_network: "errors.gatheringSubjectOnly",
  invited: "errors.gatheringInvitedOnly",
} as const;

/** An invitation already used when the registration it would let in was stored: rolled back and refused. */
class InvitationUsed extends Error {
  constructor() {
    super("invitation used");
  }
}

/** A capacity below the places already given: the change is rolled back and refused. */
class CapacityBelowConfirmed extends Error {
  constructor(readonly confirmed: number) {
    super("capacity below confirmed");
  }
}

/** Who registers or cancels, for the audit trail: a participant, never named. */
const PARTICIPANT: Actor = { userId: null, label: "participant", isAdmin: false };

/** The stored columns of a valid form. */
function columnsOf(g: z.infer<typeof gatheringInput>) {
  return {
    kind: g.kind,
    title: g.title,
    description: g.description,
    audience: g.audience,
    subjectNetworkId: g.subjectNetworkId,
    invitedNetworkIds: [...new Set(g.invitedNetworkIds)].sort((a, b) => a - b),
    visibility: g.visibility,
    place: g.place,
    videoUrl: g.videoUrl,
    startsAt: g.startsAt,
    endsAt: g.endsAt,
    capacity: g.capacity,
    registrationClosesAt: g.registrationClosesAt,
    personalDataDays: g.personalDataDays,
    report: g.report,
  };
}
