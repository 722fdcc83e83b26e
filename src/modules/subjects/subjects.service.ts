import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isSecretariat } from "../../platform/access/authorize.ts";
import { publishEvent } from "../../platform/activity/activity.ts";
import { audited, createAudited, updateAudited } from "../../platform/audit/audited.ts";
import type { Db } from "../../platform/db/client.ts";
import type { Page } from "../../platform/db/paging.ts";
import { readFile, removeTitledFile, storeTitledFile } from "../../platform/files/files.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { checkbox, optionalId, optionalText, requiredId, requiredText, toFieldErrors } from "../../platform/http/validation.ts";
import type { OrganisationReads } from "../directory/index.ts";
import { slugify } from "../networks/index.ts";
import { managesSubject, type SubjectResource, takesPartIn } from "./policy.ts";
import { JOIN_POLICIES, MEMBER_ROLES, REVIEW_VERDICTS, SUBJECT_VISIBILITIES } from "./schema.ts";
import {
  type ExperienceNote,
  type NoteFilter,
  type QuestionFilter,
  type SubjectMember,
  type SubjectNetwork,
  type SubjectQuestion,
  SubjectRepo,
  type SubjectReview,
} from "./subjects.repo.ts";

export const subjectInput = z.object({
  name: requiredText(150),
  mandate: optionalText(10_000),
  joinPolicy: z.enum(JOIN_POLICIES, "errors.choice").default("open"),
  /** The network that starts it owns it; none for a national one (administrators only). */
  ownerNetworkId: optionalId,
  national: checkbox,
});

export const noteInput = z.object({
  title: requiredText(200),
  whatWeDid: requiredText(10_000),
  cost: optionalText(5_000),
  differently: optionalText(10_000),
  organisationId: optionalId,
  contactUserId: optionalId,
  visibility: z.enum(SUBJECT_VISIBILITIES, "errors.choice").default("public"),
  projectId: optionalId,
  solutionId: optionalId,
  nationalSolutionId: optionalId,
});

export const reviewRequestInput = z.object({ subjectNetworkId: requiredId, request: requiredText(5_000) });

export const reviewInput = z
  .object({
    outcome: z.enum(["reviewed", "declined"], "errors.choice"),
    verdict: z.preprocess((v) => (v === "" ? undefined : v), z.enum(REVIEW_VERDICTS, "errors.choice").optional()),
    findings: optionalText(10_000),
    recommendations: optionalText(10_000),
  })
  .refine((r) => r.outcome === "declined" || r.verdict !== undefined, { path: ["verdict"], message: "errors.required" })
  .refine((r) => r.outcome === "declined" || r.findings !== "", { path: ["findings"], message: "errors.required" });

export const questionInput = z.object({
  title: requiredText(200),
  body: optionalText(10_000),
  organisationId: optionalId,
  visibility: z.enum(SUBJECT_VISIBILITIES, "errors.choice").default("public"),
});

export const answerInput = z.object({ body: requiredText(10_000) });

/** What a coordinator does to a person: let them in, name their role, take them out. */
export const MEMBER_ACTIONS = ["approve", "remove", ...MEMBER_ROLES] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

export const joinInput = z.object({ organisationId: optionalId });

/** A subject network with who owns it and the viewer's own place in it: what the pages and the rules read. */
export interface SubjectAccess extends SubjectResource {
  subject: SubjectNetwork;
  owners: { id: number; slug: string; name: string }[];
  membership: SubjectMember | null;
}

/** Whether the viewer reads the subject network's members-only content. */
export const readsInternal = (actor: Actor | null, a: SubjectResource): boolean => takesPartIn(actor, a);

/**
 * Subject networks (fagnettverk) across networks: their mandates, owners and people, the experience
 * their members write, the quality-assurance reviews they give projects, and the questions they
 * answer. Members-only content is read by the subject network's approved members, its coordinators,
 * the secretariats of its owning networks and administrators; everything about a project follows
 * the project's own visibility under the access kernel's rule.
 */
export class SubjectService {
  readonly repo: SubjectRepo;

