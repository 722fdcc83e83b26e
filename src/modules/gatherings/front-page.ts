import { type FrontPageSource, secretariatNetworksOf } from "../../platform/front-page.ts";
import { labelFor, osloToday } from "../../platform/i18n/i18n.ts";

/** Coming gatherings the front page shows at most. */
const MOST_COMING = 5;

/**
 * What waits for a person: the gatherings they are registered for, and, for a secretariat, the
 * invitations to hold one together with another network. For everyone: the coming gatherings.
 */
export const gatheringsFrontPage: FrontPageSource = {
  waiting: async ({ services }, viewer, { t }) => {
    const now = new Date();
    const { repo } = services.gatherings;
    const [registered, ...invitations] = await Promise.all([
      repo.registeredFor(viewer.userId, now),
      ...secretariatNetworksOf(viewer).map((id) => repo.invitationsTo(id, now)),
    ]);
    return [
      ...registered.map((g) => ({
        group: "front.waiting.registered" as const,
        title: g.title,
        href: `/gatherings/${g.id}`,
        what: g.status === "waiting" ? t("front.waiting.onWaitingList") : t("front.waiting.haveAPlace"),
        due: osloToday(g.startsAt),
        network: g.networkName,
      })),
      ...invitations.flat().map((i) => ({
        group: "front.waiting.hostInvitations" as const,
        title: i.gathering.title,
        href: `/gatherings/${i.gathering.id}`,
        what: t("front.waiting.invitedToHost", { network: i.networkName }),
        due: osloToday(i.gathering.startsAt),
        network: i.networkName,
      })),
    ];
  },
  open: async ({ services }, viewer, { t }) =>
    (await services.gatherings.repo.list(viewer, { when: { at: new Date(), past: false }, limit: MOST_COMING })).map((g) => ({
      group: "front.open.gatherings",
      title: g.gathering.title,
      href: `/gatherings/${g.gathering.id}`,
      what: [labelFor(t, "gathering.kind", g.gathering.kind), g.gathering.place].filter(Boolean).join(" · "),
      due: osloToday(g.gathering.startsAt),
      network: g.networkName,
    })),
};
