import { en } from "./en.ts";
import { type MessageKey as KernelMessageKey, nb } from "./nb.ts";
import { nn } from "./nn.ts";

export const LOCALES = ["nb", "nn", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The keys a module brings in its own folder. A module names them here by declaration merging in its
 * index.ts (`declare module "../../platform/i18n/i18n.ts" { interface ModuleMessages extends …}`) and
 * gives their texts in its manifest's `messages`, so adding a module edits no kernel catalogue.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules through declaration merging
export interface ModuleMessages {}
export type MessageKey = KernelMessageKey | Extract<keyof ModuleMessages, string>;
/** A module's texts: the same keys in every language. */
export type Messages<K extends string = string> = Record<Locale, Record<K, string>>;

// Complete once every module's manifest has been read (defineModule adds its messages), which the
// module list does before any page is drawn.
export const catalogues = { nb: { ...nb }, nn: { ...nn }, en: { ...en } } as Record<Locale, Record<MessageKey, string>>;

/** Adds a module's texts; a key that exists already, or one missing in a language, is a mistake found at start. */
export function addMessages(messages: Messages): void {
  const keys = Object.keys(messages.nb);
  for (const locale of LOCALES) {
    const given = Object.keys(messages[locale]);
    const missing = keys.filter((k) => !(k in messages[locale])).concat(given.filter((k) => !(k in messages.nb)));
    if (missing.length) throw new Error(`messages not in every language (${locale}): ${missing.join(", ")}`);
  }
  const taken = keys.filter((k) => k in catalogues.nb);
  if (taken.length) throw new Error(`messages defined twice: ${taken.join(", ")}`);
  for (const locale of LOCALES) Object.assign(catalogues[locale], messages[locale]);
}

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What the keys under a prefix end in: `KeySuffix<"project.phase">` is "idea" | "planning" | … */
export type KeySuffix<P extends string> = MessageKey extends infer K ? (K extends `${P}.${infer R}` ? R : never) : never;

/**
 * The label of a value from a fixed set (a phase, a kind, a role), by its key under a prefix. The type
 * checks that `prefix.value` is a key of the catalogue, so a value with no message does not compile;
 * this is the one place a key is built from parts.
 */
export const labelFor = <P extends string>(t: Translate, prefix: P, value: KeySuffix<P>): string =>
  t(`${prefix}.${value}` as MessageKey);

export interface I18n {
  locale: Locale;
  t: Translate;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
}

const intlTag: Record<Locale, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };
const TIME_ZONE = "Europe/Oslo";

const osloCalendar = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
/** Today's calendar date in Norway ("2026-11-23"): the day deadlines are counted in. */
export const osloToday = (now = new Date()): string => osloCalendar.format(now);

/** The calendar date some days after (or before, when negative) a calendar date ("2026-11-23"). */
export const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const osloClock = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
/** How far Norway's clock is ahead of UTC at an instant, in milliseconds (one or two hours). */
function osloOffset(at: number): number {
  const p = Object.fromEntries(osloClock.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return (
    Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) -
    Math.floor(at / 60_000) * 60_000
  );
}
/** The instant a day and a time of day ("2027-03-01", "12:00") are in Norway, summer time included. */
export function osloInstant(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(/[:.]/).map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const first = wall - osloOffset(wall);
  return new Date(wall - osloOffset(first));
}
/** An instant's day and time of day in Norway, for a form's fields. */
export function osloParts(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(osloClock.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

const made = new Map<Locale, I18n>();

/** The language's texts and formats. Made once per language: Intl's formatters are slow to create. */
export function i18nFor(locale: Locale): I18n {
  let i18n = made.get(locale);
  if (!i18n) {
    i18n = makeI18n(locale);
    made.set(locale, i18n);
  }
  return i18n;
}

function makeI18n(locale: Locale): I18n {
  const catalogue = catalogues[locale];
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const numberFormatFor = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(intlTag[locale], options);
      numberFormats.set(key, format);
    }
    return format;
  };
  const numberFormat = new Intl.NumberFormat(intlTag[locale]);
  const dateFormat = new Intl.DateTimeFormat(intlTag[locale], { dateStyle: "long", timeZone: TIME_ZONE });
  // Calendar dates ("2026-01-01") have no time zone; format them as UTC so they never shift a day.
  const calendarFormat = new Intl.DateTimeFormat(intlTag[locale], { dateStyle: "long", timeZone: "UTC" });
  const dateTimeFormat = new Intl.DateTimeFormat(intlTag[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  });
  const pluralRules = new Intl.PluralRules(intlTag[locale]);
  return {
    locale,
    t: (key, params) => interpolate(selectPlurals(catalogue[key] ?? key, params, pluralRules), params),
    number: (value, options) => (options ? numberFormatFor(options) : numberFormat).format(value),
    date: (value) => {
      if (!value) return "";
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return calendarFormat.format(new Date(`${value}T00:00:00Z`));
      }
      return dateFormat.format(new Date(value));
    },
    dateTime: (value) => (value ? dateTimeFormat.format(new Date(value)) : ""),
  };
}

