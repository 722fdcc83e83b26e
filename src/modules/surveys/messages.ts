import type { Messages } from "../../platform/i18n/i18n.ts";

/** The surveys module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "survey.placeholder": "-",
};

export type SurveysMessageKey = keyof typeof nb;

export const messages: Messages<SurveysMessageKey> = {
  nb,
  nn: {
    "survey.placeholder": "-",
  },
  en: {
    "survey.placeholder": "-",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<SurveysMessageKey, true> {}
}
