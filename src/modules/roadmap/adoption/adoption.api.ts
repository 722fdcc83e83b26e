import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { solutionParams } from "../params.ts";
import { ADOPTION_STATUSES } from "../schema.ts";
import { adoptionInput } from "./adoption.service.ts";

const int = z.number().int();

/** An organisation's statuses with each solution: read by anyone, reported by those who act for it. */
export function adoptionApi(api: ApiRouter, { services }: AppContext) {
  const tag = "roadmap";

  const adoptionOut = z.array(
    z.object({
      solutionId: int,
      status: z.enum(ADOPTION_STATUSES),
      targetDate: z.string().nullable(),
      sinceDate: z.string().nullable(),
      comment: z.string(),
      by: z.string(),
      updatedAt: z.string(),
    }),
  );
  const adoptionOf = async (organisationId: number) =>
    (await services.adoption.ofOrganisation(organisationId)).statuses.map((a) => ({
      solutionId: a.solutionId,
      status: a.status,
      targetDate: a.targetDate,
      sinceDate: a.sinceDate,
      comment: a.comment,
      by: a.byLabel,
      updatedAt: a.updatedAt.toISOString(),
    }));

  api.route({
    policy: "public",
    method: "GET",
    path: "/organisations/:id/adoption",
    operationId: "getAdoption",
    summary: "A municipality's or county municipality's status with each national solution it has reported",
    tag,
    params: solutionParams,
    response: adoptionOut,
    handler: ({ params }) => adoptionOf(params.id),
  });

  api.route({
    policy: "adoption.report",
    resource: ({ id }) => services.access.organisationResource(id),
    method: "PUT",
    path: "/organisations/:id/adoption",
    operationId: "reportAdoption",
    summary: "Report statuses for an organisation you act for; every row is checked and nothing is saved if one is wrong",
    tag,
    params: solutionParams,
    body: z.object({ statuses: z.array(adoptionInput).max(500) }),
    response: adoptionOut,
    handler: async ({ actor, params, req }) => {
      const result = await services.adoption.report(actor, params.id, (req.body as { statuses: unknown[] }).statuses);
      if (!result.ok) throw new ValidationError(result.errors);
      return adoptionOf(params.id);
    },
  });
}
