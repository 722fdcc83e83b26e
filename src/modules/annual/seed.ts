import { asc, eq } from "drizzle-orm";
import { systemActor } from "../../platform/access/actor.ts";
import type { AnnualKind, AppContext } from "../../platform/module.ts";
import { DEMO_ANNUAL_ITEMS } from "../decisions/index.ts";
import { networks } from "../networks/index.ts";
import type { AnnualDocument } from "./annual.repo.ts";
import { annualDocuments } from "./schema.ts";
import { drawingFor } from "./tables.ts";

/** The demo's texts, in nynorsk as the demo networks write. */
const TEXTS: Record<AnnualKind, { heading: string; body: string }[]> = {
  report: [
    {
      heading: "Leiaren har ordet",
      body: "Året har vore prega av at fleire av kommunane tok i bruk dei same løysingane, og at arbeidsutvalet og faggruppene fekk frikjøpt tid til arbeidet.\n\nTakk til alle som har delteke i prosjekta, faggruppene og på samlingane.",
    },
    {
      heading: "Året i korte trekk",
      body: "Styringsgruppa prioriterte behova etter tilrådinga frå arbeidsutvalet, og porteføljen fekk nye felles prosjekt. Tabellane nedanfor viser møta, prosjekta, gevinstane og samlingane.",
    },
    {
      heading: "Vegen vidare",
      body: "Evalueringa viser at medlemmene får mest ut av erfaringsdelinga. Sekretariatet tilrår å halde fram med faggruppene og styrkje gevinstoppfølginga.",
    },
  ],
  plan: [
    {
      heading: "Innleiing",
      body: "Årsplanen byggjer på den felles digitaliseringsstrategien og handlingsplanen for perioden, og på prioriteringa styringsgruppa gjorde i haust.",
    },
    {
      heading: "Mål og prioriteringar for året",
      body: "Vi skal føre vidare dei prioriterte prosjekta, førebu kommunane på dei nasjonale løysingane som kjem, og halde to nettverkssamlingar.",
    },
  ],
};

/**
 * For every demo network: the annual report for 2025 adopted by the steering group and published (with
 * the 2025 evaluation survey), the annual plan for 2026 adopted, and a draft plan for 2027, each made
 * through the service as its secretariat would.
 */
export async function seedDemoAnnual(ctx: AppContext): Promise<void> {
  const { db, services } = ctx;
  const actor = systemActor("demo data");
  const demoNetworks = await db
    .select({ id: networks.id, slug: networks.slug, name: networks.name })
    .from(networks)
    .where(eq(networks.isDemo, true))
    .orderBy(asc(networks.id));
  for (const network of demoNetworks) {
    const decisions = await services.annual.decisionChoices(actor, network.id);
    const decisionFor = (kind: AnnualKind) => decisions.find((d) => d.itemTitle === DEMO_ANNUAL_ITEMS[kind]);
    const make = async (kind: AnnualKind, year: number): Promise<AnnualDocument> => {
      const created = await services.annual.create(actor, network.id, { kind, year }, () => ({
        title: `${kind === "plan" ? "Årsplan" : "Årsrapport"} ${year} for ${network.name}`,
        sections: TEXTS[kind],
      }));
      if (!created.ok) throw new Error(`demo annual document: ${JSON.stringify(created.errors)}`);
      await db.update(annualDocuments).set({ isDemo: true }).where(eq(annualDocuments.id, created.value.id));
      return created.value;
    };
    const adopt = async (doc: AnnualDocument) => {
      const decision = decisionFor(doc.kind);
      if (!decision) return doc;
      const adopted = await services.annual.adopt(
        actor,
        doc,
        { decisionId: decision.decision.id, adoptedOn: decision.decision.decidedOn },
        drawingFor(ctx, { network, year: doc.year, kind: doc.kind, surveyId: doc.surveyId }),
      );
      if (!adopted.ok) throw new Error(`demo adoption: ${JSON.stringify(adopted.errors)}`);
      return adopted.value;
    };

    let report = await make("report", 2025);
    const survey = (await services.annual.surveyChoices(actor, report)).find((s) => s.year === 2025);
    if (survey) {
      const updated = await services.annual.update(actor, report, {
        title: report.title,
        surveyId: String(survey.id),
        ...Object.fromEntries(
          report.sections.flatMap((s, i) => [
            [`sections.${i}.heading`, s.heading],
            [`sections.${i}.body`, s.body],
          ]),
        ),
      });
      if (!updated.ok) throw new Error(`demo annual survey: ${JSON.stringify(updated.errors)}`);
      report = updated.value;
    }
    report = await adopt(report);
    if (report.status === "adopted") await services.annual.publish(actor, report);
    await adopt(await make("plan", 2026));
    await make("plan", 2027);
  }
}
