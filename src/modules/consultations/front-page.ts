import { type FrontPageSource, secretariatNetworksOf } from "../../platform/front-page.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";

/** Consultations the front page shows open at most. */
const MOST_OPEN = 5;

/**
 * What waits for a secretariat: inputs received and not yet handled. For everyone: the consultations
 * taking input now, closing soonest first.
 */
export const consultationsFrontPage: FrontPageSource = {
  waiting: async ({ services }, viewer, { t }) =>
    (await services.consultations.repo.waitingInputs(secretariatNetworksOf(viewer))).map((c) => ({
      group: "front.waiting.inputs",
      title: c.title,
      href: `/consultations/${c.id}/inputs?status=received`,
      what: t("front.waiting.inputsReceived", { n: c.waiting }),
      due: null,
      network: c.networkName,
    })),
  open: async ({ services }, viewer, { t }) =>
    (await services.consultations.repo.openNow(viewer, new Date(), MOST_OPEN)).map((c) => ({
      group: "front.open.consultations",
      title: c.title,
      href: `/consultations/${c.id}`,
      what: t("front.open.inputUntil"),
      due: osloToday(c.closesAt),
      network: c.networkName,
    })),
};
