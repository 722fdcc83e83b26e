import type { FastifyRequest } from "fastify";
import { ItemList, Link, Section } from "../../platform/ui/components.tsx";
import { when } from "./gatherings.views.tsx";

/**
 * The gatherings people of an organisation attended, as a section of the organisation's page (the
 * directory's): what the member got out of the network, counted, never naming who came.
 */
export async function organisationGatheringsSection(req: FastifyRequest, { organisation }: { organisation: { id: number } }) {
  const attended = await req.server.services.gatherings.repo.attendedBy(req.actor, organisation.id);
  if (attended.length === 0) return null;
  const { t } = req.i18n;
  const ctx = req.pageContext();
  return (
    <Section id="gatherings-attended-heading" title={t("gathering.attendedTitle")}>
      <ItemList
        items={attended}
        empty=""
        itemKey={(a) => a.gathering.id}
        item={(a) => (
          <>
            <Link href={`/gatherings/${a.gathering.id}`}>{a.gathering.title}</Link>, {when(ctx, a.gathering)}:{" "}
            {t("gathering.attendedCount", { n: a.attended })}
          </>
        )}
      />
    </Section>
  );
}
