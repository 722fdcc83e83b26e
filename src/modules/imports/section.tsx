import type { FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { ButtonLink, Section } from "../../platform/ui/components.tsx";

/** On the network's page, for its secretariat only: the way to bring records in from spreadsheets. */
export async function networkImportSection(req: FastifyRequest, { network }: { network: { id: number; slug: string } }) {
  if (!can(req.actor, "import.run", { networkId: network.id })) return null;
  const { t } = req.i18n;
  return (
    <Section id="import-heading" title={t("imports.link")}>
      <p class="ds-paragraph">{t("imports.intro")}</p>
      <ButtonLink href={`/n/${network.slug}/import`}>{t("imports.link")}</ButtonLink>
    </Section>
  );
}
