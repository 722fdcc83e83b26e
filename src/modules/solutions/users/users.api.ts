import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionParams, solutionUserParams } from "../params.ts";
import { detailOf, resultOf, tag, userOut } from "../solutions.api.ts";
import { userInput } from "./users.service.ts";

/** Saying that an organisation uses a solution, and that it no longer does. */
export function usersApi(api: ApiRouter, { services }: AppContext) {
  const { solutions } = services;

  api.route({
    policy: "solution.create",
    method: "POST",
    path: "/solutions/:id/users",
    operationId: "addSolutionUser",
    summary: "Say that an organisation you act for uses the solution (or change since when)",
    tag,
    params: solutionParams,
    body: userInput,
    response: z.array(userOut),
    handler: async ({ actor, params, req }) => {
      resultOf(await solutions.addUser(actor, params.id, req.body));
      return (await detailOf(services, params.id, actor)).usedBy;
    },
  });

  api.route({
    policy: "solution.use",
    resource: ({ organisationId }) => solutions.organisation(organisationId),
    method: "DELETE",
    path: "/solutions/:id/users/:organisationId",
    operationId: "removeSolutionUser",
    summary: "Say that an organisation no longer uses the solution",
    tag,
    params: solutionUserParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await solutions.removeUser(actor, params.id, params.organisationId);
      return null;
    },
  });
}
