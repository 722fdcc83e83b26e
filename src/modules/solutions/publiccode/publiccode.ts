import { parseDocument, stringify } from "yaml";
import type { z } from "zod";
import type { FieldError } from "../../../platform/http/errors.ts";
import type { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES } from "../schema.ts";
import { publiccodeSchema, relations } from "./publiccode.schema.ts";
import { CATEGORIES, isSpdxExpression, isUrl } from "./standard.ts";

/**
 * publiccode.yml (github.com/publiccodeyml/publiccode.yml), the 0.x standard: reading a file into a
 * solution's fields with every problem the standard's official validator would report listed, and
 * writing a solution as a file.
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

/** Languages the description is taken from, in order of preference. */
const LANGUAGES = ["nb", "no", "nn", "en"];

type Problem = FieldError & { field: "publiccode" };
const problem = (key: FieldError["key"], params: Record<string, string | number> = {}): Problem => ({
  field: "publiccode",
  key,
  params,
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : undefined;

/** A key path as the standard's validator writes it: description.nb.shortDescription, platforms[0]. */
const keyPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (at, part) => (typeof part === "number" ? `${at}[${part}]` : at ? `${at}.${String(part)}` : String(part)),
    "",
  );
const valueAt = (root: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>(
    (v, part) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[part] : undefined),
    root,
  );

/** zod's issues as problems, each naming its key path; our rules put their message key in the issue's message. */
function problems(root: unknown, issues: readonly z.core.$ZodIssue[]): Problem[] {
  const found: Problem[] = [];
  for (const issue of issues) {
    const key = keyPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const unknown of issue.keys)
        found.push(problem("errors.publiccode.unknownKey", { key: keyPath([...issue.path, unknown]) }));
    } else if (issue.code === "invalid_value" && valueAt(root, issue.path) !== undefined && valueAt(root, issue.path) !== null) {
      found.push(problem("errors.publiccodeValue", { key, allowed: issue.values.map(String).join(", ") }));
    } else if (issue.code === "custom") {
      found.push(problem(issue.message as FieldError["key"], { key, ...(issue.params ?? {}) }));
    } else {
      const value = valueAt(root, issue.path);
      found.push(problem(value === undefined || value === null ? "errors.publiccodeMissing" : "errors.publiccode.type", { key }));
    }
  }
  // One problem once: a value that fails a rule inside a union is reported by each branch.
  const seen = new Set<string>();
  return found.filter((p) => {
    const id = JSON.stringify([p.key, p.params]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Parses and validates a file against the standard's rules as its official validator applies them
 * (publiccode.schema.ts, decision 0042) and against what a solution's fields hold; answers the
 * fields, or every problem found, each with its key path.
 */
export function readPubliccode(source: string): { ok: true; value: PubliccodeFields } | { ok: false; errors: Problem[] } {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    return { ok: false, errors: [problem("errors.publiccodeYaml", { line: first.linePos?.[0]?.line ?? 1 })] };
  }
  const root: unknown = doc.toJS();
  if (!isRecord(root)) return { ok: false, errors: [problem("errors.publiccodeNotMapping")] };
  const parsed = publiccodeSchema.safeParse(root);
  const errors: Problem[] = [
    ...(parsed.success ? [] : problems(root, parsed.error.issues)),
    ...relations(root).map((r) => problem(r.message, { key: keyPath(r.path), ...r.params })),
  ];

  // What the catalogue's fields hold, beyond the standard: a web address, and each field's length.
  const tooLong = (key: string, value: string | undefined, max: number) => {
    if (value && value.length > max) errors.push(problem("errors.publiccodeTooLong", { key, max, length: value.length }));
  };
  const name = text(root.name);
  tooLong("name", name, SOLUTION_LIMITS.name);
  const url = text(root.url);
  if (url && isUrl(url) && !/^https?:\/\/\S+$/.test(url)) errors.push(problem("errors.publiccodeUrl", { key: "url" }));
  tooLong("url", url, SOLUTION_LIMITS.url);
  const landingUrl = text(root.landingURL) ?? "";
  tooLong("landingURL", landingUrl, SOLUTION_LIMITS.url);
  const platforms = Array.isArray(root.platforms) ? root.platforms.filter((p): p is string => typeof p === "string") : [];
  for (const platform of platforms) tooLong("platforms", platform, SOLUTION_LIMITS.platform);
  const legal = isRecord(root.legal) ? root.legal : undefined;
  const licence = text(legal?.license);
  tooLong("legal.license", licence, SOLUTION_LIMITS.licence);
  const vendor = isRecord(root.organisation) ? (text(root.organisation.name) ?? "") : "";
  tooLong("organisation.name", vendor, SOLUTION_LIMITS.vendor);
  const categories = Array.isArray(root.categories) ? root.categories.filter((c): c is string => typeof c === "string") : [];
  const category = categories.join(", ");
  tooLong("categories", category, SOLUTION_LIMITS.category);

  let summary = "";
  let description = "";
  if (isRecord(root.description) && Object.keys(root.description).length) {
    const languages = Object.keys(root.description);
    const language = LANGUAGES.find((l) => languages.includes(l)) ?? languages[0]!;
    const entry = root.description[language];
    if (isRecord(entry)) {
      summary = text(entry.shortDescription) ?? "";
      description = text(entry.longDescription) ?? "";
      tooLong(`description.${language}.longDescription`, description, SOLUTION_LIMITS.description);
    }
  }

  if (errors.length || !parsed.success) return { ok: false, errors };
  const file = parsed.data;
  return {
    ok: true,
    value: {
      name: name!,
      url: url!,
      landingUrl,
      summary,
      description,
      maturity: file.developmentStatus,
      softwareType: file.softwareType,
      platforms,
      licence: licence!,
      maintenanceType: file.maintenance.type,
      vendor,
      category,
    },
  };
}

/**
 * A solution as a publiccode.yml file (version 0.4), with its description in bokmål, held to the
 * standard's rules where the solution has what they ask: a licence that is no SPDX expression is
 * written LicenseRef-proprietary, only the standard's categories are named, and the contact is
 * written where the maintenance type asks for contacts. What a solution cannot give is left out
 * (decision 0042): a long description under 150 characters stays as it is, and a maintenance by
 * contract has no contractor with an end date.
 */
export function writePubliccode(
  s: PubliccodeFields & { contactName: string | null; contactEmail: string | null; ownerName: string },
  /** The solution's page here, for a solution without a web address of its own (url is required). */
  pageUrl: string,
): string {
  const categories = s.category.split(/,\s*/).filter((c) => CATEGORIES.includes(c));
  return stringify({
    publiccodeYmlVersion: "0.4",
    name: s.name,
    url: s.url || s.landingUrl || pageUrl,
    ...(s.landingUrl ? { landingURL: s.landingUrl } : {}),
    platforms: s.platforms.length ? s.platforms : ["web"],
    ...(categories.length ? { categories } : {}),
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
    legal: {
      license: s.licence && isSpdxExpression(s.licence) ? s.licence : PROPRIETARY,
      mainCopyrightOwner: s.ownerName,
    },
    maintenance: {
      type: s.maintenanceType,
      ...(s.maintenanceType === "internal" || s.maintenanceType === "community"
        ? { contacts: [{ name: s.contactName ?? s.ownerName, ...(s.contactEmail ? { email: s.contactEmail } : {}) }] }
        : {}),
    },
    localisation: { localisationReady: false, availableLanguages: ["nb"] },
  });
}

/** A licence of one's own, as SPDX writes it: what an exported file says for a licence that is no SPDX expression. */
export const PROPRIETARY = "LicenseRef-proprietary";
