import { en } from "./en.ts";
import { type MessageKey, nb } from "./nb.ts";
import { nn } from "./nn.ts";

export const LOCALES = ["nb", "nn", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

export const catalogues: Record<Locale, Record<MessageKey, string>> = { nb, nn, en };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

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
  return {
    locale,
    t: (key, params) => interpolate(catalogue[key] ?? key, params),
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
