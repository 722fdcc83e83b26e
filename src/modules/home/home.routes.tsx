import type { FastifyInstance } from "fastify";
import { frontPage } from "../../platform/front-page.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import type { AppContext } from "../../platform/module.ts";
import { HomePage, TextPage } from "./home.views.tsx";

export function homeRoutes(app: FastifyInstance, ctx: AppContext) {
  const { services, config } = ctx;

  app.get("/", { config: { policy: "public" } }, async (req, reply) => {
    const [{ items }, counts, lists] = await Promise.all([
      services.networks.list(),
      services.directory.organisations.counts(),
      frontPage(ctx, req.actor, req.i18n),
    ]);
    const count = (kind: string) => counts.find((c) => c.kind === kind)?.n ?? 0;
    return reply.page(
      <HomePage
        ctx={req.pageContext()}
        networks={items}
        counts={{
          municipalities: count("municipality"),
          counties: count("county"),
          organisations: counts.reduce((sum, c) => sum + c.n, 0),
        }}
        waiting={req.actor?.userId ? lists.waiting : null}
        open={lists.open}
      />,
      { title: req.i18n.t("home.pageTitle") },
    );
  });

  // RFC 9116: where to report a security problem. Contact is required and must reach someone, which
  // only the installation knows: without SAMVERK_SECURITY_CONTACT there is no file rather than one
  // naming an address nobody reads (the mail sender is often a no-reply address).
  app.get("/.well-known/security.txt", { config: { policy: "public" } }, async (_req, reply) => {
    const contact = config.SAMVERK_SECURITY_CONTACT;
    if (!contact) throw new NotFoundError();
    const expires = new Date(Date.now() + 180 * 24 * 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
    const base = config.SAMVERK_PUBLIC_URL?.replace(/\/$/, "");
    const lines = [
      `Contact: ${contact}`,
      `Expires: ${expires}`,
      "Preferred-Languages: nb, nn, en",
      ...(base ? [`Canonical: ${base}/.well-known/security.txt`] : []),
    ];
    return reply.type("text/plain; charset=utf-8").send(`${lines.join("\n")}\n`);
  });

  app.get("/accessibility", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    return reply.page(
      <TextPage
        title={t("pages.accessibility.title")}
        paragraphs={[
          { text: t("pages.accessibility.intro") },
          { heading: t("pages.accessibility.statusHeading"), text: t("pages.accessibility.status") },
          { heading: t("pages.accessibility.testingHeading"), text: t("pages.accessibility.testing") },
          { heading: t("pages.accessibility.feedbackHeading"), text: t("pages.accessibility.feedback") },
          { heading: t("pages.accessibility.supervisionHeading"), text: t("pages.accessibility.supervision") },
        ]}
      />,
      { title: t("pages.accessibility.title") },
    );
  });

  app.get("/privacy", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    return reply.page(
      <TextPage
        title={t("pages.privacy.title")}
        paragraphs={[
          { text: t("pages.privacy.intro") },
          { heading: t("pages.privacy.whatHeading"), text: t("pages.privacy.what") },
          { heading: t("pages.privacy.publicHeading"), text: t("pages.privacy.public") },
          { heading: t("pages.privacy.consultationsHeading"), text: t("pages.privacy.consultations") },
          { heading: t("pages.privacy.gatheringsHeading"), text: t("pages.privacy.gatherings") },
          { heading: t("pages.privacy.cookiesHeading"), text: t("pages.privacy.cookies") },
          { heading: t("pages.privacy.rightsHeading"), text: t("pages.privacy.rights") },
        ]}
      />,
      { title: t("pages.privacy.title") },
    );
  });
}
