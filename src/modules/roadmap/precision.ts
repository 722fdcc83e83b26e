import type { I18n } from "../../platform/i18n/i18n.ts";
import type { Precision } from "./schema.ts";

/**
 * Whether a date is the first day of the period its precision names: a milestone known as "Q3 2027"
 * is stored as 2027-07-01 with precision "quarter". A date that says more than its precision (the
 * 15th of a month, "by quarter") contradicts it.
 */
export function startsPeriod(date: string, precision: Precision): boolean {
  const m = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  switch (precision) {
    case "day":
      return true;
    case "month":
      return day === 1;
    case "quarter":
      return day === 1 && [1, 4, 7, 10].includes(month);
    case "half_year":
      return day === 1 && (month === 1 || month === 7);
    case "year":
      return day === 1 && month === 1;
  }
}

/** The last day of the period, for "is it before the deadline" and for calendars. */
export function periodEnd(date: string, precision: Precision): string {
  const d = new Date(`${date}T00:00:00Z`);
  const months = { day: 0, month: 1, quarter: 3, half_year: 6, year: 12 }[precision];
  if (months === 0) return date;
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A date as precisely as it is known: "1 March 2027", "March 2027", "Q3 2027", "H2 2027", "2027". */
export function periodLabel(i18n: Pick<I18n, "t" | "date" | "locale">, date: string, precision: Precision): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (precision) {
    case "day":
      return i18n.date(date);
    case "month":
      return new Intl.DateTimeFormat(i18n.locale === "en" ? "en-GB" : "nb-NO", {
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(new Date(`${date}T00:00:00Z`));
    case "quarter":
      return i18n.t("roadmap.quarter", { n: Math.floor((month - 1) / 3) + 1, year });
    case "half_year":
      return i18n.t("roadmap.half", { n: month < 7 ? 1 : 2, year });
    case "year":
      return year;
  }
}
