import type { FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { ButtonLink, Section } from "../../platform/ui/components.tsx";

/**
 * The network's economy as a section of its page (the networks module's): the latest budget the viewer
 * may see and a link to the rest; nothing for those who may see no budget (the secretariat always, to start one).
 */
export async function networkEconomySection(req: FastifyRequest, { network }: { network: { id: number; slug: string } }) {
  const { t, number } = req.i18n;
  const latest = await req.server.services.economy.repo.latestTotals(network.id, req.actor);
  if (!latest && !can(req.actor, "economy.manage", { networkId: network.id })) return null;
  return (
    <Section id="economy-heading" title={t("economy.section")}>
      {latest ? (
        <p class="ds-paragraph">
          {t("economy.sectionText", {
            year: latest.year,
            income: t("economy.kr", { amount: number(latest.income) }),
            cost: t("economy.kr", { amount: number(latest.cost) }),
          })}
        </p>
      ) : null}
      <ButtonLink href={`/n/${network.slug}/economy`}>{t("economy.toEconomy")}</ButtonLink>
    </Section>
  );
}
