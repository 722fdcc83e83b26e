import { parseDocument, stringify } from "yaml";
import type { FieldError } from "../../../platform/http/errors.ts";
import { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES } from "../schema.ts";

/**
 * publiccode.yml (github.com/publiccodeyml/publiccode.yml), version 0.4 and later: reading a file
 * into a solution's fields with every problem listed, and writing a solution as a file.
 */

/** The fields of a solution a publiccode.yml file fills. */
export interface PubliccodeFields {
  name: string;
  url: string;
  landingUrl: string;
  summary: string;
  description: string;
  maturity: (typeof MATURITIES)[number];
  softwareType: (typeof SOFTWARE_TYPES)[number];
  platforms: string[];
  licence: string;
  maintenanceType: (typeof MAINTENANCE_TYPES)[number];
  vendor: string;
  category: string;
}

/**
 * The longest text each field of a solution holds (the solution form's and the API's limits): a
 * file is held to them and told which key is too long, never cut to fit.
 */
export const SOLUTION_LIMITS = {
  name: 200,
  description: 10_000,
  vendor: 200,
  licence: 100,
  category: 100,
  url: 500,
  platform: 40,
} as const;

/** "0", "0.4", "0.4.0", "0.5.1" … : versions before 0.4 used other keys and are refused. */
const SUPPORTED_VERSION = /^0(\.([4-9]|[1-9]\d+)(\.\d+)?)?$/;
/** Languages the description is taken from, in order of preference. */
const LANGUAGES = ["nb", "no", "nn", "en"];

