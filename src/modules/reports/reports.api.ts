import { z } from "zod";
import type { ApiRouter } from "../../platform/http/api.ts";
import type { AppContext } from "../../platform/module.ts";
import { slugParam } from "../networks/index.ts";
import { SIZE_CLASSES } from "../roadmap/index.ts";
import { comparisonQuery, memberParams, reportQuery, sortMembers } from "./reports.routes.tsx";
import { FIGURES, periodOf } from "./reports.service.ts";

const int = z.number().int();
const figures = z
  .object(
    Object.fromEntries(FIGURES.map((f) => [f, z.number().nullable()])) as Record<
      (typeof FIGURES)[number],
      z.ZodNullable<z.ZodNumber>
    >,
  )
  .describe(
    "projects: joint projects taken part in (lead or participant); led; benefits: benefits measured for itself; solutions: solutions taken into use through the network; adoption: share of the national solutions in use (null: none relevant); needsRaised; needsSupported; inputs: inputs to consultations; registrations and attended: gathering registrations confirmed and marked attended; seats: seats in the network's bodies; fee, releasedHours, releasedAmount: from the budgets the caller may see (null: none); surveyResponses. Counted over what the caller may see.",
  );
const period = z.object({
  year: int.nullable().describe("null: the network's lifetime"),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
const member = z.object({
  organisationId: int,
  name: z.string(),
  population: int.nullable(),
  sizeClass: z.enum(SIZE_CLASSES).nullable().describe("null: no population registered, so no size class"),
  level: z.string(),
  figures,
});
const medians = z
  .object(
    Object.fromEntries(SIZE_CLASSES.map((s) => [s, z.object({ members: int, figures })])) as Record<
      (typeof SIZE_CLASSES)[number],
      z.ZodObject<{ members: z.ZodNumber; figures: typeof figures }>
    >,
  )
  .describe(
    "Per size class: how many members, and the median of each figure over them (members without a population are in none)",
  );

/** The member reports in the API: one member's, and the comparison of all; the same figures as the pages. */
export function reportsApi(api: ApiRouter, { services }: AppContext) {
  const { networks, memberReports: reports } = services;
  const tag = "reports";
  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/member-reports",
    operationId: "compareMembers",
    summary: "Every member of the network on the same figures for a year or the lifetime, with the medians per size class",
    tag,
    params: slugParam,
    query: comparisonQuery,
    response: z.object({ period, nationalSolutions: int, members: z.array(member), medians }),
    handler: async ({ params, query, actor }) => {
      const network = await networks.get(params.slug);
      const c = await reports.comparison(network.id, periodOf(query.year), actor);
      return {
        period: c.period,
        nationalSolutions: c.nationalSolutions,
        members: sortMembers(c.members, query.sort),
        medians: c.medians,
      };
    },
  });
  api.route({
    policy: "public",
    method: "GET",
    path: "/networks/:slug/member-reports/:organisationId",
    operationId: "getMemberReport",
    summary: "What one member got out of the network in a year or its lifetime, beside the median of its size class",
    tag,
    params: memberParams,
    query: reportQuery,
    response: z.object({
      period,
      member,
      median: z
        .object({ members: int, figures })
        .nullable()
        .describe("The members of the same size class; null when the member has no size class"),
      projects: z.array(
        z.object({
          id: int,
          title: z.string(),
          phase: z.string(),
          role: z.string(),
          benefits: z.array(
            z.object({
              benefitId: int,
              title: z.string(),
              unit: z.string(),
              own: z.number().nullable().describe("The member's own latest measurement"),
              project: z.number().nullable().describe("The project's latest measurement as a whole"),
              ownAchievement: z.number().nullable(),
              projectAchievement: z.number().nullable(),
            }),
          ),
        }),
      ),
      solutions: z.array(z.object({ solutionId: int, name: z.string(), since: z.string().nullable() })),
      adoption: z.array(
        z.object({
          solutionId: int,
          name: z.string(),
          status: z.string().nullable(),
          inUse: z.boolean(),
          networkShare: z.number().nullable(),
        }),
      ),
      needs: z.array(z.object({ id: int, title: z.string(), state: z.string(), raised: z.boolean(), projectId: int.nullable() })),
      inputs: z
        .array(
          z.object({
            consultationId: int,
            consultationTitle: z.string(),
            published: z.boolean(),
            inputs: int,
            references: z.array(z.string()).nullable().describe("Only for the network's people; null for others"),
          }),
        )
        .describe("Inputs received or handled (not spam, not merged), per consultation"),
      gatherings: z.array(z.object({ gatheringId: int, title: z.string(), startsAt: z.string(), confirmed: int, attended: int })),
      seats: z.array(z.object({ bodyId: int, bodyName: z.string(), role: z.string(), personName: z.string() })),
      money: z.object({ fee: z.number(), releasedHours: z.number(), releasedAmount: z.number() }).nullable(),
      surveys: z.array(
        z.object({
          surveyId: int,
          title: z.string(),
          year: int,
          responses: int,
          scaleMean: z.number().nullable(),
          hidden: z.boolean(),
        }),
      ),
    }),
    handler: async ({ params, query, actor }) => {
      const network = await networks.get(params.slug);
      const r = await reports.memberReport(network.id, params.organisationId, periodOf(query.year), actor);
      return {
        period: r.period,
        member: r.member,
        median: r.median,
        projects: r.projects.map((p) => ({
          id: p.id,
          title: p.title,
          phase: p.phase,
          role: p.role,
          benefits: p.benefits.map(({ baseline: _b, target: _t, ...b }) => b),
        })),
        solutions: r.solutions.map(({ solutionId, name, since }) => ({ solutionId, name, since })),
        adoption: r.adoption,
        needs: r.needs.map(({ id, title, state, raised, projectId }) => ({ id, title, state, raised: !!raised, projectId })),
        inputs: r.inputs,
        gatherings: r.gatherings.map(({ gatheringId, title, startsAt, confirmed, attended }) => ({
          gatheringId,
          title,
          startsAt: new Date(startsAt).toISOString(),
          confirmed,
          attended,
        })),
        seats: r.seats.map(({ bodyId, bodyName, role, personName }) => ({ bodyId, bodyName, role, personName })),
        money: r.money,
        surveys: r.surveys.map(({ surveyId, title, year, responses, scaleMean, hidden }) => ({
          surveyId,
          title,
          year,
          responses,
          scaleMean,
          hidden,
        })),
      };
    },
  });
}
