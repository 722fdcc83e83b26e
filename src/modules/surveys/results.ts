import { SIZE_CLASSES, type SizeClass, sizeClassOf } from "../roadmap/index.ts";
import type { QuestionKind } from "./schema.ts";
import type { AnswerCount, Question } from "./surveys.repo.ts";

/**
 * The anonymity threshold: where it applies, a group of answers smaller than this is shown only as
 * "fewer than five answers", so no one's answer can be told from the aggregate (decision 0030).
 */
export const MIN_GROUP = 5;

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
  /** Mean over all its scale answers ("don't know" left out). */
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

function groupResult(
  questions: readonly Question[],
  rows: readonly AnswerCount[],
  counts: { responses: number; recipients: number },
  guarded: boolean,
): GroupResult {
  const hidden = guarded && counts.responses < MIN_GROUP;
  const all = scaleSums(rows.filter((r) => questions.some((q) => q.id === r.questionId && q.kind === "scale")));
  const means: Record<number, number | null> = {};
  for (const q of questions)
    if (q.kind === "scale") {
      const s = scaleSums(rows.filter((r) => r.questionId === q.id));
      means[q.id] = hidden ? null : mean(s.sum, s.n);
    }
  return { ...counts, scaleMean: hidden ? null : mean(all.sum, all.n), means, hidden };
}

/**
 * A survey's results from its answers counted by member, question and value: per question (the
 * distribution, the scale's mean without "don't know", the count of "don't know"), per member and
 * per size class, and the response rate. `guarded` applies the anonymity threshold to every group.
 */
export function surveyResults(
  questions: readonly Question[],
  rows: readonly AnswerCount[],
  members: readonly MemberCount[],
  guarded: boolean,
): SurveyResults {
  const responses = members.reduce((a, m) => a + m.responses, 0);
  const recipients = members.reduce((a, m) => a + m.recipients, 0);
  const byOrg = new Map<number, AnswerCount[]>();
  for (const r of rows) byOrg.set(r.organisationId, [...(byOrg.get(r.organisationId) ?? []), r]);
  const sizeOf = new Map(members.map((m) => [m.organisationId, sizeClassOf(m.population)]));
  return {
    responses,
    recipients,
    rate: recipients === 0 ? null : responses / recipients,
    questions: questions.map((q) => questionResult(q, rows, guarded)),
    members: members.map((m) => ({
      organisationId: m.organisationId,
      name: m.name,
      ...groupResult(questions, byOrg.get(m.organisationId) ?? [], m, guarded),
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
          guarded,
        ),
      };
    }).filter((c) => c.recipients > 0 || c.responses > 0),
  };
}