  constructor(
    private readonly db: Db,
    private readonly organisations: OrganisationReads,
  ) {
    this.repo = new SubjectRepo(db);
  }

  /** Every subject network with its owning networks and how many take part. */
  async list() {
    const rows = await this.repo.list();
    const owners = await this.repo.ownersOf(rows.map((r) => r.subject.id));
    return rows.map((r) => ({ ...r, owners: owners.filter((o) => o.subjectNetworkId === r.subject.id) }));
  }

  ownedBy(networkId: number) {
    return this.repo.ownedBy(networkId);
  }

  /** The subject networks a person is in or has asked to join. */
  mine(actor: Actor | null) {
    return actor?.userId == null ? Promise.resolve([]) : this.repo.mine(actor.userId);
  }

  /** A subject network by its slug (404 when there is none), with its owners and the viewer's membership. */
  async access(actor: Actor | null, slug: string): Promise<SubjectAccess> {
    const subject = await this.repo.bySlug(slug);
    if (!subject) throw new NotFoundError();
    const [owners, membership] = await Promise.all([
      this.repo.ownersOf([subject.id]),
      actor?.userId != null ? this.repo.membership(subject.id, actor.userId) : Promise.resolve(undefined),
    ]);
    return {
      subject,
      owners: owners.map(({ id, slug, name }) => ({ id, slug, name })),
      ownerNetworkIds: owners.map((o) => o.id),
      membership: membership ?? null,
    };
  }

  /** The same, by the subject network's id. */
  async accessFor(actor: Actor | null, subjectNetworkId: number): Promise<SubjectAccess> {
    const subject = await this.repo.byId(subjectNetworkId);
    if (!subject) throw new NotFoundError();
    return this.access(actor, subject.slug);
  }

  /** Whether the viewer takes part in the subject network (a gathering for it lets only them register). */
  async takesPart(actor: Actor | null, subjectNetworkId: number): Promise<boolean> {
    if (actor === null) return false;
    return takesPartIn(actor, await this.accessFor(actor, subjectNetworkId));
  }

  /** The subject networks a network may hold gatherings for: those it owns, and the national ones. */
  async heldBy(networkId: number): Promise<SubjectNetwork[]> {
    return (await this.list())
      .filter((r) => r.subject.national || r.owners.some((o) => o.id === networkId))
      .map((r) => r.subject);
  }

  /**
   * A subject network's people: its coordinators for everyone, everyone in it for those who take
   * part, and those waiting for those who run it; with how many take part in all.
   */
  async people(actor: Actor | null, a: SubjectAccess) {
    const rows = await this.repo.members(a.subject.id);
    const approved = rows.filter((r) => r.member.approved);
    const shown = managesSubject(actor, a)
      ? rows
      : readsInternal(actor, a)
        ? approved
        : approved.filter((r) => r.member.role === "coordinator");
    return { rows: shown, count: approved.length };
  }

  async create(actor: Actor, body: unknown): Promise<Result<SubjectNetwork>> {
    const parsed = subjectInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { ownerNetworkId, national, ...values } = parsed.data;
    if (national && !actor.isAdmin) return invalid([{ field: "national", key: "errors.subjectNationalAdminOnly" }]);
    if (!national && ownerNetworkId === null) return invalid([{ field: "ownerNetworkId", key: "errors.required" }]);
    if (ownerNetworkId !== null && !isSecretariat(actor, ownerNetworkId))
      return invalid([{ field: "ownerNetworkId", key: "errors.choice" }]);
    const slug = await this.freeSlug(values.name);
    if (!slug) return invalid([{ field: "name", key: "errors.slugEmpty" }]);
    return ok(
      await createAudited(this.db, actor, "subject_network", async (tx) => {
        const repo = this.repo.with(tx);
        const created = await repo.insert({ ...values, slug, national });
        if (ownerNetworkId !== null && !national) await repo.addOwner(created.id, ownerNetworkId);
        // Whoever starts it coordinates it until they name others.
        if (actor.userId !== null)
          await repo.addMember({ subjectNetworkId: created.id, userId: actor.userId, role: "coordinator" });
        return created;
      }),
    );
  }

