import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import { type Result, ValidationError } from "../../platform/http/errors.ts";
import type { AppContext } from "../../platform/module.ts";
import type { ProjectService } from "./projects.service.ts";
import {
  BENEFIT_TYPES,
  PARTICIPANT_ROLES,
  PHASES,
  PROJECT_KINDS,
  RELATION_KINDS,
  STATUS_COLOURS,
  STATUS_DIMENSIONS,
} from "./schema.ts";

/** What the projects API answers with, shared by the project's own routes and its sub-features'. */

export const int = z.number().int();
export const colour = z.enum(STATUS_COLOURS);

export const participantOut = z.object({
  organisationId: int,
  organisationName: z.string(),
  role: z.enum(PARTICIPANT_ROLES),
  fromDate: z.string().nullable(),
});

export const reportOut = z.object({
  id: int,
  reportDate: z.string(),
  ...Object.fromEntries(
    STATUS_DIMENSIONS.flatMap((d) => [
      [d, colour],
      [`${d}Comment`, z.string()],
    ]),
  ),
});

export const measurementOut = z.object({
  id: int,
  measuredOn: z.string(),
  value: z.number(),
  note: z.string(),
  organisationId: int
    .nullable()
    .describe("The participating organisation whose own benefit this is; null for the project as a whole"),
});
export const benefitOut = z.object({
  id: int,
  title: z.string(),
  type: z.enum(BENEFIT_TYPES),
  ownerPersonId: int.nullable(),
  indicator: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  targetDate: z.string().nullable(),
  achievement: z.number().nullable().describe("(latest − baseline) / (target − baseline); null before the first measurement"),
  trend: z.enum(["up", "down", "flat"]).nullable(),
  measurements: z.array(measurementOut),
  organisations: z
    .array(z.object({ organisationId: int, measuredOn: z.string(), latest: z.number(), achievement: z.number().nullable() }))
    .describe("Each participating organisation's own realised benefit: its latest measurement"),
});

export const projectOut = z.object({
  id: int,
  networkSlug: z.string(),
  ownerOrganisationId: int.nullable(),
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  problem: z.string(),
  kind: z.enum(PROJECT_KINDS),
  sector: z.string(),
  phase: z.enum(PHASES),
  contactPersonId: int.nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budget: int.nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(VISIBILITY_VALUES),
  bodyId: int.nullable(),
  version: int.describe("Send it back with PATCH: a save over someone else's newer one is refused with 409"),
  participants: z.array(participantOut),
  funding: z.array(z.object({ id: int, source: z.string(), applied: int, granted: int.nullable() })),
  links: z.array(z.object({ id: int, title: z.string(), url: z.string() })),
  relations: z
    .array(
      z.object({
        id: int,
        kind: z.enum(RELATION_KINDS),
        outgoing: z
          .boolean()
          .describe("true: this project builds on / replaces / relates to the other; false: the other one to this"),
        otherId: int,
        otherTitle: z.string(),
      }),
    )
    .describe("Relations to projects the caller may see"),
  documents: z.array(z.object({ id: int, title: z.string(), fileName: z.string(), size: int, url: z.string() })),
  latestStatus: reportOut.nullable(),
  benefits: z.array(benefitOut),
});

/** A project as the API shows it: its fields and everything hanging off it, as this viewer may see it. */
export async function projectDetail(projects: ProjectService, id: number, viewer: Actor | null) {
  const d = await projects.visible(id, viewer);
  const strip = <T extends { projectId?: unknown; createdAt?: unknown; createdById?: unknown }>(r: T) => {
    const { projectId: _p, createdAt: _c, createdById: _b, ...rest } = r;
    return rest;
  };
  return {
    ...d.project,
    networkSlug: d.networkSlug,
    participants: d.participants.map(({ organisationId, organisationName, role, fromDate }) => ({
      organisationId,
      organisationName,
      role,
      fromDate,
    })),
    funding: d.resources.funding.map(({ id, source, applied, granted }) => ({ id, source, applied, granted })),
    links: d.resources.links.map(({ id, title, url }) => ({ id, title, url })),
    relations: d.resources.relations,
    documents: d.resources.documents.map(({ id: documentId, title, fileName, size }) => ({
      id: documentId,
      title,
      fileName,
      size,
      url: `/projects/${id}/documents/${documentId}`,
    })),
    latestStatus: d.reports[0] ? strip(d.reports[0]) : null,
    benefits: d.benefits.map(({ ownerName: _o, ...b }) => ({
      ...strip(b),
      measurements: b.measurements.map(({ benefitId: _b, createdAt: _c, organisationName: _n, ...m }) => m),
      organisations: b.organisations.map(({ organisationName: _n, ...o }) => o),
    })),
  };
}

/** A command's value, or its field errors as the API's 422. */
export function valueOrInvalid<T>(result: Result<T>): T {
  if (!result.ok) throw new ValidationError(result.errors);
  return result.value;
}

/** What every projects API route function shares: its tag, the project a rule is checked against, the detail. */
export function projectApiKit({ services }: AppContext) {
  const { projects } = services;
  return {
    tag: "projects",
    /** The project in the path, as the policies see it (404 if there is none). */
    resource: ({ id }: { id: number }) => projects.resource(id),
    detail: (id: number, viewer: Actor | null) => projectDetail(projects, id, viewer),
  };
}
