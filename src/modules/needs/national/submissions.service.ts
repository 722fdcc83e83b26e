import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { canSee, type Restricted, readableByAll } from "../../../platform/access/visibility.ts";
import { changedFields } from "../../../platform/audit/audit.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { idList, optionalText, requiredDate, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { NeedService } from "../needs.service.ts";
import { RECIPIENT_KINDS, SUBMISSION_VISIBILITIES } from "../schema.ts";
import { type Submission, SubmissionRepo } from "./submissions.repo.ts";

/** A submission as the secretariat writes it: to whom, what, when, who reads it, and which needs. */
export const submissionInput = z
  .object({
    recipientKind: z.enum(RECIPIENT_KINDS, "errors.choice"),
    recipientName: optionalText(200),
    title: requiredText(200),
    coverNote: optionalText(10_000),
    sentOn: requiredDate,
    visibility: z.enum(SUBMISSION_VISIBILITIES, "errors.choice").default("public"),
    needIds: idList,
  })
  .refine((s) => !["ministry", "other"].includes(s.recipientKind) || s.recipientName !== "", {
    path: ["recipientName"],
    message: "errors.recipientNameRequired",
  })
  .refine((s) => s.needIds.length > 0, { path: ["needIds"], message: "errors.chooseNeeds" })
  .refine((s) => s.sentOn <= osloToday(), { path: ["sentOn"], message: "errors.sentInFuture" });

/** The answer a national body gave, and when. */
export const answerInput = z.object({ answer: requiredText(10_000), answeredOn: requiredDate });

/** A submission as a link of the access kernel's chain. */
export const submissionLink = (s: Pick<Submission, "networkId" | "visibility">): Restricted => ({
  networkId: s.networkId,
  visibility: s.visibility,
});

/**
 * A network's dated submissions of its needs to a national body (KS' bodies, Digdir, a ministry),
 * keeping what was sent of each need and the answer received. Every change is audited.
 */
export class SubmissionService {
  readonly repo: SubmissionRepo;

  constructor(
    private readonly db: Db,
    private readonly needs: NeedService,
  ) {
    this.repo = new SubmissionRepo(db);
  }

  list(viewer: Actor | null, networkId: number) {
    return this.repo.list(viewer, networkId);
  }

  page(viewer: Actor | null, networkId: number, page: Page) {
    return this.repo.page(viewer, networkId, page);
  }

  /** The submissions the viewer may see that passed this need on. */
  ofNeed(viewer: Actor | null, needId: number) {
    return this.repo.ofNeed(viewer, needId);
  }

  /** A submission the viewer may see (404 otherwise), with its network for the rule. */
  async get(viewer: Actor | null, id: number) {
    const row = await this.repo.byId(id);
    if (!row || !canSee(viewer, submissionLink(row.submission))) throw new NotFoundError();
    return { ...row, networkId: row.submission.networkId };
  }

  /**
   * The needs of a submission as the viewer may read them: what was sent (the copy, which everyone
   * who reads the submission may read), else the need as it is now where the viewer may see it. A
   * need sent without a copy that the viewer may not see is left out, not named or counted.
   */
  async items(viewer: Actor | null, submissionId: number) {
    const rows = await this.repo.items(submissionId);
    return rows.flatMap(({ item, need, organisationName }) => {
      const visible = canSee(viewer, need);
      if (item.titleSent === null && !visible) return [];
      return [
        {
          needId: need.id,
          title: item.titleSent ?? need.title,
          problem: item.problemSent ?? need.problem,
          /** Whether the text is the copy kept as it was sent. */
          asSent: item.titleSent !== null,
          /** The need's page and organisation, where the viewer may see the need. */
          visible,
          organisationName: visible ? organisationName : null,
        },
      ];
    });
  }

