import { periodEnd } from "../precision.ts";
import type { Precision } from "../schema.ts";

export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string;
  /** The first day of the period; the event lasts the whole period its precision names. */
  date: string;
  precision: Precision;
  url: string;
  updatedAt: Date;
}

/** Text as iCalendar wants it: backslash, semicolon, comma and newlines escaped (RFC 5545, 3.3.11). */
const escapeText = (v: string) => v.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** Lines longer than 75 octets are folded with a space at the start of the next (RFC 5545, 3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    if (Buffer.byteLength(current + char, "utf8") > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const basicDate = (iso: string) => iso.replace(/-/g, "");
const stamp = (d: Date) => `${d.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
const dayAfter = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * An iCalendar (RFC 5545) feed calendar programs subscribe to: one all-day event per milestone,
 * spanning the day, month, quarter, half-year or year it is known to fall in.
 */
export function toICalendar(name: string, events: CalendarEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Samverk//Roadmap//NB",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((e) => [
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(e.updatedAt)}`,
      `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
      // DTEND is exclusive: the day after the period's last day.
      `DTEND;VALUE=DATE:${basicDate(dayAfter(periodEnd(e.date, e.precision)))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `URL:${e.url}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    ]),
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
