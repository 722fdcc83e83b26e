import { z } from "zod";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES } from "../schema.ts";
import {
  CATEGORIES,
  graphemes,
  isCountryCode,
  isDate,
  isEmail,
  isHttpUrl,
  isLanguageTag,
  isMimeType,
  isOrganisationUri,
  isRelativePathOrUrl,
  isSpdxExpression,
  isSupportedVersion,
  isUrl,
  SCOPES,
} from "./standard.ts";

/**
 * A publiccode.yml file of the 0.x standard as zod reads it: every key the standard has and no
 * other, each with the official validator's rule (decision 0042). A rule that fails adds an issue
 * whose message is our message key and whose params fill it; publiccode.ts turns the issues into
 * problems named by their key path.
 */

/** A failed rule: the message key and its params (the key path is added from the issue's path). */
const fail = (ctx: z.RefinementCtx, key: MessageKey, params: Record<string, string | number> = {}) =>
  ctx.addIssue({ code: "custom", message: key, params });

/** YAML's empty value (`key:`) is read as the key being absent, as the official validator does. */
const nil = (v: unknown) => (v === null ? undefined : v);
/** A number or true/false where text is expected is read as its text (name: 2048), as YAML decoders do. */
const scalar = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);

const text = z.preprocess((v) => scalar(nil(v)), z.string());
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(nil, schema.optional());

/** One rule on a text: adds its issue when the text breaks it. */
type Check = (s: string, ctx: z.RefinementCtx) => void;
const is =
  (test: (s: string) => boolean, key: MessageKey, withValue = false): Check =>
  (s, ctx) => {
    if (!test(s)) fail(ctx, key, withValue ? { value: s } : {});
  };
/** At most this many user-perceived characters (and, with min, at least). */
const length =
  (max: number, min = 0): Check =>
  (s, ctx) => {
    const n = graphemes(s);
    if (n > max) {
      if (max === 150) fail(ctx, "errors.publiccodeShort");
      else fail(ctx, "errors.publiccodeTooLong", { max, length: n });
    } else if (n < min) fail(ctx, "errors.publiccode.tooShort", { min, length: n });
  };
/** Text held to a rule. */
const rule = (check: Check) => text.superRefine(check);
/** Text that must be there and not blank, then held to its rule. */
const required = (check?: Check) =>
  z.preprocess(
    nil,
    text.superRefine((s, ctx) => {
      if (!s.trim()) fail(ctx, "errors.publiccodeMissing");
      else check?.(s, ctx);
    }),
  );
/** A list of at least one entry (the validator's gt=0). */
const nonEmpty = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    nil,
    z.array(item).superRefine((list, ctx) => {
      if (list.length === 0) fail(ctx, "errors.publiccodeMissing");
    }),
  );
const list = <T extends z.ZodType>(item: T) => optional(z.array(item));
const flag = z.preprocess(nil, z.boolean());

const isAddress = is(isUrl, "errors.publiccode.address");
const url = rule(isAddress);
const httpUrl = rule(is(isHttpUrl, "errors.publiccodeUrl"));
const isDateText = is(isDate, "errors.publiccode.date");
const date = rule(isDateText);
const email = rule(is(isEmail, "errors.publiccode.email"));
const pathOrUrl = rule(is(isRelativePathOrUrl, "errors.publiccode.path"));
const organisationUri = rule(is(isOrganisationUri, "errors.publiccode.uri"));
const language = rule(is(isLanguageTag, "errors.publiccode.language", true));
const country = rule(is(isCountryCode, "errors.publiccode.country", true));
const mimeType = rule(is(isMimeType, "errors.publiccode.mime", true));
const category = rule(is((c) => CATEGORIES.includes(c), "errors.publiccode.category", true));
const scope = rule(is((s) => SCOPES.includes(s), "errors.publiccode.scope", true));
const isLicence = is(isSpdxExpression, "errors.publiccode.licence");
const version = required((v, ctx) => {
  if (!isSupportedVersion(v)) fail(ctx, "errors.publiccodeVersion", { version: v });
});

const named = z.strictObject({ name: required(), uri: optional(organisationUri) });

const descriptionEntry = z.strictObject({
  localisedName: optional(text),
  genericName: optional(rule(length(35))),
  shortDescription: required(length(150)),
  longDescription: required(length(10_000, 150)),
  documentation: optional(httpUrl),
  apiDocumentation: optional(httpUrl),
  features: nonEmpty(text),
  screenshots: list(pathOrUrl),
  videos: list(httpUrl),
  awards: list(text),
});

const contractor = z.strictObject({
  name: required(),
  email: optional(email),
  website: optional(httpUrl),
  until: required(isDateText),
});
const contact = z.strictObject({
  name: required(),
  email: optional(email),
  affiliation: optional(text),
  phone: optional(text),
});
const dependency = z.strictObject({
  name: required(),
  versionMin: optional(text),
  versionMax: optional(text),
  optional: optional(flag),
  version: optional(text),
});