  /**
   * Checks the chosen needs: the network's own, not merged, and none more restricted than the
   * submission's readers (a need kept to the network cannot go into a public submission).
   */
  private async chosen(networkId: number, readers: Restricted, needIds: number[]) {
    const found = await this.needs.byIds(needIds);
    const errors: FieldError[] = [];
    if (found.length !== new Set(needIds).size || found.some((n) => n.networkId !== networkId || n.state === "merged"))
      errors.push({ field: "needIds", key: "errors.choice" });
    for (const n of found)
      if (readers.visibility === "public" && !readableByAll(n, readers))
        errors.push({ field: "needIds", key: "errors.restrictedNeedInPublicSubmission", params: { title: n.title } });
    const byId = new Map(found.map((n) => [n.id, n]));
    return { errors, needs: needIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])) };
  }

  /** What is kept of a need as sent: its title and problem, where every reader of the submission may read them. */
  private snapshot(
    need: {
      networkId: number;
      visibility: Submission["visibility"] | "body";
      bodyId: number | null;
      title: string;
      problem: string;
    },
    readers: Restricted,
  ) {
    return readableByAll(need, readers)
      ? { titleSent: need.title, problemSent: need.problem }
      : { titleSent: null, problemSent: null };
  }

  async create(actor: Actor, networkId: number, input: unknown): Promise<Result<Submission>> {
    const parsed = submissionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { needIds, ...fields } = parsed.data;
    const readers = { networkId, visibility: fields.visibility };
    const { errors, needs } = await this.chosen(networkId, readers, [...new Set(needIds)]);
    if (errors.length) return invalid(errors);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const created = await repo.insert({ ...fields, networkId, createdById: actor.userId, createdByLabel: actor.label });
        await repo.insertItems(
          needs.map((n, position) => ({ submissionId: created.id, needId: n.id, position, ...this.snapshot(n, readers) })),
        );
        await audit({ action: "create", entity: "need_submission", entityId: created.id, after: { ...created, needIds } });
        return created;
      }),
    );
  }

  /**
   * Changes a submission. Needs kept keep the copy made when they were added; needs added now are
   * copied as they are now; a submission made public must hold no restricted need.
   */
  async update(actor: Actor, submission: Submission, input: unknown): Promise<Result<Submission>> {
    const parsed = submissionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { needIds, ...fields } = parsed.data;
    const readers = { networkId: submission.networkId, visibility: fields.visibility };
    const wanted = [...new Set(needIds)];
    const { errors, needs } = await this.chosen(submission.networkId, readers, wanted);
    if (errors.length) return invalid(errors);
    const current = (await this.repo.items(submission.id)).map((r) => r.item);
    const had = new Set(current.map((i) => i.needId));
    const added = needs.filter((n) => !had.has(n.id));
    const removed = current.filter((i) => !wanted.includes(i.needId)).map((i) => i.needId);
    const diff = changedFields(submission as unknown as Record<string, unknown>, fields);
    if (!diff.changed && added.length === 0 && removed.length === 0) return ok(submission);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const saved = diff.changed ? await repo.update(submission.id, fields) : submission;
        await repo.deleteItems(submission.id, removed);
        const next = current.reduce((max, i) => Math.max(max, i.position + 1), 0);
        await repo.insertItems(
          added.map((n, i) => ({ submissionId: submission.id, needId: n.id, position: next + i, ...this.snapshot(n, readers) })),
        );
        await audit({
          action: "update",
          entity: "need_submission",
          entityId: submission.id,
          before: { ...diff.before, ...(removed.length ? { needIds: removed } : {}) },
          after: { ...diff.after, ...(added.length ? { needIds: added.map((n) => n.id) } : {}) },
        });
        return saved;
      }),
    );
  }

  /** Records the answer the national body gave, dated on or after the day the submission was sent. */
  async recordAnswer(actor: Actor, submission: Submission, input: unknown): Promise<Result<Submission>> {
    const parsed = answerInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { answer, answeredOn } = parsed.data;
    if (answeredOn < submission.sentOn) return invalid([{ field: "answeredOn", key: "errors.answeredBeforeSent" }]);
    if (answeredOn > osloToday()) return invalid([{ field: "answeredOn", key: "errors.answeredInFuture" }]);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const saved = await this.repo.with(tx).update(submission.id, { answer, answeredOn });
        await audit({
          action: "update",
          entity: "need_submission",
          entityId: submission.id,
          before: { answer: submission.answer, answeredOn: submission.answeredOn },
          after: { answer, answeredOn },
        });
        return saved;
      }),
    );
  }

  /**
   * Deletes a submission, and with it what was sent of each need and the answer received: the
   * audit entry keeps what it was and which needs it passed on, in the same transaction.
   */
  async remove(actor: Actor, submission: Submission): Promise<void> {
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const needIds = (await repo.items(submission.id)).map((r) => r.item.needId);
      await repo.delete(submission.id);
      await audit({ action: "delete", entity: "need_submission", entityId: submission.id, before: { ...submission, needIds } });
    });
  }
}
