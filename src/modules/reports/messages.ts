import type { Messages } from "../../platform/i18n/i18n.ts";

/** The reports module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "report.placeholder": "-",
};

export type ReportsMessageKey = keyof typeof nb;

export const messages: Messages<ReportsMessageKey> = {
  nb,
  nn: {
    "report.placeholder": "-",
  },
  en: {
    "report.placeholder": "-",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<ReportsMessageKey, true> {}
}
