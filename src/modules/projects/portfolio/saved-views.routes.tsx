import type { FastifyInstance } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { submittedForm } from "../../../platform/ui/components.tsx";
import { projectListQuery, savedViewParams, timelineQuery } from "../params.ts";
import { renderTimeline } from "../timeline/timeline.routes.tsx";
import { renderPortfolio } from "./portfolio.routes.tsx";

/** Saved views: the user's own named filters of the overview and the timeline. */
export function savedViewRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects } = ctx.services;

  app.post("/projects/saved-views", { config: { storedOnce: true, policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await projects.saveView(
      actor,
      body,
      (kind, query) => (kind === "projects" ? projectListQuery : timelineQuery).safeParse(Object.fromEntries(query)).success,
    );
    const base = body.kind === "timeline" ? "/projects/timeline" : "/projects";
    if (!result.ok) {
      // The page comes back as it was, with the name typed and what is wrong with it.
      req.query = Object.fromEntries(new URLSearchParams(String(body.query ?? "")));
      const form = submittedForm(body, result.errors);
      return base === "/projects" ? renderPortfolio(ctx, req, reply, form) : renderTimeline(ctx, req, reply, form);
    }
    const { query } = result.value;
    return reply.redirect(`${base}?${query ? `${query}&` : ""}viewSaved=1`, 303);
  });

  app.post("/projects/saved-views/:viewId/delete", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { viewId } = parseOrBadRequest(savedViewParams, req.params);
    await projects.removeView(actor, viewId);
    return reply.redirect("/projects", 303);
  });
}
