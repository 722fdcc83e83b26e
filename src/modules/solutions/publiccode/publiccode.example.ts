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
    longDescription: A long description in English.
  nb:
    shortDescription: Kart for innbyggerne
    longDescription: >
      Kommunekart viser plan- og temakart for innbyggerne, med søk på adresse og eiendom.
    features:
      - Søk på adresse
legal:
  license: EUPL-1.2
maintenance:
  type: community
localisation:
  localisationReady: true
  availableLanguages:
    - nb
`;
