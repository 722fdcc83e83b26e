import type { FastifyRequest } from "fastify";
import { ButtonLink, Section } from "../../platform/ui/components.tsx";
import { GatheringTable } from "./gatherings.views.tsx";

/** A network's coming gatherings, as a section of the network's page (the networks module's). */
export async function networkGatheringsSection(req: FastifyRequest, { network }: { network: { id: number; slug: string } }) {
  const { t } = req.i18n;
  const coming = await req.server.services.gatherings.list(req.actor, {
    networkId: network.id,
    when: { at: new Date(), past: false },
    limit: 5,
  });
  return (
    <Section id="gatherings-heading" title={t("gathering.comingIn")}>
      <GatheringTable ctx={req.pageContext()} rows={coming} label={t("gathering.comingIn")} showNetwork={false} />
      <ButtonLink href={`/n/${network.slug}/gatherings`}>{t("gathering.allOfNetwork")}</ButtonLink>
    </Section>
  );
}

/** A subject network's gatherings, coming and the latest past ones, as a section of its page (the subject networks module's). */
export async function subjectGatheringsSection(req: FastifyRequest, { subject }: { subject: { id: number; slug: string } }) {
  const { t } = req.i18n;
  const { gatherings } = req.server.services;
  const at = new Date();
  const [coming, past] = await Promise.all([
    gatherings.list(req.actor, { subjectNetworkId: subject.id, when: { at, past: false }, limit: 10 }),
    gatherings.list(req.actor, { subjectNetworkId: subject.id, when: { at, past: true }, limit: 5 }),
  ]);
  return (
    <Section id="subject-gatherings-heading" title={t("gathering.nav")}>
      <GatheringTable ctx={req.pageContext()} rows={[...coming, ...past]} label={t("gathering.nav")} showNetwork />
      <ButtonLink href={`/subject-networks/${subject.slug}/gatherings/calendar.ics`}>{t("gathering.subscribe")}</ButtonLink>
    </Section>
  );
}
