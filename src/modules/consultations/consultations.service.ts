import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { hashToken } from "../../platform/auth/tokens.ts";
import { type Db, type DbOrTx, isUniqueViolation } from "../../platform/db/client.ts";
import { type Keeper, keepUntilChange } from "../../platform/db/data-version.ts";
import type { Page } from "../../platform/db/paging.ts";
import { checkUpload, readFile, saveFile } from "../../platform/files/files.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  emptyToNull,
  idList,
  optionalId,
  optionalText,
  requiredDate,
  requiredText,
  toFieldErrors,
} from "../../platform/http/validation.ts";
import { i18nFor, type Locale, osloInstant, type Translate } from "../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../platform/mail/mail.ts";
import type { StrategyService } from "../strategies/index.ts";
import { type Consultation, ConsultationRepo, type Input, type Question } from "./consultations.repo.ts";
import { mayAnswer } from "./policy.ts";
import { AUDIENCES, QUESTION_KINDS, RESPONDENT_KINDS } from "./schema.ts";

const date = requiredDate;
const time = z.string().regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, "errors.time");
const checkbox = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean());

export const consultationInput = z
  .object({
    title: requiredText(200),
    intro: optionalText(5000),
    opensDate: date,
    opensTime: time,
    closesDate: date,
    closesTime: time,
    audience: z.enum(AUDIENCES, "errors.choice").default("anyone"),
    publishInputs: checkbox.default(false),
    personalDataDays: z.coerce
      .number("errors.wholeNumber")
      .int("errors.wholeNumber")
      .min(1, "errors.wholeNumber")
      .max(3650, "errors.wholeNumber")
      .default(90),
  })
  .transform((c) => ({ ...c, opensAt: osloInstant(c.opensDate, c.opensTime), closesAt: osloInstant(c.closesDate, c.closesTime) }))
  .refine((c) => c.closesAt > c.opensAt, { path: ["closesDate"], message: "errors.closesBeforeOpens" });

export const questionInput = z
  .object({
    text: requiredText(500),
    kind: z.enum(QUESTION_KINDS, "errors.choice"),
    /** One option a line, for a choice. */
    options: z.preprocess(
      (v) => (typeof v === "string" ? v.split(/\r?\n/) : v),
      z.array(z.string().trim().max(200, "errors.tooLong")).max(20).default([]),
    ),
  })
  .transform((q) => ({ ...q, options: q.kind === "choice" ? [...new Set(q.options.filter(Boolean))] : [] }))
  .refine((q) => q.kind === "text" || q.options.length >= 2, { path: ["options"], message: "errors.twoOptions" });

/** What a person sends; the questions' answers come as fields "q<id>" and are checked against the questions. */
export const inputFields = z.object({
  sectionId: optionalId,
  body: requiredText(10_000),
  respondentKind: z.enum(RESPONDENT_KINDS, "errors.choice").default("other"),
  name: z.preprocess(emptyToNull, z.string().trim().max(200, "errors.tooLong").nullable().default(null)),
  organisation: z.preprocess(emptyToNull, z.string().trim().max(200, "errors.tooLong").nullable().default(null)),
  email: z.preprocess(emptyToNull, z.email("errors.email").max(254).nullable().default(null)),
});

export const HANDLING_ACTIONS = ["status", "category", "merge", "answer"] as const;
const handling = {
  status: z.object({ status: z.enum(["received", "handled", "spam"], "errors.choice") }),
  category: z.object({ category: optionalText(100) }),
  merge: z.object({ into: requiredText(40) }),
  answer: z.object({ answer: optionalText(5000), templateId: optionalId }),
};
export const templateInput = z.object({ title: requiredText(200), body: requiredText(5000) });
export const settingsInput = z.object({ publishInputs: checkbox.default(false) });

/** Seconds a person needs at least between opening the form and sending it; a script is faster. */
export const MIN_FILL_SECONDS = 3;

export type ConsultationState = "upcoming" | "open" | "closed";

/**
 * For each choice question, how many inputs chose each option (every option, in its order, also
 * those nobody chose; an answer to an option since renamed is counted as given) and how many gave no
 * answer.
 */
