import type { FastifyRequest } from "fastify";
import { labelFor } from "../../platform/i18n/i18n.ts";
import { ItemList, Link, Section } from "../../platform/ui/components.tsx";

/** An organisation's strategies, as a section of the organisation's page (the directory's). */
export async function organisationStrategiesSection(req: FastifyRequest, { organisation }: { organisation: { id: number } }) {
  // Strategies carry no visibility of their own: every reader may see them, as on /strategies.
  const strategies = (await req.server.services.strategies.list({ organisationId: organisation.id })).map((i) => i.strategy);
  const { t } = req.i18n;
  return (
    <Section id="strategies-heading" title={t("org.strategies")}>
      <ItemList
        items={strategies}
        empty={t("org.noStrategies")}
        itemKey={(s) => s.id}
        item={(s) => (
          <>
            <Link href={`/strategies/${s.id}`}>{s.title}</Link> {`${s.firstYear}–${s.lastYear}`},{" "}
            {labelFor(t, "strategy.status", s.status)}
            {s.revision > 1 ? ` (${t("strategy.revisionN", { n: s.revision })})` : ""}
          </>
        )}
      />
    </Section>
  );
}
