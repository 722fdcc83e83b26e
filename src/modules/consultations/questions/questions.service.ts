import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { createAudited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { invalid, ok, type Result } from "../../../platform/http/errors.ts";
import { requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import type { Consultation, ConsultationRepo } from "../consultations.repo.ts";
import { QUESTION_KINDS } from "../schema.ts";

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

/** The optional questions every respondent may answer, added by the secretariat one at a time. */
export class QuestionService {
  constructor(
    private readonly db: Db,
    private readonly repo: ConsultationRepo,
    private readonly core: { get(id: number): Promise<Consultation> },
  ) {}

  async addQuestion(actor: Actor, consultationId: number, input: unknown): Promise<Result<number>> {
    await this.core.get(consultationId);
    const parsed = questionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const position = (await this.repo.questionsOf(consultationId)).length;
    const question = await createAudited(this.db, actor, "consultation_question", (tx) =>
      this.repo.with(tx).insertQuestion({ ...parsed.data, consultationId, position }),
    );
    return ok(question.id);
  }
}
