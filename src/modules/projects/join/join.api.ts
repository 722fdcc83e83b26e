import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { int, projectApiKit, valueOrInvalid } from "../api-shapes.ts";
import { joinRequestParams, projectParams } from "../params.ts";
import { JOIN_REQUEST_STATES, type joinRequests } from "../schema.ts";
import { decisionInput, joinInput } from "./join.service.ts";

/** Requests to take part in a project, and the decisions on them, through the API. */
export function joinApi(api: ApiRouter, ctx: AppContext) {
  const { projects } = ctx.services;
  const { tag, resource } = projectApiKit(ctx);

  const joinRequestOut = z.object({
    id: int,
    organisationId: int,
    organisationName: z.string(),
    role: z.enum(["participant", "interested"]),
    note: z.string(),
    state: z.enum(JOIN_REQUEST_STATES),
    requestedByLabel: z.string(),
    decidedByLabel: z.string().nullable(),
    reason: z.string(),
  });
  const requestOut = ({
    request: r,
    organisationName,
  }: {
    request: typeof joinRequests.$inferSelect;
    organisationName: string;
  }) => ({
    id: r.id,
    organisationId: r.organisationId,
    organisationName,
    role: r.role,
    note: r.note,
    state: r.state,
    requestedByLabel: r.requestedByLabel,
    decidedByLabel: r.decidedByLabel,
    reason: r.reason,
  });
  const requestsOf = async (id: number) => (await projects.joinRequests(id)).map(requestOut);

  api.route({
    policy: "project.update",
    resource,
    method: "GET",
    path: "/projects/:id/join-requests",
    operationId: "listJoinRequests",
    summary: "Requests from organisations to take part, with their decisions (for those who run the project)",
    tag,
    params: projectParams,
    query: z.object(listQuery),
    response: listOf(joinRequestOut),
    handler: async ({ params, query: q }) => {
      const { items, total } = await projects.joinRequestsPage(params.id, q);
      return { items: items.map(requestOut), total };
    },
  });

  api.route({
    policy: "project.join",
    method: "POST",
    path: "/projects/:id/join-requests",
    operationId: "requestToJoinProject",
    summary: "Ask to take part in a project for an organisation you act for; the project's lead is told by e-mail",
    tag,
    params: projectParams,
    body: joinInput,
    response: z.object({ id: int }),
    status: 201,
    handler: async ({ actor, params, req }) => {
      await projects.visible(params.id, actor);
      const created = valueOrInvalid(await projects.requestToJoin(actor, params.id, req.body, req.i18n.t));
      return { id: created };
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "POST",
    path: "/projects/:id/join-requests/:requestId/decision",
    operationId: "decideJoinRequest",
    summary: "Accept (the organisation joins in the role it asked for) or decline a request; the asker is told by e-mail",
    tag,
    params: joinRequestParams,
    body: decisionInput,
    response: z.array(joinRequestOut),
    handler: async ({ actor, params, req }) => {
      valueOrInvalid(await projects.decideJoin(actor, params.id, params.requestId, req.body, req.i18n.t));
      return requestsOf(params.id);
    },
  });
}
