import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { linkInput } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { projectApiKit, projectOut, valueOrInvalid } from "../api-shapes.ts";
import { fundingParams, linkParams, projectParams, relationParams } from "../params.ts";
import { fundingInput, relationInput } from "./resources.service.ts";

/** A project's funding, links and relations, through the API; each addition answers with the project. */
export function resourcesApi(api: ApiRouter, ctx: AppContext) {
  const { projects } = ctx.services;
  const { tag, resource, detail } = projectApiKit(ctx);

  // Funding, links and relations: each added with POST and removed with DELETE; the project answers.
  const children = [
    {
      path: "funding",
      param: "fundingId",
      params: fundingParams,
      body: fundingInput,
      name: "Funding",
      what: "a funding source with the amounts applied for and granted",
      add: projects.addFunding,
      remove: projects.removeFunding,
    },
    {
      path: "links",
      param: "linkId",
      params: linkParams,
      body: linkInput,
      name: "Link",
      what: "a link",
      add: projects.addLink,
      remove: projects.removeLink,
    },
    {
      path: "relations",
      param: "relationId",
      params: relationParams,
      body: relationInput,
      name: "Relation",
      what: "a relation to another project (builds on, replaces, related)",
      add: projects.addRelation,
      remove: projects.removeRelation,
    },
  ] as const;
  for (const c of children) {
    api.route({
      policy: "project.update",
      resource,
      method: "POST",
      path: `/projects/:id/${c.path}`,
      operationId: `addProject${c.name}`,
      summary: `Add ${c.what}`,
      tag,
      params: projectParams,
      body: c.body,
      response: projectOut,
      status: 201,
      handler: async ({ actor, params, req }) => {
        valueOrInvalid(await c.add.call(projects, actor, params.id, req.body));
        return detail(params.id, actor);
      },
    });
    api.route({
      policy: "project.update",
      resource,
      method: "DELETE",
      path: `/projects/:id/${c.path}/:${c.param}`,
      operationId: `removeProject${c.name}`,
      summary: `Remove ${c.what}`,
      tag,
      params: c.params,
      response: z.null(),
      status: 204,
      handler: async ({ actor, params }) => {
        await c.remove.call(projects, actor, params.id, (params as Record<string, number>)[c.param]!);
        return null;
      },
    });
  }
}
