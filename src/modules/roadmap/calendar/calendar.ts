import { type CalendarEvent, sequenceOf, toICalendar } from "../../../platform/http/icalendar.ts";
import { periodEnd } from "../precision.ts";
import type { Precision } from "../schema.ts";

export interface MilestoneEvent {
  uid: string;
  summary: string;
  description: string;
  /** The first day of the period; the event lasts the whole period its precision names. */
  date: string;
  precision: Precision;
  url: string;
  updatedAt: Date;
}

const dayAfter = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The roadmap's feed: one all-day event per milestone, spanning the day, month, quarter, half-year
 * or year it is known to fall in.
 */
export function milestoneCalendar(name: string, milestones: MilestoneEvent[]): string {
  const events: CalendarEvent[] = milestones.map(({ date, precision, ...e }) => ({
    ...e,
    // Every change to a milestone (a move above all) stamps its `updatedAt`: the SEQUENCE rises with it.
    sequence: sequenceOf(e.updatedAt),
    // DTEND is exclusive: the day after the period's last day.
    when: { startDate: date, endDate: dayAfter(periodEnd(date, precision)) },
  }));
  return toICalendar(name, events, "Roadmap");
}
