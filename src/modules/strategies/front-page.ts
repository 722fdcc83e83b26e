import { clip } from "../../platform/activity/followables.ts";
import { type FrontPageSource, organisationIdsOf } from "../../platform/front-page.ts";
import { addDays, osloToday } from "../../platform/i18n/i18n.ts";
import { measureStatusLabel } from "./labels.ts";

/** How far ahead a measure's deadline counts as due. */
const DUE_WITHIN_DAYS = 60;

/** What waits for those who represent an organisation: the measures it is responsible for, due or overdue. */
export const strategiesFrontPage: FrontPageSource = {
  waiting: async ({ services }, viewer, { t }) => {
    const today = osloToday();
    const due = await services.strategies.repo.dueFor(organisationIdsOf(viewer), addDays(today, DUE_WITHIN_DAYS));
    return due.map((m) => ({
      group: "front.waiting.measures",
      title: clip(m.description, 100),
      href: `/strategies/${m.strategyId}#measure-${m.measureId}`,
      what: `${measureStatusLabel(t, m.status)} · ${m.organisationName} · ${m.strategyTitle}`,
      due: m.deadline,
      deadline: true,
      network: null,
    }));
  },
};
