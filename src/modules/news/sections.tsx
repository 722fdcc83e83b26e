import type { FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import type { FrontPageSource } from "../../platform/front-page.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import { ButtonLink, Notice, Section } from "../../platform/ui/components.tsx";
import type { SubjectNetwork } from "../subjects/index.ts";
import { NewsSummary } from "./news.views.tsx";

/** A network's latest news, as a section of the network's page (the networks module's). */
export async function networkNewsSection(
  req: FastifyRequest,
  { network }: { network: { id: number; slug: string; name: string } },
) {
  const { t } = req.i18n;
  const latest = await req.server.services.news.latest(req.actor, 3, { networkId: network.id });
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

/** A subject network's latest news, as a section of its page (the subjects module's), with a way to write for those who run it. */
export async function subjectNewsSection(req: FastifyRequest, { subject }: { subject: SubjectNetwork }) {
  const { t } = req.i18n;
  const [latest, access] = await Promise.all([
    req.server.services.news.latest(req.actor, 3, { subjectNetworkId: subject.id }),
    req.server.services.subjects.accessFor(req.actor, subject.id),
  ]);
  const href = `/subject-networks/${subject.slug}/news`;
  return (
    <Section id="news-heading" title={t("news.ofSubject")}>
      {latest.length ? (
        latest.map((r) => <NewsSummary key={r.item.id} ctx={req.pageContext()} item={r.item} level={3} />)
      ) : (
        <Notice>{t("news.none")}</Notice>
      )}
      <div class="button-row">
        <ButtonLink href={href} variant="secondary">
          {t("news.all", { network: subject.name })}
        </ButtonLink>
        {can(req.actor, "news.manage", { subject: access }) ? (
          <ButtonLink href={`${href}/new`}>{t("news.new")}</ButtonLink>
        ) : null}
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
      network: r.ownerName,
    })),
};
