import { createHmac } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { isNetworkMember, isSecretariat } from "../../platform/access/authorize.ts";
import { canSee } from "../../platform/access/visibility.ts";
import { audited, createAudited, updateAudited } from "../../platform/audit/audited.ts";
import { hashToken } from "../../platform/auth/tokens.ts";
import type { Db } from "../../platform/db/client.ts";
import { type ErrorLog, every } from "../../platform/every.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  checkbox,
  isoDate,
  optionalId,
  optionalText,
  requiredText,
  toFieldErrors,
  wholeNumber,
} from "../../platform/http/validation.ts";
import { addDays, i18nFor, type Locale, osloInstant, osloToday } from "../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../platform/mail/mail.ts";
import { sizeClassOf } from "../roadmap/index.ts";
import { hiddenGroups, MIN_GROUP, questionResult, type SurveyResults, surveyResults } from "./results.ts";
import { QUESTION_KINDS, type QuestionKind, type SurveyStatus } from "./schema.ts";
import { type Question, type Recipient, type Survey, SurveyRepo } from "./surveys.repo.ts";

/** Days before the closing date when those who have not answered are reminded by themselves. */
export const REMINDER_DAYS = 3;
/** A reminder round reaches nobody reminded within this many hours (two clicks at once, or a click after the automatic round). */
export const REMINDER_GAP_HOURS = 24;

const year = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), wholeNumber(2000, 2100));

/** A survey as the secretariat writes it. Visibility is public or the network's: a survey belongs to no body. */
export const surveyInput = z.object({
  title: requiredText(200),
  intro: optionalText(5000),
  year,
  // An empty date is "required", not "not a valid date".
  closesOn: z.preprocess((v) => v ?? "", z.string().trim().min(1, "errors.required").pipe(isoDate)),
  anonymous: checkbox,
  visibility: z.enum(["public", "network"], "errors.choice").default("network"),
});

/** One question: its kind's own fields are checked below (a scale's ends, a choice's choices). */
export const questionInput = z
  .object({
    kind: z.enum(QUESTION_KINDS, "errors.choice"),
    text: requiredText(500),
    help: optionalText(1000),
    /** A choice question's choices, one a line. */
    choices: z.preprocess(
      (v) =>
        Array.isArray(v)
          ? v
          : typeof v === "string"
            ? v
                .split(/\r?\n/)
                .map((c) => c.trim())
                .filter(Boolean)
            : [],
      z.array(z.string().max(200, "errors.tooLong")).max(20, "errors.surveyTooManyChoices"),
    ),
    scaleMin: z.preprocess(
      (v) => (v === "" || v === undefined ? 1 : v),
      z.coerce.number().int("errors.surveyScaleEnds").min(0, "errors.surveyScaleEnds").max(10, "errors.surveyScaleEnds"),
    ),
    scaleMax: z.preprocess(
      (v) => (v === "" || v === undefined ? 5 : v),
      z.coerce.number().int("errors.surveyScaleEnds").min(1, "errors.surveyScaleEnds").max(10, "errors.surveyScaleEnds"),
    ),
    scaleMinLabel: optionalText(100),
    scaleMaxLabel: optionalText(100),
    allowDontKnow: checkbox,
    required: checkbox,
    /** The same question in the survey this one repeats. */
    repeatsQuestionId: optionalId,
  })
  .refine((q) => q.kind !== "scale" || q.scaleMax > q.scaleMin, { path: ["scaleMax"], message: "errors.surveyScaleEnds" })
  .refine((q) => q.kind !== "choice" || q.choices.length >= 2, { path: ["choices"], message: "errors.surveyTwoChoices" })
  .refine((q) => q.kind !== "choice" || new Set(q.choices).size === q.choices.length, {
    path: ["choices"],
    message: "errors.surveyChoicesTwice",
  });

/** A recipient: a person from the directory, or a member organisation with a name and an address. */
export const recipientInput = z.object({
  personId: optionalId,
  organisationId: optionalId,
  name: optionalText(200),
  email: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined),
    z.email("errors.email").max(254).optional(),
  ),
});

/** A calendar day `days` after (or before) another, both yyyy-mm-dd. */
/** Where a survey stands on a day: an open survey past its closing date is closed, even if nothing ran. */
export function statusOf(s: Pick<Survey, "status" | "closesOn">, today = osloToday()): SurveyStatus {
  return s.status === "open" && s.closesOn < today ? "closed" : s.status;
}

/** The language of a member's mails: its written form (målform), bokmål unless it writes nynorsk. */
export const localeOfMalform = (malform: string | null | undefined): Locale => (malform === "nynorsk" ? "nn" : "nb");

/** Whether the anonymity threshold applies to this viewer: an anonymous survey, or anyone outside the network's people. */
export const isGuarded = (viewer: Actor | null, s: Pick<Survey, "anonymous" | "networkId">) =>
  s.anonymous || !isNetworkMember(viewer, s.networkId);

