import { asc, eq, inArray } from "drizzle-orm";
import { hashToken } from "../../platform/auth/tokens.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { networks } from "../networks/index.ts";
import { surveyAnswers, surveyQuestions, surveyRecipients, surveyResponses, surveys } from "./schema.ts";
import type { Survey } from "./surveys.repo.ts";

export const DEMO_TITLE = "Hva har kommunen fått ut av samarbeidet?";

/** The demo survey's questions: scales, choices and free text, as a secretariat would ask them. */
export const DEMO_QUESTIONS = [
  {
    kind: "scale",
    text: "Hvor nyttig har samarbeidet i nettverket vært for kommunen det siste året?",
    scaleMinLabel: "Svært lite nyttig",
    scaleMaxLabel: "Svært nyttig",
    required: true,
  },
  {
    kind: "scale",
    text: "Hvor godt kjenner kommunen til prosjektene og løsningene i nettverket?",
    scaleMinLabel: "Ikke i det hele tatt",
    scaleMaxLabel: "Svært godt",
    required: false,
  },
  {
    kind: "scale",
    text: "Hvor fornøyd er kommunen med sekretariatets arbeid?",
    scaleMinLabel: "Svært misfornøyd",
    scaleMaxLabel: "Svært fornøyd",
    required: false,
  },
  {
    kind: "choice",
    text: "Har kommunen tatt i bruk nye løsninger gjennom nettverket?",
    choices: ["Ja, flere", "Ja, én", "Nei, ikke ennå"],
    required: false,
  },
  {
    kind: "choice",
    text: "Bør kommunen bidra mer, like mye eller mindre neste år?",
    choices: ["Mer", "Like mye", "Mindre"],
    required: false,
  },
  { kind: "text", text: "Hva bør nettverket gjøre annerledes for at kommunen skal få mer ut av det?", required: false },
] as const;

const TEXTS = [
  "Mer felles innkjøp, og tidligere beskjed om hva som kommer nasjonalt.",
  "Faggruppene har vært svært nyttige for oss. Fortsett med dem.",
  "Vanskelig å frigjøre folk til prosjektene; frikjøpsordningen hjelper.",
  "Bedre oversikt over hva de andre kommunene allerede har tatt i bruk.",
  "",
  "Kortere møter og mer erfaringsdeling.",
];

/** A small deterministic spread of answers: number `i` of a member in a year, 1 to 5, now and then "don't know". */
export function demoPoint(seed: number, shift: number): number | "dk" {
  const x = (seed * 7919 + shift * 104_729) % 97;
  if (x < 6) return "dk";
  // Mostly 3 to 5, now and then lower: members are mostly content, some are not.
  return x < 14 ? 2 : x < 18 ? 1 : x < 45 ? 3 : x < 78 ? 4 : 5;
}

/**
 * The demo survey for each demo network: run in 2025 (closed) and repeated in 2026 (open until
 * three weeks ahead), to a contact at every member, answered by most members with a realistic
 * spread, some "don't know", and a few free text answers.
 */
