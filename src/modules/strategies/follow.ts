import { sql } from "drizzle-orm";
import { type Followable, followableOfSource } from "../../platform/activity/followables.ts";
import { networkAccess, representations } from "../networks/index.ts";
import { measureStatusLabel } from "./labels.ts";
import { type MeasureStatus, measures, strategies } from "./schema.ts";
import { strategiesSearch } from "./search.ts";

/**
 * Strategies can be followed (decision 0035): a member's by those who represent it, a network's by
 * those who take part in the network, and either by those who represent an organisation responsible
 * for one of its measures. They hear a measure's reported status and a measure gone past its deadline.
 */
export const strategyFollowables: Followable[] = [
  followableOfSource(strategiesSearch, "strategy", {
    automatic: sql`select ${representations.userId} as user_id, ${strategies.id} as record_id from ${strategies}
        join ${representations} on ${representations.organisationId} = ${strategies.organisationId}
      union
      select ${networkAccess.userId}, ${strategies.id} from ${strategies}
        join ${networkAccess} on ${networkAccess.networkId} = ${strategies.networkId}
      union
      select ${representations.userId}, ${measures.strategyId} from ${measures}
        join ${representations} on ${representations.organisationId} = ${measures.responsibleOrganisationId}`,
    events: {
      consultation_opened: ({ t }) => t("activity.consultationOpened"),
      measure_reported: ({ t }, data) => measureStatusLabel(t, data.status as MeasureStatus),
      measure_overdue: ({ t, date }, data) => t("activity.measureOverdue", { date: date(String(data.date)) }),
    },
  }),
];
