import { sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import type { Followable } from "../../platform/activity/followables.ts";
import { networks, representations } from "../networks/index.ts";
import { stateLabel } from "./labels.ts";
import { type NeedState, needSupporters, needs } from "./schema.ts";

/**
 * Needs can be followed (decision 0035). Followed by their part in it: the person who registered the
 * need or added an organisation's support, and those who represent, in the need's network, the organisation that has it or one that
 * supports it. A need merged into another keeps its followers, who hear that it was merged.
 */
export const needFollowables: Followable[] = [
  {
    kind: "need",
    label: "search.kind.needs",
    from: sql`${needs} join ${networks} on ${networks.id} = ${needs.networkId}`,
    id: needs.id,
    title: needs.title,
    href: sql`'/needs/' || ${needs.id}`,
    network: { slug: networks.slug, name: networks.name },
    visible: (viewer) => visibleWhere(viewer, needs),
    automatic: sql`select ${needs.createdById} as user_id, ${needs.id} as record_id from ${needs} where ${needs.createdById} is not null
      union
      select ${representations.userId}, ${needs.id} from ${needs} join ${representations}
        on ${representations.organisationId} = ${needs.organisationId} and ${representations.networkId} = ${needs.networkId}
      union
      select ${needSupporters.userId}, ${needSupporters.needId} from ${needSupporters} where ${needSupporters.userId} is not null
      union
      select ${representations.userId}, ${needs.id} from ${needs} join ${needSupporters} on ${needSupporters.needId} = ${needs.id}
        join ${representations} on ${representations.organisationId} = ${needSupporters.organisationId}
          and ${representations.networkId} = ${needs.networkId}`,
    events: {
      decision_recorded: ({ t }) => t("activity.decisionRecorded"),
      state_changed: ({ t }, data) =>
        `${t("activity.need.stateChanged", { state: stateLabel(t, data.state as NeedState) })}${data.note ? ` – ${data.note}` : ""}`,
    },
  },
];
