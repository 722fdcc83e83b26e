import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../../platform/access/page-access.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { dbId, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import type { ConsultationLoaders } from "../loaders.ts";
import { idParams, inputParams } from "../params.ts";
import { INPUT_STATUSES } from "../schema.ts";
import { QueuePage } from "./handling.views.tsx";

const queueQuery = z
  .object({
    status: z.enum(INPUT_STATUSES).optional().catch(undefined),
    section: dbId.optional().catch(undefined),
    category: z.string().max(100).optional(),
  })
  .passthrough();

/** The forms on the queue that can come back with errors: one input's handling step, or a new template. */
interface QueueForms {
  failed?: { inputId: number; form: FormState };
  template?: FormState;
}

/** The secretariat's queue: filter, handle, answer (from templates), publish, mail. */
export function handlingRoutes(app: FastifyInstance, { services }: AppContext, loaders: ConsultationLoaders) {
  const { consultations } = services;
  const { consultationInPath, managed } = loaders;
  const manage = { policy: "consultation.manage", resource: consultationInPath } as const;

  const renderQueue = async (req: FastifyRequest, reply: FastifyReply, forms: QueueForms = {}) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    authorized(req, consultationInPath);
    const { consultation, sections, questions } = await consultations.detail(id);
    const q = queueQuery.parse(req.query ?? {});
    const { inputs, categories, templates } = await consultations.handling.queue(id, {
      status: q.status,
      sectionId: q.section,
      category: q.category || undefined,
    });
    const network = await consultations.networkOf(consultation);
    const { t } = req.i18n;
    const title = t("consultation.queueTitle", { title: consultation.title });
    const saved = (req.query as Record<string, unknown>).saved !== undefined;
    return reply.page(
      <>
        {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
        <QueuePage
          ctx={req.pageContext()}
          consultation={consultation}
          sections={sections}
          questions={questions}
          inputs={inputs}
          templates={templates}
          categories={categories}
          filter={{ status: q.status ?? "", section: q.section ? String(q.section) : "", category: q.category ?? "" }}
          {...(forms.failed ? { failed: forms.failed } : {})}
          templateForm={forms.template ?? emptyForm()}
        />
      </>,
      {
        title,
        ...(network ? { network } : {}),
        forms: [forms.failed?.form, forms.template],
        crumbs: [{ href: `/consultations/${id}`, label: consultation.title }, { label: t("consultation.inputs") }],
      },
    );
  };

  app.get("/consultations/:id/inputs", { config: { ...manage } }, (req, reply) => renderQueue(req, reply));

  const inputId = (req: FastifyRequest) => parseOrBadRequest(inputParams, req.params).inputId;
  formRoute(app, {
    ...manage,
    path: "/consultations/:id/inputs/:inputId",
    initial: false,
    show: (req, reply, form) => renderQueue(req, reply, { failed: { inputId: inputId(req), form } }),
    submit: (actor, consultation, body, req) =>
      consultations.handle(actor, consultation.id, inputId(req), (body ?? {}) as Record<string, unknown>),
    done: (_, consultation, req) => `/consultations/${consultation.id}/inputs?saved#i${inputId(req)}`,
  });

  formRoute(app, {
    ...manage,
    path: "/consultations/:id/templates",
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderQueue(req, reply, { template: form }),
    submit: (actor, consultation, body) => consultations.addTemplate(actor, consultation.id, body),
    done: (_, consultation) => `/consultations/${consultation.id}/inputs?saved#templates-heading`,
  });

  // Settings, publishing and mailing the answers: nothing to refuse, back to the queue.
  const commands = {
    settings: (actor, id, req) => consultations.saveSettings(actor, id, req.body),
    "answers/publish": (actor, id) => consultations.publishAnswers(actor, id),
    "answers/mail": (actor, id, req) => consultations.mailAnswers(actor, id, req.i18n.locale),
  } satisfies Record<string, (actor: ReturnType<typeof managed>["actor"], id: number, req: FastifyRequest) => Promise<unknown>>;
  for (const [path, command] of Object.entries(commands))
    app.post(`/consultations/:id/${path}`, { config: { ...manage } }, async (req, reply) => {
      const { actor, id } = managed(req);
      await command(actor, id, req);
      return reply.redirect(`/consultations/${id}/inputs?saved`, 303);
    });
}
