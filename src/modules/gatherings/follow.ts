import { sql } from "drizzle-orm";
import { type Followable, followableOfSource } from "../../platform/activity/followables.ts";
import { gatheringRegistrations } from "./schema.ts";
import { gatheringSearch } from "./search.ts";

/**
 * Gatherings can be followed (decision 0035), and are by those registered with their account. They
 * hear when the time or place changes; their announcement is told under the network and the subject
 * network it is for.
 */
export const gatheringFollowables: Followable[] = [
  followableOfSource(gatheringSearch, "gathering", {
    automatic: sql`select ${gatheringRegistrations.userId} as user_id, ${gatheringRegistrations.gatheringId} as record_id
      from ${gatheringRegistrations} where ${gatheringRegistrations.userId} is not null and ${gatheringRegistrations.status} <> 'cancelled'`,
    events: {
      changed: ({ t, dateTime }, data) => t("activity.gatheringChanged", { when: dateTime(String(data.startsAt)) }),
    },
  }),
];
