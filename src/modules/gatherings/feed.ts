import type { FeedSource } from "../../platform/feeds.ts";
import { excerpt } from "../../platform/feeds.ts";
import { labelFor } from "../../platform/i18n/i18n.ts";

/** The network's gatherings that anyone may see, those it holds with another included, the last changed first. */
export const gatheringFeeds: Record<string, FeedSource> = {
  gatherings: {
    label: "search.kind.gatherings",
    page: (network) => `/n/${network.slug}/gatherings`,
    read: async ({ services }, network, { t, dateTime }, most) =>
      (await services.gatherings.repo.publicFeed(network.id, most)).map((g) => ({
        key: `gathering/${g.id}`,
        title: g.title,
        path: `/gatherings/${g.id}`,
        published: g.createdAt,
        updated: g.updatedAt,
        summary: [
          [labelFor(t, "gathering.kind", g.kind), dateTime(g.startsAt), g.place].filter(Boolean).join(" · "),
          excerpt(g.description),
        ]
          .filter(Boolean)
          .join("\n\n"),
      })),
  },
};
