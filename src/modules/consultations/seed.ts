import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import { rng } from "../../platform/demo.ts";
import { i18nFor, osloParts } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { networks } from "../networks/index.ts";
import { type InputStatus, RESPONDENT_KINDS } from "./schema.ts";

/** Invented inputs: what people write to a digitalisation strategy, with a category each fits. */
const TEXTS: { body: string; category: string }[] = [
  {
    body: "Eldre innbyggjarar treng hjelp til å ta i bruk digitale tenester. Biblioteka kan vere ein stad for det.",
    category: "Digital kompetanse",
  },
  { body: "Strategien bør seie meir om informasjonstryggleik i små kommunar utan eigen IT-avdeling.", category: "Tryggleik" },
  { body: "Det er bra at kommunane samarbeider om felles løysingar. Hugs å ta med dei tilsette tidleg.", category: "Samarbeid" },
  { body: "Breibandsdekninga i distrikta må på plass før fleire tenester blir heildigitale.", category: "Infrastruktur" },
  { body: "Som næringsdrivande ønskjer eg éin stad å søkje om løyve, ikkje ulike skjema i kvar kommune.", category: "Tenester" },
  { body: "Målet om digital post til alle er godt, men kva med dei som ikkje kan bruke det?", category: "Tenester" },
  { body: "Skulane treng ein felles plan for personvern i læringsplattformene.", category: "Tryggleik" },
  { body: "Velferdsteknologi bør prioriterast høgare, særleg digitalt tilsyn.", category: "Helse og omsorg" },
  { body: "Eg saknar konkrete mål for når tiltaka skal vere ferdige.", category: "Styring" },
  {
    body: "Kompetanseløftet for tilsette bør ha eigne midlar, elles blir det ikkje noko av det.",
    category: "Digital kompetanse",
  },
];
const SPAM = ["Kjøp billige klokker på www.example.invalid", "Beste casino-bonus i dag!!!"];
const STATUSES: InputStatus[] = ["received", "received", "received", "handled", "handled"];

/**
 * A demo consultation on each demo network's shared strategy draft, open for three more weeks, with
 * two questions and a few dozen invented inputs in different states: new, handled and answered
 * (some answers published), duplicates merged and spam set aside. All marked as demo.
 */
export async function seedDemoConsultations({ db, services }: AppContext): Promise<void> {
  const random = rng(808);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const actor = systemActor("demo data");
  const nb = i18nFor("nb").t;
  const demoNetworks = await db.select({ id: networks.id }).from(networks).where(eq(networks.isDemo, true));
  for (const network of demoNetworks) {
    const draft = await services.strategies.currentOfNetwork(network.id);
    if (draft?.status !== "draft") continue;
    const opens = osloParts(new Date(Date.now() - 10 * 24 * 3600_000));
    const closes = osloParts(new Date(Date.now() + 21 * 24 * 3600_000));
    const opened = await services.consultations.openOnStrategy(
      actor,
      draft.id,
      {
        title: `Høyring: ${draft.title}`,
        intro:
          "Sei kva du meiner om utkastet til felles digitaliseringsstrategi. Alle innspel blir lesne og oppsummerte for styringsgruppa.",
        opensDate: opens.date,
        opensTime: "08:00",
        closesDate: closes.date,
        closesTime: "23:59",
        audience: "anyone",
        publishInputs: "1",
      },
      nb,
    );
    if (!opened.ok) continue;
    const consultation = opened.value;
    const repo = services.consultations.repo;
    await repo.updateConsultation(consultation.id, { isDemo: true });
    await services.consultations.addQuestion(actor, consultation.id, {
      text: "Er du einig i retninga i utkastet?",
      kind: "choice",
      options: "Heilt einig\nDelvis einig\nUeinig",
    });
    const [question] = await repo.questionsOf(consultation.id);
    const sections = await repo.sectionsOf(consultation.id);
    const template = await repo.insertTemplate({
      consultationId: consultation.id,
      title: "Takk, vi tek det med",
      body: "Takk for innspelet. Vi tek det med i arbeidet med neste utkast.",
    });
    const stored: { id: number; reference: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const text = TEXTS[i % TEXTS.length]!;
      const spam = i % 13 === 12;
      const status: InputStatus = spam ? "spam" : pick(STATUSES);
      const answered = status === "handled";
      const withName = random() < 0.4;
      const input = await repo.insertInputOnce({
        consultationId: consultation.id,
        sectionId: random() < 0.7 ? pick(sections).id : null,
        reference: `K${consultation.id}-D${String(i + 1).padStart(5, "0")}`,
        formToken: `demo-${randomBytes(12).toString("base64url")}`,
        receiptHash: randomBytes(16).toString("base64url"),
        body: spam ? pick(SPAM) : text.body,
        answers: question && !spam ? { [String(question.id)]: pick(question.options) } : {},
        respondentKind: pick(RESPONDENT_KINDS),
        name: withName ? `Demoperson ${i + 1}` : null,
        email: withName ? `demo-${i + 1}@example.invalid` : null,
        status,
        category: spam || status === "received" ? "" : text.category,
        answer: answered ? template.body : "",
        answerPublishedAt: answered && random() < 0.6 ? new Date() : null,
        isDemo: true,
        submittedAt: new Date(Date.now() - (10 - (i % 10)) * 24 * 3600_000 + i * 60_000),
      });
      if (input) stored.push(input);
    }
    // Two late copies of the first inputs, merged into them as duplicates.
    for (const original of stored.slice(0, 2))
      await repo.insertInputOnce({
        consultationId: consultation.id,
        reference: `${original.reference}-2`,
        formToken: `demo-${randomBytes(12).toString("base64url")}`,
        receiptHash: randomBytes(16).toString("base64url"),
        body: "Same innspel som eg sende i går, for sikkerheits skuld.",
        status: "merged",
        mergedIntoId: original.id,
        isDemo: true,
      });
  }
}
