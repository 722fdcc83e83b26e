import { excerpt, type FeedSource } from "../../platform/feeds.ts";

/** The network's published news that anyone may read, the newest first. */
export const newsFeeds: Record<string, FeedSource> = {
  news: {
    label: "search.kind.news",
    page: (network) => `/n/${network.slug}/news`,
    read: async ({ services }, network, _i18n, most) =>
      (await services.news.latest(null, most, { networkId: network.id })).map(({ item }) => ({
        key: `news/${item.id}`,
        title: item.title,
        path: `/news/${item.id}`,
        published: item.publishedAt ?? item.createdAt,
        updated: item.updatedAt,
        summary: [item.intro, excerpt(item.body)].filter(Boolean).join("\n\n"),
      })),
  },
};
