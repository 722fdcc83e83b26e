import { z } from "zod";
import { catalogues, type MessageKey } from "../i18n/i18n.ts";
import { BadRequestError, type FieldError } from "./errors.ts";

const isMessageKey = (value: string): value is MessageKey => value in catalogues.en;

/**
 * Zod issues become field errors named by catalogue keys. Schemas give their own key as the
 * message (`z.string().min(1, "errors.required")`); anything else falls back to a generic key.
 */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_";
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, ...keyFor(issue) });
  }
  return out;
}

function keyFor(issue: z.core.$ZodIssue): Pick<FieldError, "key" | "params"> {
  if (isMessageKey(issue.message))
    return issue.code === "custom" && issue.params ? { key: issue.message, params: issue.params } : { key: issue.message };
  switch (issue.code) {
    case "too_big":
      // A number says how large it may be; a text how long.
      return issue.origin === "number"
        ? { key: "errors.numberAtMost", params: { max: Number(issue.maximum) } }
        : { key: "errors.tooLong", params: { max: Number(issue.maximum) } };
    case "too_small":
      if (issue.origin === "number") return { key: "errors.numberAtLeast", params: { min: Number(issue.minimum) } };
      return issue.origin === "string" && Number(issue.minimum) <= 1
        ? { key: "errors.required" }
        : { key: "errors.tooShort", params: { min: Number(issue.minimum) } };
    case "invalid_value":
      return { key: "errors.choice" };
    case "invalid_type":
      // Zod leaves the input out of its issues; its message still says what it received, so a
      // missing value is "fill in" and a wrong type (a number for a text, "x" for a number) "not valid".
      return issue.input === undefined && /received (undefined|null)$/.test(issue.message)
        ? { key: "errors.required" }
        : { key: "errors.invalid" };
    default:
      return { key: "errors.invalid" };
  }
}

/** Parses a query string or path parameters; anything malformed is a 400 in the user's language. */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new BadRequestError(toFieldErrors(parsed.error));
  return parsed.data;
}

// Reusable field shapes. HTML forms send "" for an empty field; these turn that into null.
const trimmed = z.string().trim();
export const requiredText = (max = 200) => trimmed.min(1, "errors.required").max(max);
export const optionalText = (max = 2000) => trimmed.max(max).default("");
export const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);
/**
 * The one date domain (decision 0020): a calendar date written yyyy-mm-dd, from 1900-01-01 to
 * 2200-12-31. Wide enough for anything a network plans or records, narrow enough that no date
 * reaches the database outside what both PGlite and PostgreSQL store and compute with (year 0000
 * fails there as an error). Every date in a form, a query, a CSV/xlsx filter and the API uses it.
 */
export const DATE_MIN = "1900-01-01";
export const DATE_MAX = "2200-12-31";
/** yyyy-mm-dd strings compare as dates. */
const inDateDomain = (value: string) => value >= DATE_MIN && value <= DATE_MAX;
const dateOutOfRange = { message: "errors.dateOutOfRange", params: { min: DATE_MIN, max: DATE_MAX } };
export const isoDate = z.iso.date("errors.date").refine(inDateDomain, dateOutOfRange);
/** Whether a yyyy-mm-dd string is a date in the domain (for files read outside a schema). */
export const isDomainDate = (value: string) => isoDate.safeParse(value).success;
export const requiredDate = z.preprocess(emptyToNull, isoDate);
export const optionalDate = z.preprocess(emptyToNull, isoDate.nullable().default(null));
/** A point in time with its offset (2026-03-01T10:00:00+01:00), its date within the date domain. */
export const isoDateTime = z.iso
  .datetime({ offset: true, error: "errors.date" })
  .refine((value) => inDateDomain(new Date(value).toISOString().slice(0, 10)), dateOutOfRange);
/** A time of day in Norway's time, "hh:mm" (or "hh.mm"), for the day field beside it. */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, "errors.time");
/** A checkbox as a form sends it ("1", "on") or the API does (true). */
export const checkbox = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean());
/** Kroner as typed in Norway ("1 200 000", "1 200 000,50" is refused: whole kroner only). */
export const kroner = z.preprocess(
  (v) => (typeof v === "string" ? (v.replace(/[\s\u00a0]/g, "") === "" ? null : v.replace(/[\s\u00a0]/g, "")) : v),
  z.coerce
    .number("errors.amount")
    .int("errors.amount")
    .min(0, "errors.amount")
    .max(100_000_000_000, "errors.amountTooLarge")
    .nullable()
    .default(null),
);
/** A titled link (a project's page elsewhere, a gathering's recording): http(s) only, so it can never run script. */
export const linkInput = z.object({
  title: requiredText(200),
  url: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string("errors.required")
      .min(1, "errors.required")
      .max(2000)
      .regex(/^https?:\/\/\S+$/, "errors.website"),
  ),
});

