import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import type { Page } from "../../platform/db/paging.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { resultOf } from "../../platform/http/errors.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import { type NewsItem, type NewsOwner, type NewsPicture, pictureHref } from "./news.repo.ts";

const newsItem = z.object({
  id: z.number(),
  title: z.string(),
  intro: z.string(),
  state: z.enum(["draft", "published"]),
  visibility: z.enum(["public", "network"]),
  publishedAt: z.string().nullable(),
  url: z.string(),
  pictures: z.array(z.object({ url: z.string(), alt: z.string().describe("What the picture shows") })),
});
const present = (item: NewsItem, pictures: readonly NewsPicture[]): z.infer<typeof newsItem> => ({
  id: item.id,
  title: item.title,
  intro: item.intro,
  state: item.state,
  visibility: item.visibility,
  publishedAt: item.publishedAt?.toISOString() ?? null,
  url: `/news/${item.id}`,
  pictures: pictures.filter((p) => p.newsItemId === item.id).map((p) => ({ url: pictureHref(p), alt: p.alt })),
});

/** News of networks and subject networks in the JSON API, as the caller may read it, and subscribing to a network's newsletter. */
export function newsApi(api: ApiRouter, { services: { news, networks, subjects, users } }: AppContext) {
  /** A page of the owner's news as the caller may read it, with each item's pictures. */
  const listed = async (actor: Actor | null, owner: NewsOwner, page: Page) => {
    const { items, total } = await news.page(actor, owner, page);
    const pictures = await news.picturesOf(items.map((r) => r.item));
    return { items: items.map((r) => present(r.item, pictures)), total };
  };

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/news",
    operationId: "listNetworkNews",
    summary: "A network's news the caller may read, newest first (drafts only for its secretariat)",
    tag: "news",
    params: slugParam,
    query: z.object(listQuery),
    response: listOf(newsItem),
    handler: async ({ params, query, actor }) => {
      const network = await networks.get(params.slug);
      return listed(actor, { networkId: network.id }, query);
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/subject-networks/:slug/news",
    operationId: "listSubjectNetworkNews",
    summary: "A subject network's news the caller may read, newest first (drafts only for those who run it)",
    tag: "news",
    params: slugParam,
    query: z.object(listQuery),
    response: listOf(newsItem),
    handler: async ({ params, query, actor }) => {
      const { subject } = await subjects.access(actor, params.slug);
      return listed(actor, { subjectNetworkId: subject.id }, query);
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/news/:id",
    operationId: "getNews",
    summary: "A news item with its body (the safe Markdown subset, as written) and the related records the caller may see",
    tag: "news",
    params: z.object({ id: dbId }),
    response: newsItem.extend({
      body: z.string().describe("Markdown: headings, lists, quotes, emphasis and links"),
      related: z.array(z.object({ kind: z.string(), id: z.number(), title: z.string(), url: z.string() })),
    }),
    handler: async ({ params, actor }) => {
      const item = await news.visible(actor, params.id);
      const [related, pictures] = await Promise.all([news.related(actor, item), news.picturesOf([item])]);
      return {
        ...present(item, pictures),
        body: item.body,
        related: related.map((r) => ({ kind: r.kind, id: r.id, title: r.title, url: r.href })),
      };
    },
  });

  api.route({
    policy: "public",
    method: "POST",
    path: "/networks/:slug/newsletter/subscribers",
    operationId: "subscribeToNewsletter",
    summary:
      "Subscribes an address to a network's newsletter: its owner confirms by a mailed link, unless it is the signed-in caller's own",
    tag: "news",
    params: slugParam,
    body: z.object({ email: z.string().max(254) }),
    response: z.object({ confirmed: z.boolean().describe("False: a link to confirm was mailed to the address") }),
    handler: async ({ params, body, actor, req }) => {
      const network = await networks.get(params.slug);
      const own = actor?.userId ? await users.byId(actor.userId) : undefined;
      return resultOf(
        await news.subscribe(actor, own?.email ?? null, network, body, { locale: req.i18n.locale, ipKey: req.ipKey() }),
      );
    },
  });
}
