import type { FastifyRequest } from "fastify";
import type { FrontPageSource } from "../../platform/front-page.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { ButtonLink, Notice, Section } from "../../platform/ui/components.tsx";
import { NewsSummary } from "./news.views.tsx";

/** A network's latest news, as a section of the network's page (the networks module's). */
export async function networkNewsSection(
  req: FastifyRequest,
  { network }: { network: { id: number; slug: string; name: string } },
) {
  const { t } = req.i18n;
  const latest = await req.server.services.news.latest(req.actor, 3, network.id);
  return (
    <Section id="news-heading" title={t("news.heading")}>
      {latest.length ? (
        latest.map((r) => <NewsSummary key={r.item.id} ctx={req.pageContext()} item={r.item} level={3} />)
      ) : (
        <Notice>{t("news.none")}</Notice>
      )}
      <div class="button-row">
        <ButtonLink href={`/n/${network.slug}/news`}>{t("news.all", { network: network.name })}</ButtonLink>
        <ButtonLink href={`/n/${network.slug}/newsletter`} variant="secondary">
          {t("newsletter.subscribe")}
        </ButtonLink>
      </div>
    </Section>
  );
}

/** The latest news for the front page's "new and open", as the reader may read it. */
export const newsFrontPage: FrontPageSource = {
  open: async ({ services }, viewer) =>
    (await services.news.latest(viewer, 5)).map((r) => ({
      group: "front.open.news",
      title: r.item.title,
      href: `/news/${r.item.id}`,
      what: r.item.intro,
      due: r.item.publishedAt ? osloToday(r.item.publishedAt) : null,
      network: r.networkName,
    })),
};
