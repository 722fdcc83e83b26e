import type { Messages } from "../../platform/i18n/i18n.ts";

/** The annual module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "annual.placeholder": "-",
};

export type AnnualMessageKey = keyof typeof nb;

export const messages: Messages<AnnualMessageKey> = {
  nb,
  nn: {
    "annual.placeholder": "-",
  },
  en: {
    "annual.placeholder": "-",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<AnnualMessageKey, true> {}
}
