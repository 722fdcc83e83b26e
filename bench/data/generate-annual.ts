/**
 * The annual plans and reports of the generated country: for every network the report for 2025
 * (published), the plan for 2026 (adopted) and a draft plan for 2027, with text sections. The app freezes
 * an adopted document's tables when the steering group's decision is recorded; the generated ones have
 * no frozen tables, so they are drawn from the data at each view: the heavier case, which is the one the
 * page benchmark should measure.
 */
import type { PgTable } from "drizzle-orm/pg-core";
import { annualDocuments } from "../../src/modules/annual/schema.ts";

export interface AnnualInput {
  networks: readonly { id: number; name: string }[];
  insert: <T extends PgTable>(step: string, table: T, values: T["$inferInsert"][]) => Promise<void>;
}

const SECTIONS = [
  { heading: "Leiaren har ordet", body: "Året har vore prega av felles prosjekt og erfaringsdeling mellom kommunane." },
  { heading: "Året i korte trekk", body: "Styringsgruppa prioriterte behova, og porteføljen fekk nye felles prosjekt." },
  { heading: "Vegen vidare", body: "Vi held fram med faggruppene og styrkjer gevinstoppfølginga." },
];

export async function generateAnnual(g: AnnualInput): Promise<void> {
  const rows: (typeof annualDocuments.$inferInsert)[] = g.networks.flatMap((n) => [
    {
      networkId: n.id,
      year: 2025,
      kind: "report" as const,
      title: `Årsrapport 2025 for ${n.name}`,
      sections: SECTIONS,
      status: "published" as const,
      visibility: "public" as const,
      adoptedOn: "2026-02-12",
      publishedAt: new Date("2026-02-20T12:00:00Z"),
    },
    {
      networkId: n.id,
      year: 2026,
      kind: "plan" as const,
      title: `Årsplan 2026 for ${n.name}`,
      sections: SECTIONS.slice(0, 2),
      status: "adopted" as const,
      visibility: "network" as const,
      adoptedOn: "2026-02-12",
      publishedAt: null,
    },
    {
      networkId: n.id,
      year: 2027,
      kind: "plan" as const,
      title: `Årsplan 2027 for ${n.name}`,
      sections: SECTIONS.slice(0, 2),
      status: "draft" as const,
      visibility: "network" as const,
      adoptedOn: null,
      publishedAt: null,
    },
  ]);
  await g.insert("annual plans and reports", annualDocuments, rows);
}