const PLURAL_START = /\{(\w+),\s*plural,/g;

/**
 * Plural variants in a message, in ICU's form: "{n, plural, one {# member} other {# members}}".
 * The language's Intl.PluralRules choose the variant (nb, nn and en know "one" and "other"), an
 * exact "=0" wins over the rule, and "#" is the count as given; {name} placeholders work inside.
 */
export function selectPlurals(
  text: string,
  params: Record<string, string | number> | undefined,
  rules: Intl.PluralRules,
): string {
  if (!text.includes("plural,")) return text;
  let out = "";
  let at = 0;
  PLURAL_START.lastIndex = 0;
  for (let m = PLURAL_START.exec(text); m; m = PLURAL_START.exec(text)) {
    const parsed = pluralVariants(text, m.index + m[0].length);
    if (!parsed) break;
    const raw = params?.[m[1]!];
    const count = countOf(raw);
    const variant =
      parsed.variants.get(`=${count}`) ??
      (Number.isNaN(count) ? undefined : parsed.variants.get(rules.select(count))) ??
      parsed.variants.get("other")!;
    out += text.slice(at, m.index) + variant.replaceAll("#", raw === undefined ? "#" : String(raw));
    at = parsed.end;
    PLURAL_START.lastIndex = parsed.end;
  }
  return out + text.slice(at);
}

/** The variants of a plural from just after "{n, plural,", and where it ends; null if malformed. */
function pluralVariants(text: string, from: number): { variants: Map<string, string>; end: number } | null {
  const variants = new Map<string, string>();
  let i = from;
  for (;;) {
    while (text[i] === " " || text[i] === "\n") i++;
    if (text[i] === "}") return variants.has("other") ? { variants, end: i + 1 } : null;
    const selector = /^(=\d+|\w+)\s*\{/.exec(text.slice(i, i + 40));
    if (!selector) return null;
    i += selector[0].length;
    const start = i;
    for (let depth = 1; depth > 0; i++) {
      if (i >= text.length) return null;
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
    }
    variants.set(selector[1]!, text.slice(start, i - 1));
  }
}

/** A count given as a number or as text already formatted ("1 200", "1,200"). */
const countOf = (raw: string | number | undefined): number =>
  typeof raw === "number" ? raw : raw === undefined ? Number.NaN : Number(raw.replace(/[\s\u00a0\u202f,.]/g, "") || Number.NaN);

function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** The cookie that keeps a language chosen with ?lang=. */
export const LANG_COOKIE = "samverk_lang";

/** Picks the locale: ?lang= first, then the cookie, then Accept-Language, then bokmål. */
export function negotiateLocale(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(query)) return query;
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("nn")) return "nn";
    if (tag.startsWith("nb") || tag === "no" || tag.startsWith("no-")) return "nb";
    if (tag.startsWith("en")) return "en";
  }
  return "nb";
}
