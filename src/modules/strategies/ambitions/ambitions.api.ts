import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { dbId } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugParam } from "../../networks/index.ts";
import { AMBITION_KINDS } from "../schema.ts";
import { type AmbitionProgress, ambitionInput } from "./ambitions.service.ts";

const int = z.number().int();
const ambitionParams = slugParam.extend({ id: dbId });
const states = z.enum(["met", "open", "missed"]);

export const ambitionOut = z.object({
  id: int,
  title: z.string(),
  description: z.string(),
  kind: z.enum(AMBITION_KINDS),
  target: int.describe("Per cent of the members for the shares; projects a year for joint_projects"),
  deadline: z.string(),
  year: int.nullable().describe("strategy_coverage: the year the strategies must cover"),
  solutionId: int.nullable().describe("solution_adoption: the national solution"),
  value: z
    .number()
    .describe(
      "The value on measuredOn: per cent, or projects started that year. Once the deadline has passed, only what was true by the deadline counts",
    ),
  measuredOn: z
    .string()
    .describe("The day the value and the members' standing are measured on: today, or the deadline once it has passed"),
  state: states,
  isDemo: z.boolean(),
});
const ambitionDetailOut = ambitionOut.extend({
  history: z.array(z.object({ period: z.string().describe("A quarter's first day, or a year"), value: z.number() })),
  members: z.array(
    z.object({
      organisationId: int,
      name: z.string(),
      met: z.boolean(),
      evidence: z.object({ title: z.string(), href: z.string() }).nullable(),
    }),
  ),
});

/** An ambition as the API lists it: what it is and its value today (or at its deadline). */
export const summary = ({ ambition: a, measurement: m, state }: AmbitionProgress) => ({
  id: a.id,
  title: a.title,
  description: a.description,
  kind: a.kind,
  target: a.target,
  deadline: a.deadline,
  year: a.year,
  solutionId: a.solutionId,
  value: m.value,
  measuredOn: m.measuredOn,
  state,
  isDemo: a.isDemo,
});
const full = (p: AmbitionProgress) => ({
  ...summary(p),
  history: p.measurement.history,
  members: p.measurement.members.map(({ id, name, met, evidence }) => ({ organisationId: id, name, met, evidence })),
});

/** A network's regional ambitions, measured. */
export function ambitionsApi(api: ApiRouter, { services }: AppContext) {
  const { networks, ambitions } = services;
  const tag = "strategies";
  const network = async ({ slug }: { slug: string }) => networks.get(slug);

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/ambitions",
    operationId: "listAmbitions",
    summary: "The network's regional ambitions, each measured today, or on its deadline once that has passed",
    tag,
    params: slugParam,
    query: z.object(listQuery),
    response: listOf(ambitionOut),
    handler: async ({ params, query: q }) => {
      const { items, total } = await ambitions.pageOfNetwork((await network(params)).id, q);
      return { items: items.map(summary), total };
    },
  });

  api.route({
    policy: "ambition.manage",
    resource: network,
    method: "POST",
    path: "/networks/:slug/ambitions",
    operationId: "createAmbition",
    summary: "State an ambition (the network's secretariat); one that refers to data that does not exist is refused",
    tag,
    params: slugParam,
    body: ambitionInput,
    response: ambitionDetailOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await ambitions.create(actor, (await network(params)).id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return full(await ambitions.progress(result.value));
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/ambitions/:id",
    operationId: "getAmbition",
    summary: "One ambition: its value (today, or on its deadline once that has passed), its history and where each member stands",
    tag,
    params: ambitionParams,
    response: ambitionDetailOut,
    handler: async ({ params }) => full(await ambitions.progress(await ambitions.get((await network(params)).id, params.id))),
  });

  api.route({
    policy: "ambition.manage",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/ambitions/:id",
    operationId: "removeAmbition",
    summary: "Remove an ambition",
    tag,
    params: ambitionParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await ambitions.remove(actor, (await network(params)).id, params.id);
      return null;
    },
  });
}
