import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { osloParts } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedFileForm } from "../../../platform/ui/components.tsx";
import type { ConsultationLoaders } from "../loaders.ts";
import { ConsultationFormPage } from "./opening.views.tsx";

/** A new consultation's form: open from tomorrow morning for four weeks, as consultations usually run. */
const defaults = (title: string) => {
  const start = osloParts(new Date(Date.now() + 24 * 3600_000));
  const end = osloParts(new Date(Date.now() + 29 * 24 * 3600_000));
  return {
    title,
    opensDate: start.date,
    opensTime: "08:00",
    closesDate: end.date,
    closesTime: "23:59",
    audience: "anyone",
    personalDataDays: "90",
  };
};

/** Opening a consultation: on a strategy draft, or from the network on a project or an uploaded document (the secretariat). */
export function openingRoutes(app: FastifyInstance, { services, config }: AppContext, loaders: ConsultationLoaders) {
  const { consultations, strategies } = services;
  const { strategyInPath, networkInPath } = loaders;

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { resource: strategy } = authorized(req, strategyInPath);
    const { id } = strategy;
    const { t } = req.i18n;
    const title = t("consultation.new");
    return reply.page(
      <ConsultationFormPage
        ctx={req.pageContext()}
        intro={t("consultation.newIntro", { title: strategy.title })}
        action={`/strategies/${id}/consultations`}
        cancelHref={`/strategies/${id}`}
        form={form ?? emptyForm(defaults(t("consultation.defaultTitle", { title: strategy.title })))}
      />,
      {
        title,
        forms: [form],
        crumbs: [
          { href: "/strategies", label: t("strategy.listTitle") },
          { href: `/strategies/${id}`, label: strategy.title },
          { label: title },
        ],
      },
    );
  };

  app.get(
    "/strategies/:id/consultations/new",
    { config: { policy: "consultation.manage", resource: strategyInPath } },
    (req, reply) => renderNew(req, reply),
  );

  formRoute(app, {
    path: "/strategies/:id/consultations",
    policy: "consultation.manage",
    resource: strategyInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderNew(req, reply, form),
    submit: (actor, strategy, body, req) => consultations.openOnStrategy(actor, strategy.id, body, req.i18n.t),
    done: (consultation) => `/consultations/${consultation.id}?saved`,
  });

  const renderNetworkNew = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { network } = authorized(req, networkInPath).resource;
    const { t } = req.i18n;
    const title = t("consultation.new");
    const projects = await strategies.projectOptions([network.id]);
    return reply.page(
      <ConsultationFormPage
        ctx={req.pageContext()}
        intro={t("consultation.newOnNetworkIntro")}
        action={`/n/${network.slug}/consultations`}
        cancelHref={`/n/${network.slug}/consultations`}
        subject={{
          projects: projects.map((p) => ({ value: String(p.id), label: p.title })),
          maxUploadMb: config.SAMVERK_UPLOAD_MAX_MB,
        }}
        form={form ?? emptyForm(defaults(t("consultation.defaultTitle", { title: network.name })))}
      />,
      {
        title,
        network,
        forms: [form],
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/consultations`, label: t("consultation.listTitle", { network: network.name }) },
          { label: title },
        ],
      },
    );
  };

  app.get("/n/:slug/consultations/new", { config: { policy: "consultation.manage", resource: networkInPath } }, (req, reply) =>
    renderNetworkNew(req, reply),
  );

  app.post(
    "/n/:slug/consultations",
    { config: { storedOnce: true, policy: "consultation.manage", resource: networkInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, networkInPath);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await consultations.openOnNetwork(
        actor,
        resource.networkId,
        body,
        config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024,
        req.i18n.t,
      );
      if (!result.ok) {
        return renderNetworkNew(req, reply, submittedFileForm(body, result.errors));
      }
      return reply.redirect(`/consultations/${result.value.id}?saved`, 303);
    },
  );
}
