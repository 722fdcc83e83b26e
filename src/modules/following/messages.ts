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
  "following.mailTitle": "E-post",
  "following.mailIntro":
    "Velg hvor ofte du får e-post om det som skjer, for hver type du følger. Daglig og ukentlig e-post kommer klokka sju, den ukentlige om mandagen.",
  "following.frequency.immediately": "Med en gang",
  "following.frequency.daily": "Daglig",
  "following.frequency.weekly": "Ukentlig",
  "following.frequency.never": "Aldri",
  "activity.stop.title": "Slutt å få e-post om det du følger",
  "activity.stop.intro":
    "Når du slutter, får du ikke lenger e-post om noe av det du følger. Du følger det fortsatt i Samverk, og kan slå e-posten på igjen når du vil.",
  "activity.stop.button": "Slutt å få e-post",
  "activity.stop.done": "Du får ikke lenger e-post om det du følger.",
  "activity.stop.settings": "Velg selv hva du får e-post om",
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
    "following.mailTitle": "E-post",
    "following.mailIntro":
      "Vel kor ofte du får e-post om det som hender, for kvar type du følgjer. Dagleg og vekentleg e-post kjem klokka sju, den vekentlege om måndagen.",
    "following.frequency.immediately": "Med ein gong",
    "following.frequency.daily": "Dagleg",
    "following.frequency.weekly": "Vekentleg",
    "following.frequency.never": "Aldri",
    "activity.stop.title": "Slutt å få e-post om det du følgjer",
    "activity.stop.intro":
      "Når du sluttar, får du ikkje lenger e-post om noko av det du følgjer. Du følgjer det framleis i Samverk, og kan slå e-posten på att når du vil.",
    "activity.stop.button": "Slutt å få e-post",
    "activity.stop.done": "Du får ikkje lenger e-post om det du følgjer.",
    "activity.stop.settings": "Vel sjølv kva du får e-post om",
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
    "following.mailTitle": "E-mail",
    "following.mailIntro":
      "Choose how often you get e-mail about what happens, for each kind you follow. Daily and weekly e-mail comes at seven in the morning, the weekly one on Mondays.",
    "following.frequency.immediately": "At once",
    "following.frequency.daily": "Daily",
    "following.frequency.weekly": "Weekly",
    "following.frequency.never": "Never",
    "activity.stop.title": "Stop e-mail about what you follow",
    "activity.stop.intro":
      "If you stop, you will no longer get e-mail about anything you follow. You still follow it in Samverk, and can turn the e-mail back on when you wish.",
    "activity.stop.button": "Stop the e-mail",
    "activity.stop.done": "You will no longer get e-mail about what you follow.",
    "activity.stop.settings": "Choose what you get e-mail about",
  },
};

declare module "../../platform/i18n/i18n.ts" {
  interface ModuleMessages extends Record<FollowingMessageKey, true> {}
}
