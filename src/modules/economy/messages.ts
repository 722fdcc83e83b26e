import type { Messages } from "../../platform/i18n/i18n.ts";

/** The economy module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "economy.placeholder": "-",
};

export type EconomyMessageKey = keyof typeof nb;

export const messages: Messages<EconomyMessageKey> = {
  nb,
  nn: {
    "economy.placeholder": "-",
  },
  en: {
    "economy.placeholder": "-",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<EconomyMessageKey, true> {}
}
