import { z } from "zod";
import { SPDX_EXCEPTIONS, SPDX_LICENCES } from "./spdx-list.ts";

/**
 * The value rules of the publiccode.yml standard (version 0.x) that its official validator,
 * publiccode-parser-go, applies without the network: the lists of allowed values and the checks of
 * licences, language and country codes, dates, addresses and paths. Decision 0042 says where each
 * comes from. Written here in our own words; every check answers true or false.
 */

/** developmentStatus, softwareType and maintenance.type are the solution's own choices (schema.ts). */

/** The standard's list of categories (docs/standard/categories-list.rst). */
export const CATEGORIES = `accounting agile-project-management applicant-tracking application-development
appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence
business-process-management cad call-center-management cloud-management collaboration communications
compliance-management contact-management content-management crm customer-service-and-support data-analytics
data-collection data-visualization design design-system digital-asset-management digital-citizenship
document-management donor-management e-commerce e-signature educational-content email-management
email-marketing employee-management enterprise-project-management enterprise-social-networking erp
event-management facility-management feedback-and-reviews-management financial-reporting fleet-management
fundraising gamification geographic-information-systems grant-management graphic-design help-desk hr ide
identity-management instant-messaging integrated-library-system inventory-management it-asset-management
it-development it-management it-security it-service-management knowledge-management
learning-management-system marketing mind-mapping mobile-marketing mobile-payment network-management office
online-booking online-community payment-gateway payroll predictive-analysis procurement productivity-suite
project-collaboration project-management property-management real-estate-management
regulations-and-directives remote-support resource-management sales-management seo service-desk
social-media-management survey talent-management task-management taxes-management test-management
time-management time-tracking translation video-conferencing video-editing visitor-management voip
warehouse-management web-collaboration web-conferencing whistleblowing website-builder workflow-management
other`.split(/\s+/);

/** The standard's list of scopes for intendedAudience.scope (docs/standard/scope-list.rst). */
export const SCOPES = `agriculture culture defence education emergency-services employment energy environment
finance-and-economic-development foreign-affairs government healthcare infrastructures justice
local-authorities manufacturing research science-and-technology security society sport tourism
transportation welfare`.split(/\s+/);

/**
 * publiccodeYmlVersion values read as the 0.x standard. The official validator takes 0, 0.2, 0.2.0–
 * 0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, 0.5 and 0.5.0 and holds them all to the same rules; we take those
 * and, as before, any later 0.x (0.4.1, 0.6 …), whose files the same rules still read.
 */
export const isSupportedVersion = (v: string) =>
  /^0(\.([4-9]|[1-9]\d+)(\.\d+)?)?$/.test(v) || ["0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0"].includes(v);

/** A length as a reader counts it: user-perceived characters (grapheme clusters), as the standard's limits mean. */
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
export const graphemes = (s: string) => {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
};

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const parseUrl = (s: string): URL | undefined => {
  if (/\s/.test(s)) return undefined;
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
};
/** Any absolute address with a scheme (url, isBasedOn): git://, ssh:// and https:// alike. */
export const isUrl = (s: string) => parseUrl(s) !== undefined;
/** A web address: http or https, with a host. */
export const isHttpUrl = (s: string) => {
  const u = parseUrl(s);
  return !!u && (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
};
/** organisation.uri and fundedBy[].uri: a URN (urn:nid:rest) or an address with a scheme and a host. */
export const isOrganisationUri = (s: string) => {
  if (/^urn:/i.test(s)) return /^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,\-.:=@;$_!*'%/?#]+$/i.test(s);
  const u = parseUrl(s);
  return !!u && u.host !== "";
};
/** logo, screenshots, legal.authorsFile: a path inside the repository or a web address, never an absolute path or file:. */
export const isRelativePathOrUrl = (s: string) => !s.startsWith("/") && !/^file:/i.test(s);

/** An e-mail address in the usual form (zod's own check). */
const email = z.email();
export const isEmail = (s: string) => email.safeParse(s).success;

/** A media type such as text/csv or application/vnd.oasis.opendocument.text. */
export const isMimeType = (s: string) =>
  /^ *[A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126} *$/.test(s);

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
const scriptNames = new Intl.DisplayNames(["en"], { type: "script", fallback: "none" });
/** Codes CLDR names that are no ISO 3166-1 country: groupings, "unknown" and user-assigned codes. */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK", "AN"]);
const isKnownRegion = (r: string) => !NOT_COUNTRIES.has(r) && regionNames.of(r) !== undefined;

/**
 * A BCP 47 language tag written with hyphens (nb, nn-NO, se, sma, zh-Hant-TW); en_GB is refused. The
 * language must be a known one written in its shortest form (en, not eng), and script and region
 * known ones, as the official validator's strict BCP 47 check asks. Private-use (x-…) tags pass.
 */
export function isLanguageTag(tag: string): boolean {
  if (/^x(-[a-z0-9]{1,8})+$/i.test(tag)) return true;
  const m =
    /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?((?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*)((?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*)(?:-x(?:-[a-z0-9]{1,8})+)?$/i.exec(
      tag,
    );
  if (!m) return false;
  try {
    Intl.getCanonicalLocales(tag);
  } catch {
    return false;
  }
  const [, language, script, region] = m;
  const lang = language!.toLowerCase();
  // Two letters must be a known ISO 639-1 language; three letters must not be one that has two (eng → en).
  if (lang.length === 2 && languageNames.of(lang) === undefined) return false;
  if (lang.length === 3 && Intl.getCanonicalLocales(lang)[0]!.length === 2) return false;
  if (script && scriptNames.of(script[0]!.toUpperCase() + script.slice(1).toLowerCase()) === undefined) return false;
  if (region && /^[a-z]{2}$/i.test(region) && !isKnownRegion(region.toUpperCase())) return false;
  return true;
}

/** An ISO 3166-1 alpha-2 country code, all capitals (NO) or, as the standard still allows, all small (no). */
export const isCountryCode = (c: string) =>
  /^([A-Z]{2}|[a-z]{2})$/.test(c) && isKnownRegion(c.toUpperCase()) && !NOT_COUNTRIES.has(c.toUpperCase());

const licences = new Map(SPDX_LICENCES.map((id) => [id.toLowerCase(), id]));
const exceptions = new Set(SPDX_EXCEPTIONS.map((id) => id.toLowerCase()));
const licenceRef = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;

/**
 * An SPDX licence expression (SPDX specification, annex D): licence identifiers from the SPDX list
 * (any case, "+" for "or later") or LicenseRef-…, joined by AND and OR, a licence followed by WITH
 * and an exception from the list, and parentheses.
 */
export function isSpdxExpression(expression: string): boolean {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const licence = (): boolean => {
    const token = tokens[i];
    if (!token) return false;
    if (licenceRef.test(token) || licences.has(token.replace(/\+$/, "").toLowerCase())) {
      i++;
      if (tokens[i] === "WITH") {
        i++;
        if (!tokens[i] || !exceptions.has(tokens[i]!.toLowerCase())) return false;
        i++;
      }
      return true;
    }
    return false;
  };
  const term = (): boolean => {
    if (tokens[i] === "(") {
      i++;
      if (!expr() || tokens[i] !== ")") return false;
      i++;
      return true;
    }
    return licence();
  };
  const expr = (): boolean => {
    if (!term()) return false;
    while (tokens[i] === "AND" || tokens[i] === "OR") {
      i++;
      if (!term()) return false;
    }
    return true;
  };
  return tokens.length > 0 && expr() && i === tokens.length;
}