/**
 * Whether an anonymous survey's figures are withheld from everyone: until it closes, since each
 * new answer would otherwise move the figures beside the recipient who just turned "answered".
 */
export const isWithheld = (s: Pick<Survey, "anonymous" | "status" | "closesOn">, today = osloToday()) =>
  s.anonymous && statusOf(s, today) !== "closed";

/** What a survey asks of the members: the answers a recipient sends, checked against its questions. */
export interface AnswerValue {
  questionId: number;
  scale: number | null;
  choice: string | null;
  text: string;
  dontKnow: boolean;
}

/**
 * The answers of a sent form, from the fields "q<id>": a scale's point or "dk", a choice's number or
 * "dk", free text. A point outside the scale, an unknown choice, a "don't know" where none is
 * allowed and a required question left empty come back as errors on their fields.
 */
export function answersOf(questions: readonly Question[], body: Record<string, unknown>) {
  const answers: AnswerValue[] = [];
  const errors: FieldError[] = [];
  for (const q of questions) {
    const field = `q${q.id}`;
    const raw = body[field];
    const value = typeof raw === "string" ? raw.trim() : "";
    if (value === "") {
      if (q.required) errors.push({ field, key: "errors.required" });
      continue;
    }
    if (value === "dk" && q.kind !== "text") {
      if (!q.allowDontKnow) errors.push({ field, key: "errors.choice" });
      else answers.push({ questionId: q.id, scale: null, choice: null, text: "", dontKnow: true });
      continue;
    }
    if (q.kind === "scale") {
      const point = /^-?\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isInteger(point) || point < q.scaleMin || point > q.scaleMax)
        errors.push({ field, key: "errors.surveyScaleRange", params: { min: q.scaleMin, max: q.scaleMax } });
      else answers.push({ questionId: q.id, scale: point, choice: null, text: "", dontKnow: false });
    } else if (q.kind === "choice") {
      const index = /^\d{1,3}$/.test(value) ? Number(value) : -1;
      const choice = q.choices[index];
      if (choice === undefined) errors.push({ field, key: "errors.choice" });
      else answers.push({ questionId: q.id, scale: null, choice, text: "", dontKnow: false });
    } else if (value.length > 5000) errors.push({ field, key: "errors.tooLong", params: { max: 5000 } });
    else answers.push({ questionId: q.id, scale: null, choice: null, text: value, dontKnow: false });
  }
  return { answers, errors };
}

/** Who answers or is reminded, for the audit trail: a recipient, never named. */
const RECIPIENT: Actor = { userId: null, label: "survey recipient", isAdmin: false };
/** The automatic reminders, for the audit trail only: no rights (the background work calls the service directly). */
const REMINDERS: Actor = { userId: null, label: "survey reminders", isAdmin: false };
/** The daily retention run, for the audit trail only. */
const RETENTION: Actor = { userId: null, label: "retention", isAdmin: false };
/** Days after a survey closes before its recipients' names and addresses are cleared. */
export const RECIPIENT_RETENTION_DAYS = 90;

/** The public face of a survey for other modules (the member report, the annual report). */
export interface VisibleSurvey {
  id: number;
  title: string;
  year: number;
  status: SurveyStatus;
  anonymous: boolean;
  recipients: number;
  responses: number;
}

export interface ResultsSummary {
  survey: { id: number; networkId: number; title: string; year: number; anonymous: boolean };
  responses: number;
  recipients: number;
  questions: {
    id: number;
    text: string;
    kind: QuestionKind;
    answered: number;
    dontKnow: number;
    mean: number | null;
    distribution: { label: string; count: number }[];
    previous: { mean: number | null; answered: number } | null;
    hidden: boolean;
  }[];
}

export interface MemberSurveySummary {
  surveyId: number;
  title: string;
  year: number;
  responses: number;
  scaleMean: number | null;
  hidden: boolean;
}

/** A survey's full results as a viewer may see them, with the one it repeats for the trend. */
export interface FullResults extends SurveyResults {
  survey: Survey;
  status: SurveyStatus;
  networkSlug: string;
  networkName: string;
  guarded: boolean;
  /** Last time's result of each question, by this survey's question id. */
  previous: Map<
    number,
    { mean: number | null; answered: number; dontKnow: number; distribution: { label: string; count: number }[]; hidden: boolean }
  >;
  previousSurvey: { id: number; title: string; year: number } | null;
  /**
   * Free text answers per text question, when the viewer may read them; who wrote them only on a survey
   * that is not anonymous. A question missing from the map keeps its texts back: of an anonymous survey,
   * one that fewer than five answered (decision 0030).
   */
  texts: Map<number, { text: string; by: string | null }[]> | null;
  /**
   * Why the free text is not shown: the viewer is not one of the network's people, an anonymous
   * survey is still open, or it has fewer than five answers.
   */
  textsWithheld: "network" | "open" | "fewerThanFive" | null;
  /** An anonymous survey still open: only the counts of answers are shown. */
  withheld: boolean;
}

