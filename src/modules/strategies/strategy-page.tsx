import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import type { Result } from "../../platform/http/errors.ts";
import { dbId, parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { strategyFromPath } from "./params.ts";
import type { MeasureOptions } from "./plan/plan.views.tsx";
import { compareRevisions } from "./revisions/compare.ts";
import { NotEditablePage } from "./revisions/revisions.views.tsx";
import type { Strategy } from "./strategies.repo.ts";
import type { StrategyDetail } from "./strategies.service.ts";
import { type StrategyForms, StrategyPage } from "./strategies.views.tsx";

export const strategyParams = z.object({ id: dbId });
export const partParams = strategyParams.extend({ partId: dbId });

/** No choices: for a page that shows no measure form. */
export const NO_MEASURE_OPTIONS: MeasureOptions = { responsibleOptions: [], projectOptions: [], benefitOptions: [] };

/**
 * What the routes of a strategy's page share, whichever sub-feature they belong to: the page itself
 * (re-rendered with a form's errors), the strategy of the path the kernel let the actor change, and
 * the answer to a command.
 */
export function strategyPages({ services, config }: AppContext) {
  const { strategies, networks, directory } = services;
  const strategyInPath = strategyFromPath(strategies);

  /** What a measure of this strategy may name, as the measure form's choices. */
  const measureOptions = async (strategy: Strategy): Promise<MeasureOptions> => {
    const { responsible, projects, benefits } = await strategies.measureChoices(strategy);
    return {
      responsibleOptions: responsible.map((o) => ({ value: String(o.id), label: o.name })),
      projectOptions: projects.map((p) => ({ value: String(p.id), label: p.title })),
      benefitOptions: benefits.map((b) => ({ value: String(b.id), label: `${b.title} (${b.projectTitle})` })),
    };
  };

  /** The strategy's page, with the forms that came back with errors open. */
  const render = async (req: FastifyRequest, reply: FastifyReply, forms: Partial<StrategyForms> = {}) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    const detail = await strategies.detail(id);
    const { strategy } = detail;
    const resource = await strategies.resourceOf(strategy);
    const canEdit = can(req.actor, "strategy.edit", resource);
    const network = strategy.networkId ? await networks.byId(strategy.networkId) : undefined;
    const organisation = strategy.organisationId ? await directory.organisations.byId(strategy.organisationId) : undefined;
    const options = canEdit ? await measureOptions(strategy) : NO_MEASURE_OPTIONS;
    const changes = detail.previous ? compareRevisions(await strategies.detail(detail.previous.id), detail) : null;
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <StrategyPage
          ctx={req.pageContext()}
          detail={detail}
          ownerName={network?.name ?? organisation?.name ?? ""}
          ownerHref={network ? `/n/${network.slug}` : `/organisations/${strategy.organisationId}`}
          canEdit={canEdit}
          forms={{
            goal: forms.goal ?? emptyForm(),
            focusArea: forms.focusArea ?? emptyForm(),
            measure: forms.measure ?? emptyForm(),
            adopt: forms.adopt ?? emptyForm(),
            document: forms.document ?? emptyForm(),
            ...(forms.report ? { report: forms.report } : {}),
            ...(forms.refusal ? { refusal: forms.refusal } : {}),
          }}
          {...options}
          maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
          canConsult={can(req.actor, "consultation.manage", strategy)}
          consultations={(await services.consultations.ofStrategy(strategy.id)).filter(
            // Review rounds are for the network's own people.
            (c) => c.audience !== "bodies" || can(req.actor, "consultation.summary", c),
          )}
          changes={changes}
        />
      </>,
      {
        title: strategy.title,
        ...(network ? { network } : {}),
        follow: { kind: "strategy", id: strategy.id },
        forms: Object.values(forms).map((f) => (f && "errors" in f ? f : f?.form)),
        crumbs: [{ href: "/strategies", label: t("strategy.listTitle") }, { label: strategy.title }],
      },
    );
  };

  /** The strategy of the path, which the kernel let the actor change (see strategyInPath). */
  const editable = (req: FastifyRequest) => {
    const { actor } = authorized(req, strategyInPath);
    return { actor, id: parseOrBadRequest(strategyParams, req.params).id };
  };

  /** A command refused for the whole strategy (frozen, replaced), not for a field: said at the top of its page. */
  const refusedWhole = (result: Result<unknown>) => !result.ok && result.errors.some((e) => e.field === "_");

  /** Answers a command: back to the page's section when it worked, the form with its errors when not. */
  const answer = async <T,>(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    result: Result<T>,
    form: keyof Omit<StrategyForms, "report">,
    anchor: string,
  ) => {
    if (!result.ok)
      return render(req, reply, { [refusedWhole(result) ? "refusal" : form]: submittedForm(req.body, result.errors) });
    return reply.redirect(`/strategies/${id}?saved=1#${anchor}`, 303);
  };

  /** An edit page of an adopted or replaced strategy says so up front, instead of a form saving would refuse. */
  const renderNotEditable = (req: FastifyRequest, reply: FastifyReply, detail: StrategyDetail, title: string) =>
    reply.page(<NotEditablePage ctx={req.pageContext()} detail={detail} title={title} />, {
      title,
      crumbs: [
        { href: "/strategies", label: req.i18n.t("strategy.listTitle") },
        { href: `/strategies/${detail.strategy.id}`, label: detail.strategy.title },
        { label: title },
      ],
    });

  return { strategyInPath, measureOptions, render, editable, refusedWhole, answer, renderNotEditable };
}
