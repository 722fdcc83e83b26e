import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { parseOrBadRequest, query } from "../../platform/http/validation.ts";
import type { AppContext, SearchHit } from "../../platform/module.ts";
import { emptyForm } from "../../platform/ui/components.tsx";
import { HomePage, LoginPage, SearchPage, TextPage } from "./home.views.tsx";

/** Only same-site paths: a login link must never send anyone to another site. */
export const safeReturnTo = (value: unknown): string =>
  typeof value === "string" && /^\/(?![/\\])/.test(value) && !value.startsWith("/login") ? value : "/";

const loginInput = z.object({
  email: z.string().trim().min(1, "errors.required").max(254),
  password: z.string().min(1, "errors.required").max(1000),
});

export function homeRoutes(app: FastifyInstance, ctx: AppContext) {
  const { services, config } = ctx;
  // Site search asks every module that offers a search.
  const searchers = ctx.modules.flatMap((m) => (m.search ? [m.search] : []));

  app.get("/", async (req, reply) => {
    const [{ items }, counts] = await Promise.all([services.networks.repo.list(), services.directory.organisations.counts()]);
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
      />,
      { title: req.i18n.t("home.pageTitle") },
    );
  });

  app.get("/search", async (req, reply) => {
    const { q = "" } = parseOrBadRequest(query({ q: z.string().trim().max(100).optional() }), req.query);
    let hits: SearchHit[] = [];
    if (q) hits = (await Promise.all(searchers.map((search) => search(ctx, q, 20)))).flat();
    const { t } = req.i18n;
    return reply.page(<SearchPage ctx={req.pageContext()} q={q} hits={hits} />, {
      title: q ? t("search.titleFor", { q }) : t("search.title"),
      crumbs: [{ href: "/", label: "Samverk" }, { label: t("search.title") }],
    });
  });

  app.get("/login", async (req, reply) => {
    const returnTo = safeReturnTo((req.query as Record<string, unknown>).returnTo);
    if (req.actor) return reply.redirect(returnTo, 303);
    return reply.page(<LoginPage ctx={req.pageContext()} form={emptyForm()} returnTo={returnTo} />, {
      title: req.i18n.t("auth.login"),
    });
  });

  app.post("/login", async (req, reply) => {
    const returnTo = safeReturnTo((req.query as Record<string, unknown>).returnTo);
    const parsed = loginInput.safeParse(req.body ?? {});
    const values = { email: (req.body as Record<string, unknown> | undefined)?.email ?? "" };
    const fail = (key: "errors.required" | "auth.failed", field = "email") =>
      reply.page(<LoginPage ctx={req.pageContext()} form={{ values, errors: [{ field, key }] }} returnTo={returnTo} />, {
        title: req.i18n.t("auth.login"),
        status: key === "auth.failed" ? 401 : 422,
      });
    if (!parsed.success) return fail("errors.required", String(parsed.error.issues[0]?.path[0] ?? "email"));
    const userId = await services.users.authenticate(parsed.data.email, parsed.data.password);
    if (userId === null) return fail("auth.failed");
    // A fresh session id at every login: an id planted before login is worth nothing after it.
    await services.sessions.destroy(req.cookies[SESSION_COOKIE]);
    const session = await services.sessions.create(userId);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: config.secure,
      expires: session.expiresAt,
    });
    return reply.redirect(returnTo, 303);
  });

  app.post("/logout", async (req, reply) => {
    await services.sessions.destroy(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/", 303);
  });

  app.get("/accessibility", async (req, reply) => {
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

  app.get("/privacy", async (req, reply) => {
    const { t } = req.i18n;
    return reply.page(
      <TextPage
        title={t("pages.privacy.title")}
        paragraphs={[
          { text: t("pages.privacy.intro") },
          { heading: t("pages.privacy.whatHeading"), text: t("pages.privacy.what") },
          { heading: t("pages.privacy.publicHeading"), text: t("pages.privacy.public") },
          { heading: t("pages.privacy.cookiesHeading"), text: t("pages.privacy.cookies") },
          { heading: t("pages.privacy.rightsHeading"), text: t("pages.privacy.rights") },
        ]}
      />,
      { title: t("pages.privacy.title") },
    );
  });
}
