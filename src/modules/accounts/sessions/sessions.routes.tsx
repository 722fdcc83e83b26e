import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorized } from "../../../platform/access/page-access.ts";
import { SESSION_COOKIE } from "../../../platform/auth/sessions.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { SessionsPage } from "./sessions.views.tsx";

/** The user's own sessions: see them and end them. */
export function sessionRoutes(app: FastifyInstance, { services }: AppContext) {
  app.get("/account/sessions", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const list = await services.sessions.listFor(actor.userId!);
    return reply.page(
      <SessionsPage
        ctx={req.pageContext()}
        current={req.sessionId}
        sessions={list}
        ended={(req.query as Record<string, unknown>).ended === "1"}
      />,
      { title: req.i18n.t("sessions.title") },
    );
  });

  app.post("/account/sessions/end", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { session } = parseOrBadRequest(z.object({ session: z.string().max(100) }), req.body);
    if (!(await services.sessions.end(actor.userId!, session))) throw new NotFoundError();
    if (session === req.sessionId) {
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.redirect("/", 303);
    }
    return reply.redirect("/account/sessions?ended=1", 303);
  });

  app.post("/account/sessions/end-others", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    await services.sessions.endAllOf(actor.userId!, req.sessionId ?? undefined);
    return reply.redirect("/account/sessions?ended=1", 303);
  });
}
