import { SIZE_CLASSES, type SizeClass, sizeClassOf } from "../roadmap/index.ts";
import type { QuestionKind } from "./schema.ts";
import type { AnswerCount, Question } from "./surveys.repo.ts";

/**
 * The anonymity threshold: where it applies, a group of answers smaller than this is shown only as
 * "fewer than five answers", so no one's answer can be told from the aggregate (decision 0030).
 */
export const MIN_GROUP = 5;

/** What a hidden group says: "fewer than five answers", or "hidden" when it is hidden beside a smaller one. */
export const hiddenKey = (g: { responses: number }) => (g.responses < MIN_GROUP ? "survey.fewerThanFive" : "survey.hiddenGroup");

/** One value's count: a point of a scale, or a choice. */
export interface Bar {
  label: string;
  count: number;
}

export interface QuestionResult {
  id: number;
  text: string;
  kind: QuestionKind;
  /** Answers given, "don't know" included (free text: those who wrote something). */
  answered: number;
  dontKnow: number;
  /** The mean of the points answered on a scale, "don't know" left out; null when none or not a scale. */
  mean: number | null;
  distribution: Bar[];
  /** Fewer answers than the threshold where it applies: only the count of answers is shown. */
  hidden: boolean;
}

/** A group of members (one member, or a size class): how many answered and its mean per scale question. */
export interface GroupResult {
  responses: number;
  recipients: number;
  /**
   * Mean over all its scale answers ("don't know" left out), each answer first put at 0–1 of its own
   * scale (its lower end 0, its upper end 1), so scales of different ends can be combined.
   */
  scaleMean: number | null;
  /** Mean per scale question, by question id. */
  means: Record<number, number | null>;
  hidden: boolean;
}

export interface MemberCount {
  organisationId: number;
  name: string;
  population: number | null;
  recipients: number;
  responses: number;
}

export interface SurveyResults {
  responses: number;
  recipients: number;
  /** Responses per recipient, 0-1; null without recipients. */
  rate: number | null;
  questions: QuestionResult[];
  members: (GroupResult & { organisationId: number; name: string })[];
  sizeClasses: (GroupResult & { sizeClass: SizeClass })[];
}

const mean = (sum: number, n: number) => (n === 0 ? null : sum / n);

/** Sum and count of the scale points in these answer groups ("don't know" and other kinds left out). */
function scaleSums(rows: readonly AnswerCount[]) {
  let sum = 0;
  let n = 0;
  for (const r of rows)
    if (!r.dontKnow && r.scale !== null) {
      sum += r.scale * r.n;
      n += r.n;
    }
  return { sum, n };
}

/** A point at 0–1 of its own scale: the lower end 0, the upper end 1. */
export const normalisedPoint = (point: number, q: Pick<Question, "scaleMin" | "scaleMax">) =>
  q.scaleMax === q.scaleMin ? 0 : (point - q.scaleMin) / (q.scaleMax - q.scaleMin);

/** Sum and count of the answers to scale questions, each normalised to its own scale ("don't know" left out). */
function normalisedSums(questions: readonly Question[], rows: readonly AnswerCount[]) {
  const byId = new Map(questions.filter((q) => q.kind === "scale").map((q) => [q.id, q]));
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    const q = byId.get(r.questionId);
    if (q && !r.dontKnow && r.scale !== null) {
      sum += normalisedPoint(r.scale, q) * r.n;
      n += r.n;
    }
  }
  return { sum, n };
}

/** A member, for the hiding of groups: its response count and its size class. */
export interface GroupMember {
  organisationId: number;
  responses: number;
  sizeClass: SizeClass;
}

/**
 * Which members and size classes are hidden for a guarded viewer. A group under the threshold is
 * hidden, and so is whatever would let a hidden group be worked out by subtraction: the total (each
 * question's figures, always shown) minus the size classes shown, and a size class minus its members
 * shown, must leave either nothing or at least MIN_GROUP responses. When it leaves one to four, the
 * smallest group shown beside them is hidden too (complementary suppression); a size class hidden so
 * whose members are all shown would be their sum, so its smallest member is hidden with it.
 */