export async function seedDemoSurveys({ db, services }: AppContext): Promise<void> {
  const demoNetworks = await db
    .select({ id: networks.id })
    .from(networks)
    .where(eq(networks.isDemo, true))
    .orderBy(asc(networks.id));
  const soon = osloToday(new Date(Date.now() + 21 * 24 * 3600_000));
  for (const network of demoNetworks) {
    const { contacts, members } = await services.surveys.recipientChoices(network.id);
    if (members.length === 0) continue;
    let previousQuestions: number[] = [];
    let previousId: number | null = null;
    for (const [round, year] of [2025, 2026].entries()) {
      const open = year === 2026;
      const [survey]: Survey[] = await db
        .insert(surveys)
        .values({
          networkId: network.id,
          title: DEMO_TITLE,
          intro: "Sekretariatet vil vite hva kommunen har fått ut av samarbeidet, og hva vi bør justere. Det tar fem minutter.",
          year,
          repeatsId: previousId,
          status: open ? "open" : "closed",
          anonymous: false,
          // Last year's figures are public (aggregates only, under the threshold); this year's stay with the network.
          visibility: open ? "network" : "public",
          closesOn: open ? soon : "2025-12-12",
          openedAt: new Date(open ? Date.now() - 7 * 24 * 3600_000 : Date.UTC(2025, 10, 14)),
          closedAt: open ? null : new Date(Date.UTC(2025, 11, 12, 22)),
          isDemo: true,
        })
        .returning();
      const questions = await db
        .insert(surveyQuestions)
        .values(
          DEMO_QUESTIONS.map((q, i) => ({
            surveyId: survey!.id,
            position: i + 1,
            kind: q.kind,
            text: q.text,
            choices: "choices" in q ? [...q.choices] : [],
            scaleMinLabel: "scaleMinLabel" in q ? q.scaleMinLabel : "",
            scaleMaxLabel: "scaleMaxLabel" in q ? q.scaleMaxLabel : "",
            allowDontKnow: q.kind !== "text",
            required: q.required,
            repeatsQuestionId: previousQuestions[i] ?? null,
          })),
        )
        .returning();
      // One contact per member: a person from the directory where it has one, else the member's post address.
      const createdAt = new Date(Date.now() - (open ? 8 : 400) * 24 * 3600_000);
      const recipients = [];
      for (const m of members) {
        const person = contacts.find((c) => c.organisationId === m.id);
        const email = person?.email ?? `postmottak.${m.id}@kommune.example`;
        recipients.push({
          surveyId: survey!.id,
          organisationId: m.id,
          personId: person?.id ?? null,
          name: person?.name ?? "",
          email,
          tokenHash: hashToken(await services.surveys.tokenOf({ surveyId: survey!.id, email, createdAt })),
          sentAt: createdAt,
          createdAt,
        });
      }
      const stored = await db.insert(surveyRecipients).values(recipients).onConflictDoNothing().returning();
      // Most members answer: five in six last year, two in three so far this year.
      const answering = stored.filter((_, i) => (i + round) % (open ? 3 : 6) !== 0);
      if (answering.length) {
        const answeredAt = new Date(createdAt.getTime() + 3 * 24 * 3600_000);
        await db
          .update(surveyRecipients)
          .set({ answeredAt })
          .where(
            inArray(
              surveyRecipients.id,
              answering.map((r) => r.id),
            ),
          );
        const responses = await db
          .insert(surveyResponses)
          .values(
            answering.map((r) => ({
              surveyId: survey!.id,
              organisationId: r.organisationId,
              recipientId: r.id,
              submittedAt: answeredAt,
              isDemo: true,
            })),
          )
          .returning();
        const answers = responses.flatMap((resp, k) =>
          questions.flatMap((q, i) => {
            const seed = resp.organisationId + k;
            if (q.kind === "text") {
              const text = TEXTS[(seed + round) % TEXTS.length]!;
              return text ? [{ responseId: resp.id, questionId: q.id, text, dontKnow: false }] : [];
            }
            const p = demoPoint(seed, i + round * 11);
            if (p === "dk") return [{ responseId: resp.id, questionId: q.id, dontKnow: true }];
            if (q.kind === "choice")
              return [
                { responseId: resp.id, questionId: q.id, choice: q.choices[(p + round) % q.choices.length]!, dontKnow: false },
              ];
            // A year later the members are a little more content, as a network hopes.
            return [
              {
                responseId: resp.id,
                questionId: q.id,
                scale: Math.min(5, p + (round && p < 4 && seed % 3 === 0 ? 1 : 0)),
                dontKnow: false,
              },
            ];
          }),
        );
        await db.insert(surveyAnswers).values(answers);
      }
      previousId = survey!.id;
      previousQuestions = questions.map((q) => q.id);
    }
  }
}