  /** A slug from the name that no other subject network has; null when the name has no letters to make one. */
  private async freeSlug(name: string): Promise<string | null> {
    const base = slugify(name).slice(0, 60);
    if (!base) return null;
    for (let n = 1; n < 100; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if (!(await this.repo.slugTaken(slug))) return slug;
    }
    return null;
  }

  async update(actor: Actor, a: SubjectAccess, body: unknown): Promise<Result<SubjectNetwork>> {
    const parsed = subjectInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { name, mandate, joinPolicy } = parsed.data;
    // Only an administrator sees the field; for others the subject network stays as it is.
    const national = actor.isAdmin ? parsed.data.national : a.subject.national;
    if (!national && a.ownerNetworkIds.length === 0) return invalid([{ field: "national", key: "errors.subjectNeedsOwner" }]);
    const changes = { name, mandate, joinPolicy, national };
    return ok(
      await updateAudited(this.db, actor, "subject_network", a.subject, changes, (tx) =>
        this.repo.with(tx).update(a.subject.id, changes),
      ),
    );
  }

  /** A network's secretariat makes its network an owner too; the subject network is then listed on its page. */
  async addOwner(actor: Actor, a: SubjectAccess, body: Record<string, unknown>): Promise<Result<void>> {
    const parsed = z.object({ networkId: requiredId }).safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (!isSecretariat(actor, parsed.data.networkId)) return invalid([{ field: "networkId", key: "errors.choice" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).addOwner(a.subject.id, parsed.data.networkId);
      await audit({
        action: "update",
        entity: "subject_network",
        entityId: a.subject.id,
        after: { ownerAdded: parsed.data.networkId },
      });
    });
    return ok(undefined);
  }

  /** A secretariat takes its own network off the owners; a subject network that is not national keeps one. */
  async removeOwner(actor: Actor, a: SubjectAccess, networkId: number): Promise<Result<void>> {
    if (!isSecretariat(actor, networkId) || !a.ownerNetworkIds.includes(networkId)) throw new NotFoundError();
    if (!a.subject.national && a.ownerNetworkIds.length === 1) return invalid([{ field: "_", key: "errors.subjectNeedsOwner" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).removeOwner(a.subject.id, networkId);
      await audit({ action: "update", entity: "subject_network", entityId: a.subject.id, before: { owner: networkId } });
    });
    return ok(undefined);
  }

