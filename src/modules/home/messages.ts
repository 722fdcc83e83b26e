import type { Messages } from "../../platform/i18n/i18n.ts";

/** The home module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "home.pageTitle": "Forside",
  "home.title": "Samverk",
  "home.intro":
    "Her samarbeider kommunene i de regionale digitaliseringsnettverkene: medlemmer, organer, prosjekter og nasjonale løsninger på ett sted.",
  "home.networks": "Nettverkene",
  "home.directory": "Alle kommuner og fylker",
  "home.directoryText":
    "Katalogen har {municipalities, plural, one {# kommune} other {# kommuner}}, {counties, plural, one {# fylke} other {# fylker}} og {organisations, plural, one {# organisasjon} other {# organisasjoner}} i alt.",
  "home.directoryLink": "Se alle organisasjoner",
};

export type HomeMessageKey = keyof typeof nb;

/** Given to the manifest, which adds them to the catalogues when the module list is read. */
export const messages: Messages<HomeMessageKey> = {
  nb,
  nn: {
    "home.pageTitle": "Framside",
    "home.title": "Samverk",
    "home.intro":
      "Her samarbeider kommunane i dei regionale digitaliseringsnettverka: medlemmer, organ, prosjekt og nasjonale løysingar på éin stad.",
    "home.networks": "Nettverka",
    "home.directory": "Alle kommunar og fylke",
    "home.directoryText":
      "Katalogen har {municipalities, plural, one {# kommune} other {# kommunar}}, {counties} fylke og {organisations, plural, one {# organisasjon} other {# organisasjonar}} i alt.",
    "home.directoryLink": "Sjå alle organisasjonar",
  },
  en: {
    "home.pageTitle": "Home",
    "home.title": "Samverk",
    "home.intro":
      "Where the municipalities of the regional digitalisation networks work together: members, bodies, projects and national solutions in one place.",
    "home.networks": "The networks",
    "home.directory": "Every municipality and county",
    "home.directoryText":
      "The directory holds {municipalities, plural, one {# municipality} other {# municipalities}}, {counties, plural, one {# county} other {# counties}} and {organisations, plural, one {# organisation} other {# organisations}} in all.",
    "home.directoryLink": "See all organisations",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<HomeMessageKey, true> {}
}