/** The Italian extension (it, or IT as the standard now writes it); codiceIPA is not looked up (decision 0042). */
const italian = z.strictObject({
  countryExtensionVersion: optional(z.preprocess(scalar, z.enum(["0.2", "1.0"]))),
  conforme: optional(
    z.strictObject({
      lineeGuidaDesign: optional(flag),
      modelloInteroperabilita: optional(flag),
      misureMinimeSicurezza: optional(flag),
      gdpr: optional(flag),
    }),
  ),
  riuso: optional(z.strictObject({ codiceIPA: optional(text) })),
  piattaforme: optional(
    z.strictObject({
      spid: optional(flag),
      pagopa: optional(flag),
      cie: optional(flag),
      anpr: optional(flag),
      io: optional(flag),
    }),
  ),
});

/** A section the standard requires whose own keys say what is missing: absent, it is read as empty. */
const section = <T extends z.ZodType>(schema: T) => z.preprocess((v) => v ?? {}, schema);

export const publiccodeSchema = z.strictObject({
  publiccodeYmlVersion: version,
  name: required(),
  applicationSuite: optional(text),
  url: required(isAddress),
  landingURL: optional(httpUrl),
  isBasedOn: optional(z.union([url, z.array(url)])),
  softwareVersion: optional(text),
  releaseDate: optional(date),
  logo: optional(pathOrUrl),
  monochromeLogo: optional(pathOrUrl),
  organisation: optional(named),
  inputTypes: list(mimeType),
  outputTypes: list(mimeType),
  platforms: nonEmpty(text),
  categories: list(category),
  usedBy: list(text),
  fundedBy: list(named),
  roadmap: optional(httpUrl),
  developmentStatus: z.preprocess(nil, z.enum(MATURITIES)),
  softwareType: z.preprocess(nil, z.enum(SOFTWARE_TYPES)),
  intendedAudience: optional(
    z.strictObject({ scope: list(scope), countries: list(country), unsupportedCountries: list(country) }),
  ),
  // Its keys' language codes are checked by relations(), which runs whatever else fails.
  description: z.preprocess(
    nil,
    z.record(z.string(), descriptionEntry).superRefine((entries, ctx) => {
      if (Object.keys(entries).length === 0) fail(ctx, "errors.publiccodeMissing");
    }),
  ),
  legal: section(
    z.strictObject({
      license: required(isLicence),
      mainCopyrightOwner: optional(text),
      repoOwner: optional(text),
      authorsFile: optional(pathOrUrl),
    }),
  ),
  maintenance: section(
    z.strictObject({
      type: z.preprocess(nil, z.enum(MAINTENANCE_TYPES)),
      contractors: list(contractor),
      contacts: list(contact),
    }),
  ),
  localisation: section(
    z.strictObject({
      localisationReady: flag,
      availableLanguages: nonEmpty(language),
    }),
  ),
  dependsOn: optional(z.strictObject({ open: list(dependency), proprietary: list(dependency), hardware: list(dependency) })),
  IT: optional(italian),
  it: optional(italian),
});

/** A problem found by relations(): where, which message, its params. */
export interface Relation {
  path: (string | number)[];
  message: MessageKey;
  params?: Record<string, string | number>;
}

const present = (v: unknown) => v !== undefined && v !== null;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The rules that relate keys to each other or check a mapping's own keys, read from the file as it
 * is so that they are reported together with every other problem (zod runs an object's refinements
 * only once its keys pass): the description's language codes; contractors when, and only when,
 * maintenance is by contract; contacts when it is internal or by the community, and none when it is
 * by contract or there is none; it and IT not both.
 */
export function relations(root: Record<string, unknown>): Relation[] {
  const found: Relation[] = [];
  if (isObject(root.description))
    for (const tag of Object.keys(root.description))
      if (!isLanguageTag(tag))
        found.push({ path: ["description", tag], message: "errors.publiccode.language", params: { value: tag } });
  const m = isObject(root.maintenance) ? root.maintenance : {};
  const type = m.type;
  if (typeof type === "string" && (MAINTENANCE_TYPES as readonly string[]).includes(type)) {
    const filled = (v: unknown) => Array.isArray(v) && v.length > 0;
    if (type === "contract" && !filled(m.contractors))
      found.push({ path: ["maintenance", "contractors"], message: "errors.publiccodeMissing" });
    if (type !== "contract" && present(m.contractors))
      found.push({ path: ["maintenance", "contractors"], message: "errors.publiccode.notAllowed", params: { type } });
    if ((type === "community" || type === "internal") && !filled(m.contacts))
      found.push({ path: ["maintenance", "contacts"], message: "errors.publiccodeMissing" });
    if ((type === "contract" || type === "none") && present(m.contacts))
      found.push({ path: ["maintenance", "contacts"], message: "errors.publiccode.notAllowed", params: { type } });
  }
  if (present(root.it) && present(root.IT))
    found.push({ path: ["it"], message: "errors.publiccode.both", params: { other: "IT" } });
  return found;
}

export type PubliccodeFile = z.infer<typeof publiccodeSchema>;
