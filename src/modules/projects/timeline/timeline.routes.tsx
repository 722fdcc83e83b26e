import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { TIMELINE_PAGE_SIZE, timelineQuery } from "../params.ts";
import { TimelinePage } from "./timeline.views.tsx";

/** The timeline page; the saved-view form comes back here with its errors. */
export async function renderTimeline(
  { services }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  viewForm: FormState = emptyForm(),
) {
  const { projects } = services;
  const filter = parseOrBadRequest(timelineQuery, req.query);
  const today = osloToday();
  // By years, the window opens two years back, so running projects show where they came from.
  const year = filter.year ?? Number(today.slice(0, 4)) - (filter.view === "year" ? 2 : 0);
  const timeline = await projects.timeline(
    filter,
    req.actor,
    filter.sort,
    TIMELINE_PAGE_SIZE,
    (filter.page - 1) * TIMELINE_PAGE_SIZE,
  );
  const { t } = req.i18n;
  return reply.page(
    <TimelinePage
      ctx={req.pageContext()}
      timeline={timeline}
      filter={filter}
      year={year}
      limit={TIMELINE_PAGE_SIZE}
      today={today}
      savedViews={await projects.savedViewsFor(req.actor, "timeline")}
      viewForm={viewForm}
    />,
    {
      title: t("timeline.title"),
      forms: [viewForm],
      crumbs: [{ href: "/projects", label: t("project.listTitle") }, { label: t("timeline.title") }],
    },
  );
}

/** The portfolio on a timeline: the overview's filters, by years or quarters. */
export function timelineRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get("/projects/timeline", { config: { policy: "public" } }, async (req, reply) => renderTimeline(ctx, req, reply));
}
