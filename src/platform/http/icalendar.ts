import type { FastifyReply } from "fastify";

/**
 * iCalendar (RFC 5545) files and feeds that calendar programs subscribe to: the roadmap's milestones
 * as all-day events over their periods, gatherings and their programmes as timed events.
 */
export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  /** When the event last changed (DTSTAMP and LAST-MODIFIED), so programs take the newer copy. */
  updatedAt: Date;
  location?: string;
  /** Whole days (the end exclusive, as iCalendar counts), or a span of time (a start alone: a moment). */
  when: { startDate: string; endDate: string } | { start: Date; end?: Date };
  /** Whether it takes the reader's time (a gathering) or only marks a period (a milestone). */
  busy?: boolean;
}

/** Text as iCalendar wants it: backslash, semicolon, comma and newlines escaped (RFC 5545, 3.3.11). */
const escapeText = (v: string) =>
  v
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");

/** Lines longer than 75 octets are folded with a space at the start of the next (RFC 5545, 3.1). */
function fold(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
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
/** An instant in UTC, as iCalendar writes it ("20270301T090000Z"). */
const utc = (d: Date) => `${d.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;

function eventLines(e: CalendarEvent): string[] {
  const span =
    "startDate" in e.when
      ? [`DTSTART;VALUE=DATE:${basicDate(e.when.startDate)}`, `DTEND;VALUE=DATE:${basicDate(e.when.endDate)}`]
      : [`DTSTART:${utc(e.when.start)}`, ...(e.when.end ? [`DTEND:${utc(e.when.end)}`] : [])];
  return [
    "BEGIN:VEVENT",
    `UID:${e.uid}`,
    `DTSTAMP:${utc(e.updatedAt)}`,
    `LAST-MODIFIED:${utc(e.updatedAt)}`,
    ...span,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    `URL:${e.url}`,
    `TRANSP:${e.busy ? "OPAQUE" : "TRANSPARENT"}`,
    "END:VEVENT",
  ];
}

/** A calendar of events, its lines folded and ended with CRLF. */
export function toICalendar(name: string, events: CalendarEvent[], product = "Samverk"): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//Samverk//${product}//NB`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap(eventLines),
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/**
 * Answers a calendar file or feed. What a feed holds depends on who asks (the visibility rule), so
 * no cache keeps it.
 */
export const sendCalendar = (reply: FastifyReply, filename: string, body: string) =>
  reply
    .type("text/calendar; charset=utf-8")
    .header("content-disposition", `inline; filename="${filename}"`)
    .header("cache-control", "no-store")
    .send(body);