export function hiddenGroups(members: readonly GroupMember[], guarded: boolean) {
  const hiddenMembers = new Set<number>();
  const hiddenClasses = new Set<SizeClass>();
  if (!guarded) return { hiddenMembers, hiddenClasses };
  const answering = members.filter((m) => m.responses > 0);
  const inClass = (c: SizeClass) => answering.filter((m) => m.sizeClass === c);
  const sum = (ms: readonly GroupMember[]) => ms.reduce((a, m) => a + m.responses, 0);
  const leaks = (rest: number) => rest > 0 && rest < MIN_GROUP;
  const smallest = <T>(items: readonly T[], size: (i: T) => number) => [...items].sort((a, b) => size(a) - size(b))[0];
  for (const m of answering) if (m.responses < MIN_GROUP) hiddenMembers.add(m.organisationId);
  for (const c of SIZE_CLASSES) if (sum(inClass(c)) < MIN_GROUP) hiddenClasses.add(c);
  // A size class shown less its members shown.
  for (const c of SIZE_CLASSES) {
    if (hiddenClasses.has(c)) continue;
    const ms = inClass(c);
    if (leaks(sum(ms.filter((m) => hiddenMembers.has(m.organisationId))))) {
      const next = smallest(
        ms.filter((m) => !hiddenMembers.has(m.organisationId)),
        (m) => m.responses,
      );
      if (next) hiddenMembers.add(next.organisationId);
    }
  }
  // The total less the size classes that are shown or that the members shown add up to.
  const uncovered = (c: SizeClass) =>
    hiddenClasses.has(c) ? sum(inClass(c).filter((m) => hiddenMembers.has(m.organisationId))) : 0;
  const classes = SIZE_CLASSES.filter((c) => inClass(c).length > 0);
  if (leaks(classes.reduce((a, c) => a + uncovered(c), 0))) {
    const next = smallest(
      classes.filter((c) => !hiddenClasses.has(c)),
      (c) => sum(inClass(c)),
    );
    if (next) {
      hiddenClasses.add(next);
      if (uncovered(next) === 0) {
        const member = smallest(inClass(next), (m) => m.responses);
        if (member) hiddenMembers.add(member.organisationId);
      }
    }
  }
  return { hiddenMembers, hiddenClasses };
}

/** One question's counts over these answer groups. */
export function questionResult(q: Question, rows: readonly AnswerCount[], guarded: boolean): QuestionResult {
  const own = rows.filter((r) => r.questionId === q.id);
  const dontKnow = own.filter((r) => r.dontKnow).reduce((a, r) => a + r.n, 0);
  let distribution: Bar[] = [];
  let answered = dontKnow;
  if (q.kind === "scale") {
    distribution = [];
    for (let p = q.scaleMin; p <= q.scaleMax; p++)
      distribution.push({
        label: String(p),
        count: own.filter((r) => !r.dontKnow && r.scale === p).reduce((a, r) => a + r.n, 0),
      });
  } else if (q.kind === "choice") {
    distribution = q.choices.map((c) => ({
      label: c,
      count: own.filter((r) => !r.dontKnow && r.choice === c).reduce((a, r) => a + r.n, 0),
    }));
  }
  answered +=
    q.kind === "text"
      ? own.filter((r) => r.hasText && !r.dontKnow).reduce((a, r) => a + r.n, 0)
      : distribution.reduce((a, b) => a + b.count, 0);
  const { sum, n } = scaleSums(own);
  const hidden = guarded && answered < MIN_GROUP;
  return {
    id: q.id,
    text: q.text,
    kind: q.kind,
    answered,
    dontKnow: hidden ? 0 : dontKnow,
    mean: hidden || q.kind !== "scale" ? null : mean(sum, n),
    distribution: hidden ? [] : distribution,
    hidden,
  };
}

/**
 * A group's figures. `hiddenFor(question)` hides one question's mean where that question's answers in
 * the group are too few (some skipped it or said "don't know") or would give a hidden group away; the
 * mean over all its scale answers is then hidden too, since it would carry the hidden answers.
 */
