import { bodyIdsOf, type FrontPageSource } from "../../platform/front-page.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";

/** What waits for an assessor: the open rounds of their committees with needs they have not scored. */
export const needsFrontPage: FrontPageSource = {
  waiting: async ({ services }, viewer, { t }) => {
    const rounds = await services.assessment.repo.toScore(viewer.userId, bodyIdsOf(viewer), osloToday());
    return rounds
      .filter((r) => r.unscored > 0)
      .map((r) => ({
        group: "front.waiting.score",
        title: r.title,
        href: `/rounds/${r.id}`,
        what: t("front.waiting.unscored", { n: r.unscored }),
        due: r.deadline,
        deadline: true,
        network: r.networkName,
      }));
  },
};
