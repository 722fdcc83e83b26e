import { sql } from "drizzle-orm";
import { type Followable, followableOfSource } from "../../platform/activity/followables.ts";
import { people } from "../directory/index.ts";
import { bodyMembers, networkAccess, networks, representations } from "./schema.ts";
import { networkSearch } from "./search.ts";

/**
 * Networks, their bodies and organisations can be followed (decision 0035). A network is followed by
 * those who take part in it (their access) and hears what it announces; a body by its present members, and
 * it hears its decisions; an organisation by those who represent it or are its people, and it hears
 * what it reports.
 */
export const networkFollowables: Followable[] = [
  {
    kind: "network",
    label: "search.kind.networks",
    from: sql`${networks}`,
    id: networks.id,
    title: networks.name,
    href: sql`'/n/' || ${networks.slug}`,
    network: { slug: networks.slug, name: networks.name },
    visible: () => sql`true`,
    automatic: sql`select ${networkAccess.userId} as user_id, ${networkAccess.networkId} as record_id from ${networkAccess}`,
    events: {
      gathering_announced: ({ t }) => t("activity.gatheringAnnounced"),
      consultation_opened: ({ t }) => t("activity.consultationOpened"),
      news_published: ({ t }) => t("activity.newsPublished"),
    },
  },
  followableOfSource(networkSearch, "body", {
    automatic: sql`select ${people.userId} as user_id, ${bodyMembers.bodyId} as record_id from ${bodyMembers}
      join ${people} on ${people.id} = ${bodyMembers.personId}
      where ${people.userId} is not null and (${bodyMembers.toDate} is null or ${bodyMembers.toDate} >= current_date)`,
    events: { decision_recorded: ({ t }) => t("activity.decisionRecorded") },
  }),
  followableOfSource(networkSearch, "organisation", {
    automatic: sql`select ${representations.userId} as user_id, ${representations.organisationId} as record_id from ${representations}
      union
      select ${people.userId}, ${people.organisationId} from ${people} where ${people.userId} is not null and ${people.organisationId} is not null`,
    events: { adoption_reported: ({ t }) => t("activity.adoptionReported") },
  }),
];
