import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { participantOut, projectApiKit, valueOrInvalid } from "../api-shapes.ts";
import { participantParams, projectParams } from "../params.ts";
import { participantInput } from "./participants.service.ts";

/** The organisations taking part in a project, through the API. */
export function participantsApi(api: ApiRouter, ctx: AppContext) {
  const { projects } = ctx.services;
  const { tag, resource, detail } = projectApiKit(ctx);

  api.route({
    policy: "project.update",
    resource,
    method: "POST",
    path: "/projects/:id/participants",
    operationId: "setProjectParticipant",
    summary: "Add an organisation to a project, or change its role and from-date",
    tag,
    params: projectParams,
    body: participantInput,
    response: z.array(participantOut),
    handler: async ({ actor, params, req }) => {
      valueOrInvalid(await projects.setParticipant(actor, params.id, req.body));
      return (await detail(params.id, actor)).participants;
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "DELETE",
    path: "/projects/:id/participants/:organisationId",
    operationId: "removeProjectParticipant",
    summary: "Take an organisation off a project",
    tag,
    params: participantParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await projects.removeParticipant(actor, params.id, params.organisationId);
      return null;
    },
  });
}
