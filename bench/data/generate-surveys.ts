/**
 * The evaluation surveys of the generated country: for every network the same survey run in 2025
 * (closed) and repeated in 2026 (open), its questions matched for the trend, sent to contacts at
 * every member (more per member as the data set is scaled), answered by about four in five with a
 * spread of points, some "don't know" and some free text.
 */
import type { PgTable } from "drizzle-orm/pg-core";
import { surveyAnswers, surveyQuestions, surveyRecipients, surveyResponses, surveys } from "../../src/modules/surveys/schema.ts";
import { hashToken } from "../../src/platform/auth/tokens.ts";

export interface SurveysInput {
  networkIds: readonly number[];
  /** Each network's member organisations. */
  membersOf: ReadonlyMap<number, readonly number[]>;
  /** How many rows at scale 1 becomes how many here. */
  count: (n: number) => number;
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  insert: <T extends PgTable>(step: string, table: T, values: T["$inferInsert"][]) => Promise<void>;
  insertReturningIds: <T extends PgTable>(step: string, table: T, values: T["$inferInsert"][]) => Promise<number[]>;
}

const QUESTIONS = [
  { kind: "scale", text: "Hvor nyttig har samarbeidet vært for kommunen?" },
  { kind: "scale", text: "Hvor godt kjenner kommunen til prosjektene i nettverket?" },
  { kind: "scale", text: "Hvor fornøyd er kommunen med sekretariatet?" },
  { kind: "choice", text: "Har kommunen tatt i bruk nye løsninger gjennom nettverket?", choices: ["Ja, flere", "Ja, én", "Nei"] },
  { kind: "choice", text: "Bør kommunen bidra mer neste år?", choices: ["Mer", "Like mye", "Mindre"] },
  { kind: "text", text: "Hva bør nettverket gjøre annerledes?" },
] as const;

export async function generateSurveys(g: SurveysInput): Promise<void> {
  const perMember = Math.max(1, g.count(1));
  // Last year's survey first, then its repeat, whose survey and questions point at last year's (the trend).
  let previous: { surveyIds: number[]; questionIds: number[] } | null = null;
  for (const year of [2025, 2026]) {
    const surveyRows: (typeof surveys.$inferInsert)[] = g.networkIds.map((networkId, i) => ({
      networkId,
      title: "Hva har kommunen fått ut av samarbeidet?",
      year,
      repeatsId: previous?.surveyIds[i] ?? null,
      status: year === 2025 ? "closed" : "open",
      anonymous: i % 4 === 3,
      visibility: i % 2 === 0 && year === 2025 ? "public" : "network",
      closesOn: year === 2025 ? "2025-12-12" : "2026-12-31",
      openedAt: new Date(Date.UTC(year, 10, 10)),
      closedAt: year === 2025 ? new Date(Date.UTC(2025, 11, 12)) : null,
    }));
    const surveyIds = await g.insertReturningIds("surveys", surveys, surveyRows);
    const questionIds = await g.insertReturningIds(
      "surveys",
      surveyQuestions,
      surveyIds.flatMap((surveyId, k) =>
        QUESTIONS.map((q, position) => ({
          surveyId,
          position: position + 1,
          kind: q.kind,
          text: q.text,
          choices: "choices" in q ? [...q.choices] : [],
          allowDontKnow: q.kind !== "text",
          repeatsQuestionId: previous?.questionIds[k * QUESTIONS.length + position] ?? null,
        })),
      ),
    );
    const recipientRows: (typeof surveyRecipients.$inferInsert)[] = [];
    surveyRows.forEach((s, k) => {
      for (const organisationId of g.membersOf.get(s.networkId) ?? [])
        for (let c = 0; c < perMember; c++) {
          const email = `kontakt-${organisationId}-${c}-${year}@generated.example`;
          // About four in five answer.
          const answeredAt = g.chance(0.8) ? new Date(s.openedAt!.getTime() + g.int(1, 20) * 86_400_000) : null;
          recipientRows.push({
            surveyId: surveyIds[k]!,
            organisationId,
            name: `Kontakt ${c + 1}`,
            email,
            tokenHash: hashToken(`generated-survey-${email}`),
            sentAt: s.openedAt!,
            answeredAt,
          });
        }
    });
    const recipientIds = await g.insertReturningIds("surveys", surveyRecipients, recipientRows);
    const anonymous = new Set(surveyIds.filter((_, k) => surveyRows[k]!.anonymous));
    const answering = recipientRows.map((r, i) => ({ r, id: recipientIds[i]! })).filter((x) => x.r.answeredAt);
    const responseIds = await g.insertReturningIds(
      "surveys",
      surveyResponses,
      answering.map(({ r, id }) => ({
        surveyId: r.surveyId,
        organisationId: r.organisationId,
        // An anonymous survey keeps the member only.
        recipientId: anonymous.has(r.surveyId) ? null : id,
        submittedAt: r.answeredAt!,
      })),
    );
    const indexOf = new Map(surveyIds.map((id, k) => [id, k]));
    const answerRows: (typeof surveyAnswers.$inferInsert)[] = [];
    answering.forEach(({ r }, i) => {
      const k = indexOf.get(r.surveyId)!;
      QUESTIONS.forEach((q, n) => {
        const responseId = responseIds[i]!;
        const questionId = questionIds[k * QUESTIONS.length + n]!;
        // Every row names every column: the bulk insert takes rows of one shape.
        const row = {
          responseId,
          questionId,
          scale: null as number | null,
          choice: null as string | null,
          text: "",
          dontKnow: false,
        };
        if (q.kind === "text") {
          if (g.chance(0.3)) answerRows.push({ ...row, text: "Mer erfaringsdeling og felles innkjøp." });
        } else if (g.chance(0.07)) answerRows.push({ ...row, dontKnow: true });
        else if (q.kind === "scale") answerRows.push({ ...row, scale: Math.min(5, g.int(1, 5) + (g.chance(0.4) ? 1 : 0)) });
        else answerRows.push({ ...row, choice: q.choices[g.int(0, q.choices.length - 1)]! });
      });
    });
    await g.insert("surveys", surveyAnswers, answerRows);
    previous = { surveyIds, questionIds };
  }
}
