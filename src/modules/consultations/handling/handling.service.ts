import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { publishEvent } from "../../../platform/activity/activity.ts";
import { audited, createAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import type { Page } from "../../../platform/db/paging.ts";
import { invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalId, optionalText, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { i18nFor, type Locale } from "../../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../../platform/mail/mail.ts";
import {
  type Consultation,
  type ConsultationRepo,
  type Input,
  type InputFilter,
  PUBLISHED_STATUSES,
} from "../consultations.repo.ts";
import { checkbox } from "../fields.ts";
import type { InputStatus } from "../schema.ts";

export const HANDLING_ACTIONS = ["status", "category", "merge", "answer"] as const;
/** The statuses the secretariat sets by hand; "merged" is set by merging. */
export const SETTABLE_STATUSES = ["received", "handled", "spam"] as const satisfies readonly InputStatus[];
const handling = {
  status: z.object({ status: z.enum(SETTABLE_STATUSES, "errors.choice") }),
  category: z.object({ category: optionalText(100) }),
  merge: z.object({ into: requiredText(40) }),
  answer: z.object({ answer: optionalText(5000), templateId: optionalId }),
};
export const templateInput = z.object({ title: requiredText(200), body: requiredText(5000) });
export const settingsInput = z.object({ publishInputs: checkbox.default(false) });

/** A published input as anyone may read it: without personal data, the answer once it is published. */
const publishedInput = (i: Input) => ({
  reference: i.reference,
  sectionId: i.sectionId,
  respondentKind: i.respondentKind,
  body: i.body,
  answer: i.answerPublishedAt ? i.answer : "",
  submittedAt: i.submittedAt,
});

/**
 * The secretariat's handling of the inputs: status, category, merging duplicates, answers (from
 * templates), publishing the inputs and the answers, and mailing the answers.
 */
export class HandlingService {
  constructor(
    private readonly db: Db,
    private readonly repo: ConsultationRepo,
    private readonly core: { get(id: number): Promise<Consultation> },
    private readonly mail: { delivery: MailDelivery },
  ) {}

  /** The queue's inputs (filtered), the categories given so far and the answer templates. */
  async queue(consultationId: number, filter: InputFilter) {
    const [inputs, categories, templates] = await Promise.all([
      this.repo.inputsOf(consultationId, filter),
      this.repo.categoriesOf(consultationId),
      this.repo.templatesOf(consultationId),
    ]);
    return { inputs, categories, templates };
  }

  /** A page of a consultation's inputs, with their personal data: for its secretariat. */
  inputsPage(consultationId: number, filter: InputFilter, page: Page) {
    return this.repo.inputsPage(consultationId, filter, page);
  }

  inputById(consultationId: number, inputId: number): Promise<Input | undefined> {
    return this.repo.inputById(consultationId, inputId);
  }

  /** A page of the answer templates, by title. */
  templatesPage(consultationId: number, page: Page) {
    return this.repo.templatesPage(consultationId, page);
  }

  /**
   * One step in handling an input: its status (received, handled, or spam, which hides it and keeps
   * it for review), its category, merging it into another as a duplicate (by the other's reference),
   * or its answer, written or started from a template. A changed answer must be published again.
   */
  async handle(actor: Actor, consultationId: number, inputId: number, body: Record<string, unknown>): Promise<Result<true>> {
    const input = await this.repo.inputById(consultationId, inputId);
    if (!input) throw new NotFoundError();
    const action = z.enum(HANDLING_ACTIONS).safeParse(body.action);
    if (!action.success) return invalid([{ field: "action", key: "errors.choice" }]);
    let change: Partial<Input>;
    if (action.data === "status") {
      const p = handling.status.safeParse(body);
      if (!p.success) return invalid(toFieldErrors(p.error));
      change = { status: p.data.status, mergedIntoId: null };
    } else if (action.data === "category") {
      const p = handling.category.safeParse(body);
      if (!p.success) return invalid(toFieldErrors(p.error));
      change = { category: p.data.category };
    } else if (action.data === "merge") {
      const p = handling.merge.safeParse(body);
      if (!p.success) return invalid(toFieldErrors(p.error));
      const target = await this.repo.inputByReference(consultationId, p.data.into.toUpperCase());
      if (!target) return invalid([{ field: "into", key: "errors.mergeTarget" }]);
      if (target.id === input.id || target.status === "merged") return invalid([{ field: "into", key: "errors.mergeSelf" }]);
      change = { status: "merged", mergedIntoId: target.id };
    } else {
      const p = handling.answer.safeParse(body);
      if (!p.success) return invalid(toFieldErrors(p.error));
      let answer = p.data.answer;
      if (!answer && p.data.templateId !== null) {
        const template = (await this.repo.templatesOf(consultationId)).find((x) => x.id === p.data.templateId);
        if (!template) return invalid([{ field: "templateId", key: "errors.choice" }]);
        answer = template.body;
      }
      change = answer === input.answer ? {} : { answer, answerPublishedAt: null };
    }
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).updateInput(inputId, change);
      await audit({ action: "update", entity: "consultation_input", entityId: inputId, after: change });
    });
    return ok(true);
  }

  async addTemplate(actor: Actor, consultationId: number, input: unknown): Promise<Result<number>> {
    await this.core.get(consultationId);
    const parsed = templateInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const template = await createAudited(this.db, actor, "consultation_answer_template", (tx) =>
      this.repo.with(tx).insertTemplate({ ...parsed.data, consultationId }),
    );
    return ok(template.id);
  }

  /** Whether the inputs (without personal data) and published answers show on the public page. */
  async saveSettings(actor: Actor, consultationId: number, input: unknown): Promise<Result<true>> {
    await this.core.get(consultationId);
    const parsed = settingsInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).updateConsultation(consultationId, parsed.data);
      await audit({ action: "update", entity: "consultation", entityId: consultationId, after: parsed.data });
    });
    return ok(true);
  }

  /** Publishes every prepared answer at once, when the secretariat decides; answers how many. */
  async publishAnswers(actor: Actor, consultationId: number): Promise<number> {
    await this.core.get(consultationId);
    return audited(this.db, actor, async (tx, audit) => {
      const n = await this.repo.with(tx).publishAnswers(consultationId, new Date());
      if (n)
        await publishEvent(tx, {
          kind: "consultation",
          id: consultationId,
          type: "answers_published",
          data: { n },
          actorUserId: actor.userId,
        });
      await audit({
        action: "update",
        entity: "consultation",
        entityId: consultationId,
        after: { answersPublished: n },
      });
      return n;
    });
  }

  /** Sends each answer not sent yet to those who gave an e-mail, in their input's consultation; answers how many. */
  async mailAnswers(actor: Actor, consultationId: number, locale: Locale): Promise<number> {
    const consultation = await this.core.get(consultationId);
    const { t } = i18nFor(locale);
    const n = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const due = await repo.answersToMail(consultationId);
      for (const input of due) {
        await queueMail(tx, {
          to: input.email!,
          subject: t("consultation.mail.answerSubject", { title: consultation.title }),
          body: t("consultation.mail.answerBody", {
            title: consultation.title,
            reference: input.reference,
            answer: input.answer,
          }),
        });
        await repo.updateInput(input.id, { answerMailedAt: new Date() });
      }
      await audit({
        action: "update",
        entity: "consultation",
        entityId: consultationId,
        after: { answersMailed: due.length },
      });
      return due.length;
    });
    if (n) void this.mail.delivery.deliverDue().catch(() => undefined);
    return n;
  }

  /** What the public page shows when the secretariat publishes the inputs: no spam, no duplicates, no personal data. */
  async publishedInputs(consultation: Consultation) {
    if (!consultation.publishInputs) return [];
    const all = await this.repo.inputsOf(consultation.id);
    return all.filter((i) => PUBLISHED_STATUSES.includes(i.status)).map(publishedInput);
  }

  /** A page of the published inputs, paged in SQL, with how many there are. */
  async publishedInputsPage(consultation: Consultation, page: Page) {
    if (!consultation.publishInputs) return { items: [], total: 0 };
    const { items, total } = await this.repo.inputsPage(consultation.id, { statuses: [...PUBLISHED_STATUSES] }, page);
    return { items: items.map(publishedInput), total };
  }
}

export type PublishedInput = Awaited<ReturnType<HandlingService["publishedInputs"]>>[number];
