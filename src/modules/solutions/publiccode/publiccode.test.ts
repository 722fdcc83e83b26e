import assert from "node:assert/strict";
import { test } from "node:test";
import { VALID } from "./publiccode.example.ts";
import { readPubliccode } from "./publiccode.ts";

test("a publiccode.yml file is read in bokmål where it has it", () => {
  const read = readPubliccode(VALID);
  assert.ok(read.ok);
  assert.equal(read.value.name, "Kommunekart");
  assert.equal(read.value.summary, "Kart for innbyggerne");
  assert.match(read.value.description, /plan- og temakart/);
  assert.equal(read.value.licence, "EUPL-1.2");
  assert.equal(read.value.vendor, "Eksempel kommune");
});

test("bad publiccode.yml files are refused with every problem listed", () => {
  const notYaml = readPubliccode("name: [unclosed\nurl: x");
  assert.ok(!notYaml.ok);
  assert.equal(notYaml.errors[0]!.key, "errors.publiccodeYaml");

  const list = readPubliccode("- just\n- a list");
  assert.ok(!list.ok);
  assert.equal(list.errors[0]!.key, "errors.publiccodeNotMapping");

  const missing = readPubliccode('publiccodeYmlVersion: "0.4"\nname: Bare navn\n');
  assert.ok(!missing.ok);
  const keys = missing.errors.map((e) => e.params?.key);
  for (const key of ["url", "platforms", "developmentStatus", "softwareType", "description", "legal.license", "maintenance.type"])
    assert.ok(keys.includes(key), `${key} is reported`);

  const old = readPubliccode(VALID.replace('"0.4"', '"0.1"'));
  assert.ok(!old.ok);
  assert.deepEqual(
    old.errors.map((e) => e.key),
    ["errors.publiccodeVersion"],
  );

  const wrong = readPubliccode(
    VALID.replace("developmentStatus: stable", "developmentStatus: finished").replace("type: community", "type: contract"),
  );
  assert.ok(!wrong.ok);
  assert.deepEqual(
    wrong.errors.map((e) => [e.key, e.params?.key]),
    [
      ["errors.publiccodeValue", "developmentStatus"],
      ["errors.publiccodeMissing", "maintenance.contractors"],
      ["errors.publiccode.notAllowed", "maintenance.contacts"],
    ],
  );
});

/** The problems of VALID changed: each as [message key, key path]. */
const problemsOf = (source: string) => {
  const read = readPubliccode(source);
  return read.ok ? [] : read.errors.map((e) => [e.key, e.params?.key]);
};
const change = (from: string, to: string) => {
  assert.ok(VALID.includes(from), from);
  return VALID.replace(from, to);
};

test("the official rules: required keys, each reported by its path", () => {
  assert.deepEqual(problemsOf(VALID), []);
  assert.deepEqual(problemsOf(change("name: Kommunekart\n", "")), [["errors.publiccodeMissing", "name"]]);
  assert.deepEqual(problemsOf(change("    features:\n      - Søk på adresse\n", "")), [
    ["errors.publiccodeMissing", "description.nb.features"],
  ]);
  assert.deepEqual(problemsOf(change("    features:\n      - Søk på adresse\n", "    features: []\n")), [
    ["errors.publiccodeMissing", "description.nb.features"],
  ]);
  assert.deepEqual(problemsOf(change("  localisationReady: true\n", "")), [
    ["errors.publiccodeMissing", "localisation.localisationReady"],
  ]);
  assert.deepEqual(problemsOf(change("platforms:\n  - web\n", "platforms: []\n")), [["errors.publiccodeMissing", "platforms"]]);
});

