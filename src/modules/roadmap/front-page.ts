import { type FrontPageSource, organisationIdsOf } from "../../platform/front-page.ts";
import { osloInstant, osloToday } from "../../platform/i18n/i18n.ts";

/** The first day of the quarter a calendar date is in ("2026-10-01"). */
const quarterStart = (day: string) => {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return `${year}-${String(month - ((month - 1) % 3)).padStart(2, "0")}-01`;
};

/** The last day of the quarter a calendar date is in, the day the report is due. */
const quarterEnd = (day: string) => {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const last = month - ((month - 1) % 3) + 2;
  return new Date(Date.UTC(year, last, 0)).toISOString().slice(0, 10);
};

/** What waits for those who act for a municipality: the national solutions it has not reported on this quarter. */
export const roadmapFrontPage: FrontPageSource = {
  waiting: async ({ services }, viewer, { t }) => {
    const today = osloToday();
    const since = osloInstant(quarterStart(today), "00:00");
    return (await services.adoption.repo.unreportedSince(organisationIdsOf(viewer), since)).map((o) => ({
      group: "front.waiting.adoption",
      title: o.name,
      href: `/organisations/${o.organisationId}/adoption`,
      what: t("front.waiting.unreported", { n: o.unreported }),
      due: quarterEnd(today),
      deadline: true,
      network: null,
    }));
  },
};
