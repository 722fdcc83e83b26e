import type { Messages } from "../../platform/i18n/i18n.ts";

/** The following module's texts in bokmål, the source; nynorsk and English must have the same keys (the type checks it). */
const nb = {
  "following.title": "Det du følger",
  "following.intro":
    "Du følger det du selv har valgt å følge, og det du tar del i: nettverkene du er med i, behovene du har meldt inn eller støtter, prosjektene du representerer eierens side i.",
  "following.nothing": "Du følger ingenting ennå. Velg «Følg» på siden til et nettverk, et prosjekt eller et behov.",
  "following.own": "Valgt av deg",
  "following.automatic": "Du tar del",
  "following.stopped": "Du følger ikke lenger «{title}».",
  "following.started": "Du følger nå «{title}».",
  "activity.title": "Aktivitet",
  "activity.intro": "Det siste som har skjedd med det du følger, nyeste først.",
  "activity.nothing": "Ingenting nytt har skjedd med det du følger.",
  "activity.new": "Nytt",
  "activity.manage": "Se og endre det du følger",
  "activity.changed": "Endret",
};

export type FollowingMessageKey = keyof typeof nb;

/** Given to the manifest, which adds them to the catalogues when the module list is read. */
export const messages: Messages<FollowingMessageKey> = {
  nb,
  nn: {
    "following.title": "Det du følgjer",
    "following.intro":
      "Du følgjer det du sjølv har valt å følgje, og det du tek del i: nettverka du er med i, behova du har meldt inn eller støttar, prosjekta der du representerer eigarsida.",
    "following.nothing": "Du følgjer ingenting enno. Vel «Følg» på sida til eit nettverk, eit prosjekt eller eit behov.",
    "following.own": "Valt av deg",
    "following.automatic": "Du tek del",
    "following.stopped": "Du følgjer ikkje lenger «{title}».",
    "following.started": "Du følgjer no «{title}».",
    "activity.title": "Aktivitet",
    "activity.intro": "Det siste som har hendt med det du følgjer, nyaste først.",
    "activity.nothing": "Ingenting nytt har hendt med det du følgjer.",
    "activity.new": "Nytt",
    "activity.manage": "Sjå og endre det du følgjer",
    "activity.changed": "Endra",
  },
  en: {
    "following.title": "What you follow",
    "following.intro":
      "You follow what you chose to follow, and what you take part in: the networks you are in, the needs you registered or support, the projects whose owner you represent.",
    "following.nothing": "You follow nothing yet. Choose “Follow” on the page of a network, a project or a need.",
    "following.own": "Chosen by you",
    "following.automatic": "You take part",
    "following.stopped": "You no longer follow “{title}”.",
    "following.started": "You now follow “{title}”.",
    "activity.title": "Activity",
    "activity.intro": "What happened last to what you follow, newest first.",
    "activity.nothing": "Nothing new has happened to what you follow.",
    "activity.new": "New",
    "activity.manage": "See and change what you follow",
    "activity.changed": "Changed",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<FollowingMessageKey, true> {}
}
