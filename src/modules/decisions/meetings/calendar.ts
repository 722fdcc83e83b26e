import type { Actor } from "../../../platform/access/actor.ts";
import { type CalendarEvent, sequenceOf } from "../../../platform/http/icalendar.ts";
import { osloInstant } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { publicBaseUrl } from "../../../platform/services.ts";
import type { Meeting } from "./meetings.repo.ts";

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);

/**
 * A body's meeting as a calendar entry (RFC 5545). Every change to a meeting stamps its `updatedAt`,
 * so a moved meeting comes with a higher SEQUENCE and a new LAST-MODIFIED.
 */
export function meetingEvent(base: string, { meeting: m, bodyName }: { meeting: Meeting; bodyName: string }): CalendarEvent {
  return {
    uid: `meeting-${m.id}@samverk`,
    summary: `${bodyName}: ${m.title}`,
    description: `${base}/meetings/${m.id}`,
    url: `${base}/meetings/${m.id}`,
    location: [m.place, m.link].filter(Boolean).join(", "),
    updatedAt: m.updatedAt,
    sequence: sequenceOf(m.updatedAt),
    // A start time as the form takes it ("10:00"); a meeting without one is a day in the calendar.
    when: /^([01]\d|2[0-3])[:.][0-5]\d$/.test(m.startTime)
      ? { start: osloInstant(m.meetingDate, m.startTime.replace(".", ":")) }
      : { startDate: m.meetingDate, endDate: dayAfter(m.meetingDate) },
    busy: true,
  };
}

/** The meetings in the calendars that span modules: a network's, and those of the bodies a person sits in. */
export const meetingCalendar = {
  network: async (ctx: AppContext, viewer: Actor | null, network: { id: number }) =>
    (await ctx.services.meetings.list(network.id, viewer)).map((r) => meetingEvent(publicBaseUrl(ctx.config), r)),
  person: async (ctx: AppContext, viewer: Actor) => {
    const base = publicBaseUrl(ctx.config);
    const seats = Object.entries(viewer.networks ?? {}).filter(([, g]) => g.bodies.length);
    const lists = await Promise.all(
      seats.map(async ([networkId, grant]) => {
        const bodyIds = new Set(grant.bodies.map((b) => b.id));
        return (await ctx.services.meetings.list(Number(networkId), viewer)).filter((r) => bodyIds.has(r.meeting.bodyId));
      }),
    );
    return lists.flat().map((r) => meetingEvent(base, r));
  },
};
