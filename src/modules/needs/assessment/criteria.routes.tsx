import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { networkBySlug } from "../../networks/index.ts";
import { criterionParams } from "../params.ts";
import { AssessmentSettingsPage } from "./assessment.views.tsx";

/** Form fields bands.<i>.name and bands.<i>.min as a list; rows left empty are left out. */
const bandsFromForm = (body: Record<string, unknown>) => ({
  bands: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    .map((i) => ({ name: body[`bands.${i}.name`], min: body[`bands.${i}.min`] }))
    .filter((b) => String(b.name ?? "").trim() !== "" || String(b.min ?? "").trim() !== ""),
});
const bandsToForm = (bands: { name: string; min: number }[]) =>
  Object.fromEntries(
    bands.flatMap((b, i) => [
      [`bands.${i}.name`, b.name],
      [`bands.${i}.min`, String(b.min)],
    ]),
  );

/** The network's assessment criteria and the bands a total falls in, set by its secretariat. */
export function criteriaRoutes(app: FastifyInstance, { services }: AppContext) {
  const { assessment, networks } = services;
  /** What the policies are checked against: the network by :slug (404 if none). */
  const networkInPath = networkBySlug(networks);

  /** The network the kernel let the secretariat configure (see networkInPath). */
  const configurable = (req: FastifyRequest) => authorized(req, networkInPath).resource;

  const renderSettings = async (
    req: FastifyRequest,
    reply: FastifyReply,
    forms: { criterion?: FormState; editing?: { id: number; form: FormState }; bands?: FormState } = {},
  ) => {
    const network = configurable(req);
    const { criteria, bands } = await assessment.configuration(network.id);
    const { t } = req.i18n;
    const title = t("assessment.settingsTitle", { network: network.name });
    return reply.page(
      <>
        {savedNotice(req)}
        <AssessmentSettingsPage
          ctx={req.pageContext()}
          network={network}
          criteria={criteria}
          bands={bands}
          criterionForm={{ ...(forms.criterion ?? emptyForm({ scaleMin: 1, scaleMax: 5, weight: 1 })), idPrefix: "new-" }}
          editing={forms.editing ?? null}
          bandsForm={{ ...(forms.bands ?? emptyForm(bandsToForm(bands))), idPrefix: "bands-" }}
        />
      </>,
      {
        title,
        network,
        forms: [forms.criterion, forms.editing?.form, forms.bands],
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/assessment", { config: { policy: "assessment.configure", resource: networkInPath } }, async (req, reply) =>
    renderSettings(req, reply),
  );

  app.post(
    "/n/:slug/assessment/defaults",
    { config: { policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      await assessment.useDefaults(req.actor!, network.id, req.i18n.t);
      return reply.redirect(`/n/${network.slug}/assessment?saved=1`, 303);
    },
  );

  const settingsForm = {
    policy: "assessment.configure",
    resource: networkInPath,
    initial: false,
  } as const;
  const criterionId = (req: FastifyRequest) => parseOrBadRequest(criterionParams, req.params).criterionId;

  formRoute(app, {
    ...settingsForm,
    path: "/n/:slug/assessment/criteria",
    storedOnce: true,
    show: (req, reply, form) => renderSettings(req, reply, { criterion: form }),
    submit: (actor, network, body) => assessment.saveCriterion(actor, network.id, null, body),
    done: (_, network) => `/n/${network.slug}/assessment?saved=1#criteria-heading`,
  });

  formRoute(app, {
    ...settingsForm,
    path: "/n/:slug/assessment/criteria/:criterionId",
    show: (req, reply, form) => renderSettings(req, reply, { editing: { id: criterionId(req), form } }),
    submit: (actor, network, body, req) => assessment.saveCriterion(actor, network.id, criterionId(req), body),
    done: (_, network) => `/n/${network.slug}/assessment?saved=1#criteria-heading`,
  });

  app.post(
    "/n/:slug/assessment/criteria/:criterionId/delete",
    { config: { policy: "assessment.configure", resource: networkInPath } },
    async (req, reply) => {
      const network = configurable(req);
      const { criterionId } = parseOrBadRequest(criterionParams, req.params);
      await assessment.removeCriterion(req.actor!, network.id, criterionId);
      return reply.redirect(`/n/${network.slug}/assessment?saved=1#criteria-heading`, 303);
    },
  );

  formRoute(app, {
    ...settingsForm,
    path: "/n/:slug/assessment/bands",
    show: (req, reply, form) => renderSettings(req, reply, { bands: form }),
    submit: (actor, network, body) =>
      assessment.saveBands(actor, network.id, bandsFromForm((body ?? {}) as Record<string, unknown>)),
    done: (_, network) => `/n/${network.slug}/assessment?saved=1#bands-heading`,
  });
}
