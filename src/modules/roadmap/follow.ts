import { type Followable, followableOfSource } from "../../platform/activity/followables.ts";
import { milestoneKindLabel, statusLabel } from "./labels.ts";
import { periodLabel } from "./precision.ts";
import type { AdoptionStatus, MilestoneKind, Precision } from "./schema.ts";
import { roadmapSearch } from "./search.ts";

/**
 * National solutions can be followed (decision 0035), by choice alone: everyone takes part in one.
 * They hear when a milestone moves and when an organisation reports its adoption.
 */
export const roadmapFollowables: Followable[] = [
  followableOfSource(roadmapSearch, "national_solution", {
    events: {
      milestone_moved: (i18n, data) =>
        `${milestoneKindLabel(i18n.t, data.kind as MilestoneKind)}: ${i18n.t("activity.milestoneMoved", {
          from: periodLabel(i18n, String(data.from), data.fromPrecision as Precision),
          to: periodLabel(i18n, String(data.to), data.toPrecision as Precision),
        })}`,
      adoption_reported: ({ t }, data) => `${statusLabel(t, data.status as AdoptionStatus)}`,
      experience_shared: ({ t }) => t("activity.experienceShared"),
    },
  }),
];
