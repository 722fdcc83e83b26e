import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { labelFor } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { isEditable, type StrategyDetail } from "../strategies.service.ts";
import { NO_MEASURE_OPTIONS, partParams, strategyPages } from "../strategy-page.tsx";
import { PARTS, type PartKind } from "./parts.ts";
import { PartEditPage } from "./plan.views.tsx";

/** A part's current values as its form shows them. */
function partValues(detail: StrategyDetail, part: PartKind, partId: number) {
  const strings = (ids: number[]) => ids.map(String);
  if (part === "goal") return detail.goals.find((g) => g.id === partId);
  if (part === "focusArea") {
    const a = detail.focusAreas.find((x) => x.id === partId);
    return a && { ...a, goalIds: strings(a.goalIds) };
  }
  const m = detail.measures.find((x) => x.id === partId);
  return (
    m && {
      ...m,
      focusAreaId: m.focusAreaId ? String(m.focusAreaId) : "",
      responsibleOrganisationId: m.responsibleOrganisationId ? String(m.responsibleOrganisationId) : "",
      deadlineYear: m.deadlineYear ? String(m.deadlineYear) : "",
      deadlineDate: m.deadlineDate ?? "",
      years: strings(m.years),
      projectIds: strings(m.projects.map((p) => p.id)),
      benefitIds: strings(m.benefits.map((b) => b.id)),
    }
  );
}

/** A draft's goals, focus areas and measures: added on the strategy's page, changed on a page of their own, removed. */
export function planRoutes(app: FastifyInstance, ctx: AppContext) {
  const { strategies, networks } = ctx.services;
  const pages = strategyPages(ctx);
  const { strategyInPath } = pages;

  const renderPartEdit = async (req: FastifyRequest, reply: FastifyReply, part: PartKind, form?: FormState) => {
    const { id, partId } = parseOrBadRequest(partParams, req.params);
    authorized(req, strategyInPath);
    const detail = await strategies.detail(id);
    const values = partValues(detail, part, partId);
    if (!values) throw new NotFoundError();
    const { t } = req.i18n;
    const title = labelFor(t, "strategy.editPart", part);
    if (!isEditable(detail.strategy)) return pages.renderNotEditable(req, reply, detail, title);
    const segment = Object.entries(PARTS).find(([, p]) => p.part === part)![0];
    const network = detail.strategy.networkId ? await networks.byId(detail.strategy.networkId) : undefined;
    return reply.page(
      <PartEditPage
        ctx={req.pageContext()}
        detail={detail}
        part={part}
        title={title}
        action={`/strategies/${id}/${segment}/${partId}`}
        form={form ?? emptyForm(values as Record<string, unknown>)}
        {...(part === "measure" ? await pages.measureOptions(detail.strategy) : NO_MEASURE_OPTIONS)}
      />,
      {
        title,
        ...(network ? { network } : {}),
        forms: [form],
        crumbs: [
          { href: "/strategies", label: t("strategy.listTitle") },
          { href: `/strategies/${id}`, label: detail.strategy.title },
          { label: title },
        ],
      },
    );
  };

  const add = { goal: strategies.addGoal, focusArea: strategies.addFocusArea, measure: strategies.addMeasure } as const;

  for (const [segment, { part, anchor }] of Object.entries(PARTS)) {
    app.post(
      `/strategies/:id/${segment}`,
      { config: { storedOnce: true, policy: "strategy.edit", resource: strategyInPath } },
      async (req, reply) => {
        const { actor, id } = pages.editable(req);
        return pages.answer(req, reply, id, await add[part].call(strategies, actor, id, req.body), part, anchor);
      },
    );
    app.get(
      `/strategies/:id/${segment}/:partId/edit`,
      { config: { policy: "strategy.edit", resource: strategyInPath } },
      (req, reply) => renderPartEdit(req, reply, part),
    );
    app.post(
      `/strategies/:id/${segment}/:partId`,
      { config: { policy: "strategy.edit", resource: strategyInPath } },
      async (req, reply) => {
        const { actor, id } = pages.editable(req);
        const { partId } = parseOrBadRequest(partParams, req.params);
        const result = await strategies.updatePart(actor, id, part, partId, req.body);
        if (!result.ok) {
          // A frozen strategy is said at the top of its page; a mistake in the form on the form.
          if (pages.refusedWhole(result)) return pages.render(req, reply, { refusal: submittedForm(req.body, result.errors) });
          return renderPartEdit(req, reply, part, submittedForm(req.body, result.errors));
        }
        return reply.redirect(`/strategies/${id}?saved=1#${anchor}`, 303);
      },
    );
    app.post(
      `/strategies/:id/${segment}/:partId/delete`,
      { config: { policy: "strategy.edit", resource: strategyInPath } },
      async (req, reply) => {
        const { actor, id } = pages.editable(req);
        const { partId } = parseOrBadRequest(partParams, req.params);
        // The only refusal is a frozen strategy, which answer() shows at the top of the page.
        return pages.answer(req, reply, id, await strategies.removePart(actor, id, part, partId), "goal", anchor);
      },
    );
  }
}
