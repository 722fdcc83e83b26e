import type { FastifyRequest } from "fastify";
import { LinkList, Section } from "../../../platform/ui/components.tsx";

/** A network's needs, its submissions to national bodies and the national view, as a section of the network's page. */
export async function networkNeedsSection(req: FastifyRequest, { network }: { network: { slug: string } }) {
  const { t } = req.i18n;
  return (
    <Section id="network-needs-heading" title={t("need.listTitle")}>
      <p class="ds-paragraph">
        <LinkList
          links={[
            { href: `/needs?network=${network.slug}`, label: t("national.networkNeeds") },
            { href: `/n/${network.slug}/needs/submissions`, label: t("submission.nav") },
            { href: "/needs/national", label: t("national.title") },
          ]}
        />
      </p>
    </Section>
  );
}
