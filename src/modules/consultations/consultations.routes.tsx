import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorize, can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { dbId, parseOrBadRequest } from "../../platform/http/validation.ts";
import { sendXlsx } from "../../platform/http/xlsx.ts";
import { osloParts } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import { slugParam } from "../networks/index.ts";
import type { Consultation } from "./consultations.repo.ts";
import { stateOf } from "./consultations.service.ts";
import {
  ConsultationFormPage,
  ConsultationListPage,
  ConsultationPage,
  InputFormPage,
  QueuePage,
  ReceiptPage,
  SummaryPage,
} from "./consultations.views.tsx";
import { INPUT_STATUSES } from "./schema.ts";

const idParams = z.object({ id: dbId });
const receiptParams = idParams.extend({ receipt: z.string().min(10).max(100) });
const inputParams = idParams.extend({ inputId: dbId });
const sectionQuery = z
  .object({
    section: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional(),
  })
  .passthrough();

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

export function consultationRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { consultations, strategies, networks } = services;
  /**
   * What the policies are checked against, loaded from the path (404 if there is none): the
   * consultation or the strategy by :id, or the network by :slug (as { networkId }).
   */
  const consultationInPath = byPathId((id) => consultations.get(id));
  const strategyInPath = byPathId((id) => strategies.get(id));
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network };
  };
  /** The consultation the kernel let the actor run (see consultationInPath). */
  const managed = (req: FastifyRequest) => {
    const { actor, resource } = authorized(req, consultationInPath);
    return { actor, id: resource.id };
  };

  // Opening one on a strategy draft (the network's secretariat)

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
        status: form?.errors.length ? 422 : 200,
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

  app.post(
    "/strategies/:id/consultations",
    { config: { storedOnce: true, policy: "consultation.manage", resource: strategyInPath } },
    async (req, reply) => {
      const { actor, resource: strategy } = authorized(req, strategyInPath);
      const result = await consultations.openOnStrategy(actor, strategy.id, req.body, req.i18n.t);
      if (!result.ok) return renderNew(req, reply, submittedForm(req.body, result.errors));
      return reply.redirect(`/consultations/${result.value.id}?saved`, 303);
    },
  );

  // The public page, and the secretariat's questions

  /** A review round is for the network's own people; a public consultation for everyone. */
  const readable = (req: FastifyRequest, consultation: Consultation) => {
    if (consultation.audience === "bodies") authorize(req.actor, "consultation.summary", consultation);
  };

  const renderConsultation = async (
    req: FastifyRequest,
    reply: FastifyReply,
    forms: { question?: FormState; review?: FormState; section?: FormState } = {},
  ) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    const { consultation, sections, questions } = await consultations.detail(id);
    readable(req, consultation);
    const questionForm = forms.question ?? emptyForm();
    const network = await networks.repo.byId(consultation.networkId);
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
          questions={questions}
          state={stateOf(consultation)}
          inputCount={canManage ? await consultations.inputCount(id) : 0}
          published={await consultations.publishedInputs(consultation)}
          reviews={await consultations.repo.reviewsOf(id)}
          reviewOf={consultation.reviewOfId ? await consultations.get(consultation.reviewOfId) : null}
          bodies={
            canManage
              ? (await consultations.bodiesOf(consultation.networkId)).map((b) => ({ value: String(b.id), label: b.name }))
              : []
          }
          reviewForm={forms.review ?? emptyForm({ closesTime: "12:00" })}
          sectionForm={forms.section ?? emptyForm()}
          canManage={canManage}
          questionForm={questionForm}
        />
      </>,
      {
        title: consultation.title,
        description: consultation.intro,
        ...(network ? { network } : {}),
        status: questionForm.errors.length || forms.review?.errors.length || forms.section?.errors.length ? 422 : 200,
        crumbs: [
          ...(network
            ? [{ href: `/n/${network.slug}/consultations`, label: t("consultation.listTitle", { network: network.name }) }]
            : []),
          { label: consultation.title },
        ],
      },
    );
  };

  app.get("/consultations/:id", { config: { policy: "public" } }, (req, reply) => renderConsultation(req, reply));

  app.post(
    "/consultations/:id/questions",
    { config: { storedOnce: true, policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await consultations.addQuestion(actor, id, req.body);
      if (!result.ok) return renderConsultation(req, reply, { question: submittedForm(req.body, result.errors) });
      return reply.redirect(`/consultations/${id}?saved#questions-heading`, 303);
    },
  );

  app.post(
    "/consultations/:id/sections",
    { config: { storedOnce: true, policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await consultations.addSection(actor, id, req.body);
      if (!result.ok) return renderConsultation(req, reply, { section: submittedForm(req.body, result.errors) });
      return reply.redirect(`/consultations/${id}?saved#section-${result.value}`, 303);
    },
  );

  app.get("/consultations/:id/document", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    readable(req, await consultations.get(id));
    return sendStoredFile(reply, await consultations.document(id));
  });

  // Opening one from the network, on a project or an uploaded document

  const renderNetworkNew = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { network } = authorized(req, networkInPath).resource;
    const { t } = req.i18n;
    const title = t("consultation.new");
    const projects = await strategies.repo.projectOptions([network.id]);
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
        status: form?.errors.length ? 422 : 200,
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
        // The file cannot be put back into the form; everything typed is kept.
        const { file: _file, ...typed } = body;
        return renderNetworkNew(req, reply, submittedForm(typed, result.errors));
      }
      return reply.redirect(`/consultations/${result.value.id}?saved`, 303);
    },
  );

  app.post(
    "/consultations/:id/reviews",
    { config: { storedOnce: true, policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await consultations.openReview(actor, id, req.body, req.i18n.t);
      if (!result.ok) return renderConsultation(req, reply, { review: submittedForm(req.body, result.errors) });
      return reply.redirect(`/consultations/${result.value.id}?saved`, 303);
    },
  );

  // Giving input: no account needed, no JavaScript needed

  const renderInput = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    const { consultation, sections, questions } = await consultations.detail(id);
    readable(req, consultation);
    const network = await networks.repo.byId(consultation.networkId);
    const { t } = req.i18n;
    const title = t("consultation.inputTitle", { title: consultation.title });
    return reply.page(
      <InputFormPage
        ctx={req.pageContext()}
        consultation={consultation}
        sections={sections}
        questions={questions}
        form={form}
        state={stateOf(consultation)}
        // Every form gets a new token; a form sent again keeps the token it was sent with.
        formToken={
          typeof form.values.formToken === "string" && status === 422 && form.errors.every((e) => e.field !== "_")
            ? form.values.formToken
            : await consultations.formToken(id)
        }
      />,
      {
        title,
        ...(network ? { network } : {}),
        status,
        crumbs: [{ href: `/consultations/${id}`, label: consultation.title }, { label: t("consultation.giveInput") }],
      },
    );
  };

  app.get("/consultations/:id/input", { config: { policy: "public" } }, (req, reply) => {
    const { section } = parseOrBadRequest(sectionQuery, req.query);
    return renderInput(req, reply, emptyForm(section ? { sectionId: section } : {}));
  });

  app.post("/consultations/:id/input", { config: { storedOnce: true, policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await consultations.submit(id, body, { actor: req.actor, ipKey: req.ipKey(), locale: req.i18n.locale });
    if (!result.ok) {
      // What was typed comes back, except the honeypot.
      const { website: _w, ...typed } = body;
      return renderInput(req, reply, submittedForm(typed, result.errors), 422);
    }
    return reply.redirect(`/consultations/${id}/receipt/${result.value.receipt}`, 303);
  });

  // The receipt, and removing one's personal data at once

  app.get("/consultations/:id/receipt/:receipt", { config: { policy: "public" } }, async (req, reply) => {
    const { id, receipt } = parseOrBadRequest(receiptParams, req.params);
    const [consultation, input] = await Promise.all([consultations.get(id), consultations.byReceipt(id, receipt)]);
    const { t } = req.i18n;
    const removed = (req.query as Record<string, unknown>).removed !== undefined;
    // The receipt's address is its secret: it stays on this site (and the form on it keeps its Origin).
    reply.header("referrer-policy", "same-origin");
    return reply.page(
      <>
        {removed ? <Notice kind="success">{t("consultation.personalDataRemoved")}</Notice> : null}
        <ReceiptPage ctx={req.pageContext()} consultation={consultation} input={input} receipt={receipt} />
      </>,
      {
        title: t("consultation.receiptTitle"),
        crumbs: [{ href: `/consultations/${id}`, label: consultation.title }, { label: t("consultation.receiptTitle") }],
      },
    );
  });

  app.post("/consultations/:id/receipt/:receipt/remove-personal-data", { config: { policy: "public" } }, async (req, reply) => {
    const { id, receipt } = parseOrBadRequest(receiptParams, req.params);
    await consultations.removePersonalData(id, receipt);
    return reply.redirect(`/consultations/${id}/receipt/${receipt}?removed`, 303);
  });

  // The secretariat's queue: filter, handle, answer, publish, mail

  const queueQuery = z
    .object({
      status: z.enum(INPUT_STATUSES).optional().catch(undefined),
      section: dbId.optional().catch(undefined),
      category: z.string().max(100).optional(),
    })
    .passthrough();

  const renderQueue = async (
    req: FastifyRequest,
    reply: FastifyReply,
    forms: { failed?: { inputId: number; form: FormState }; template?: FormState } = {},
  ) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    authorized(req, consultationInPath);
    const { consultation, sections, questions } = await consultations.detail(id);
    const q = queueQuery.parse(req.query ?? {});
    const [inputs, categories, templates] = await Promise.all([
      consultations.repo.inputsOf(id, { status: q.status, sectionId: q.section, category: q.category || undefined }),
      consultations.repo.categoriesOf(id),
      consultations.repo.templatesOf(id),
    ]);
    const network = await networks.repo.byId(consultation.networkId);
    const { t } = req.i18n;
    const title = t("consultation.queueTitle", { title: consultation.title });
    const saved = (req.query as Record<string, unknown>).saved !== undefined;
    const failed = forms.failed?.form.errors.length || forms.template?.errors.length;
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
        status: failed ? 422 : 200,
        crumbs: [{ href: `/consultations/${id}`, label: consultation.title }, { label: t("consultation.inputs") }],
      },
    );
  };

  app.get(
    "/consultations/:id/inputs",
    { config: { policy: "consultation.manage", resource: consultationInPath } },
    (req, reply) => renderQueue(req, reply),
  );

  app.post(
    "/consultations/:id/inputs/:inputId",
    { config: { policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const { inputId } = parseOrBadRequest(inputParams, req.params);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await consultations.handle(actor, id, inputId, body);
      if (!result.ok) return renderQueue(req, reply, { failed: { inputId, form: submittedForm(body, result.errors) } });
      return reply.redirect(`/consultations/${id}/inputs?saved#i${inputId}`, 303);
    },
  );

  app.post(
    "/consultations/:id/templates",
    { config: { storedOnce: true, policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      const result = await consultations.addTemplate(actor, id, req.body);
      if (!result.ok) return renderQueue(req, reply, { template: submittedForm(req.body, result.errors) });
      return reply.redirect(`/consultations/${id}/inputs?saved#templates-heading`, 303);
    },
  );

  app.post(
    "/consultations/:id/settings",
    { config: { policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      await consultations.saveSettings(actor, id, req.body);
      return reply.redirect(`/consultations/${id}/inputs?saved`, 303);
    },
  );

  app.post(
    "/consultations/:id/answers/publish",
    { config: { policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      await consultations.publishAnswers(actor, id);
      return reply.redirect(`/consultations/${id}/inputs?saved`, 303);
    },
  );

  app.post(
    "/consultations/:id/answers/mail",
    { config: { policy: "consultation.manage", resource: consultationInPath } },
    async (req, reply) => {
      const { actor, id } = managed(req);
      await consultations.mailAnswers(actor, id, req.i18n.locale);
      return reply.redirect(`/consultations/${id}/inputs?saved`, 303);
    },
  );

  // The summary for the steering group, and the exports

  const summaryOf = async (req: FastifyRequest) => consultations.summary(authorized(req, consultationInPath).resource.id);

  app.get(
    "/consultations/:id/summary",
    { config: { policy: "consultation.summary", resource: consultationInPath } },
    async (req, reply) => {
      const summary = await summaryOf(req);
      const network = await networks.repo.byId(summary.consultation.networkId);
      const { t } = req.i18n;
      const title = t("consultation.summaryTitle", { title: summary.consultation.title });
      return reply.page(<SummaryPage ctx={req.pageContext()} summary={summary} />, {
        title,
        ...(network ? { network } : {}),
        crumbs: [{ href: `/consultations/${summary.consultation.id}`, label: summary.consultation.title }, { label: title }],
      });
    },
  );

  for (const format of ["xlsx", "csv"] as const)
    app.get(
      `/consultations/:id/inputs.${format}`,
      { config: { policy: "consultation.summary", resource: consultationInPath } },
      async (req, reply) => {
        const s = await summaryOf(req);
        const { t, dateTime } = req.i18n;
        const heading = new Map(s.sections.map((x) => [x.id, x.heading]));
        // The page's words for the columns, and its times (Norway's, as the page writes them); then
        // one column for each question, headed by the question.
        const header = [
          t("consultation.reference"),
          t("consultation.submitted"),
          t("consultation.column.section"),
          t("consultation.column.respondent"),
          t("consultation.category"),
          t("consultation.inputStatus"),
          t("consultation.column.body"),
          t("consultation.answer"),
          t("consultation.column.answerPublished"),
          ...s.questions.map((q) => q.text),
        ];
        // No personal data: the export goes to the steering group.
        const rows = s.inputs.map((i) => [
          i.reference,
          dateTime(i.submittedAt),
          i.sectionId ? heading.get(i.sectionId) : t("consultation.wholeDraft"),
          t(`consultation.respondent.${i.respondentKind}` as "consultation.respondent.other"),
          i.category,
          t(`consultation.inputStatus.${i.status}` as "consultation.inputStatus.received"),
          i.body,
          i.answer,
          i.answerPublishedAt ? dateTime(i.answerPublishedAt) : "",
          ...s.questions.map((q) => i.answers[String(q.id)] ?? ""),
        ]);
        const name = `innspel-${s.consultation.id}.${format}`;
        return format === "xlsx" ? sendXlsx(reply, name, header, rows) : sendCsv(reply, name, header, rows);
      },
    );

  // A network's consultations

  app.get("/n/:slug/consultations", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const list = await consultations.repo.ofNetwork(network.id);
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
      { title, network, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }] },
    );
  });
}
