import type { FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { ButtonLink, Section } from "../../platform/ui/components.tsx";
import { SurveyTable } from "./surveys.views.tsx";

/** A network's latest surveys, as a section of the network's page, for those who may see one (its secretariat always). */
export async function networkSurveysSection(req: FastifyRequest, { network }: { network: { id: number; slug: string } }) {
  const { t } = req.i18n;
  const manages = can(req.actor, "survey.manage", { networkId: network.id });
  const rows = await req.server.services.surveys.list(network.id, req.actor);
  if (rows.length === 0 && !manages) return null;
  return (
    <Section id="surveys-heading" title={t("survey.sectionTitle")}>
      <SurveyTable ctx={req.pageContext()} rows={rows.slice(0, 4)} label={t("survey.sectionTitle")} manages={manages} />
      <ButtonLink href={`/n/${network.slug}/surveys`}>{t("survey.allOfNetwork")}</ButtonLink>
    </Section>
  );
}
