import type { Messages } from "../../platform/i18n/i18n.ts";

/** The search module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "search.everything": "Søk i alt du har tilgang til",
  "search.narrow": "Avgrens søket",
  "search.kind": "Type",
  "search.networkFilter": "Nettverk",
  "search.organisation": "Organisasjon",
  "search.county": "Fylke",
  "search.from": "Fra dato",
  "search.to": "Til dato",
  "search.byKind": "Treff etter type",
  "search.allKinds": "Alle typer ({n})",
  "search.showAll": "Alle {n} treff: {kind}",
  "search.didYouMean": "Mente du",
  "search.nothing": "Ingen treff. Prøv et annet ord, eller færre ord.",
  "search.words.title": "Ordpar for søk på nynorsk og bokmål",
  "search.words.intro":
    "Et søk på ett av ordene finner også det andre, i alle bøyninger og sammensetninger. Listen som følger med Samverk oppdateres ved hver oppstart; her kan dere legge til egne ordpar.",
  "search.words.add": "Legg til et ordpar",
  "search.words.addButton": "Legg til",
  "search.words.list": "{n, plural, one {# ordpar} other {# ordpar}}",
  "search.words.find": "Finn ord",
  "search.words.nynorsk": "Nynorsk",
  "search.words.bokmal": "Bokmål",
  "search.words.origin": "Kilde",
  "search.words.shipped": "Følger med Samverk",
  "search.words.local": "Lagt til her",
  "search.words.remove": "Fjern",
  "search.words.added": "Ordparet er lagt til.",
};

export type SearchMessageKey = keyof typeof nb;

/** Given to the manifest, which adds them to the catalogues when the module list is read. */
export const messages: Messages<SearchMessageKey> = {
  nb,
  nn: {
    "search.everything": "Søk i alt du har tilgang til",
    "search.narrow": "Avgrens søket",
    "search.kind": "Type",
    "search.networkFilter": "Nettverk",
    "search.organisation": "Organisasjon",
    "search.county": "Fylke",
    "search.from": "Frå dato",
    "search.to": "Til dato",
    "search.byKind": "Treff etter type",
    "search.allKinds": "Alle typar ({n})",
    "search.showAll": "Alle {n} treff: {kind}",
    "search.didYouMean": "Meinte du",
    "search.nothing": "Ingen treff. Prøv eit anna ord, eller færre ord.",
    "search.words.title": "Ordpar for søk på nynorsk og bokmål",
    "search.words.intro":
      "Eit søk på eitt av orda finn også det andre, i alle bøyingar og samansetningar. Lista som følgjer med Samverk blir oppdatert ved kvar oppstart; her kan de leggje til eigne ordpar.",
    "search.words.add": "Legg til eit ordpar",
    "search.words.addButton": "Legg til",
    "search.words.list": "{n, plural, one {# ordpar} other {# ordpar}}",
    "search.words.find": "Finn ord",
    "search.words.nynorsk": "Nynorsk",
    "search.words.bokmal": "Bokmål",
    "search.words.origin": "Kjelde",
    "search.words.shipped": "Følgjer med Samverk",
    "search.words.local": "Lagt til her",
    "search.words.remove": "Fjern",
    "search.words.added": "Ordparet er lagt til.",
  },
  en: {
    "search.everything": "Search everything you have access to",
    "search.narrow": "Narrow the search",
    "search.kind": "Kind",
    "search.networkFilter": "Network",
    "search.organisation": "Organisation",
    "search.county": "County",
    "search.from": "From date",
    "search.to": "To date",
    "search.byKind": "Results by kind",
    "search.allKinds": "All kinds ({n})",
    "search.showAll": "{n, plural, one {# result} other {All # results}}: {kind}",
    "search.didYouMean": "Did you mean",
    "search.nothing": "Nothing found. Try another word, or fewer words.",
    "search.words.title": "Word pairs for searching in nynorsk and bokmål",
    "search.words.intro":
      "A search for one of the words also finds the other, in every inflection and compound. The list that comes with Samverk is brought up to date at every start; here you can add your own pairs.",
    "search.words.add": "Add a word pair",
    "search.words.addButton": "Add",
    "search.words.list": "{n, plural, one {# word pair} other {# word pairs}}",
    "search.words.find": "Find a word",
    "search.words.nynorsk": "Nynorsk",
    "search.words.bokmal": "Bokmål",
    "search.words.origin": "Source",
    "search.words.shipped": "Comes with Samverk",
    "search.words.local": "Added here",
    "search.words.remove": "Remove",
    "search.words.added": "The word pair has been added.",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<SearchMessageKey, true> {}
}
