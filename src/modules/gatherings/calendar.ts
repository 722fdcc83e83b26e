import type { Actor } from "../../platform/access/actor.ts";
import { canSee } from "../../platform/access/visibility.ts";
import { type CalendarEvent, sequenceOf } from "../../platform/http/icalendar.ts";
import type { AppContext } from "../../platform/module.ts";
import { publicBaseUrl } from "../../platform/services.ts";
import type { Gathering, GatheringSession } from "./gatherings.repo.ts";

/**
 * A gathering's calendar entry and, for each item of its programme, its own (RFC 5545). Every save of
 * the gathering, and every change to its programme, stamps the gathering's `updatedAt`, so a moved
 * gathering or item comes with a higher SEQUENCE and a new LAST-MODIFIED.
 */
export function gatheringEvents(baseUrl: string, g: Gathering, sessions: readonly GatheringSession[] = []): CalendarEvent[] {
  const url = `${baseUrl}/gatherings/${g.id}`;
  const location = [g.place, g.videoUrl].filter(Boolean).join(", ");
  const sequence = sequenceOf(g.updatedAt);
  return [
    {
      uid: `gathering-${g.id}@samverk`,
      summary: g.title,
      description: [g.description, url].filter(Boolean).join("\n\n"),
      url,
      location,
      updatedAt: g.updatedAt,
      sequence,
      when: { start: g.startsAt, end: g.endsAt },
      busy: true,
    },
    ...sessions.map((s, i) => ({
      uid: `gathering-${g.id}-session-${s.id}@samverk`,
      summary: `${g.title}: ${s.title}`,
      description: [s.speakers, url].filter(Boolean).join("\n\n"),
      url,
      location: s.room || location,
      updatedAt: g.updatedAt,
      sequence,
      // An item lasts until the next one starts, the last until the gathering ends.
      when: { start: s.startsAt, end: sessions[i + 1]?.startsAt ?? g.endsAt },
    })),
  ];
}

/** The gatherings in the calendars that span modules: a network's, and those a person registered for. */
export const gatheringCalendar = {
  network: async (ctx: AppContext, viewer: Actor | null, network: { id: number }) => {
    const at = new Date();
    const { gatherings } = ctx.services;
    const [coming, past] = await Promise.all([
      gatherings.list(viewer, { networkId: network.id, when: { at, past: false } }),
      gatherings.list(viewer, { networkId: network.id, when: { at, past: true } }),
    ]);
    return [...coming, ...past].flatMap((r) => gatheringEvents(publicBaseUrl(ctx.config), r.gathering));
  },
  person: async (ctx: AppContext, viewer: Actor) => {
    if (viewer.userId === null) return [];
    const rows = await ctx.services.gatherings.repo.registeredBy(viewer.userId);
    // Checked as the person is now: a gathering made internal since, in a network they left, is not sent.
    return rows
      .filter(({ gathering: g }) => canSee(viewer, { networkId: g.networkId, visibility: g.visibility }))
      .flatMap((r) => gatheringEvents(publicBaseUrl(ctx.config), r.gathering));
  },
};
