/** A valid publiccode.yml file, for the tests: Norwegian and English texts, every required key. */
export const VALID = `publiccodeYmlVersion: "0.4"
name: Kommunekart
url: "https://git.example.org/kommunekart.git"
landingURL: "https://kommunekart.example.org"
platforms:
  - web
categories:
  - geographic-information-systems
developmentStatus: stable
softwareType: standalone/web
organisation:
  name: Eksempel kommune
description:
  en:
    shortDescription: Maps for citizens
    longDescription: >
      Kommunekart shows zoning and theme maps to the citizens of a municipality, with search by
      address and by property, and links from every plan to its documents and its case.
    features:
      - Search by address
  nb:
    shortDescription: Kart for innbyggerne
    longDescription: >
      Kommunekart viser plan- og temakart for innbyggerne, med søk på adresse og eiendom, og med
      lenker fra hver plan til dokumentene og saken den hører til.
    features:
      - Søk på adresse
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Kari Nordmann
      email: kari@example.org
localisation:
  localisationReady: true
  availableLanguages:
    - nb
    - en
`;
