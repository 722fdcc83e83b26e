import { sql } from "drizzle-orm";
import { visibleWhere } from "../../platform/access/visibility.ts";
import type { Followable } from "../../platform/activity/followables.ts";
import { people } from "../directory/index.ts";
import { networks, representations } from "../networks/index.ts";
import { phaseLabel, statusLabel } from "./labels.tsx";
import { type Phase, projects, type StatusColour } from "./schema.ts";

/**
 * Projects can be followed (decision 0035). Followed by their part in it: those who represent the
 * owner in the project's network, and the contact person's account.
 */
export const projectFollowables: Followable[] = [
  {
    kind: "project",
    label: "search.kind.projects",
    from: sql`${projects} join ${networks} on ${networks.id} = ${projects.networkId}`,
    id: projects.id,
    title: projects.title,
    href: sql`'/projects/' || ${projects.id}`,
    network: { slug: networks.slug, name: networks.name },
    visible: (viewer) => visibleWhere(viewer, projects),
    automatic: sql`select ${representations.userId} as user_id, ${projects.id} as record_id from ${projects}
        join ${representations} on ${representations.organisationId} = ${projects.ownerOrganisationId}
          and ${representations.networkId} = ${projects.networkId}
      union
      select ${people.userId}, ${projects.id} from ${projects} join ${people} on ${people.id} = ${projects.contactPersonId}
      where ${people.userId} is not null`,
    events: {
      consultation_opened: ({ t }) => t("activity.consultationOpened"),
      experience_shared: ({ t }) => t("activity.experienceShared"),
      decision_recorded: ({ t }) => t("activity.decisionRecorded"),
      phase_changed: ({ t }, data) => t("activity.project.phaseChanged", { phase: phaseLabel(t, data.phase as Phase) }),
      status_reported: ({ t }, data) =>
        t("activity.project.statusReported", { status: statusLabel(t, data.overall as StatusColour) }),
    },
  },
];
