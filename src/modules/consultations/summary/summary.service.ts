import type { Consultation, ConsultationRepo, Input, Question, Section } from "../consultations.repo.ts";

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

/** The summary for the steering group, without personal data. */
export class SummaryService {
  constructor(
    private readonly repo: ConsultationRepo,
    private readonly core: {
      detail(id: number): Promise<{ consultation: Consultation; sections: Section[]; questions: Question[] }>;
    },
  ) {}

  /**
   * Counts per section, category, kind of respondent, status and choice of each choice question, and
   * every input that is not spam with its answer.
   */
  async summary(consultationId: number) {
    const { consultation, sections, questions } = await this.core.detail(consultationId);
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
}

export type Summary = Awaited<ReturnType<SummaryService["summary"]>>;