  /** Joins at once where joining is open, else waits for a coordinator. */
  async join(actor: Actor, a: SubjectAccess, body: Record<string, unknown>): Promise<Result<{ approved: boolean }>> {
    if (actor.userId === null) throw new NotFoundError();
    const parsed = joinInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const errors = await this.organisationErrors(parsed.data.organisationId);
    if (errors.length) return invalid(errors);
    if (a.membership) return ok({ approved: a.membership.approved });
    const approved = a.subject.joinPolicy === "open";
    const userId = actor.userId;
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo
        .with(tx)
        .addMember({ subjectNetworkId: a.subject.id, userId, organisationId: parsed.data.organisationId, approved });
      await audit({ action: "create", entity: "subject_member", entityId: `${a.subject.id}:${userId}`, after: { approved } });
    });
    return ok({ approved });
  }

  /** Leaves (or withdraws a request); one's own only. The last coordinator of others names another first. */
  async leave(actor: Actor, a: SubjectAccess): Promise<Result<void>> {
    if (actor.userId === null || !a.membership) return ok(undefined);
    const userId = actor.userId;
    if (await this.isLastCoordinatorOfOthers(a.subject.id, userId))
      return invalid([{ field: "_", key: "errors.lastCoordinator" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).removeMember(a.subject.id, userId);
      await audit({ action: "delete", entity: "subject_member", entityId: `${a.subject.id}:${userId}` });
    });
    return ok(undefined);
  }

  /** Whether this person is the only coordinator while others take part: someone must run it. */
  private async isLastCoordinatorOfOthers(subjectNetworkId: number, userId: number): Promise<boolean> {
    const member = await this.repo.membership(subjectNetworkId, userId);
    if (member?.role !== "coordinator" || !member.approved) return false;
    const approved = (await this.repo.members(subjectNetworkId)).filter((p) => p.member.approved);
    return approved.filter((p) => p.member.role === "coordinator").length === 1 && approved.length > 1;
  }

  /** A coordinator lets a person in, names them coordinator or member, or takes them out. */
  async setMember(actor: Actor, a: SubjectAccess, userId: number, action: MemberAction): Promise<Result<void>> {
    const existing = await this.repo.membership(a.subject.id, userId);
    if (!existing) throw new NotFoundError();
    if ((action === "remove" || action === "member") && (await this.isLastCoordinatorOfOthers(a.subject.id, userId)))
      return invalid([{ field: "_", key: "errors.lastCoordinator" }]);
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      if (action === "remove") await repo.removeMember(a.subject.id, userId);
      else
        await repo.setMember(a.subject.id, userId, action === "approve" ? { approved: true } : { role: action, approved: true });
      await audit({
        action: action === "remove" ? "delete" : "update",
        entity: "subject_member",
        entityId: `${a.subject.id}:${userId}`,
        after: { action },
      });
    });
    return ok(undefined);
  }

  private async organisationErrors(organisationId: number | null, field = "organisationId"): Promise<FieldError[]> {
    if (organisationId !== null && !(await this.organisations.byId(organisationId))) return [{ field, key: "errors.choice" }];
    return [];
  }

  // Documents.

  /** The subject network's documents the viewer may read. */
  async documents(actor: Actor | null, a: SubjectAccess) {
    const all = await this.repo.documents.list(a.subject.id);
    return readsInternal(actor, a) ? all : all.filter((d) => d.visibility === "public");
  }

  async addDocument(actor: Actor, a: SubjectAccess, input: unknown, maxBytes: number): Promise<Result<number>> {
    const visibility = z.object({ visibility: z.enum(SUBJECT_VISIBILITIES, "errors.choice").default("public") }).safeParse(input);
    if (!visibility.success) return invalid(toFieldErrors(visibility.error));
    return storeTitledFile(this.db, actor, input, maxBytes, {
      entity: "subject_document",
      insert: (tx, fileId, title) =>
        this.repo
          .with(tx)
          .documents.insert({ subjectNetworkId: a.subject.id, fileId, title, visibility: visibility.data.visibility }),
    });
  }

  /** A document's file, for a reader who may read it; 404 otherwise. */
  async documentFile(actor: Actor | null, a: SubjectAccess, documentId: number) {
    const doc = await this.repo.documents.find(a.subject.id, documentId);
    if (!doc || (doc.visibility !== "public" && !readsInternal(actor, a))) throw new NotFoundError();
    const file = await readFile(this.db, doc.fileId);
    if (!file) throw new NotFoundError();
    return file;
  }

  async removeDocument(actor: Actor, a: SubjectAccess, documentId: number): Promise<void> {
    const doc = await this.repo.documents.find(a.subject.id, documentId);
    if (!doc) throw new NotFoundError();
    await removeTitledFile(this.db, actor, "subject_document", doc, (tx) => this.repo.with(tx).documents.remove(doc.id));
  }

  // Experience.

  /** Experience notes the viewer may read, across every subject network or within one, searched in Norwegian. */
  async notes(actor: Actor | null, f: NoteFilter) {
    return this.repo.notes(actor, f);
  }

  async notesPage(actor: Actor | null, f: NoteFilter, page: Page) {
    return this.repo.notesPage(actor, f, page);
  }

  /** One note the viewer may read, with what it is linked to; 404 otherwise. */
  async note(actor: Actor | null, id: number) {
    const [row] = await this.repo.notes(actor, { id, limit: 1 });
    if (!row) throw new NotFoundError();
    return row;
  }

  linkChoices(actor: Actor | null) {
    return this.repo.linkChoices(actor);
  }

  async createNote(actor: Actor, a: SubjectAccess, body: unknown): Promise<Result<ExperienceNote>> {
    const checked = await this.checkNote(actor, a, body);
    if (!checked.ok) return checked;
    return ok(
      await createAudited(this.db, actor, "experience_note", async (tx) => {
        const note = await this.repo
          .with(tx)
          .insertNote({ ...checked.value, subjectNetworkId: a.subject.id, authorId: actor.userId, authorLabel: actor.label });
        // Told under the subject network and every record it is about; each reader must see the note too.
        const under = [
          { kind: "subject_network", id: note.subjectNetworkId },
          ...(note.projectId ? [{ kind: "project", id: note.projectId }] : []),
          ...(note.solutionId ? [{ kind: "solution", id: note.solutionId }] : []),
          ...(note.nationalSolutionId ? [{ kind: "national_solution", id: note.nationalSolutionId }] : []),
        ];
        for (const ref of under)
          await publishEvent(tx, {
            ...ref,
            type: "experience_shared",
            about: { kind: "experience", id: note.id },
            actorUserId: actor.userId,
          });
        return note;
      }),
    );
  }

  async updateNote(actor: Actor, a: SubjectAccess, note: ExperienceNote, body: unknown): Promise<Result<ExperienceNote>> {
    if (!this.mayEditNote(actor, a, note)) throw new NotFoundError();
    const checked = await this.checkNote(actor, a, body, note);
    if (!checked.ok) return checked;
    return ok(
      await updateAudited(this.db, actor, "experience_note", note, checked.value, (tx) =>
        this.repo.with(tx).updateNote(note.id, checked.value),
      ),
    );
  }

  async deleteNote(actor: Actor, a: SubjectAccess, note: ExperienceNote): Promise<void> {
    if (!this.mayEditNote(actor, a, note)) throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).deleteNote(note.id);
      await audit({ action: "delete", entity: "experience_note", entityId: note.id, before: note });
    });
  }

  /** Its author while they take part, or whoever runs the subject network. */
  mayEditNote(actor: Actor | null, a: SubjectAccess, note: ExperienceNote): boolean {
    return managesSubject(actor, a) || (takesPartIn(actor, a) && actor?.userId != null && note.authorId === actor.userId);
  }

  /**
   * A note's fields, with its links checked: to records that exist, a project the writer may see, a
   * contact who takes part. A link the note has already is kept as it is, even where the one editing
   * may not see the project or the contact has left: an edit never drops what the editor cannot see.
   */
  private async checkNote(
    actor: Actor,
    a: SubjectAccess,
    body: unknown,
    existing?: ExperienceNote,
  ): Promise<Result<z.infer<typeof noteInput>>> {
    const parsed = noteInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const n = parsed.data;
    const errors = await this.organisationErrors(n.organisationId);
    if (n.projectId !== null && n.projectId !== existing?.projectId) {
      const choices = await this.repo.linkChoices(actor);
      if (!choices.projects.some((p) => p.id === n.projectId)) errors.push({ field: "projectId", key: "errors.choice" });
    }
    if (n.solutionId !== null && !(await this.repo.solutionExists(n.solutionId)))
      errors.push({ field: "solutionId", key: "errors.choice" });
    if (n.nationalSolutionId !== null && !(await this.repo.nationalSolutionExists(n.nationalSolutionId)))
      errors.push({ field: "nationalSolutionId", key: "errors.choice" });
    if (n.contactUserId !== null && n.contactUserId !== existing?.contactUserId) {
      const contact = await this.repo.membership(a.subject.id, n.contactUserId);
      if (!contact?.approved) errors.push({ field: "contactUserId", key: "errors.choice" });
    }
    return errors.length ? invalid(errors) : ok(n);
  }

  // Reviews.

  reviews(actor: Actor | null, f: { subjectNetworkId?: number; projectId?: number }) {
    return this.repo.reviews(actor, f);
  }

  /** Asks a subject network to quality-assure a project (the route has checked the asker runs it). */
  async requestReview(actor: Actor, projectId: number, body: unknown): Promise<Result<SubjectReview>> {
    const parsed = reviewRequestInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (!(await this.repo.byId(parsed.data.subjectNetworkId)))
      return invalid([{ field: "subjectNetworkId", key: "errors.choice" }]);
    // A project kept to its network (or a body) is reviewed only where its network runs the subject
    // network: other coordinators could never see it, and the request would wait for ever.
    const project = await this.repo.project(projectId);
    if (project && project.visibility !== "public") {
      const owners = await this.repo.ownersOf([parsed.data.subjectNetworkId]);
      if (!owners.some((o) => o.id === project.networkId))
        return invalid([{ field: "subjectNetworkId", key: "errors.reviewNotVisible" }]);
    }
    return ok(
      await createAudited(this.db, actor, "subject_review", (tx) =>
        this.repo.with(tx).insertReview({
          subjectNetworkId: parsed.data.subjectNetworkId,
          projectId,
          request: parsed.data.request,
          requestedById: actor.userId,
          requestedByLabel: actor.label,
        }),
      ),
    );
  }

  /** The subject network's review of one of its requests: given with a verdict, or declined. */
  async review(actor: Actor | null, a: SubjectAccess, reviewId: number): Promise<SubjectReview> {
    const review = await this.repo.review(reviewId);
    if (!review || review.subjectNetworkId !== a.subject.id) throw new NotFoundError();
    const visible = await this.repo.reviews(actor, { subjectNetworkId: a.subject.id, projectId: review.projectId });
    if (!visible.length) throw new NotFoundError();
    return review;
  }

  async recordReview(actor: Actor, review: SubjectReview, body: unknown): Promise<Result<SubjectReview>> {
    const parsed = reviewInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const r = parsed.data;
    const changes = {
      status: r.outcome,
      verdict: r.outcome === "reviewed" ? (r.verdict ?? null) : null,
      findings: r.findings,
      recommendations: r.recommendations,
      reviewedById: actor.userId,
      reviewedByLabel: actor.label,
      reviewedAt: new Date(),
    };
    return ok(
      await updateAudited(this.db, actor, "subject_review", review, changes, (tx) =>
        this.repo.with(tx).updateReview(review.id, changes),
      ),
    );
  }

  // Questions.

  async questions(actor: Actor | null, f: QuestionFilter) {
    return this.repo.questions(actor, f);
  }

  async questionsPage(actor: Actor | null, f: QuestionFilter, page: Page) {
    return this.repo.questionsPage(actor, f, page);
  }

  /** A question the viewer may read, with its answers; 404 otherwise. */
  /**
   * A question the viewer may read, with its answers and its subject network as the viewer stands in
   * it (for the rules); 404 for one that is not there or is its members' only.
   */
  async question(actor: Actor | null, id: number) {
    const question = await this.repo.question(id);
    if (!question) throw new NotFoundError();
    const access = await this.accessFor(actor, question.subjectNetworkId);
    if (question.visibility !== "public" && !readsInternal(actor, access)) throw new NotFoundError();
    return { ...access, question, answers: await this.repo.answers(id) };
  }

  async ask(actor: Actor, a: SubjectAccess, body: unknown): Promise<Result<SubjectQuestion>> {
    const parsed = questionInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const errors = await this.organisationErrors(parsed.data.organisationId);
    if (errors.length) return invalid(errors);
    return ok(
      await createAudited(this.db, actor, "subject_question", (tx) =>
        this.repo
          .with(tx)
          .insertQuestion({ ...parsed.data, subjectNetworkId: a.subject.id, askedById: actor.userId, askedByLabel: actor.label }),
      ),
    );
  }

  async answer(actor: Actor, question: SubjectQuestion, body: unknown): Promise<Result<{ id: number }>> {
    const parsed = answerInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await createAudited(this.db, actor, "subject_answer", (tx) =>
        this.repo
          .with(tx)
          .insertAnswer({ questionId: question.id, body: parsed.data.body, authorId: actor.userId, authorLabel: actor.label }),
      ),
    );
  }
}
