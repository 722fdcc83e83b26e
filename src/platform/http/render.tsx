import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { NavItem, PageContext, PageMeta } from "../ui/context.ts";
import { Layout } from "../ui/layout.tsx";

/** Renders a page inside the layout; the header's network list costs one query per page. */
export async function renderPage(
  req: FastifyRequest,
  reply: FastifyReply,
  body: VNode<unknown>,
  meta: PageMeta,
  deps: { nav: NavItem[]; networks: () => Promise<PageContext["networks"]> },
): Promise<FastifyReply> {
  const ctx = req.pageContext();
  ctx.networks = await deps.networks();
  ctx.network = meta.network;
  const html = renderToString(
    <Layout ctx={ctx} title={meta.title} description={meta.description} crumbs={meta.crumbs} nav={deps.nav}>
      {body}
    </Layout>,
  );
  return reply
    .code(meta.status ?? (meta.forms?.some((f) => f?.errors.length) ? 422 : (reply.statusCode ?? 200)))
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(`<!doctype html>${html}`);
}
