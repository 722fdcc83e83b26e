import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { ActivityService } from "../activity/activity.ts";
import type { NavItem, PageContext, PageMeta } from "../ui/context.ts";
import { Layout } from "../ui/layout.tsx";

/**
 * Renders a page inside the layout. The header's network list is kept until the data changes; for a
 * signed-in reader, the count of new activity is kept likewise, and the follow state of the page's record read.
 */
export async function renderPage(
  req: FastifyRequest,
  reply: FastifyReply,
  body: VNode<unknown>,
  meta: PageMeta,
  deps: {
    nav: NavItem[];
    networks: () => Promise<PageContext["networks"]>;
    activity: Pick<ActivityService, "state" | "newCount">;
  },
): Promise<FastifyReply> {
  const ctx = req.pageContext();
  const userId = ctx.actor?.userId;
  const [networks, state, newActivity] = await Promise.all([
    deps.networks(),
    userId && meta.follow ? deps.activity.state(userId, meta.follow) : undefined,
    userId && ctx.actor ? deps.activity.newCount({ ...ctx.actor, userId }) : undefined,
  ]);
  ctx.networks = networks;
  ctx.network = meta.network;
  if (meta.follow && state) ctx.follow = { ...meta.follow, state };
  if (newActivity !== undefined) ctx.newActivity = newActivity;
  const html = renderToString(
    <Layout ctx={ctx} title={meta.title} description={meta.description} crumbs={meta.crumbs} nav={deps.nav} feeds={meta.feeds}>
      {body}
    </Layout>,
  );
  return reply
    .code(meta.status ?? (meta.forms?.some((f) => f?.errors.length) ? 422 : (reply.statusCode ?? 200)))
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(`<!doctype html>${html}`);
}
