import { sql } from "drizzle-orm";
import { documentSearch } from "../../platform/files/documents.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { bodies, networks } from "../networks/index.ts";
import { decisionVisibleWhere, meetingVisibleWhere } from "./meetings/meetings.repo.ts";
import {
  agendaItemSearchFields,
  agendaItems,
  decisionSearchFields,
  decisions,
  meetingDocuments,
  meetingSearchFields,
  meetings,
} from "./schema.ts";

/** A meeting with its body (for the visibility rule) and its network (for the hit). */
const meetingJoins = sql`join ${bodies} on ${bodies.id} = ${meetings.bodyId} join ${networks} on ${networks.id} = ${meetings.networkId}`;
const network = { id: networks.id, slug: networks.slug, name: networks.name };

/**
 * Meetings, their agenda items and their decisions in the site search, each as the meeting's page shows
 * it: an item is seen by whoever sees its meeting, a decision also under its own flag (decisionChain).
 * Items and decisions have no page of their own: they link to the item on the meeting's page. The
 * meeting's papers are found by their title and extracted text, by whoever may see the meeting (as
 * their download reads them).
 */
export const decisionsSearch: SearchSource[] = [
  {
    kind: "meeting",
    label: "search.kind.meetings",
    from: sql`${meetings} ${meetingJoins}`,
    id: meetings.id,
    fields: meetingSearchFields(meetings),
    href: sql`'/meetings/' || ${meetings.id}`,
    network,
    date: meetings.meetingDate,
    visible: meetingVisibleWhere,
  },
  {
    kind: "agenda-item",
    label: "search.kind.agendaItems",
    from: sql`${agendaItems} join ${meetings} on ${meetings.id} = ${agendaItems.meetingId} ${meetingJoins}`,
    id: agendaItems.id,
    fields: agendaItemSearchFields(agendaItems),
    href: sql`'/meetings/' || ${meetings.id} || '#item-' || ${agendaItems.id}`,
    network,
    date: meetings.meetingDate,
    visible: meetingVisibleWhere,
  },
  {
    kind: "decision",
    label: "search.kind.decisions",
    from: sql`${decisions} join ${agendaItems} on ${agendaItems.id} = ${decisions.agendaItemId}
      join ${meetings} on ${meetings.id} = ${decisions.meetingId} ${meetingJoins}`,
    id: decisions.id,
    fields: decisionSearchFields(decisions),
    heading: agendaItems.title,
    href: sql`'/meetings/' || ${meetings.id} || '#item-' || ${decisions.agendaItemId}`,
    network,
    date: decisions.decidedOn,
    visible: decisionVisibleWhere,
  },
  documentSearch(meetingDocuments, {
    owner: sql`join ${meetings} on ${meetings.id} = ${meetingDocuments.meetingId} ${meetingJoins}`,
    href: sql`'/meetings/' || ${meetings.id} || '/documents/' || ${meetingDocuments.id}`,
    network,
    visible: meetingVisibleWhere,
  }),
];
