import type { FastifyReply } from "fastify";
import ical, { ICalCalendarMethod, ICalEventTransparency } from "ical-generator";

/**
 * iCalendar (RFC 5545) files and feeds that calendar programs subscribe to: the roadmap's milestones
 * as all-day events over their periods, gatherings and their programmes and meetings as timed events.
 * The text is written by ical-generator (decision 0041), which escapes and folds it.
 */
export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  /** When the event last changed (DTSTAMP and LAST-MODIFIED), so programs take the newer copy. */
  updatedAt: Date;
  /**
   * The event's revision (SEQUENCE): it must never go down, and must go up when the event's time moves,
   * or a program that has the event keeps the old time. `sequenceOf(updatedAt)` gives one; 0 without.
   */
  sequence?: number;
  location?: string;
  /** Whole days (the end exclusive, as iCalendar counts), or a span of time (a start alone: a moment). */
  when: { startDate: string; endDate: string } | { start: Date; end?: Date };
  /** Whether it takes the reader's time (a gathering) or only marks a period (a milestone). */
  busy?: boolean;
}

/** 2020-01-01 in UTC: sequences count seconds from then, so they fit iCalendar's 32-bit INTEGER until 2088. */
const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/**
 * A SEQUENCE for a record that has no revision number of its own: the seconds from 2020 to its last
 * change. RFC 5545 (3.8.7.4) asks that SEQUENCE never decreases and rises at least when the start, end
 * or duration change; raising it at every save is allowed, and every save stamps `updatedAt` anew, so a
 * moved event always comes out with a higher number without a column to keep it in. Two saves within
 * the same second share a number (DTSTAMP still tells them apart to the second).
 */
export const sequenceOf = (updatedAt: Date) => Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH) / 1000));

/**
 * The calendar's name as iCalendar text: ical-generator writes NAME and X-WR-CALNAME as given, without
 * the escaping it gives every event's text, so a comma, semicolon or newline is escaped here (RFC 5545, 3.3.11).
 */
const escapeText = (v: string) => v.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");

/** A day as an instant at midnight UTC: with no time zone set, ical-generator writes a date's UTC day. */
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * A calendar of events, its lines folded and ended with CRLF. Times are written in UTC ("…Z"), so no
 * VTIMEZONE is needed; a time in Norway is made an instant before it gets here (`osloInstant`).
 */
export function toICalendar(name: string, events: CalendarEvent[], product = "Samverk"): string {
  const calendar = ical({
    prodId: { company: "Samverk", product, language: "NB" },
    method: ICalCalendarMethod.PUBLISH,
    scale: "GREGORIAN",
    name: escapeText(name),
  });
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence ?? 0,
      stamp: e.updatedAt,
      lastModified: e.updatedAt,
      ...("startDate" in e.when
        ? { allDay: true, start: day(e.when.startDate), end: day(e.when.endDate) }
        : { start: e.when.start, end: e.when.end ?? null }),
      summary: e.summary,
      description: e.description,
      location: e.location || null,
      url: e.url,
      transparency: e.busy ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
    });
  }
  return `${calendar.toString()}\r\n`;
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