function groupResult(
  questions: readonly Question[],
  rows: readonly AnswerCount[],
  counts: { responses: number; recipients: number },
  hidden: boolean,
  hiddenFor: (questionId: number) => boolean = () => false,
): GroupResult {
  const all = normalisedSums(questions, rows);
  const means: Record<number, number | null> = {};
  let partlyHidden = false;
  for (const q of questions)
    if (q.kind === "scale") {
      const s = scaleSums(rows.filter((r) => r.questionId === q.id));
      const own = hidden || (s.n > 0 && hiddenFor(q.id));
      partlyHidden ||= own && s.n > 0;
      means[q.id] = own ? null : mean(s.sum, s.n);
    }
  return { ...counts, scaleMean: hidden || partlyHidden ? null : mean(all.sum, all.n), means, hidden };
}

/**
 * A survey's results from its answers counted by member, question and value: per question (the
 * distribution, the scale's mean without "don't know", the count of "don't know"), per member and
 * per size class, and the response rate. `guarded` applies the anonymity threshold to every group,
 * with the groups that would give a hidden one away by subtraction (`hiddenGroups`); `withheld`
 * (an anonymous survey still open) hides every figure but the counts of responses.
 */
export function surveyResults(
  questions: readonly Question[],
  rows: readonly AnswerCount[],
  members: readonly MemberCount[],
  guarded: boolean,
  withheld = false,
): SurveyResults {
  const responses = members.reduce((a, m) => a + m.responses, 0);
  const recipients = members.reduce((a, m) => a + m.recipients, 0);
  const byOrg = new Map<number, AnswerCount[]>();
  for (const r of rows) byOrg.set(r.organisationId, [...(byOrg.get(r.organisationId) ?? []), r]);
  const sizeOf = new Map(members.map((m) => [m.organisationId, sizeClassOf(m.population)]));
  const { hiddenMembers, hiddenClasses } = hiddenGroups(
    members.map((m) => ({ organisationId: m.organisationId, responses: m.responses, sizeClass: sizeOf.get(m.organisationId)! })),
    guarded,
  );
  // Each scale question again, counted by its own answers: a group's mean of one question must rest on
  // at least five answers, and no hidden one may be worked out from the question's total by subtraction.
  const byQuestion = new Map(
    questions
      .filter((q) => q.kind === "scale")
      .map((q) => [
        q.id,
        hiddenGroups(
          members.map((m) => ({
            organisationId: m.organisationId,
            responses: scaleSums((byOrg.get(m.organisationId) ?? []).filter((r) => r.questionId === q.id)).n,
            sizeClass: sizeOf.get(m.organisationId)!,
          })),
          guarded,
        ),
      ]),
  );
  return {
    responses,
    recipients,
    rate: recipients === 0 ? null : responses / recipients,
    questions: questions.map((q) => {
      const r = questionResult(q, rows, guarded);
      return withheld ? { ...r, dontKnow: 0, mean: null, distribution: [], hidden: true } : r;
    }),
    members: members.map((m) => ({
      organisationId: m.organisationId,
      name: m.name,
      ...groupResult(
        questions,
        byOrg.get(m.organisationId) ?? [],
        m,
        withheld || (guarded && (m.responses < MIN_GROUP || hiddenMembers.has(m.organisationId))),
        (questionId) => byQuestion.get(questionId)?.hiddenMembers.has(m.organisationId) ?? false,
      ),
    })),
    sizeClasses: SIZE_CLASSES.map((sizeClass) => {
      const inClass = members.filter((m) => sizeOf.get(m.organisationId) === sizeClass);
      const ids = new Set(inClass.map((m) => m.organisationId));
      return {
        sizeClass,
        ...groupResult(
          questions,
          rows.filter((r) => ids.has(r.organisationId)),
          {
            responses: inClass.reduce((a, m) => a + m.responses, 0),
            recipients: inClass.reduce((a, m) => a + m.recipients, 0),
          },
          withheld || hiddenClasses.has(sizeClass),
          (questionId) => byQuestion.get(questionId)?.hiddenClasses.has(sizeClass) ?? false,
        ),
      };
    }).filter((c) => c.recipients > 0 || c.responses > 0),
  };
}
