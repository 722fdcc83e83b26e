import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import { dbId } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugParam } from "../../networks/index.ts";
import { type AmbitionProgress, ambitionInput, COVERAGE_STANDINGS } from "./ambitions.service.ts";
import { AMBITION_KINDS } from "../schema.ts";
import { planProgress } from "../strategies.service.ts";

const int = z.number().int();
const ambitionParams = slugParam.extend({ id: dbId });
const states = z.enum(["met", "open", "missed"]);

const ambitionOut = z.object({
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

const summary = ({ ambition: a, measurement: m, state }: AmbitionProgress) => ({
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

/** A network's regional ambitions, measured, and its strategy dashboard. */
export function ambitionsApi(api: ApiRouter, { services }: AppContext) {
  const { networks, ambitions, strategies, adoption } = services;
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
      const { id } = await network(params);
      const [{ items, total }, members] = await Promise.all([
        ambitions.repo.listPage(id, q),
        adoption.repo.adopters({ networkId: id }),
      ]);
      // Only the page's ambitions are measured, each against the same members, read once.
      const today = osloToday();
      const measured = await Promise.all(items.map((a) => ambitions.progress(a, today, members)));
      return { items: measured.map(summary), total };
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

  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/strategy-dashboard",
    operationId: "getStrategyDashboard",
    summary: "The network's ambitions, the progress of its shared action plan and the coverage of member strategies",
    tag,
    params: slugParam,
    response: z.object({
      ambitions: z.array(ambitionOut),
      sharedStrategy: z
        .object({
          id: int,
          title: z.string(),
          focusAreas: z.array(z.object({ id: int.nullable(), title: z.string(), done: int, measures: int, overdue: int })),
        })
        .nullable(),
      coverage: z.object({
        year: int,
        members: z.array(
          z.object({ organisationId: int, name: z.string(), standing: z.enum(COVERAGE_STANDINGS), strategyId: int.nullable() }),
        ),
      }),
    }),
    handler: async ({ params }) => {
      const { id } = await network(params);
      const year = Number(osloToday().slice(0, 4));
      const [items, current, coverage] = await Promise.all([
        ambitions.ofNetwork(id),
        strategies.currentOfNetwork(id),
        ambitions.coverage(id, year),
      ]);
      const shared = current ? await strategies.detail(current.id) : null;
      const row = (areaId: number | null, title: string, list: NonNullable<typeof shared>["measures"]) => {
        const p = planProgress(list);
        return { id: areaId, title, done: p.done, measures: p.n, overdue: p.overdue };
      };
      return {
        ambitions: items.map(summary),
        sharedStrategy: shared
          ? {
              id: shared.strategy.id,
              title: shared.strategy.title,
              // The last row, without an id, is the whole plan.
              focusAreas: [
                ...shared.focusAreas.map((a) =>
                  row(
                    a.id,
                    a.title,
                    shared.measures.filter((m) => m.focusAreaId === a.id),
                  ),
                ),
                row(null, shared.strategy.title, shared.measures),
              ],
            }
          : null,
        coverage: {
          year,
          members: coverage.map((c) => ({
            organisationId: c.id,
            name: c.name,
            standing: c.standing,
            strategyId: c.strategy?.id ?? null,
          })),
        },
      };
    },
  });
}
