import { sql } from "drizzle-orm";
import { type Followable, followableOfSource } from "../../platform/activity/followables.ts";
import { networkAccess } from "../networks/index.ts";
import { consultations } from "./schema.ts";
import { consultationsSearch } from "./search.ts";

/**
 * Consultations can be followed (decision 0035), and are by the secretariat of their network. They
 * hear when the network's answers are published. Their opening is told under the network and the
 * strategy or project they are about. A new input is not an event: inputs arrive by the thousand, and
 * the secretariat finds those waiting on its own front page.
 */
export const consultationFollowables: Followable[] = [
  followableOfSource(consultationsSearch, "consultation", {
    automatic: sql`select ${networkAccess.userId} as user_id, ${consultations.id} as record_id from ${consultations}
      join ${networkAccess} on ${networkAccess.networkId} = ${consultations.networkId} and ${networkAccess.role} = 'secretariat'`,
    events: { answers_published: ({ t }, data) => t("activity.answersPublished", { n: Number(data.n) }) },
  }),
];
