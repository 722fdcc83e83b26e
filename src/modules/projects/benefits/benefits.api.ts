import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { benefitOut, projectApiKit, valueOrInvalid } from "../api-shapes.ts";
import { benefitParams, measurementParams, projectParams } from "../params.ts";
import { benefitFields, benefitInput, measurementInput } from "./benefits.service.ts";

/** A project's benefits and their measurements, through the API; each write answers with the benefit. */
export function benefitsApi(api: ApiRouter, ctx: AppContext) {
  const { projects } = ctx.services;
  const { tag, resource, detail } = projectApiKit(ctx);

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
      const created = valueOrInvalid(await projects.addBenefit(actor, params.id, req.body));
      return benefitOf(params.id, created.id, actor);
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
      valueOrInvalid(await projects.updateBenefit(actor, params.id, params.benefitId, { ...current, ...(req.body as object) }));
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
      valueOrInvalid(await projects.addMeasurement(actor, params.id, params.benefitId, req.body));
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
}