type Problem = FieldError & { field: "publiccode" };
const problem = (key: FieldError["key"], params: Record<string, string | number> = {}): Problem => ({
  field: "publiccode",
  key,
  params,
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** Parses and validates a file; answers the fields, or every problem found (each with its key path). */
export function readPubliccode(source: string): { ok: true; value: PubliccodeFields } | { ok: false; errors: Problem[] } {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    return { ok: false, errors: [problem("errors.publiccodeYaml", { line: first.linePos?.[0]?.line ?? 1 })] };
  }
  const root: unknown = doc.toJS();
  if (!isRecord(root)) return { ok: false, errors: [problem("errors.publiccodeNotMapping")] };
  const errors: Problem[] = [];
  const missing = (key: string) => errors.push(problem("errors.publiccodeMissing", { key }));
  const wrong = (key: string, allowed: readonly string[]) =>
    errors.push(problem("errors.publiccodeValue", { key, allowed: allowed.join(", ") }));
  const tooLong = (key: string, value: string | undefined, max: number) => {
    if (value && value.length > max) errors.push(problem("errors.publiccodeTooLong", { key, max, length: value.length }));
  };

  const version = root.publiccodeYmlVersion;
  if (version === undefined) missing("publiccodeYmlVersion");
  else if (!SUPPORTED_VERSION.test(String(version)))
    errors.push(problem("errors.publiccodeVersion", { version: String(version) }));

  const name = text(root.name);
  if (!name) missing("name");
  tooLong("name", name, SOLUTION_LIMITS.name);
  const url = text(root.url);
  if (!url) missing("url");
  else if (!/^https?:\/\/\S+$/.test(url)) errors.push(problem("errors.publiccodeUrl", { key: "url" }));
  tooLong("url", url, SOLUTION_LIMITS.url);
  const landingUrl = text(root.landingURL) ?? "";
  if (landingUrl && !/^https?:\/\/\S+$/.test(landingUrl)) errors.push(problem("errors.publiccodeUrl", { key: "landingURL" }));
  tooLong("landingURL", landingUrl, SOLUTION_LIMITS.url);

  const platforms = Array.isArray(root.platforms) ? root.platforms.filter((p): p is string => typeof p === "string") : [];
  if (platforms.length === 0) missing("platforms");
  for (const platform of platforms) tooLong("platforms", platform, SOLUTION_LIMITS.platform);

  const maturity = root.developmentStatus;
  if (maturity === undefined) missing("developmentStatus");
  else if (!MATURITIES.includes(maturity as never)) wrong("developmentStatus", MATURITIES);
  const softwareType = root.softwareType;
  if (softwareType === undefined) missing("softwareType");
  else if (!SOFTWARE_TYPES.includes(softwareType as never)) wrong("softwareType", SOFTWARE_TYPES);

  let summary = "";
  let description = "";
  if (!isRecord(root.description) || Object.keys(root.description).length === 0) missing("description");
  else {
    const languages = Object.keys(root.description);
    const language = LANGUAGES.find((l) => languages.includes(l)) ?? languages[0]!;
    const entry = root.description[language];
    if (!isRecord(entry)) missing(`description.${language}`);
    else {
      summary = text(entry.shortDescription) ?? "";
      description = text(entry.longDescription) ?? "";
      if (!summary) missing(`description.${language}.shortDescription`);
      else if (summary.length > 150)
        errors.push(problem("errors.publiccodeShort", { key: `description.${language}.shortDescription` }));
      if (!description) missing(`description.${language}.longDescription`);
      tooLong(`description.${language}.longDescription`, description, SOLUTION_LIMITS.description);
    }
  }

  const legal = isRecord(root.legal) ? root.legal : undefined;
  const licence = text(legal?.license);
  if (!licence) missing("legal.license");
  tooLong("legal.license", licence, SOLUTION_LIMITS.licence);
  const vendor = isRecord(root.organisation) ? (text(root.organisation.name) ?? "") : "";
  tooLong("organisation.name", vendor, SOLUTION_LIMITS.vendor);
  const categories = Array.isArray(root.categories) ? root.categories.filter((c): c is string => typeof c === "string") : [];
  const category = categories.join(", ");
  tooLong("categories", category, SOLUTION_LIMITS.category);

  const maintenance = isRecord(root.maintenance) ? root.maintenance : undefined;
  const maintenanceType = maintenance?.type;
  if (maintenanceType === undefined) missing("maintenance.type");
  else if (!MAINTENANCE_TYPES.includes(maintenanceType as never)) wrong("maintenance.type", MAINTENANCE_TYPES);
  else if ((maintenanceType === "internal" || maintenanceType === "contract") && !Array.isArray(maintenance?.contacts))
    missing("maintenance.contacts");

  const localisation = isRecord(root.localisation) ? root.localisation : undefined;
  if (typeof localisation?.localisationReady !== "boolean") missing("localisation.localisationReady");
  if (!Array.isArray(localisation?.availableLanguages) || localisation.availableLanguages.length === 0)
    missing("localisation.availableLanguages");

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: name!,
      url: url!,
      landingUrl,
      summary,
      description,
      maturity: maturity as PubliccodeFields["maturity"],
      softwareType: softwareType as PubliccodeFields["softwareType"],
      platforms,
      licence: licence!,
      maintenanceType: maintenanceType as PubliccodeFields["maintenanceType"],
      vendor,
      category,
    },
  };
}

/** A solution as a publiccode.yml file (version 0.4), with its description in bokmål. */
export function writePubliccode(
  s: PubliccodeFields & { contactName: string | null; contactEmail: string | null; ownerName: string },
  /** The solution's page here, for a solution without a web address of its own (url is required). */
  pageUrl: string,
): string {
  return stringify({
    publiccodeYmlVersion: "0.4",
    name: s.name,
    url: s.url || s.landingUrl || pageUrl,
    ...(s.landingUrl ? { landingURL: s.landingUrl } : {}),
    platforms: s.platforms.length ? s.platforms : ["web"],
    ...(s.category ? { categories: s.category.split(/,\s*/).filter(Boolean) } : {}),
    developmentStatus: s.maturity,
    softwareType: s.softwareType,
    ...(s.vendor ? { organisation: { name: s.vendor } } : {}),
    description: {
      nb: {
        shortDescription: s.summary.slice(0, 150),
        longDescription: s.description || s.summary,
        features: [s.summary.slice(0, 100)],
      },
    },
    legal: { license: s.licence || "proprietary", mainCopyrightOwner: s.ownerName },
    maintenance: {
      type: s.maintenanceType,
      ...(s.maintenanceType === "internal" || s.maintenanceType === "contract"
        ? { contacts: [{ name: s.contactName ?? s.ownerName, ...(s.contactEmail ? { email: s.contactEmail } : {}) }] }
        : {}),
    },
    localisation: { localisationReady: false, availableLanguages: ["nb"] },
  });
}
