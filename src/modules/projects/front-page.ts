import type { FrontPageSource } from "../../platform/front-page.ts";

/** What waits for those who run projects: requests to take part not yet answered. */
export const projectsFrontPage: FrontPageSource = {
  waiting: async ({ services }, viewer, { t }) => {
    const runs = Object.entries(viewer.networks ?? {}).map(([id, g]) => ({
      networkId: Number(id),
      secretariat: g.role === "secretariat",
      organisationIds: g.organisationIds,
    }));
    return (await services.projects.repo.pendingJoinRequestsFor(runs)).map((p) => ({
      group: "front.waiting.joinRequests",
      title: p.title,
      href: `/projects/${p.projectId}#participants-heading`,
      what: t("front.waiting.pendingRequests", { n: p.pending }),
      due: null,
      network: p.networkName,
    }));
  },
};
