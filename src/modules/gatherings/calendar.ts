import type { Gathering, GatheringSession } from "./gatherings.repo.ts";

/** A gathering's calendar entry and, for each item of its programme, its own (RFC 5545). */
export function gatheringEvents(baseUrl: string, g: Gathering, sessions: readonly GatheringSession[] = []) {
  const url = `${baseUrl}/gatherings/${g.id}`;
  const location = [g.place, g.videoUrl].filter(Boolean).join(", ");
  return [
    {
      uid: `gathering-${g.id}@samverk`,
      summary: g.title,
      description: [g.description, url].filter(Boolean).join("\n\n"),
      url,
      location,
      updatedAt: g.updatedAt,
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
      // An item lasts until the next one starts, the last until the gathering ends.
      when: { start: s.startsAt, end: sessions[i + 1]?.startsAt ?? g.endsAt },
    })),
  ];
}
