import { sql } from "drizzle-orm";
import { type Followable, followableOfSource } from "../../platform/activity/followables.ts";
import { subjectNetworkMembers } from "./schema.ts";
import { subjectSearch } from "./search.ts";

/**
 * Subject networks can be followed (decision 0035), and are by their approved members. They hear of
 * new experience notes, of gatherings held for them, and of their news.
 */
export const subjectFollowables: Followable[] = [
  followableOfSource(subjectSearch, "subject_network", {
    automatic: sql`select ${subjectNetworkMembers.userId} as user_id, ${subjectNetworkMembers.subjectNetworkId} as record_id
      from ${subjectNetworkMembers} where ${subjectNetworkMembers.approved}`,
    events: {
      experience_shared: ({ t }) => t("activity.experienceShared"),
      gathering_announced: ({ t }) => t("activity.gatheringAnnounced"),
      news_published: ({ t }) => t("activity.newsPublished"),
    },
  }),
];
