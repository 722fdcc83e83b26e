import type { ApiRouter } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { detailOf, resultOf, solutionOut, tag } from "../solutions.api.ts";
import { importInput } from "./publiccode.service.ts";

/** A new solution from a publiccode.yml file. */
export function publiccodeApi(api: ApiRouter, { services }: AppContext) {
  const { solutions } = services;

  api.route({
    policy: "solution.create",
    method: "POST",
    path: "/solutions/import",
    operationId: "importPubliccode",
    summary: "Create a solution from a publiccode.yml file (the 0.x standard, from 0.2); every problem in the file is listed",
    tag,
    body: importInput,
    response: solutionOut,
    status: 201,
    handler: async ({ actor, req }) => {
      return detailOf(services, resultOf(await solutions.importPubliccode(actor, req.body)).id, actor);
    },
  });
}