/** An optional web address: http(s) only, so a link can never run script. */
export const webAddress = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z
    .string()
    .max(500)
    .regex(/^(https?:\/\/\S+)?$/, "errors.website")
    .default(""),
);
/** Ids stay within a database integer, so a forged one is a clear error rather than a failed query. */
export const MAX_ID = 2_147_483_647;
export const optionalId = z.preprocess(
  emptyToNull,
  z.coerce.number("errors.invalid").int().positive().max(MAX_ID, "errors.invalid").nullable().default(null),
);
/**
 * A chosen record's id (usually a select): empty or missing is "fill in", anything else that is not
 * an id ("abc", -3, 1.5) is "choose one of the options", never "fill in".
 */
export const requiredId = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const s = v.trim();
    if (s === "") return undefined;
    return Number.isNaN(Number(s)) ? v : Number(s);
  },
  z
    .number({ error: (issue) => (issue.input === undefined || issue.input === null ? "errors.required" : "errors.choice") })
    .int("errors.choice")
    .positive("errors.choice")
    .max(MAX_ID, "errors.choice"),
);
/**
 * A whole number typed in a form, from `min` to `max`: a bound that is passed says itself ("at most
 * 100000"), anything else is "a whole number".
 */
export const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number("errors.wholeNumber")
    .int("errors.wholeNumber")
    .refine((n) => n >= min, { message: min === 1 ? "errors.wholeNumber" : "errors.numberAtLeast", params: { min } })
    .refine((n) => n <= max, { message: "errors.numberAtMost", params: { max } });

/** A row id in a path or a query: a positive 32-bit integer, so a forged one is a 400, not a database error. */
export const dbId = z.coerce.number().int().positive().max(MAX_ID);
/** The secret a mailed link carries in its path (a stop key, a confirmation): base64url, of a sane length. */
export const linkSecret = z
  .string()
  .min(16)
  .max(64)
  .regex(/^[\w-]+$/);
export const idParam = z.object({ id: dbId });
/** A list of ids from repeated form fields (a single value comes as a string). */
export const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive().max(MAX_ID, "errors.invalid")).max(1000),
);

/** Organisation numbers: 9 digits, the last a modulus-11 check digit over weights 3 2 7 6 5 4 3 2. */
export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check !== 10 && check === Number(value[8]);
}

export const orgNumber = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\s+/g, "") : v),
  z
    .string()
    .max(20)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null)
    .refine((v) => v === null || /^\d{9}$/.test(v), "errors.orgNumberFormat")
    .refine((v) => v === null || !/^\d{9}$/.test(v) || isValidOrgNumber(v), "errors.orgNumberCheckDigit"),
);

/** GET forms send every field, empty or not; empty ones mean "no filter". */
export const query = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess(
    (v) =>
      v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).filter(([, value]) => value !== "" && value !== undefined))
        : v,
    z.object(shape),
  );

export const PAGE_SIZE = 50;
/** A page number from the address: whatever is wrong with it, it is "not valid" (never "fill in"). */
export const pageParam = z.coerce
  .number("errors.invalid")
  .int("errors.invalid")
  .min(1, "errors.invalid")
  .max(100_000, "errors.invalid")
  .default(1);
export const searchText = z.string().trim().max(100).optional();

/**
 * Whether a parsed query, body or parameters hold a NUL character anywhere. PostgreSQL cannot store
 * one in text, and no form or browser sends one; files' bytes are not looked at.
 */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (!value || typeof value !== "object" || depth > 8 || ArrayBuffer.isView(value)) return false;
  return Object.entries(value).some(([key, v]) => key.includes("\u0000") || holdsNul(v, depth + 1));
}

/**
 * Whether a parsed query, body or parameters hold text that is not well-formed UTF-16 (a lone
 * surrogate, which JSON's "\ud800" escape can send): PostgreSQL's json columns (the audit entry)
 * and UTF-8 text cannot hold it, so it is refused at the edge like NUL.
 */
export function holdsMalformedText(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return !value.isWellFormed();
  if (!value || typeof value !== "object" || depth > 8 || ArrayBuffer.isView(value)) return false;
  return Object.entries(value).some(([key, v]) => !key.isWellFormed() || holdsMalformedText(v, depth + 1));
}
