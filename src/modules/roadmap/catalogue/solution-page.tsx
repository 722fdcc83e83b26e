import type { FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import { solutionParams } from "../params.ts";
import { costsToForm } from "../preparation/preparation.views.tsx";
import { SolutionPage } from "./solution.views.tsx";

/** The forms of a solution's page, each coming back with its own input and errors. */
export interface SolutionForms {
  milestone?: FormState;
  editing?: { id: number; form: FormState };
  task?: FormState;
  costs?: FormState;
  rollout?: FormState;
}

/**
 * What the routes of a solution's page share: the solution in the path (what the policies are
 * checked against, 404 if there is none), the solution the kernel let the writer change, and the
 * page drawn again with a form's input and errors.
 */
export function solutionPage({ services }: AppContext) {
  const { roadmap, networks } = services;
  const inPath = byPathId((id) => roadmap.resource(id));

  /** The solution the kernel let the writer change (see inPath). */
  const editable = (req: FastifyRequest) => {
    const { actor, resource: solution } = authorized(req, inPath);
    return { actor, id: solution.id, solution };
  };

  const render = async (req: FastifyRequest, reply: FastifyReply, forms: SolutionForms = {}) => {
    const { id } = parseOrBadRequest(solutionParams, req.params);
    const detail = await roadmap.get(id);
    const network = detail.solution.networkId ? await networks.byId(detail.solution.networkId) : undefined;
    const { t } = req.i18n;
    const saved = (req.query as Record<string, unknown>).saved === "1";
    const networkIds = req.actor ? (await networks.switcher()).map((n) => n.id) : [];
    const [rollouts, candidates] = await Promise.all([
      roadmap.rollouts(id),
      roadmap.rolloutCandidates(req.actor, detail.solution, networkIds),
    ]);
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <SolutionPage
          ctx={req.pageContext()}
          detail={detail}
          networkName={network?.name ?? null}
          canEdit={can(req.actor, "roadmap.edit", detail.solution)}
          milestoneForm={forms.milestone ?? emptyForm({ kind: "mandatory", precision: "quarter" })}
          editing={forms.editing ?? null}
          taskForm={forms.task ?? emptyForm({ kind: "contract", beforeKind: "mandatory", leadMonths: "6" })}
          costsForm={forms.costs ?? emptyForm(costsToForm(detail.costs))}
          rollouts={rollouts}
          rolloutCandidates={candidates}
          canUnlink={(networkId) => can(req.actor, "rollout.unlink", { networkId })}
          rolloutForm={forms.rollout ?? emptyForm()}
        />
      </>,
      {
        title: detail.solution.name,
        ...(network ? { network } : {}),
        forms: [forms.milestone, forms.editing?.form, forms.task, forms.costs, forms.rollout],
        crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: detail.solution.name }],
      },
    );
  };

  return { inPath, editable, render };
}