/**
 * Evaluation surveys: the secretariat builds a survey and sends its members' contacts personal
 * links by mail; they answer without an account; reminders go to those who have not answered; the
 * survey closes on its date; results per question, member and size class, with last year's beside.
 */
export class SurveyService {
  readonly repo: SurveyRepo;
  private secret: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly mail: { delivery: MailDelivery; baseUrl: string },
    private readonly loadSecret: () => Promise<string>,
  ) {
    this.repo = new SurveyRepo(db);
  }

  /**
   * A recipient's link secret, derived from the installation's key, the survey, the address and when
   * the recipient was added: the database keeps only its hash, and a reminder can carry the same link.
   */
  async tokenOf(r: { surveyId: number; email: string; createdAt: Date }): Promise<string> {
    return createHmac("sha256", await this.key())
      .update(`survey-link\0${r.surveyId}\0${r.email.toLowerCase()}\0${r.createdAt.getTime()}`)
      .digest("base64url");
  }

  /**
   * The installation's key, read once. Commands read it before their transaction: on the embedded
   * database a read outside an open transaction would wait for it.
   */
  private key(): Promise<string> {
    this.secret ??= this.loadSecret();
    return this.secret;
  }

  // Reads.

  /** A survey with its network; 404 when there is none. Callers check who may see what. */
  async get(id: number) {
    const row = await this.repo.byId(id);
    if (!row) throw new NotFoundError();
    return { ...row, status: statusOf(row.survey) };
  }

  /** Whether the viewer may read a survey's results: its network's secretariat always; others not a draft, by its visibility. */
  mayRead(viewer: Actor | null, s: Pick<Survey, "networkId" | "visibility" | "status">): boolean {
    if (isSecretariat(viewer, s.networkId)) return true;
    return s.status !== "draft" && canSee(viewer, { networkId: s.networkId, visibility: s.visibility });
  }

  /** A network's surveys for its list: drafts too for its secretariat. */
  list(networkId: number, viewer: Actor | null) {
    return this.repo.list(networkId, viewer, { withDrafts: isSecretariat(viewer, networkId), today: osloToday() });
  }

  /**
   * One page of a network's surveys for the API, newest year first, paged in the database: drafts
   * too for its secretariat, as on the page.
   */
  async page(
    networkId: number,
    viewer: Actor | null,
    options: { years: { from: number; to: number }; limit: number; offset: number },
  ) {
    const withDrafts = isSecretariat(viewer, networkId);
    const [items, total] = await Promise.all([
      this.repo.list(networkId, viewer, {
        withDrafts,
        years: options.years,
        today: osloToday(),
        page: { limit: options.limit, offset: options.offset },
      }),
      this.repo.count(networkId, viewer, { withDrafts, years: options.years }),
    ]);
    return { items, total };
  }

  /** The surveys of a network whose results the viewer may see, for years from..to (one query). */
  async visibleSurveys(networkId: number, years: { from: number; to: number }, viewer: Actor | null): Promise<VisibleSurvey[]> {
    const rows = await this.repo.list(networkId, viewer, { withDrafts: false, years, today: osloToday() });
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      year: r.year,
      status: r.status,
      anonymous: r.anonymous,
      recipients: r.recipients,
      responses: r.responses,
    }));
  }

  /** A survey's questions, in order. */
  questions(surveyId: number) {
    return this.repo.questions([surveyId]);
  }

  /** A survey's recipients, for its secretariat. */
  recipients(surveyId: number) {
    return this.repo.recipients(surveyId);
  }

  /** The contacts and member organisations a survey of the network can be sent to, for the form. */
  async recipientChoices(networkId: number) {
    const [contacts, members] = await Promise.all([this.repo.contacts(networkId), this.repo.members(networkId)]);
    return { contacts, members };
  }

  /**
   * One survey's full results as the viewer may see them, or null when they may not: per question,
   * member and size class, the response rate, last time's results, and free text for the network's
   * people. A fixed number of queries whatever the number of members and answers.
   */
  async results(viewer: Actor | null, surveyId: number): Promise<FullResults | null> {
    const row = await this.repo.byId(surveyId);
    if (!row || !this.mayRead(viewer, row.survey)) return null;
    const s = row.survey;
    const previousId = s.repeatsId;
    const ids = previousId ? [s.id, previousId] : [s.id];
    const [questions, counts, members, previousRow] = await Promise.all([
      this.repo.questions(ids),
      this.repo.answerCounts(ids),
      this.repo.memberCounts(ids),
      previousId ? this.repo.byId(previousId) : Promise.resolve(undefined),
    ]);
    const guarded = isGuarded(viewer, s);
    const withheld = isWithheld(s);
    const own = questions.filter((q) => q.surveyId === s.id);
    const results = surveyResults(
      own,
      counts.filter((c) => c.surveyId === s.id),
      members.filter((m) => m.surveyId === s.id),
      guarded,
      withheld,
    );
    const previous: FullResults["previous"] = new Map();
    // Last time's results only where the viewer may read that survey too, under its own anonymity.
    const earlier = previousRow && this.mayRead(viewer, previousRow.survey) ? previousRow.survey : null;
    if (earlier) {
      const earlierGuarded = isGuarded(viewer, earlier);
      const earlierRows = counts.filter((c) => c.surveyId === earlier.id);
      const byId = new Map(questions.filter((q) => q.surveyId === earlier.id).map((q) => [q.id, q]));
      for (const q of own) {
        const match = q.repeatsQuestionId ? byId.get(q.repeatsQuestionId) : undefined;
        if (!match) continue;
        const r = questionResult(match, earlierRows, earlierGuarded);
        const earlierWithheld = isWithheld(earlier);
        previous.set(q.id, {
          mean: earlierWithheld ? null : r.mean,
          answered: r.answered,
          dontKnow: earlierWithheld ? 0 : r.dontKnow,
          distribution: earlierWithheld ? [] : r.distribution,
          hidden: earlierWithheld || r.hidden,
        });
      }
    }
    let texts: FullResults["texts"] = null;
    // Free text is for the network's people only; of an anonymous survey only once five have answered, and without who wrote it.
    const textsWithheld = !isNetworkMember(viewer, s.networkId)
      ? "network"
      : withheld
        ? "open"
        : s.anonymous && results.responses < MIN_GROUP
          ? "fewerThanFive"
          : null;
    if (textsWithheld === null) {
      // Each question's texts only where its figures are shown: of an anonymous survey, a question that
      // fewer than five answered (its result hidden) keeps its texts back, whatever the survey's total.
      const readable = new Set(results.questions.filter((q) => q.kind === "text" && !(s.anonymous && q.hidden)).map((q) => q.id));
      texts = new Map([...readable].map((id) => [id, []]));
      // An anonymous survey's texts in the order of the text, so the k-th text of each question is not one person.
      for (const t of await this.repo.texts(s.id, { byText: s.anonymous })) {
        if (!readable.has(t.questionId)) continue;
        const by = s.anonymous ? null : [t.recipientName, t.organisationName].filter(Boolean).join(", ");
        texts.get(t.questionId)!.push({ text: t.text, by });
      }
    }
    return {
      ...results,
      survey: s,
      status: statusOf(s),
      networkSlug: row.networkSlug,
      networkName: row.networkName,
      guarded,
      withheld,
      previous,
      previousSurvey: earlier ? { id: earlier.id, title: earlier.title, year: earlier.year } : null,
      texts,
      textsWithheld,
    };
  }

  /** One survey's aggregated results as the viewer may see them (anonymity rule applied), or null. */
  async resultsSummary(surveyId: number, viewer: Actor | null): Promise<ResultsSummary | null> {
    const r = await this.results(viewer, surveyId);
    if (!r) return null;
    return {
      survey: {
        id: r.survey.id,
        networkId: r.survey.networkId,
        title: r.survey.title,
        year: r.survey.year,
        anonymous: r.survey.anonymous,
      },
      responses: r.responses,
      recipients: r.recipients,
      questions: r.questions.map((q) => {
        const p = r.previous.get(q.id);
        return {
          id: q.id,
          text: q.text,
          kind: q.kind,
          answered: q.answered,
          dontKnow: q.dontKnow,
          mean: q.mean,
          distribution: q.distribution,
          previous: p ? { mean: p.mean, answered: p.answered } : null,
          hidden: q.hidden,
        };
      }),
    };
  }

  /** Per member organisation: its responses and its mean on scale questions, per visible survey of the years (three queries). */
  async memberSummaries(
    networkId: number,
    years: { from: number; to: number },
    viewer: Actor | null,
  ): Promise<Map<number, MemberSurveySummary[]>> {
    const list = await this.repo.list(networkId, viewer, { withDrafts: false, years, today: osloToday() });
    const ids = list.map((s) => s.id);
    const [members, totals] = await Promise.all([this.repo.memberCounts(ids), this.repo.scaleTotals(ids)]);
    const total = new Map(totals.map((t) => [`${t.surveyId}:${t.organisationId}`, t]));
    const byId = new Map(list.map((s) => [s.id, s]));
    // Per survey, the members hidden under the same rule as its results page (complementary suppression included).
    const hiddenOf = new Map<number, Set<number>>();
    for (const s of list) {
      const ms = members.filter((m) => m.surveyId === s.id);
      const { hiddenMembers } = hiddenGroups(
        ms.map((m) => ({ organisationId: m.organisationId, responses: m.responses, sizeClass: sizeClassOf(m.population) })),
        isGuarded(viewer, { anonymous: s.anonymous, networkId }),
      );
      hiddenOf.set(s.id, hiddenMembers);
    }
    const out = new Map<number, MemberSurveySummary[]>();
    for (const m of members) {
      const s = byId.get(m.surveyId);
      if (!s) continue;
      const hidden =
        isWithheld({ anonymous: s.anonymous, status: s.status, closesOn: s.closesOn }) ||
        (isGuarded(viewer, { anonymous: s.anonymous, networkId }) &&
          (m.responses < MIN_GROUP || (hiddenOf.get(s.id)?.has(m.organisationId) ?? false)));
      const t = total.get(`${m.surveyId}:${m.organisationId}`);
      const guarded = isGuarded(viewer, { anonymous: s.anonymous, networkId });
      out.set(m.organisationId, [
        ...(out.get(m.organisationId) ?? []),
        {
          surveyId: s.id,
          title: s.title,
          year: s.year,
          responses: m.responses,
          // Where the threshold applies, the count only: one mean over every scale answer could rest on
          // fewer than five answers to a question (the results page shows what the rules allow).
          scaleMean: hidden || guarded || !t || t.n === 0 ? null : t.sum / t.n,
          hidden,
        },
      ]);
    }
    return out;
  }

  // The secretariat's commands.

  async create(actor: Actor, networkId: number, body: unknown): Promise<Result<Survey>> {
    const parsed = surveyInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (parsed.data.closesOn < osloToday()) return invalid([{ field: "closesOn", key: "errors.surveyClosesBeforeToday" }]);
    return ok(await createAudited(this.db, actor, "survey", (tx) => this.repo.with(tx).insert({ networkId, ...parsed.data })));
  }

  /**
   * Changes a survey; whether it is anonymous and its year are fixed once it is sent, and a changed
   * last day to answer may not be before today.
   */
  async update(actor: Actor, existing: Survey, body: unknown): Promise<Result<Survey>> {
    const parsed = surveyInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (existing.status !== "draft" && parsed.data.anonymous !== existing.anonymous)
      return invalid([{ field: "anonymous", key: "errors.surveySent" }]);
    if (existing.status !== "draft" && parsed.data.year !== existing.year)
      return invalid([{ field: "year", key: "errors.surveySent" }]);
    // A new last day must not have passed; one left as it was may have (a closed survey's, to fix its title).
    if (parsed.data.closesOn !== existing.closesOn && parsed.data.closesOn < osloToday())
      return invalid([{ field: "closesOn", key: "errors.surveyClosesBeforeToday" }]);
    return ok(
      await updateAudited(this.db, actor, "survey", existing, parsed.data, (tx) =>
        this.repo.with(tx).update(existing.id, parsed.data),
      ),
    );
  }

  /** A question at the end; only while the survey is a draft. A text question has no "don't know". */
  async addQuestion(actor: Actor, survey: Survey, body: unknown): Promise<Result<Question>> {
    if (survey.status !== "draft") return invalid([{ field: "_", key: "errors.surveySent" }]);
    const parsed = questionInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const q = parsed.data;
    if (q.repeatsQuestionId !== null) {
      const earlier = survey.repeatsId ? await this.repo.questions([survey.repeatsId]) : [];
      const repeated = earlier.find((e) => e.id === q.repeatsQuestionId);
      if (!repeated) return invalid([{ field: "repeatsQuestionId", key: "errors.choice" }]);
      // The trend compares like with like: the same kind, and a scale with the same ends.
      if (
        repeated.kind !== q.kind ||
        (q.kind === "scale" && (repeated.scaleMin !== q.scaleMin || repeated.scaleMax !== q.scaleMax))
      )
        return invalid([{ field: "repeatsQuestionId", key: "errors.surveyRepeatsUnlike" }]);
    }
    const existing = await this.repo.questions([survey.id]);
    return ok(
      await createAudited(this.db, actor, "survey_question", (tx) =>
        this.repo.with(tx).insertQuestion({
          surveyId: survey.id,
          position: existing.length + 1,
          kind: q.kind,
          text: q.text,
          help: q.help,
          choices: q.kind === "choice" ? q.choices : [],
          scaleMin: q.kind === "scale" ? q.scaleMin : 1,
          scaleMax: q.kind === "scale" ? q.scaleMax : 5,
          scaleMinLabel: q.kind === "scale" ? q.scaleMinLabel : "",
          scaleMaxLabel: q.kind === "scale" ? q.scaleMaxLabel : "",
          allowDontKnow: q.kind === "text" ? false : q.allowDontKnow,
          required: q.required,
          repeatsQuestionId: q.repeatsQuestionId,
        }),
      ),
    );
  }

  async removeQuestion(actor: Actor, survey: Survey, questionId: number): Promise<void> {
    if (survey.status !== "draft") throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      if (!(await repo.deleteQuestion(survey.id, questionId))) throw new NotFoundError();
      await repo.setOrder(
        survey.id,
        (await repo.questions([survey.id])).map((q) => q.id),
      );
      await audit({ action: "delete", entity: "survey_question", entityId: questionId });
    });
  }

  /** Moves a question one place up or down; only while the survey is a draft. */
  async moveQuestion(actor: Actor, survey: Survey, questionId: number, direction: "up" | "down"): Promise<void> {
    if (survey.status !== "draft") throw new NotFoundError();
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const ids = (await repo.questions([survey.id])).map((q) => q.id);
      const i = ids.indexOf(questionId);
      if (i < 0) throw new NotFoundError();
      const j = direction === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= ids.length) return;
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      await repo.setOrder(survey.id, ids);
      await audit({ action: "update", entity: "survey_question", entityId: questionId, after: { position: j + 1 } });
    });
  }

  /**
   * Adds a recipient: a contact from the directory, or a member organisation with a name and an
   * address. A recipient added to an open survey gets their link at once.
   */
  async addRecipient(actor: Actor, survey: Survey, body: unknown): Promise<Result<{ id: number }>> {
    const parsed = recipientInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (statusOf(survey) === "closed") return invalid([{ field: "_", key: "errors.surveyClosed" }]);
    const { contacts, members } = await this.recipientChoices(survey.networkId);
    const input = parsed.data;
    let values: { organisationId: number; personId: number | null; name: string; email: string };
    if (input.personId !== null) {
      const person = contacts.find((c) => c.id === input.personId);
      if (!person) return invalid([{ field: "personId", key: "errors.choice" }]);
      values = { organisationId: person.organisationId, personId: person.id, name: person.name, email: person.email };
    } else {
      const errors: FieldError[] = [];
      if (input.organisationId === null) errors.push({ field: "organisationId", key: "errors.surveyPersonOrAddress" });
      else if (!members.some((m) => m.id === input.organisationId))
        errors.push({ field: "organisationId", key: "errors.choice" });
      if (!input.email) errors.push({ field: "email", key: "errors.required" });
      if (errors.length || input.organisationId === null || !input.email) return invalid(errors);
      values = { organisationId: input.organisationId, personId: null, name: input.name, email: input.email };
    }
    await this.key();
    const result = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const current = await repo.lock(survey.id);
      if (!current) throw new NotFoundError();
      const createdAt = new Date();
      const token = await this.tokenOf({ surveyId: survey.id, email: values.email, createdAt });
      const [added] = await repo.insertRecipients([{ surveyId: survey.id, ...values, tokenHash: hashToken(token), createdAt }]);
      if (!added) return null;
      await audit({
        action: "create",
        entity: "survey_recipient",
        entityId: added.id,
        after: { organisationId: values.organisationId },
      });
      if (statusOf(current) === "open") {
        const malform = members.find((m) => m.id === added.organisationId)?.malform;
        await queueMail(tx, await this.linkMail(current, { ...added, email: values.email }, localeOfMalform(malform), "invite"));
        await repo.markSent([added.id], createdAt);
      }
      return added;
    });
    if (!result)
      return invalid([{ field: input.personId !== null ? "personId" : "email", key: "errors.surveyAlreadyRecipient" }]);
    void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok({ id: result.id });
  }

  /** Removes a recipient who has not answered. */
  async removeRecipient(actor: Actor, survey: Survey, recipientId: number): Promise<void> {
    await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const found = (await repo.recipients(survey.id)).find((r) => r.recipient.id === recipientId);
      if (!found || found.recipient.answeredAt) throw new NotFoundError();
      await repo.deleteRecipient(survey.id, recipientId);
      await audit({ action: "delete", entity: "survey_recipient", entityId: recipientId });
    });
  }

  /** The mail with a recipient's personal link, in their language (only to a recipient with an address). */
  private async linkMail(s: Survey, r: Recipient & { email: string }, locale: Locale, kind: "invite" | "reminder") {
    const { t, date } = i18nFor(locale);
    const link = `${this.mail.baseUrl}/survey/${await this.tokenOf(r)}?lang=${locale}`;
    const params = { title: s.title, link, closes: date(s.closesOn), name: r.name || r.email };
    return kind === "invite"
      ? { to: r.email, subject: t("survey.mail.inviteSubject", params), body: t("survey.mail.inviteBody", params) }
      : { to: r.email, subject: t("survey.mail.reminderSubject", params), body: t("survey.mail.reminderBody", params) };
  }

  /**
   * Opens a draft for answers and sends each recipient their personal link. Refused without
   * questions, without recipients, or with a closing date already past.
   */
  async open(actor: Actor, survey: Survey): Promise<Result<{ sent: number }>> {
    if (survey.status !== "draft") return invalid([{ field: "_", key: "errors.surveySent" }]);
    const [questions, recipients] = await Promise.all([this.repo.questions([survey.id]), this.repo.recipients(survey.id)]);
    const errors: FieldError[] = [];
    if (questions.length === 0) errors.push({ field: "_", key: "errors.surveyNoQuestions" });
    if (recipients.length === 0) errors.push({ field: "_", key: "errors.surveyNoRecipients" });
    if (survey.closesOn < osloToday()) errors.push({ field: "_", key: "errors.surveyClosesInPast" });
    if (errors.length) return invalid(errors);
    await this.key();
    const sent = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const current = await repo.lock(survey.id);
      if (current?.status !== "draft") return null;
      const now = new Date();
      const opened = await repo.update(survey.id, { status: "open", openedAt: now });
      const malforms = await repo.malforms(recipients.map((r) => r.recipient.organisationId));
      for (const { recipient } of recipients)
        if (recipient.email !== null)
          await queueMail(
            tx,
            await this.linkMail(
              opened,
              { ...recipient, email: recipient.email },
              localeOfMalform(malforms.get(recipient.organisationId)),
              "invite",
            ),
          );
      await repo.markSent(
        recipients.map((r) => r.recipient.id),
        now,
      );
      await audit({
        action: "update",
        entity: "survey",
        entityId: survey.id,
        before: { status: "draft" },
        after: { status: "open", sent: recipients.length },
      });
      return recipients.length;
    });
    if (sent === null) return invalid([{ field: "_", key: "errors.surveySent" }]);
    void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok({ sent });
  }

  /** Closes an open survey by hand before its date. */
  async close(actor: Actor, survey: Survey): Promise<Result<null>> {
    if (statusOf(survey) !== "open") return invalid([{ field: "_", key: "errors.surveyNotOpen" }]);
    await audited(this.db, actor, async (tx, audit) => {
      await this.repo.with(tx).update(survey.id, { status: "closed", closedAt: new Date() });
      await audit({
        action: "update",
        entity: "survey",
        entityId: survey.id,
        before: { status: "open" },
        after: { status: "closed" },
      });
    });
    return ok(null);
  }

  /**
   * Reminds those who have not answered, by mail with their own link: each at most once a round
   * (nobody reminded in the last day), whichever process or click runs it, since the update that
   * marks them reminded decides who is in the round.
   */
  async remind(actor: Actor, survey: Survey, now = new Date()): Promise<Result<{ reminded: number }>> {
    if (statusOf(survey, osloToday(now)) !== "open") return invalid([{ field: "_", key: "errors.surveyNotOpen" }]);
    const reminded = await this.remindRound(actor, survey, now, new Date(now.getTime() - REMINDER_GAP_HOURS * 3600_000));
    return ok({ reminded });
  }

  private async remindRound(actor: Actor, survey: Survey, now: Date, notSince: Date): Promise<number> {
    await this.key();
    const count = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const claimed = await repo.claimReminders(survey.id, now, notSince);
      if (claimed.length === 0) return 0;
      const malforms = await repo.malforms(claimed.map((r) => r.organisationId));
      for (const r of claimed)
        if (r.email !== null)
          await queueMail(
            tx,
            await this.linkMail(survey, { ...r, email: r.email }, localeOfMalform(malforms.get(r.organisationId)), "reminder"),
          );
      // The trail counts the reminders; the addresses stay out of it.
      await audit({ action: "update", entity: "survey", entityId: survey.id, after: { reminded: claimed.length } });
      return claimed.length;
    });
    if (count) void this.mail.delivery.deliverDue().catch(() => undefined);
    return count;
  }

  /**
   * The automatic reminder: each open survey whose closing date is within REMINDER_DAYS gets one
   * round, to those not reminded since the round's first day began; run by the background work.
   */
  async sendDueReminders(now = new Date()): Promise<number> {
    const today = osloToday(now);
    const last = osloToday(new Date(now.getTime() + REMINDER_DAYS * 24 * 3600_000));
    let sent = 0;
    for (const s of await this.repo.dueForReminder(today, last)) {
      // The round starts at midnight in Norway REMINDER_DAYS before the closing date: anyone reminded since then is not reminded again.
      sent += await this.remindRound(REMINDERS, s, now, osloInstant(addDays(s.closesOn, -REMINDER_DAYS), "00:00"));
    }
    return sent;
  }

  /**
   * The retention step: clears the names and addresses of the recipients of surveys that closed more
   * than RECIPIENT_RETENTION_DAYS ago. What was answered, by which member, stays; "repeat next year"
   * takes directory contacts from the directory. Run daily by the retention run.
   */
  async removeExpiredRecipientData(now = new Date()): Promise<number> {
    return audited(this.db, RETENTION, async (tx, audit) => {
      const cleared = await this.repo.with(tx).clearRecipientData(addDays(osloToday(now), -RECIPIENT_RETENTION_DAYS));
      if (cleared)
        await audit({
          action: "update",
          entity: "survey_recipient",
          entityId: "retention",
          after: { personalDataRemoved: cleared },
        });
      return cleared;
    });
  }

  /** Runs the automatic reminders every `minutes`; returns what stops it. */
  scheduleReminders(minutes: number, log: ErrorLog): () => void {
    return every(minutes, () => this.sendDueReminders(), log, "survey reminders failed");
  }

  /**
   * "Repeat next year": a new draft a year later that repeats this one, with the same questions
   * (each pointing at the one it repeats, for the trend) and, if asked, the same recipients.
   */
  async repeat(actor: Actor, survey: Survey, body: unknown): Promise<Result<Survey>> {
    const withRecipients = checkbox.parse((body as Record<string, unknown> | undefined)?.withRecipients);
    const closes = new Date(`${survey.closesOn}T00:00:00Z`);
    closes.setUTCFullYear(closes.getUTCFullYear() + 1);
    const [questions, recipients, contacts] = await Promise.all([
      this.repo.questions([survey.id]),
      withRecipients ? this.repo.recipients(survey.id) : Promise.resolve([]),
      withRecipients ? this.repo.contacts(survey.networkId) : Promise.resolve([]),
    ]);
    await this.key();
    const copy = await createAudited(this.db, actor, "survey", async (tx) => {
      const repo = this.repo.with(tx);
      const made = await repo.insert({
        networkId: survey.networkId,
        title: survey.title,
        intro: survey.intro,
        year: survey.year + 1,
        repeatsId: survey.id,
        anonymous: survey.anonymous,
        visibility: survey.visibility,
        closesOn: closes.toISOString().slice(0, 10),
      });
      await repo.insertQuestions(
        questions.map((q) => ({
          surveyId: made.id,
          position: q.position,
          kind: q.kind,
          text: q.text,
          help: q.help,
          choices: q.choices,
          scaleMin: q.scaleMin,
          scaleMax: q.scaleMax,
          scaleMinLabel: q.scaleMinLabel,
          scaleMaxLabel: q.scaleMaxLabel,
          allowDontKnow: q.allowDontKnow,
          required: q.required,
          repeatsQuestionId: q.id,
        })),
      );
      const createdAt = new Date();
      const rows = [];
      for (const { recipient: r } of recipients) {
        // A directory contact comes again with their name and address as they are now (retention may have
        // cleared them from the recipient); an address typed in is copied while it is kept, else dropped.
        const person = r.personId === null ? undefined : contacts.find((c) => c.id === r.personId);
        const name = person ? person.name : r.name;
        const email = person ? person.email : r.email;
        if (email === null) continue;
        rows.push({
          surveyId: made.id,
          organisationId: person ? person.organisationId : r.organisationId,
          personId: person ? person.id : null,
          name,
          email,
          tokenHash: hashToken(await this.tokenOf({ surveyId: made.id, email, createdAt })),
          createdAt,
        });
      }
      await repo.insertRecipients(rows);
      return made;
    });
    return ok(copy);
  }

  // Answering through a personal link: no account, no JavaScript.

  /** The recipient and survey a link's secret belongs to; 404 for a link that is not one (or whose survey is still a draft). */
  async byToken(token: string) {
    if (token.length < 20 || token.length > 100) throw new NotFoundError();
    const row = await this.repo.recipientByToken(hashToken(token));
    if (!row || row.survey.status === "draft") throw new NotFoundError();
    const questions = await this.repo.questions([row.survey.id]);
    return { ...row, status: statusOf(row.survey), questions };
  }

  /**
   * Stores a recipient's answers, once: a second answer through the same link is refused, since an
   * anonymous survey's response cannot be found again to change it (decision 0030). Refused when
   * the survey is closed; bad input comes back with its errors and nothing is stored.
   */
  async answer(token: string, body: Record<string, unknown>, now = new Date()): Promise<Result<null>> {
    const { recipient, survey, questions } = await this.byToken(token);
    if (statusOf(survey, osloToday(now)) !== "open") return invalid([{ field: "_", key: "errors.surveyClosed" }]);
    if (recipient.answeredAt) return invalid([{ field: "_", key: "errors.surveyAnswered" }]);
    const { answers, errors } = answersOf(questions, body);
    if (errors.length) return invalid(errors);
    const stored = await audited(this.db, RECIPIENT, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const current = await repo.lock(survey.id);
      if (!current || statusOf(current, osloToday(now)) !== "open") return "closed" as const;
      // An anonymous survey keeps only the day, on the recipient and on the response, so neither the
      // moment nor the order ties a response to who sent it.
      const at = survey.anonymous ? osloInstant(osloToday(now), "12:00") : now;
      if (!(await repo.claimAnswer(recipient.id, at))) return "answered" as const;
      const response = await repo.insertResponse({
        surveyId: survey.id,
        organisationId: recipient.organisationId,
        // An anonymous survey keeps only the member, never who answered.
        recipientId: survey.anonymous ? null : recipient.id,
        submittedAt: at,
      });
      await repo.insertAnswers(answers.map((a) => ({ responseId: response.id, ...a })));
      // The trail of an anonymous survey names the survey, not the response: its time would link the two.
      await audit(
        survey.anonymous
          ? { action: "update", entity: "survey", entityId: survey.id, after: { responseReceived: true } }
          : { action: "create", entity: "survey_response", entityId: response.id, after: { surveyId: survey.id } },
      );
      return "stored" as const;
    });
    if (stored === "closed") return invalid([{ field: "_", key: "errors.surveyClosed" }]);
    if (stored === "answered") return invalid([{ field: "_", key: "errors.surveyAnswered" }]);
    return ok(null);
  }
}
