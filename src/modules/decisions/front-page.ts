import { bodyIdsOf, type FrontPageSource, secretariatNetworksOf } from "../../platform/front-page.ts";
import { addDays, osloToday } from "../../platform/i18n/i18n.ts";

/** How far ahead a member sees their bodies' meetings, and how far back minutes are waited for. */
const AHEAD_DAYS = 30;
const MINUTES_WITHIN_DAYS = 180;

/**
 * What waits in the bodies one sits in: the coming meetings with their papers, and, for those who
 * keep the minutes (the secretariat, a body's secretary), meetings held whose minutes are not
 * approved. For everyone: the latest decisions they may read.
 */
export const decisionsFrontPage: FrontPageSource = {
  waiting: async ({ services }, viewer, { t }) => {
    const today = osloToday();
    const secretaryOf = Object.values(viewer.networks ?? {}).flatMap((g) =>
      g.bodies.filter((b) => b.role === "secretary").map((b) => b.id),
    );
    const { repo } = services.meetings;
    const [coming, minutes] = await Promise.all([
      repo.comingOf(viewer, bodyIdsOf(viewer), today, addDays(today, AHEAD_DAYS)),
      repo.minutesOpen(secretariatNetworksOf(viewer), secretaryOf, addDays(today, -MINUTES_WITHIN_DAYS), addDays(today, -1)),
    ]);
    return [
      ...coming.map((m) => ({
        group: "front.waiting.meetings" as const,
        title: m.title,
        href: `/meetings/${m.id}`,
        what: t("front.waiting.meeting", { body: m.bodyName, papers: m.papers }),
        due: m.meetingDate,
        network: m.networkName,
      })),
      ...minutes.map((m) => ({
        group: "front.waiting.minutes" as const,
        title: m.title,
        href: `/meetings/${m.id}`,
        what: t("front.waiting.minutesOpen", { n: m.decisions }),
        due: m.meetingDate,
        network: m.networkName,
      })),
    ];
  },
  open: async ({ services }, viewer, { t }) =>
    (await services.meetings.repo.latestDecisions(viewer, addDays(osloToday(), -60), 5)).map((d) => ({
      group: "front.open.decisions",
      title: d.itemTitle,
      href: `/meetings/${d.meetingId}#item-${d.itemId}`,
      what: t("front.open.decided"),
      due: d.decidedOn,
      network: d.networkName,
    })),
};
