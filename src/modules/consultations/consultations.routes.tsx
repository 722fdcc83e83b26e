import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { feedLinks } from "../../platform/feeds.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../platform/ui/components.tsx";
import { slugParam } from "../networks/index.ts";
import { ConsultationListPage, ConsultationPage } from "./consultations.views.tsx";
import { consultationFeeds } from "./feed.ts";
import { type ConsultationLoaders, readable } from "./loaders.ts";
import { idParams } from "./params.ts";
import { stateOf } from "./state.ts";

/** The forms on a consultation's page that can come back with errors. */
export interface ConsultationPageForms {
  question?: FormState;
  review?: FormState;
  section?: FormState;
}

/** A consultation's page, with the secretariat's forms (one of them, sent with errors, shown again with a 422). */
export async function renderConsultation(
  { services: { consultations } }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  forms: ConsultationPageForms = {},
) {
  const { id } = parseOrBadRequest(idParams, req.params);
  const { consultation, sections, questions } = await consultations.detail(id);
  readable(req, consultation);
  const projectTextShown = await consultations.projectTextShown(consultation, req.actor ?? null);
  const network = await consultations.networkOf(consultation);
  const canManage = can(req.actor, "consultation.manage", consultation);
  const { t } = req.i18n;
  const saved = (req.query as Record<string, unknown>).saved !== undefined;
  return reply.page(
    <>
      {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <ConsultationPage
        ctx={req.pageContext()}
        consultation={consultation}
        sections={sections}
        projectTextShown={projectTextShown}
        questions={questions}
        state={stateOf(consultation)}
        inputCount={canManage ? await consultations.inputCount(id) : 0}
        published={await consultations.publishedInputs(consultation)}
        reviews={await consultations.reviewsOf(id)}
        reviewOf={consultation.reviewOfId ? await consultations.get(consultation.reviewOfId) : null}
        bodies={
          canManage
            ? (await consultations.bodiesOf(consultation.networkId)).map((b) => ({ value: String(b.id), label: b.name }))
            : []
        }
        reviewForm={forms.review ?? emptyForm({ closesTime: "12:00" })}
        sectionForm={forms.section ?? emptyForm()}
        canManage={canManage}
        questionForm={forms.question ?? emptyForm()}
      />
    </>,
    {
      title: consultation.title,
      description: consultation.intro,
      follow: { kind: "consultation", id: consultation.id },
      ...(network ? { network } : {}),
      forms: [forms.question, forms.review, forms.section],
      crumbs: [
        ...(network
          ? [{ href: `/n/${network.slug}/consultations`, label: t("consultation.listTitle", { network: network.name }) }]
          : []),
        { label: consultation.title },
      ],
    },
  );
}

/** A consultation's public page, the sections the secretariat writes in, its document, and a network's consultations. */
export function consultationRoutes(app: FastifyInstance, ctx: AppContext, { consultationInPath }: ConsultationLoaders) {
  const { consultations, networks } = ctx.services;

  app.get("/consultations/:id", { config: { policy: "public" } }, (req, reply) => renderConsultation(ctx, req, reply));

  formRoute(app, {
    path: "/consultations/:id/sections",
    policy: "consultation.manage",
    resource: consultationInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderConsultation(ctx, req, reply, { section: form }),
    submit: (actor, consultation, body) => consultations.addSection(actor, consultation.id, body),
    done: (sectionId, consultation) => `/consultations/${consultation.id}?saved#section-${sectionId}`,
  });

  app.get("/consultations/:id/document", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    readable(req, await consultations.get(id));
    return sendStoredFile(reply, await consultations.document(id));
  });

  app.get("/n/:slug/consultations", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const list = await consultations.ofNetwork(network.id);
    const { t } = req.i18n;
    const title = t("consultation.listTitle", { network: network.name });
    return reply.page(
      <ConsultationListPage
        ctx={req.pageContext()}
        network={network}
        items={list
          .filter((i) => i.consultation.audience !== "bodies" || can(req.actor, "consultation.summary", i.consultation))
          .map((i) => ({ ...i, state: stateOf(i.consultation) }))}
        newHref={can(req.actor, "consultation.manage", { networkId: network.id }) ? `/n/${network.slug}/consultations/new` : null}
      />,
      {
        title,
        network,
        feeds: feedLinks(network, consultationFeeds, t),
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  });
}