export function choiceCounts(questions: Question[], inputs: { answers: Record<string, string> }[]) {
  return questions
    .filter((q) => q.kind === "choice")
    .map((question) => {
      const counts = new Map(question.options.map((o) => [o, 0]));
      let unanswered = 0;
      for (const i of inputs) {
        const answer = i.answers[String(question.id)];
        if (answer) counts.set(answer, (counts.get(answer) ?? 0) + 1);
        else unanswered++;
      }
      return { question, options: [...counts].map(([option, count]) => ({ option, count })), unanswered };
    });
}
export const stateOf = (c: Pick<Consultation, "opensAt" | "closesAt">, now = new Date()): ConsultationState =>
  now < c.opensAt ? "upcoming" : now >= c.closesAt ? "closed" : "open";

/** A strategy's text as sections input can point at: the vision, the goals, and each focus area with its measures. */
function sectionsOf(d: Awaited<ReturnType<StrategyService["detail"]>>, t: Translate) {
  return [
    ...(d.strategy.vision ? [{ heading: t("strategy.vision"), body: d.strategy.vision }] : []),
    ...(d.goals.length
      ? [
          {
            heading: t("strategy.goals"),
            body: d.goals.map((g, i) => `${i + 1}. ${g.title}${g.description ? ` – ${g.description}` : ""}`).join("\n"),
          },
        ]
      : []),
    ...d.focusAreas.map((a) => ({
      heading: a.title,
      body: [
        a.why ? `${t("strategy.why")}: ${a.why}` : "",
        a.what ? `${t("strategy.what")}: ${a.what}` : "",
        ...d.measures.filter((m) => m.focusAreaId === a.id).map((m) => `– ${m.description}`),
      ]
        .filter(Boolean)
        .join("\n\n"),
    })),
  ];
}

export const SUBJECTS = ["project", "document"] as const;
export const subjectInput = z.object({ subject: z.enum(SUBJECTS, "errors.choice"), projectId: optionalId });
export const sectionInput = z.object({ heading: requiredText(300), body: optionalText(20_000) });

export const reviewInput = z
  .object({
    bodyIds: idList.refine((ids) => ids.length > 0, "errors.chooseBodies"),
    closesDate: date,
    closesTime: time,
  })
  .transform((r) => ({ ...r, closesAt: osloInstant(r.closesDate, r.closesTime) }));

/** The inputs anyone may read once the consultation publishes them: not spam, not merged away. */
const PUBLISHED_STATUSES: readonly Input["status"][] = ["received", "handled"];

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
 * Consultations on drafts: the secretariat opens one on a strategy draft, whose text becomes its
 * sections; anyone (or members only) gives input, without an account, each form stored exactly
 * once; the respondent gets a receipt, and can remove their personal data at once.
 */
