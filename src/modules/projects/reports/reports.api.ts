import { z } from "zod";
import { type ApiRouter, listOf, listQuery } from "../../../platform/http/api.ts";
import type { AppContext } from "../../../platform/module.ts";
import { projectApiKit, reportOut, valueOrInvalid } from "../api-shapes.ts";
import { projectParams, reportParams } from "../params.ts";
import { statusReportInput } from "./reports.service.ts";

/** A project's status reports, through the API. */
export function reportsApi(api: ApiRouter, ctx: AppContext) {
  const { projects } = ctx.services;
  const { tag, resource } = projectApiKit(ctx);

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
      return projects.reportsPage(params.id, q);
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
      const created = valueOrInvalid(await projects.addReport(actor, params.id, req.body));
      return created;
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
}
