import type { FastifyReply, FastifyRequest } from "fastify";
import { h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { ActivityService } from "../activity/activity.ts";
import type { NavItem, PageContext, PageMeta } from "../ui/context.ts";
import { FollowButton } from "../ui/follow-button.tsx";
import { Layout } from "../ui/layout.tsx";
import { CSRF_FIELD_MARK, OWN_PART_MARKS } from "../ui/own-parts.ts";

/** What a page needs around its body, kept with a body that is kept (plain data, no forms). */
export type AroundMeta = Pick<PageMeta, "title" | "description" | "crumbs" | "network" | "follow" | "feeds">;

export interface RenderDeps {
  nav: NavItem[];
  networks: () => Promise<PageContext["networks"]>;
  activity: Pick<ActivityService, "state" | "newCount">;
  /** Offered every body made, with its reader's own parts as marks, to keep for others (the page cache). */
  offer?: (req: FastifyRequest, reply: FastifyReply, body: string, around: AroundMeta, status: number) => void;
}

/**
 * Renders a page inside the layout. The body is rendered first, with the reader's own parts (the
 * follow button, the CSRF tokens) as marks, so that the page cache may keep it for everyone with the
 * same rights; then the layout and those parts are made for this reader (decision 0043). The header's
 * network list is kept until the data changes; for a signed-in reader, the count of new activity is
 * kept likewise, and the follow state of the page's record read.
 */
export async function renderPage(
  req: FastifyRequest,
  reply: FastifyReply,
  body: VNode<unknown>,
  meta: PageMeta,
  deps: RenderDeps,
): Promise<FastifyReply> {
  // A page whose handler said no cache may keep it (a token shown once, a calendar's secret link) is
  // this reader's alone.
  if (/no-store|private/.test(String(reply.getHeader("cache-control") ?? ""))) req.personalResponse = true;
  const ctx = req.pageContext();
  ctx.followable = meta.follow;
  ctx.markingOwnParts = true;
  let bodyHtml: string;
  try {
    bodyHtml = renderToString(body);
  } finally {
    ctx.markingOwnParts = false;
  }
  const status = meta.status ?? (meta.forms?.some((f) => f?.errors.length) ? 422 : (reply.statusCode ?? 200));
  const around: AroundMeta = {
    title: meta.title,
    description: meta.description,
    crumbs: meta.crumbs,
    network: meta.network,
    follow: meta.follow,
    feeds: meta.feeds,
  };
  deps.offer?.(req, reply, bodyHtml, around, status);
  return renderAround(req, reply, bodyHtml, around, status, deps);
}

/** Sends a body (made now or kept) inside the layout, with this reader's own parts filled in. */
export async function renderAround(
  req: FastifyRequest,
  reply: FastifyReply,
  bodyHtml: string,
  meta: AroundMeta,
  status: number,
  deps: Pick<RenderDeps, "nav" | "networks" | "activity">,
): Promise<FastifyReply> {
  const ctx = req.pageContext();
  ctx.followable = meta.follow;
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
  const followMark = `<${OWN_PART_MARKS.follow}></${OWN_PART_MARKS.follow}>`;
  const follow = bodyHtml.includes(followMark) ? renderToString(<FollowButton ctx={ctx} />) : "";
  const csrf = bodyHtml.includes(CSRF_FIELD_MARK) ? `name="_csrf" value="${ctx.csrfToken()}"` : "";
  const filled = bodyHtml.replaceAll(followMark, follow).replaceAll(CSRF_FIELD_MARK, csrf);
  const bodyMark = `<${OWN_PART_MARKS.body}></${OWN_PART_MARKS.body}>`;
  const html = renderToString(
    <Layout ctx={ctx} title={meta.title} description={meta.description} crumbs={meta.crumbs} nav={deps.nav} feeds={meta.feeds}>
      {h(OWN_PART_MARKS.body, null)}
    </Layout>,
  ).replace(bodyMark, () => filled);
  return reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(`<!doctype html>${html}`);
}