export class ConsultationService {
  readonly repo: ConsultationRepo;
  private secret: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly strategies: StrategyService,
    private readonly networks: { bodiesOf(networkId: number): Promise<{ id: number; name: string; kind: string }[]> },
    private readonly projects: {
      byId(id: number): Promise<{ networkId: number; summary: string; problem: string; description: string } | undefined>;
    },
    private readonly mail: { delivery: MailDelivery; baseUrl: string },
    private readonly loadSecret: () => Promise<string>,
    private readonly inputsPerTenMinutes = 10,
    /** A consultation's number of inputs, counted once until the data changes. */
    private readonly inputCounts: Keeper<number> = keepUntilChange(undefined),
  ) {
    this.repo = new ConsultationRepo(db);
  }

  private key(): Promise<string> {
    this.secret ??= this.loadSecret();
    return this.secret;
  }

  /** How many inputs the consultation has, for its secretariat: exact at the next request after any. */
  async inputCount(id: number): Promise<number> {
    return this.inputCounts.get(String(id), () => this.repo.countInputs(id));
  }

  async get(id: number): Promise<Consultation> {
    const c = await this.repo.byId(id);
    if (!c) throw new NotFoundError();
    return c;
  }

  /** A consultation with its sections and questions. */
  async detail(id: number) {
    const consultation = await this.get(id);
    const [sections, questions] = await Promise.all([this.repo.sectionsOf(id), this.repo.questionsOf(id)]);
    return { consultation, sections, questions };
  }

  /**
   * Opens a consultation on a network's strategy draft: its vision, goals and focus areas (with their
   * measures) become the sections, with headings in the language of the one who opens it. The draft
   * is marked as on consultation.
   */
  async openOnStrategy(actor: Actor, strategyId: number, input: unknown, t: Translate): Promise<Result<Consultation>> {
    const d = await this.strategies.detail(strategyId);
    if (d.strategy.networkId === null) return invalid([{ field: "_", key: "errors.consultationNetworkOnly" }]);
    if (d.strategy.status !== "draft" && d.strategy.status !== "consultation")
      return invalid([{ field: "_", key: "errors.consultationDraftOnly" }]);
    const parsed = consultationInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { opensDate: _od, opensTime: _ot, closesDate: _cd, closesTime: _ct, ...values } = parsed.data;
    const sections = sectionsOf(d, t);
    return ok(
      await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        const consultation = await repo.insert({ ...values, networkId: d.strategy.networkId!, strategyId });
        await repo.insertSections(sections.map((s, position) => ({ ...s, position, consultationId: consultation.id })));
        await this.strategies.repo.with(tx).update(strategyId, { status: "consultation" });
        await recordAudit(tx, actor, {
          action: "create",
          entity: "consultation",
          entityId: consultation.id,
          after: { ...consultation, sections: sections.length },
        });
        return consultation;
      }),
    );
  }

  /**
   * An internal review round after a public consultation: the members of the chosen bodies (the
   * steering group, the resource group) comment on the revised draft section by section, until it
   * closes. It is a consultation of its own, with the draft's text as it is now.
   */
  async openReview(actor: Actor, consultationId: number, input: unknown, t: Translate): Promise<Result<Consultation>> {
    const publicRound = await this.get(consultationId);
    if (publicRound.reviewOfId !== null || publicRound.strategyId === null)
      return invalid([{ field: "_", key: "errors.reviewOfPublicOnly" }]);
    const parsed = reviewInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const now = new Date();
    if (parsed.data.closesAt <= now) return invalid([{ field: "closesDate", key: "errors.closesInPast" }]);
    const bodies = new Set((await this.bodiesOf(publicRound.networkId)).map((b) => b.id));
    if (parsed.data.bodyIds.some((id) => !bodies.has(id))) return invalid([{ field: "bodyIds", key: "errors.choice" }]);
    const d = await this.strategies.detail(publicRound.strategyId);
    return ok(
      await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        const review = await repo.insert({
          networkId: publicRound.networkId,
          strategyId: publicRound.strategyId,
          reviewOfId: publicRound.id,
          title: t("consultation.reviewTitle", { title: d.strategy.title }),
          opensAt: now,
          closesAt: parsed.data.closesAt,
          audience: "bodies",
          bodyIds: [...new Set(parsed.data.bodyIds)],
          personalDataDays: publicRound.personalDataDays,
        });
        const sections = sectionsOf(d, t);
        await repo.insertSections(sections.map((s, position) => ({ ...s, position, consultationId: review.id })));
        await recordAudit(tx, actor, { action: "create", entity: "consultation", entityId: review.id, after: review });
        return review;
      }),
    );
  }

  /** The bodies of the network a review round can ask. */
  bodiesOf(networkId: number) {
    return this.networks.bodiesOf(networkId);
  }

  /** Who may answer (the rule is the module's policy: `mayAnswer` in policy.ts). */
  mayAnswer(c: Consultation, actor: Actor | null): boolean {
    return mayAnswer(actor, c);
  }

  /**
   * Opens a consultation on one of the network's projects (its summary, problem and description
   * become the sections) or on an uploaded document (the secretariat then writes its sections in).
   * Everything is checked before anything is saved.
   */
  async openOnNetwork(
    actor: Actor,
    networkId: number,
    input: Record<string, unknown>,
    maxBytes: number,
    t: Translate,
  ): Promise<Result<Consultation>> {
    const parsed = consultationInput.safeParse(input);
    const subject = subjectInput.safeParse(input);
    const errors: FieldError[] = [
      ...(parsed.success ? [] : toFieldErrors(parsed.error)),
      ...(subject.success ? [] : toFieldErrors(subject.error)),
    ];
    let sections: { heading: string; body: string }[] = [];
    let upload: ReturnType<typeof checkUpload>["file"];
    if (subject.success && subject.data.subject === "project") {
      const project = subject.data.projectId === null ? undefined : await this.projects.byId(subject.data.projectId);
      if (!project || project.networkId !== networkId) errors.push({ field: "projectId", key: "errors.choice" });
      else
        sections = [
          { heading: t("project.summary"), body: project.summary },
          { heading: t("project.problem"), body: project.problem },
          { heading: t("project.description"), body: project.description },
        ].filter((s) => s.body.trim() !== "");
    }
    if (subject.success && subject.data.subject === "document") {
      const checked = checkUpload("file", input.file, maxBytes);
      errors.push(...checked.errors);
      upload = checked.file;
    }
    if (!parsed.success || !subject.success || errors.length) return invalid(errors);
    const { opensDate: _od, opensTime: _ot, closesDate: _cd, closesTime: _ct, ...values } = parsed.data;
    const projectId = subject.data.subject === "project" ? subject.data.projectId : null;
    return ok(
      await this.db.transaction(async (tx) => {
        const file = upload ? await saveFile(tx, upload, actor.userId) : undefined;
        const repo = this.repo.with(tx);
        const consultation = await repo.insert({ ...values, networkId, projectId, documentFileId: file?.id ?? null });
        await repo.insertSections(sections.map((s, position) => ({ ...s, position, consultationId: consultation.id })));
        await recordAudit(tx, actor, {
          action: "create",
          entity: "consultation",
          entityId: consultation.id,
          after: consultation,
        });
        return consultation;
      }),
    );
  }

  /** A section written in by the secretariat, for a document's text or to add to a draft's. */
  async addSection(actor: Actor, consultationId: number, input: unknown): Promise<Result<number>> {
    await this.get(consultationId);
    const parsed = sectionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const position = (await this.repo.sectionsOf(consultationId)).length;
    return ok(
      await this.db.transaction(async (tx) => {
        const repo = this.repo.with(tx);
        await repo.insertSections([{ ...parsed.data, consultationId, position }]);
        const created = (await repo.sectionsOf(consultationId)).at(-1)!;
        await recordAudit(tx, actor, { action: "create", entity: "consultation_section", entityId: created.id, after: created });
        return created.id;
      }),
    );
  }

  /** The document a consultation is about, for download; 404 when there is none. */
  async document(consultationId: number) {
    const c = await this.get(consultationId);
    const file = c.documentFileId ? await readFile(this.db, c.documentFileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  async addQuestion(actor: Actor, consultationId: number, input: unknown): Promise<Result<number>> {
    await this.get(consultationId);
    const parsed = questionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const position = (await this.repo.questionsOf(consultationId)).length;
    return ok(
      await this.db.transaction(async (tx) => {
        const q = await this.repo.with(tx).insertQuestion({ ...parsed.data, consultationId, position });
        await recordAudit(tx, actor, { action: "create", entity: "consultation_question", entityId: q.id, after: q });
        return q.id;
      }),
    );
  }

  /** A new form's token: which consultation, when it was handed out, and a signature. */
  async formToken(consultationId: number, now = new Date()): Promise<string> {
    const payload = `${consultationId}.${now.getTime()}.${randomBytes(12).toString("base64url")}`;
    return `${payload}.${createHmac("sha256", await this.key())
      .update(payload)
      .digest("base64url")
      .slice(0, 32)}`;
  }

  /** When the form was handed out, if the token is one this installation made for this consultation. */
  private async issuedAt(token: unknown, consultationId: number): Promise<number | null> {
    if (typeof token !== "string" || token.length > 200) return null;
    const parts = token.split(".");
    if (parts.length !== 4 || Number(parts[0]) !== consultationId) return null;
    const payload = parts.slice(0, 3).join(".");
    const expected = Buffer.from(
      createHmac("sha256", await this.key())
        .update(payload)
        .digest("base64url")
        .slice(0, 32),
    );
    const given = Buffer.from(parts[3]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const at = Number(parts[1]);
    return Number.isFinite(at) ? at : null;
  }

  /** The secret in a receipt's link: derived from the form, so a form sent twice leads to the same receipt. */
  private async receiptSecret(formToken: string): Promise<string> {
    return createHmac("sha256", await this.key())
      .update(`receipt:${formToken}`)
      .digest("base64url");
  }

  /**
   * Takes one input. Refused with a message to a person: outside the consultation's time, members
   * only and not signed in, a form without a valid token, the honeypot filled, sent faster than a
   * person can, too many from one address, or a field that does not fit. A form sent again (or many
   * times at once) is stored once and answers the same receipt.
   */
  async submit(
    consultationId: number,
    body: Record<string, unknown>,
    context: { actor: Actor | null; ipKey: string; locale: Locale; now?: Date },
  ): Promise<Result<{ reference: string; receipt: string }>> {
    const now = context.now ?? new Date();
    const { consultation, sections, questions } = await this.detail(consultationId);
    const state = stateOf(consultation, now);
    if (state !== "open")
      return invalid([{ field: "_", key: state === "closed" ? "errors.consultationClosed" : "errors.consultationNotOpen" }]);
    if (!this.mayAnswer(consultation, context.actor))
      return invalid([
        { field: "_", key: consultation.audience === "bodies" ? "errors.reviewBodiesOnly" : "errors.consultationMembersOnly" },
      ]);
    const formToken = body.formToken;
    const issued = await this.issuedAt(formToken, consultationId);
    if (issued === null || typeof formToken !== "string") return invalid([{ field: "_", key: "errors.formToken" }]);
    // Hidden from people and labelled "leave empty" for those who reach it anyway; bots fill it in.
    if (typeof body.website === "string" && body.website.trim() !== "")
      return invalid([{ field: "website", key: "errors.honeypot" }]);
    if (now.getTime() - issued < MIN_FILL_SECONDS * 1000) return invalid([{ field: "_", key: "errors.tooFast" }]);
    // Counted from what is stored, so a form sent again (or many times at once) counts once.
    const limit = this.inputsPerTenMinutes;
    const before = await this.repo.beforeInput(formToken, context.ipKey, new Date(now.getTime() - 600_000), limit);
    if (before.knownReference) return ok({ reference: before.knownReference, receipt: await this.receiptSecret(formToken) });
    if (before.recent >= limit) return invalid([{ field: "_", key: "errors.tooManyInputs" }]);

    const parsed = inputFields.safeParse(body);
    const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
    if (parsed.success && parsed.data.sectionId !== null && !sections.some((s) => s.id === parsed.data.sectionId))
      errors.push({ field: "sectionId", key: "errors.choice" });
    const answers: Record<string, string> = {};
    for (const q of questions) {
      const raw = body[`q${q.id}`];
      const value = typeof raw === "string" ? raw.trim() : "";
      if (!value) continue;
      if (q.kind === "choice" && !q.options.includes(value)) errors.push({ field: `q${q.id}`, key: "errors.choice" });
      else if (value.length > 2000) errors.push({ field: `q${q.id}`, key: "errors.tooLong", params: { max: 2000 } });
      else answers[String(q.id)] = value;
    }
    if (!parsed.success || errors.length) return invalid(errors);

    const receipt = await this.receiptSecret(formToken);
    const store = async (db: DbOrTx, reference: string) => {
      const input = await this.repo.with(db).insertInputOnce({
        consultationId,
        ...parsed.data,
        answers,
        reference,
        formToken,
        receiptHash: hashToken(receipt),
        sourceKey: context.ipKey,
      });
      if (input?.email) await queueMail(db, this.receiptMail(consultation, input, receipt, context.locale));
      return input;
    };
    // A receipt by e-mail is queued in the input's transaction; without one the insert stands alone.
    // A reference is short enough to read out; with a hundred thousand inputs about one new input in
    // a few thousand draws a reference already taken, and draws again.
    let stored: Input | undefined;
    for (let attempt = 1; ; attempt++) {
      const reference = this.newReference(consultationId);
      try {
        stored = parsed.data.email ? await this.db.transaction((tx) => store(tx, reference)) : await store(this.db, reference);
        break;
      } catch (error) {
        if (attempt >= 5 || !isUniqueViolation(error, "consultation_inputs_reference_uq")) throw error;
      }
    }
    if (!stored) {
      // Sent at the same moment from another request: that one stored it.
      const first = await this.repo.inputByFormToken(formToken);
      return ok({ reference: first!.reference, receipt });
    }
    if (stored.email) void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok({ reference: stored.reference, receipt });
  }

  /** An input's reference: the consultation and seven random characters. */
  newReference(consultationId: number): string {
    return `K${consultationId}-${randomBytes(5).toString("hex").toUpperCase().slice(0, 7)}`;
  }

  private receiptMail(consultation: Consultation, input: Input, receipt: string, locale: Locale) {
    const { t, dateTime } = i18nFor(locale);
    const link = `${this.mail.baseUrl}/consultations/${consultation.id}/receipt/${receipt}`;
    return {
      to: input.email!,
      subject: t("consultation.mail.subject", { title: consultation.title }),
      body: t("consultation.mail.body", {
        title: consultation.title,
        reference: input.reference,
        closes: dateTime(consultation.closesAt),
        link,
        days: consultation.personalDataDays,
      }),
    };
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
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).updateInput(inputId, change);
      await recordAudit(tx, actor, { action: "update", entity: "consultation_input", entityId: inputId, after: change });
    });
    return ok(true);
  }

  async addTemplate(actor: Actor, consultationId: number, input: unknown): Promise<Result<number>> {
    await this.get(consultationId);
    const parsed = templateInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    return ok(
      await this.db.transaction(async (tx) => {
        const row = await this.repo.with(tx).insertTemplate({ ...parsed.data, consultationId });
        await recordAudit(tx, actor, { action: "create", entity: "consultation_answer_template", entityId: row.id, after: row });
        return row.id;
      }),
    );
  }

  /** Whether the inputs (without personal data) and published answers show on the public page. */
  async saveSettings(actor: Actor, consultationId: number, input: unknown): Promise<Result<true>> {
    await this.get(consultationId);
    const parsed = settingsInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).updateConsultation(consultationId, parsed.data);
      await recordAudit(tx, actor, { action: "update", entity: "consultation", entityId: consultationId, after: parsed.data });
    });
    return ok(true);
  }

  /** Publishes every prepared answer at once, when the secretariat decides; answers how many. */
  async publishAnswers(actor: Actor, consultationId: number): Promise<number> {
    await this.get(consultationId);
    return this.db.transaction(async (tx) => {
      const n = await this.repo.with(tx).publishAnswers(consultationId, new Date());
      await recordAudit(tx, actor, {
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
    const consultation = await this.get(consultationId);
    const { t } = i18nFor(locale);
    const n = await this.db.transaction(async (tx) => {
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
      await recordAudit(tx, actor, {
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

  /**
   * The summary for the steering group: counts per section, category, kind of respondent, status
   * and choice of each choice question, and every input that is not spam with its answer.
   */
  async summary(consultationId: number) {
    const { consultation, sections, questions } = await this.detail(consultationId);
    const all = await this.repo.inputsOf(consultationId);
    const counted = all.filter((i) => i.status !== "spam");
    const tally = <K extends string | number>(key: (i: Input) => K) => {
      const out = new Map<K, number>();
      for (const i of counted) out.set(key(i), (out.get(key(i)) ?? 0) + 1);
      return [...out].sort((a, b) => b[1] - a[1]);
    };
    return {
      consultation,
      sections,
      total: counted.length,
      spam: all.length - counted.length,
      bySection: tally((i) => i.sectionId ?? 0),
      byCategory: tally((i) => i.category),
      byRespondent: tally((i) => i.respondentKind),
      byStatus: tally((i) => i.status),
      questions,
      byQuestion: choiceCounts(questions, counted),
      inputs: counted,
    };
  }

  /**
   * Clears the name, organisation and e-mail of every input whose consultation closed longer ago
   * than its retention; the inputs stay. Run daily with the other retention steps.
   */
  async removeExpiredPersonalData(now = new Date()): Promise<number> {
    return this.db.transaction(async (tx) => {
      const n = await this.repo.with(tx).removeExpiredPersonalData(now);
      if (n)
        await recordAudit(
          tx,
          { userId: null, label: "retention", isAdmin: true },
          {
            action: "update",
            entity: "consultation_input",
            entityId: "retention",
            after: { personalDataRemoved: n },
          },
        );
      return n;
    });
  }

  /** The input a receipt's link belongs to; 404 for a link that is not one. */
  async byReceipt(consultationId: number, receipt: string): Promise<Input> {
    if (receipt.length > 100) throw new NotFoundError();
    const input = await this.repo.inputByReceipt(consultationId, hashToken(receipt));
    if (!input) throw new NotFoundError();
    return input;
  }

  /** Removes the name, organisation and e-mail of the input the receipt belongs to, at once; the input stays. */
  async removePersonalData(consultationId: number, receipt: string): Promise<void> {
    const input = await this.byReceipt(consultationId, receipt);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).removePersonalData(input.id);
      // The audit trail says that it happened, never what was removed.
      await recordAudit(
        tx,
        { userId: null, label: "respondent", isAdmin: false },
        {
          action: "update",
          entity: "consultation_input",
          entityId: input.id,
          after: { personalDataRemoved: true },
        },
      );
    });
  }
}
