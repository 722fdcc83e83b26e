import { sql } from "drizzle-orm";
import { type Followable, followableOfSource } from "../../platform/activity/followables.ts";
import { representations } from "../networks/index.ts";
import { solutions } from "./schema.ts";
import { solutionSearch } from "./search.ts";

/**
 * Shared solutions can be followed (decision 0035), and are by those who represent the organisation
 * that owns one. They hear when another organisation takes it into use, and of experience notes on it.
 */
export const solutionFollowables: Followable[] = [
  followableOfSource(solutionSearch, "solution", {
    automatic: sql`select distinct ${representations.userId} as user_id, ${solutions.id} as record_id from ${solutions}
      join ${representations} on ${representations.organisationId} = ${solutions.ownerOrganisationId}`,
    events: {
      taken_into_use: ({ t }) => t("activity.takenIntoUse"),
      experience_shared: ({ t }) => t("activity.experienceShared"),
    },
  }),
];
