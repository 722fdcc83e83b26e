import type { FastifyRequest } from "fastify";
import { ButtonLink, ItemList, Link, Section } from "../../platform/ui/components.tsx";

/** On a network's page: what the members got out of it, compared. */
export async function networkReportsSection(req: FastifyRequest, { network }: { network: { slug: string } }) {
  const { t } = req.i18n;
  return (
    <Section id="member-reports-heading" title={t("memberReport.sectionTitle")}>
      <p class="ds-paragraph">{t("memberReport.sectionIntro")}</p>
      <ButtonLink href={`/n/${network.slug}/member-reports`} variant="secondary">
        {t("memberReport.comparisonLink")}
      </ButtonLink>
    </Section>
  );
}

/** On an organisation's page: its report in each network it is a member of. */
export async function organisationReportsSection(
  req: FastifyRequest,
  { organisation }: { organisation: { id: number; name: string } },
) {
  const list = await req.server.services.memberReports.networksOf(organisation.id);
  if (list.length === 0) return null;
  const { t } = req.i18n;
  return (
    <Section id="member-reports-heading" title={t("memberReport.orgSectionTitle")}>
      <ItemList
        items={list}
        empty=""
        itemKey={(n) => n.slug}
        item={(n) => (
          <Link href={`/n/${n.slug}/member-reports/${organisation.id}`}>
            {t("memberReport.orgSectionItem", { organisation: organisation.name, network: n.name })}
          </Link>
        )}
      />
    </Section>
  );
}
