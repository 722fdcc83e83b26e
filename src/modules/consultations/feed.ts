import type { FeedSource } from "../../platform/feeds.ts";
import { excerpt } from "../../platform/feeds.ts";

/**
 * The network's consultations that anyone may read with their text, the last made first: never an
 * internal review round, nor one on a project kept from the public (consultationReadableWhere).
 */
export const consultationFeeds: Record<string, FeedSource> = {
  consultations: {
    label: "search.kind.consultations",
    page: (network) => `/n/${network.slug}/consultations`,
    read: async ({ services }, network, { dateTime }, most) =>
      (await services.consultations.repo.publicFeed(network.id, most)).map((c) => ({
        key: `consultation/${c.id}`,
        title: c.title,
        path: `/consultations/${c.id}`,
        published: c.createdAt,
        updated: c.createdAt,
        summary: [`${dateTime(c.opensAt)} – ${dateTime(c.closesAt)}`, excerpt(c.intro)].filter(Boolean).join("\n\n"),
      })),
  },
};
