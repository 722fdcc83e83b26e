import type { FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { ButtonLink, ItemList, Link, Section } from "../../platform/ui/components.tsx";
import { documentHref } from "./annual.views.tsx";

/** A network's annual plans and reports, as a section of the network's page (the networks module's). */
export async function networkAnnualSection(req: FastifyRequest, { network }: { network: { id: number; slug: string } }) {
  const { t } = req.i18n;
  const documents = await req.server.services.annual.list(network.id, req.actor);
  const manages = can(req.actor, "annual.manage", { networkId: network.id });
  if (documents.length === 0 && !manages) return null;
  return (
    <Section id="annual-heading" title={t("annual.nav")}>
      <ItemList
        items={documents.slice(0, 4)}
        empty={t("annual.none")}
        itemKey={(d) => d.id}
        item={(d) => (
          <>
            <Link href={documentHref(network.slug, d)}>{d.title}</Link> ({t(`annual.status.${d.status}`)})
          </>
        )}
      />
      <ButtonLink href={`/n/${network.slug}/annual`}>{t("annual.all")}</ButtonLink>
    </Section>
  );
}
