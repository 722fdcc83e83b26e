import { z } from "zod";
import { AppError, type FieldError, type Result, ValidationError } from "../../platform/http/errors.ts";
import { dbId } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { MEASURE_STATUSES, STRATEGY_STATUSES } from "./schema.ts";

const int = z.number().int();
export const strategyParams = z.object({ id: dbId });
export const partParams = strategyParams.extend({ partId: dbId });

export const summaryOut = z.object({
  id: int,
  title: z.string(),
  organisationId: int.nullable().describe("Set for a member's strategy"),
  networkId: int.nullable().describe("Set for a network's shared strategy"),
  owner: z.string(),
  firstYear: int,
  lastYear: int,
  status: z.enum(STRATEGY_STATUSES),
  adoptedOn: z.string().nullable(),
  adoptedBy: z.string(),
  revision: int,
  previousId: int.nullable().describe("The revision this one was started from"),
  isDemo: z.boolean(),
});
const originId = int
  .nullable()
  .describe("The same part in the previous revision, which this one was copied from: its identity across revisions");
export const strategyOut = summaryOut.omit({ owner: true }).extend({
  vision: z.string(),
  documentUrl: z.string().nullable().describe("The adopted document, when one has been uploaded"),
  goals: z.array(z.object({ id: int, originId, title: z.string(), description: z.string() })),
  focusAreas: z.array(
    z.object({
      id: int,
      originId,
      title: z.string(),
      why: z.string(),
      what: z.string(),
      goalIds: z.array(int),
      sourceFocusAreaIds: z.array(int).describe("For a shared strategy: the members' focus areas it was started from"),
    }),
  ),
  measures: z.array(
    z.object({
      id: int,
      originId,
      focusAreaId: int.nullable(),
      description: z.string(),
      goal: z.string(),
      indicator: z.string(),
      expectedBenefits: z.string().describe("The benefits it should give, in words"),
      responsibleOrganisationId: int.nullable(),
      responsible: z.string(),
      deadlineYear: int.nullable(),
      deadlineDate: z.string().nullable(),
      years: z.array(int),
      status: z.enum(MEASURE_STATUSES),
      statusComment: z.string(),
      projectIds: z.array(int),
      benefitIds: z.array(int).describe("Benefits in the portfolio the measure should give"),
      reports: z.array(z.object({ status: z.enum(MEASURE_STATUSES), comment: z.string(), by: z.string(), at: z.string() })),
    }),
  ),
});

/**
 * What the API routes of strategies share: a strategy as the API shows it, a command's refusal as an
 * error, and the answer to a command (the strategy it changed or made).
 */
export function strategyApiKit({ services }: AppContext) {
  const { strategies } = services;
  const detail = async (id: number) => {
    const d = await strategies.detail(id);
    const { createdAt: _c, updatedAt: _u, documentFileId, ...s } = d.strategy;
    return {
      ...s,
      documentUrl: documentFileId ? `/strategies/${s.id}/document` : null,
      goals: d.goals.map(({ id, originId, title, description }) => ({ id, originId, title, description })),
      focusAreas: d.focusAreas.map(({ id, originId, title, why, what, goalIds, sources }) => ({
        id,
        originId,
        title,
        why,
        what,
        goalIds,
        sourceFocusAreaIds: sources.map((x) => x.id),
      })),
      measures: d.measures.map(({ strategyId: _s, position: _p, responsibleName: _r, projects, benefits, reports, ...m }) => ({
        ...m,
        projectIds: projects.map((p) => p.id),
        benefitIds: benefits.map((b) => b.id),
        reports: reports.map((r) => ({ status: r.status, comment: r.comment, by: r.byLabel, at: r.at.toISOString() })),
      })),
    };
  };
  /**
   * A command's errors as a 422: a refusal of the whole strategy (adopted, replaced) says why and
   * what to do as its message ("adopted … start a new revision"), never "some fields are not filled
   * in correctly".
   */
  const refused = (errors: FieldError[]) =>
    errors.length > 0 && errors.every((e) => e.field === "_")
      ? new AppError(422, "refused", errors[0]!.key, errors)
      : new ValidationError(errors);
  /** A command's result as the strategy it changed, or its errors (see refused). */
  const then = async (id: number, result: Result<unknown>) => {
    if (!result.ok) throw refused(result.errors);
    return detail(id);
  };

  /** A command that made a strategy: the new strategy, or its errors (see refused). */
  const created = async (result: Result<{ id: number }>) => {
    if (!result.ok) throw refused(result.errors);
    return detail(result.value.id);
  };
  /** The strategy of the path, as strategy.edit checks it. */
  const resource = ({ id }: { id: number }) => strategies.resource(id);
  return { detail, refused, then, created, resource };
}