test("the official rules: keys the standard does not have and values of the wrong type are refused", () => {
  assert.deepEqual(problemsOf(`${VALID}tags:\n  - kart\n`), [["errors.publiccode.unknownKey", "tags"]]);
  assert.deepEqual(problemsOf(change("  name: Eksempel kommune", "  name: Eksempel kommune\n  country: NO")), [
    ["errors.publiccode.unknownKey", "organisation.country"],
  ]);
  assert.deepEqual(problemsOf(change("platforms:\n  - web\n", "platforms: web\n")), [["errors.publiccode.type", "platforms"]]);
  assert.deepEqual(problemsOf(change("localisationReady: true", "localisationReady: kanskje")), [
    ["errors.publiccode.type", "localisation.localisationReady"],
  ]);
  // A number where text is expected is read as its text, as YAML readers do.
  assert.deepEqual(problemsOf(`${VALID}softwareVersion: 2.1\n`), []);
});

test("the official rules: the versions the standard's validator reads as 0.x", () => {
  for (const version of ["0", "0.2", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.6"])
    assert.deepEqual(problemsOf(change('"0.4"', `"${version}"`)), [], version);
  for (const version of ["0.1", "0.2.3", "1.0", "x"])
    assert.deepEqual(
      problemsOf(change('"0.4"', `"${version}"`)),
      [["errors.publiccodeVersion", "publiccodeYmlVersion"]],
      version,
    );
});

test("the official rules: description texts are counted in characters as a reader sees them", () => {
  assert.deepEqual(problemsOf(change("Kart for innbyggerne", "k".repeat(151))), [
    ["errors.publiccodeShort", "description.nb.shortDescription"],
  ]);
  assert.deepEqual(problemsOf(change("Kart for innbyggerne", "🇳🇴".repeat(150))), [], "a flag is one character");
  const short = problemsOf(
    change("Maps for citizens\n    longDescription: >", "Maps for citizens\n    longDescription: Too short.\n    x: >"),
  );
  assert.deepEqual(short[0], ["errors.publiccode.tooShort", "description.en.longDescription"]);
  const read = readPubliccode(
    change("Maps for citizens\n", "Maps for citizens\n    genericName: Kartløsning for kommunar og fylke\n"),
  );
  assert.ok(read.ok, "genericName of 33 characters");
  assert.deepEqual(problemsOf(change("Maps for citizens\n", `Maps for citizens\n    genericName: ${"g".repeat(36)}\n`)), [
    ["errors.publiccodeTooLong", "description.en.genericName"],
  ]);
  assert.deepEqual(
    problemsOf(
      change(
        "    longDescription: >\n      Kommunekart viser",
        `    longDescription: ${"y".repeat(10_001)}\n    x: >\n      Kommunekart viser`,
      ),
    ).slice(0, 1),
    [["errors.publiccodeTooLong", "description.nb.longDescription"]],
  );
});

test("the official rules: language codes (BCP 47) for the description and the available languages", () => {
  for (const tag of ["nn", "se", "sma", "en-GB", "nb-NO", "zh-Hant-TW", "es-419"])
    assert.deepEqual(problemsOf(change("  en:\n", `  ${tag}:\n`)), [], tag);
  for (const tag of ["en_GB", "eng", "xx", "english", "en-XY"])
    assert.deepEqual(problemsOf(change("  en:\n", `  ${tag}:\n`)), [["errors.publiccode.language", `description.${tag}`]], tag);
  assert.deepEqual(problemsOf(change("    - en\n", "    - norsk\n")), [
    ["errors.publiccode.language", "localisation.availableLanguages[1]"],
  ]);
});

test("the official rules: licences are SPDX expressions", () => {
  for (const licence of [
    "MIT",
    "EUPL-1.2",
    "mit",
    "GPL-2.0+",
    "(MIT OR Apache-2.0) AND BSD-3-Clause",
    "GPL-2.0-only WITH Classpath-exception-2.0",
    "LicenseRef-proprietary",
  ])
    assert.deepEqual(problemsOf(change("license: EUPL-1.2", `license: "${licence}"`)), [], licence);
  for (const licence of ["proprietary", "MIT OR", "MIT and Apache-2.0", "GPL-2.0-only WITH MIT", "(MIT", "EUPL"])
    assert.deepEqual(
      problemsOf(change("license: EUPL-1.2", `license: "${licence}"`)),
      [["errors.publiccode.licence", "legal.license"]],
      licence,
    );
});

test("the official rules: categories and scopes from the standard's lists", () => {
  assert.deepEqual(problemsOf(change("  - geographic-information-systems", "  - kartverk")), [
    ["errors.publiccode.category", "categories[0]"],
  ]);
  assert.deepEqual(problemsOf(`${VALID}intendedAudience:\n  scope:\n    - local-authorities\n    - government\n`), []);
  assert.deepEqual(problemsOf(`${VALID}intendedAudience:\n  scope:\n    - kommuner\n`), [
    ["errors.publiccode.scope", "intendedAudience.scope[0]"],
  ]);
});

test("the official rules: country codes, all capitals or all small", () => {
  assert.deepEqual(problemsOf(`${VALID}intendedAudience:\n  countries: [NO, se]\n  unsupportedCountries: [DK]\n`), []);
  assert.deepEqual(problemsOf(`${VALID}intendedAudience:\n  countries: [No, NOR, EU]\n  unsupportedCountries: [XY]\n`), [
    ["errors.publiccode.country", "intendedAudience.countries[0]"],
    ["errors.publiccode.country", "intendedAudience.countries[1]"],
    ["errors.publiccode.country", "intendedAudience.countries[2]"],
    ["errors.publiccode.country", "intendedAudience.unsupportedCountries[0]"],
  ]);
});

test("the official rules: dates are YYYY-MM-DD and exist", () => {
  assert.deepEqual(problemsOf(`${VALID}releaseDate: "2024-02-29"\n`), []);
  for (const date of ["2023-02-29", "15.04.2024", "2024-4-1"])
    assert.deepEqual(problemsOf(`${VALID}releaseDate: "${date}"\n`), [["errors.publiccode.date", "releaseDate"]], date);
});

test("the official rules: addresses, e-mail, organisation URIs, paths and media types", () => {
  assert.deepEqual(problemsOf(change("https://kommunekart.example.org", "kommunekart.example.org")), [
    ["errors.publiccodeUrl", "landingURL"],
  ]);
  assert.deepEqual(problemsOf(change('url: "https://git.example.org/kommunekart.git"', "url: not an address")), [
    ["errors.publiccode.address", "url"],
  ]);
  assert.deepEqual(problemsOf(`${VALID}roadmap: ftp://example.org/plan\nisBasedOn: [git://example.org/a.git, nope]\n`), [
    ["errors.publiccode.address", "isBasedOn[1]"],
    ["errors.publiccodeUrl", "roadmap"],
  ]);
  assert.deepEqual(problemsOf(change("kari@example.org", "kari at example")), [
    ["errors.publiccode.email", "maintenance.contacts[0].email"],
  ]);
  assert.deepEqual(problemsOf(change("  name: Eksempel kommune", "  name: Eksempel kommune\n  uri: urn:x-italian-pa:abc")), []);
  assert.deepEqual(problemsOf(change("  name: Eksempel kommune", "  name: Eksempel kommune\n  uri: eksempel")), [
    ["errors.publiccode.uri", "organisation.uri"],
  ]);
  assert.deepEqual(
    problemsOf(`${VALID}fundedBy:\n  - name: Digdir\n    uri: https://www.digdir.no\n  - uri: https://example.org\n`),
    [["errors.publiccodeMissing", "fundedBy[1].name"]],
  );
  assert.deepEqual(problemsOf(`${VALID}logo: img/logo.svg\n`), []);
  assert.deepEqual(problemsOf(`${VALID}logo: /srv/logo.svg\nmonochromeLogo: file:///logo.png\n`), [
    ["errors.publiccode.path", "logo"],
    ["errors.publiccode.path", "monochromeLogo"],
  ]);
  assert.deepEqual(problemsOf(`${VALID}inputTypes: [text/csv]\noutputTypes: [csv]\n`), [
    ["errors.publiccode.mime", "outputTypes[0]"],
  ]);
  assert.deepEqual(
    problemsOf(
      change(
        "    features:\n      - Søk på adresse",
        "    videos: [kart]\n    screenshots: [/tmp/a.png]\n    features:\n      - Søk på adresse",
      ),
    ),
    [
      ["errors.publiccode.path", "description.nb.screenshots[0]"],
      ["errors.publiccodeUrl", "description.nb.videos[0]"],
    ],
  );
});

test("the official rules: who maintains it decides whether contacts or contractors are given", () => {
  const contract = change(
    "  type: community\n  contacts:\n    - name: Kari Nordmann\n      email: kari@example.org\n",
    '  type: contract\n  contractors:\n    - name: Leverandør AS\n      until: "2027-12-31"\n      website: https://leverandor.example\n',
  );
  assert.deepEqual(problemsOf(contract), []);
  assert.deepEqual(problemsOf(contract.replace('until: "2027-12-31"', 'until: "snart"')), [
    ["errors.publiccode.date", "maintenance.contractors[0].until"],
  ]);
  assert.deepEqual(problemsOf(contract.replace("  contractors:", "  contacts:\n    - name: Kari\n  contractors:")), [
    ["errors.publiccode.notAllowed", "maintenance.contacts"],
  ]);
  assert.deepEqual(problemsOf(change("    - name: Kari Nordmann\n      email: kari@example.org\n", "")), [
    ["errors.publiccodeMissing", "maintenance.contacts"],
  ]);
  assert.deepEqual(problemsOf(change("  contacts:\n    - name: Kari Nordmann\n      email: kari@example.org\n", "")), [
    ["errors.publiccodeMissing", "maintenance.contacts"],
  ]);
  assert.deepEqual(problemsOf(change("type: community", "type: internal")), []);
  assert.deepEqual(problemsOf(change("type: community", "type: none")), [
    ["errors.publiccode.notAllowed", "maintenance.contacts"],
  ]);
  assert.deepEqual(
    problemsOf(`${change("type: community", "type: internal")}`.replace("  contacts:", "  contractors: []\n  contacts:")),
    [["errors.publiccode.notAllowed", "maintenance.contractors"]],
  );
});

test("the official rules: the Italian extension, as it or IT but not both", () => {
  assert.deepEqual(problemsOf(`${VALID}IT:\n  countryExtensionVersion: "1.0"\n  piattaforme:\n    spid: true\n`), []);
  assert.deepEqual(problemsOf(`${VALID}it:\n  riuso:\n    codiceIPA: c_h501\n`), []);
  assert.deepEqual(problemsOf(`${VALID}IT:\n  countryExtensionVersion: "9"\n`)[0]?.[0], "errors.publiccodeValue");
  assert.deepEqual(problemsOf(`${VALID}IT:\n  conforme:\n    gdpr: true\nit:\n  conforme:\n    gdpr: true\n`), [
    ["errors.publiccode.both", "it"],
  ]);
  assert.deepEqual(problemsOf(`${VALID}IT:\n  piattaforme:\n    bankid: true\n`), [
    ["errors.publiccode.unknownKey", "IT.piattaforme.bankid"],
  ]);
});

test("the official rules: every problem of a file at once, and dependencies checked", () => {
  const many = problemsOf(
    `${change("developmentStatus: stable", "developmentStatus: ferdig").replace("license: EUPL-1.2", "license: egen")}dependsOn:\n  open:\n    - versionMin: "1.0"\n`,
  );
  assert.deepEqual(many, [
    ["errors.publiccodeValue", "developmentStatus"],
    ["errors.publiccode.licence", "legal.license"],
    ["errors.publiccodeMissing", "dependsOn.open[0].name"],
  ]);
});
