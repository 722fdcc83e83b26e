import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../../platform/ui/components.tsx";
import { readable } from "../loaders.ts";
import { idParams, receiptParams } from "../params.ts";
import { stateOf } from "../state.ts";
import { InputFormPage, ReceiptPage } from "./inputs.views.tsx";

const sectionQuery = z
  .object({
    section: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional(),
  })
  .passthrough();

/** Giving input (no account needed, no JavaScript needed), the receipt, and removing one's personal data at once. */
export function inputRoutes(app: FastifyInstance, { services: { consultations } }: AppContext) {
  const renderInput = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    const { consultation, sections, questions } = await consultations.detail(id);
    readable(req, consultation);
    const network = await consultations.networkOf(consultation);
    const { t } = req.i18n;
    const title = t("consultation.inputTitle", { title: consultation.title });
    // The form token is this reader's alone: the page is never kept, not even for the same rights.
    req.personalResponse = true;
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

  app.post("/consultations/:id/input", { config: { storedOnce: true, policy: "public", crowd: true } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await consultations.submit(id, body, {
      actor: req.actor,
      ipKey: req.ipKey(),
      locale: req.i18n.locale,
      now: req.receivedAt,
    });
    if (!result.ok) {
      // What was typed comes back, except the honeypot.
      const { website: _w, ...typed } = body;
      return renderInput(req, reply, submittedForm(typed, result.errors), 422);
    }
    return reply.redirect(`/consultations/${id}/receipt/${result.value.receipt}`, 303);
  });

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
}
