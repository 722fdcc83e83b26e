import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { meetingParams, networkSlugParams } from "../params.ts";
import { OUTCOMES } from "../schema.ts";
import { decisionInput, itemInput, meetingInput, minutesInput } from "./meetings.service.ts";

const int = z.number().int();

const decisionOut = z.object({
  id: int,
  agendaItemId: int,
  text: z.string(),
  outcome: z.enum(OUTCOMES),
  decidedOn: z.string(),
  isPublic: z.boolean(),
  supersedesId: int.nullable(),
  projectId: int.nullable().describe('The project an "approved as project" decision created'),
});
const meetingOut = z.object({
  id: int,
  networkId: int,
  bodyId: int,
  bodyName: z.string(),
  title: z.string(),
  meetingDate: z.string(),
  startTime: z.string(),
  place: z.string(),
  link: z.string(),
  visibility: z.enum(["public", "network", "body"]),
  minutesNote: z.string(),
  minutesApprovedAt: z.string().nullable().describe("Set once the minutes are approved; nothing in them changes after"),
  agenda: z.array(
    z.object({
      id: int,
      number: int,
      title: z.string(),
      description: z.string(),
      needId: int.nullable(),
      projectId: int.nullable(),
      documentId: int.nullable(),
      decision: decisionOut.nullable(),
    }),
  ),
  papers: z.array(z.object({ id: int, title: z.string() })),
});
export function meetingsApi(api: ApiRouter, { services }: AppContext) {
  const { meetings, networks } = services;
  const tag = "decisions";

  const detail = async (id: number, viewer: Actor | null) => {
    const d = await meetings.get(id, viewer);
    const { createdAt: _c, updatedAt: _u, isDemo: _d, minutesApprovedByLabel: _l, ...meeting } = d.meeting;
    return {
      ...meeting,
      bodyName: d.bodyName,
      minutesApprovedAt: meeting.minutesApprovedAt?.toISOString() ?? null,
      agenda: d.items.map((i) => ({
        id: i.item.id,
        number: i.item.number,
        title: i.item.title,
        description: i.item.description,
        needId: i.item.needId,
        projectId: i.item.projectId,
        documentId: i.item.documentId,
        decision: i.decision
          ? {
              id: i.decision.id,
              agendaItemId: i.decision.agendaItemId,
              text: i.decision.text,
              outcome: i.decision.outcome,
              decidedOn: i.decision.decidedOn,
              isPublic: i.decision.isPublic,
              supersedesId: i.decision.supersedesId,
              projectId: i.decision.projectId,
            }
          : null,
      })),
      papers: d.documents.map(({ id, title }) => ({ id, title })),
    };
  };
  const resource = ({ id }: { id: number }) => meetings.resource(id);
  const network = ({ slug }: { slug: string }) => networks.get(slug);

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/meetings",
    operationId: "listMeetings",
    summary: "The meetings of a network's bodies that the caller may see, newest first",
    tag,
    params: networkSlugParams,
    query: z.object(listQuery),
    response: listOf(
      z.object({ id: int, title: z.string(), meetingDate: z.string(), bodyId: int, minutesApproved: z.boolean() }),
    ),
    handler: async ({ actor, params, query: q }) => {
      const { items, total } = await meetings.page((await networks.get(params.slug)).id, actor, q);
      return {
        items: items.map((m) => ({
          id: m.meeting.id,
          title: m.meeting.title,
          meetingDate: m.meeting.meetingDate,
          bodyId: m.meeting.bodyId,
          minutesApproved: m.meeting.minutesApprovedAt !== null,
        })),
        total,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/meetings/:id",
    operationId: "getMeeting",
    summary: "A meeting with its agenda, papers and decisions",
    tag,
    params: meetingParams,
    response: meetingOut,
    handler: ({ actor, params }) => detail(params.id, actor),
  });

  api.route({
    policy: "meeting.create",
    resource: network,
    method: "POST",
    path: "/networks/:slug/meetings",
    operationId: "createMeeting",
    summary: "Call a meeting of one of the network's bodies",
    tag,
    params: networkSlugParams,
    body: meetingInput,
    response: meetingOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await meetings.create(actor, (await networks.get(params.slug)).id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(result.value.id, actor);
    },
  });

  const writes = [
    {
      path: "/meetings/:id",
      method: "PATCH" as const,
      operationId: "updateMeeting",
      summary: "Change a meeting; refused once its minutes are approved",
      body: meetingInput,
      run: (actor: Actor, id: number, body: unknown) => meetings.update(actor, id, body),
    },
    {
      path: "/meetings/:id/agenda",
      method: "POST" as const,
      operationId: "addAgendaItem",
      summary: "Put an item on the agenda, pointing to a need, a project or a paper",
      body: itemInput,
      run: (actor: Actor, id: number, body: unknown) => meetings.addItem(actor, id, body),
    },
    {
      path: "/meetings/:id/decisions",
      method: "POST" as const,
      operationId: "recordDecision",
      summary:
        'Record the decision on an item of this meeting\'s agenda; "approved_as_project" creates the project from the need',
      body: decisionInput,
      run: (actor: Actor, id: number, body: unknown, t: Parameters<typeof meetings.decide>[3]) =>
        meetings.decide(actor, id, body, t),
    },
    {
      path: "/meetings/:id/minutes",
      method: "PATCH" as const,
      operationId: "saveMinutes",
      summary: "Write the minutes' own text; refused once they are approved",
      body: minutesInput,
      run: (actor: Actor, id: number, body: unknown) => meetings.saveMinutes(actor, id, body),
    },
    {
      path: "/meetings/:id/approve",
      method: "POST" as const,
      operationId: "approveMinutes",
      summary: "Approve the minutes: from then on the meeting and its decisions never change",
      body: z.object({}),
      run: (actor: Actor, id: number) => meetings.approveMinutes(actor, id),
    },
  ];
  for (const w of writes)
    api.route({
      policy: "meeting.manage",
      resource,
      method: w.method,
      path: w.path,
      operationId: w.operationId,
      summary: w.summary,
      tag,
      params: meetingParams,
      body: w.body,
      response: meetingOut,
      status: w.method === "POST" && w.operationId !== "approveMinutes" ? 201 : 200,
      handler: async ({ actor, params, req }) => {
        const result = await w.run(actor, params.id, req.body, req.i18n.t);
        if (!result.ok) throw new ValidationError(result.errors);
        return detail(params.id, actor);
      },
    });
}
