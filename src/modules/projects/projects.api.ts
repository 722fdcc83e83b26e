import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import { type ApiRouter, listOf, listQuery } from "../../platform/http/api.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/http/errors.ts";
import { MAX_ID, query } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import {
  benefitParams,
  fundingParams,
  joinRequestParams,
  linkParams,
  measurementParams,
  networkSlugParams,
  participantParams,
  projectFilterShape,
  projectParams,
  relationParams,
  reportParams,
} from "./params.ts";
import {
  benefitFields,
  benefitInput,
  decisionInput,
  fundingInput,
  joinInput,
  linkInput,
  measurementInput,
  participantInput,
  phaseInput,
  projectFields,
  projectInput,
  relationInput,
  statusReportInput,
} from "./projects.service.ts";
import {
  BENEFIT_TYPES,
  JOIN_REQUEST_STATES,
  type joinRequests,
  PARTICIPANT_ROLES,
  PHASES,
  PROJECT_KINDS,
  RELATION_KINDS,
  STATUS_COLOURS,
  STATUS_DIMENSIONS,
} from "./schema.ts";

const int = z.number().int();
const colour = z.enum(STATUS_COLOURS);

const projectListItem = z.object({
  id: int,
  title: z.string(),
  summary: z.string(),
  kind: z.enum(PROJECT_KINDS),
  sector: z.string(),
  phase: z.enum(PHASES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budget: int.nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(VISIBILITY_VALUES),
  networkSlug: z.string(),
  ownerOrganisationId: int.nullable(),
  ownerName: z.string().nullable(),
  status: colour.nullable().describe("The overall status of the latest status report"),
  statusDate: z.string().nullable(),
});

const participantOut = z.object({
  organisationId: int,
  organisationName: z.string(),
  role: z.enum(PARTICIPANT_ROLES),
  fromDate: z.string().nullable(),
});

const reportOut = z.object({
  id: int,
  reportDate: z.string(),
  ...Object.fromEntries(
    STATUS_DIMENSIONS.flatMap((d) => [
      [d, colour],
      [`${d}Comment`, z.string()],
    ]),
  ),
});

const measurementOut = z.object({ id: int, measuredOn: z.string(), value: z.number(), note: z.string() });
const benefitOut = z.object({
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
});

const projectOut = z.object({
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

const phaseBody = phaseInput.describe("Moves the project to another phase; who and when is recorded");

export function projectsApi(api: ApiRouter, { services }: AppContext) {
  const { projects, networks } = services;
  const tag = "projects";

  const detail = async (id: number, viewer: Actor | null) => {
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
        measurements: b.measurements.map(({ benefitId: _b, createdAt: _c, ...m }) => m),
      })),
    };
  };
  const resource = ({ id }: { id: number }) => projects.resource(id);

  api.route({
    policy: "public",
    method: "GET",
    path: "/projects",
    operationId: "listProjects",
    summary: "The shared portfolio: projects the caller may see, filtered like the overview page",
    tag,
    query: query({ ...projectFilterShape, ...listQuery }),
    response: listOf(projectListItem),
    handler: async ({ actor, query: q }) => {
      const { items, total } = await projects.list(q, actor, q.sort, q.limit, q.offset);
      return {
        items: items.map(({ isDemo: _d, updatedAt: _u, networkId: _n, networkName: _nn, ...p }) => p),
        total,
      };
    },
  });

  api.route({
    policy: "public",
    method: "GET",
    path: "/projects/:id",
    operationId: "getProject",
    summary: "One project with its participants, latest status report and benefits",
    tag,
    params: projectParams,
    response: projectOut,
    handler: ({ actor, params }) => detail(params.id, actor),
  });

  api.route({
    policy: "project.create",
    resource: ({ slug }) => networks.get(slug),
    method: "POST",
    path: "/networks/:slug/projects",
    operationId: "createProject",
    summary: "Register a project in a network's portfolio",
    tag,
    params: networkSlugParams,
    body: projectInput,
    response: projectOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const network = await networks.get(params.slug);
      const result = await projects.create(actor, network.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(result.value.id, actor);
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "PATCH",
    path: "/projects/:id",
    operationId: "updateProject",
    summary: "Change a project; fields left out keep their value. `version` is required (optimistic locking).",
    tag,
    params: projectParams,
    body: projectFields.partial().extend({ version: z.number().int().positive().max(MAX_ID) }),
    response: projectOut,
    handler: async ({ actor, params, req }) => {
      const current = (await projects.repo.byId(params.id))!;
      const result = await projects.update(actor, params.id, { ...current, ...(req.body as object) });
      if (!result.ok) {
        if ("conflict" in result) throw new ConflictError(result.errors);
        throw new ValidationError(result.errors);
      }
      return detail(params.id, actor);
    },
  });

  api.route({
    policy: "project.delete",
    resource,
    method: "DELETE",
    path: "/projects/:id",
    operationId: "deleteProject",
    summary: "Remove a project with its reports and benefits",
    tag,
    params: projectParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await projects.remove(actor, params.id);
      return null;
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "POST",
    path: "/projects/:id/phase",
    operationId: "setProjectPhase",
    summary: "Move a project to another phase",
    tag,
    params: projectParams,
    body: phaseBody,
    response: projectOut,
    handler: async ({ actor, params, req }) => {
      const result = await projects.setPhase(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return detail(params.id, actor);
    },
  });

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
      const result = await projects.setParticipant(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
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

  api.route({
    policy: "public",
    method: "GET",
    path: "/projects/:id/status-reports",
    operationId: "listStatusReports",
    summary: "Every status report of a project, newest first",
    tag,
    params: projectParams,
    query: z.object(listQuery),
    response: listOf(reportOut),
    handler: async ({ actor, params, query: q }) => {
      await projects.visible(params.id, actor);
      return projects.repo.reportsPage(params.id, q);
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "POST",
    path: "/projects/:id/status-reports",
    operationId: "addStatusReport",
    summary: "Add a dated status report",
    tag,
    params: projectParams,
    body: statusReportInput,
    response: reportOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await projects.addReport(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return result.value;
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "DELETE",
    path: "/projects/:id/status-reports/:reportId",
    operationId: "deleteStatusReport",
    summary: "Remove a status report entered by mistake",
    tag,
    params: reportParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await projects.removeReport(actor, params.id, params.reportId);
      return null;
    },
  });

  const benefitOf = async (id: number, benefitId: number, actor: Actor | null) => {
    const benefit = (await detail(id, actor)).benefits.find((b) => b.id === benefitId);
    if (!benefit) throw new NotFoundError();
    return benefit;
  };

  api.route({
    policy: "project.update",
    resource,
    method: "POST",
    path: "/projects/:id/benefits",
    operationId: "addBenefit",
    summary: "Add a benefit with its indicator, baseline and target",
    tag,
    params: projectParams,
    body: benefitInput,
    response: benefitOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await projects.addBenefit(actor, params.id, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return benefitOf(params.id, result.value.id, actor);
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "PATCH",
    path: "/projects/:id/benefits/:benefitId",
    operationId: "updateBenefit",
    summary: "Change a benefit; fields left out keep their value",
    tag,
    params: benefitParams,
    body: benefitFields.partial(),
    response: benefitOut,
    handler: async ({ actor, params, req }) => {
      const current = await projects.getBenefit(params.id, params.benefitId);
      const result = await projects.updateBenefit(actor, params.id, params.benefitId, { ...current, ...(req.body as object) });
      if (!result.ok) throw new ValidationError(result.errors);
      return benefitOf(params.id, params.benefitId, actor);
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "DELETE",
    path: "/projects/:id/benefits/:benefitId",
    operationId: "deleteBenefit",
    summary: "Remove a benefit and its measurements",
    tag,
    params: benefitParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await projects.removeBenefit(actor, params.id, params.benefitId);
      return null;
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "POST",
    path: "/projects/:id/benefits/:benefitId/measurements",
    operationId: "addMeasurement",
    summary: "Record a dated measurement of a benefit's indicator",
    tag,
    params: benefitParams,
    body: measurementInput,
    response: benefitOut,
    status: 201,
    handler: async ({ actor, params, req }) => {
      const result = await projects.addMeasurement(actor, params.id, params.benefitId, req.body);
      if (!result.ok) throw new ValidationError(result.errors);
      return benefitOf(params.id, params.benefitId, actor);
    },
  });

  api.route({
    policy: "project.update",
    resource,
    method: "DELETE",
    path: "/projects/:id/benefits/:benefitId/measurements/:measurementId",
    operationId: "deleteMeasurement",
    summary: "Remove a measurement",
    tag,
    params: measurementParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      await projects.removeMeasurement(actor, params.id, params.benefitId, params.measurementId);
      return null;
    },
  });

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
  const requestsOf = async (id: number) => (await projects.repo.joinRequestsOf(id)).map(requestOut);

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
      const { items, total } = await projects.repo.joinRequestsPage(params.id, q);
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
      const result = await projects.requestToJoin(actor, params.id, req.body, req.i18n.t);
      if (!result.ok) throw new ValidationError(result.errors);
      return { id: result.value };
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
      const result = await projects.decideJoin(actor, params.id, params.requestId, req.body, req.i18n.t);
      if (!result.ok) throw new ValidationError(result.errors);
      return requestsOf(params.id);
    },
  });

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
        const result = await c.add.call(projects, actor, params.id, req.body);
        if (!result.ok) throw new ValidationError(result.errors);
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
