import type { FeedSource } from "../../platform/feeds.ts";
import { excerpt } from "../../platform/feeds.ts";
import { outcomeLabel } from "./decisions/decisions.views.tsx";

/**
 * The network's decisions that anyone may read, as recorded: each on its item of the meeting's page.
 * A decision is never changed (a later one follows it), so it was last updated when recorded.
 */
export const decisionFeeds: Record<string, FeedSource> = {
  decisions: {
    label: "search.kind.decisions",
    page: (network) => `/n/${network.slug}/decisions`,
    read: async ({ services }, network, { t, date }, most) =>
      (await services.meetings.repo.publicFeed(network.id, most)).map((d) => ({
        key: `decision/${d.id}`,
        title: d.itemTitle,
        path: `/meetings/${d.meetingId}#item-${d.itemId}`,
        published: d.createdAt,
        updated: d.createdAt,
        summary: `${[outcomeLabel(t, d.outcome), date(d.decidedOn), `${d.bodyName}: ${d.meetingTitle}`].join(" · ")}\n\n${excerpt(d.text)}`,
      })),
  },
};
