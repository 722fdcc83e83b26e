import type { Messages } from "../../platform/i18n/i18n.ts";

/** The economy module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "economy.errors.category": "Velg en av kategoriene.",
  "economy.errors.hours": "Skriv timer som et tall fra 0 til 10 000 med høyst én desimal, for eksempel 37,5.",
  "economy.errors.payingLevels": "Velg minst ett medlemsnivå som betaler.",
  "economy.errors.perInhabitant": "Skriv kroner per innbygger som et tall med høyst to desimaler, for eksempel 12,50.",
  "economy.errors.who": "Velg en person eller skriv et navn.",
  "economy.errors.year": "Skriv et årstall fra 2000 til 2100.",
  "economy.errors.yearTaken": "Nettverket har allerede et budsjett for dette året.",
};

export type EconomyMessageKey = keyof typeof nb;

export const messages: Messages<EconomyMessageKey> = {
  nb,
  nn: {
    "economy.errors.category": "Vel ein av kategoriane.",
    "economy.errors.hours": "Skriv timar som eit tal frå 0 til 10 000 med høgst éin desimal, til dømes 37,5.",
    "economy.errors.payingLevels": "Vel minst eitt medlemsnivå som betaler.",
    "economy.errors.perInhabitant": "Skriv kroner per innbyggjar som eit tal med høgst to desimalar, til dømes 12,50.",
    "economy.errors.who": "Vel ein person eller skriv eit namn.",
    "economy.errors.year": "Skriv eit årstal frå 2000 til 2100.",
    "economy.errors.yearTaken": "Nettverket har alt eit budsjett for dette året.",
  },
  en: {
    "economy.errors.category": "Choose one of the categories.",
    "economy.errors.hours": "Write the hours as a number from 0 to 10,000 with at most one decimal, for example 37.5.",
    "economy.errors.payingLevels": "Choose at least one membership level that pays.",
    "economy.errors.perInhabitant": "Write kroner per inhabitant as a number with at most two decimals, for example 12.50.",
    "economy.errors.who": "Choose a person or write a name.",
    "economy.errors.year": "Write a year from 2000 to 2100.",
    "economy.errors.yearTaken": "The network already has a budget for this year.",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<EconomyMessageKey, true> {}
}
