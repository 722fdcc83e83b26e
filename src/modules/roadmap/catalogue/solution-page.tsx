import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/access/actor.ts";
import { can } from "../../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../../platform/access/page-access.ts";
import type { Result } from "../../../platform/http/errors.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
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

/** The solution's page again after a change made on it, with the saved notice, at the section changed. */
export const savedAt = (id: number, section: string) => `/roadmap/${id}?saved=1#${section}-heading`;

/**
 * What the routes of a solution's page share: the solution in the path (what the policies are
 * checked against, 404 if there is none), the solution the kernel let the writer change, the
 * page drawn again with a form's input and errors, and the forms and removals of its editors.
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
        follow: { kind: "national_solution", id: detail.solution.id },
        ...(network ? { network } : {}),
        forms: [forms.milestone, forms.editing?.form, forms.task, forms.costs, forms.rollout],
        crumbs: [{ href: "/roadmap", label: t("roadmap.catalogueTitle") }, { label: detail.solution.name }],
      },
    );
  };

  /**
   * A form on the solution's page for its editors (a milestone, a task, the costs): posted to `path`,
   * drawn again in the page with its input and errors, back at its `section` when done.
   */
  const editorForm = <V,>(
    app: FastifyInstance,
    route: {
      path: string;
      form: "milestone" | "task" | "costs";
      section: string;
      storedOnce?: boolean;
      submit: (actor: Actor, id: number, body: unknown) => Promise<Result<V>>;
    },
  ) =>
    formRoute(app, {
      path: route.path,
      policy: "roadmap.edit",
      resource: inPath,
      ...(route.storedOnce ? { storedOnce: true } : {}),
      initial: false,
      show: (req, reply, form) => render(req, reply, { [route.form]: form }),
      submit: (actor, { id }, body) => route.submit(actor, id, body),
      done: (_, { id }) => savedAt(id, route.section),
    });

  /** A removal from the solution's page by its editors (a milestone, a task): back at its `section` when done. */
  const editorRemoval = (
    app: FastifyInstance,
    path: string,
    section: string,
    remove: (actor: Actor, id: number, req: FastifyRequest) => Promise<unknown>,
  ) =>
    app.post(path, { config: { policy: "roadmap.edit", resource: inPath } }, async (req, reply) => {
      const { actor, id } = editable(req);
      await remove(actor, id, req);
      return reply.redirect(savedAt(id, section), 303);
    });

  return { inPath, editable, render, editorForm, editorRemoval };
}
