import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { sendTable } from "../../platform/http/table-file.ts";
import { dbId, parseOrBadRequest } from "../../platform/http/validation.ts";
import { labelFor, osloToday, type Translate } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../platform/ui/components.tsx";
import { savedNotice } from "../../platform/ui/saved-notice.tsx";
import { slugParam } from "../networks/index.ts";
import { hiddenKey } from "./results.ts";
import type { Survey } from "./surveys.repo.ts";
import type { FullResults } from "./surveys.service.ts";
import { AnswerPage, ResultsPage, SurveyFormPage, SurveyListPage, SurveyPage } from "./surveys.views.tsx";

const idParams = z.object({ id: dbId });
const questionParams = idParams.extend({ questionId: dbId });
const recipientParams = idParams.extend({ recipientId: dbId });
const tokenParams = z.object({ token: z.string().min(20).max(100) });

/** The survey's fields as its form shows them. */
const formValues = (s: Survey): Record<string, unknown> => ({ ...s, anonymous: s.anonymous ? "1" : "" });

/**
 * The results as rows of a download, under the same rules as the page: per question (its distribution,
 * "don't know", the count and mean), its free text answers where the viewer may read them, and per size
 * class and per member their count and mean over every scale question, then their mean of each scale
 * question. Means have two decimals, as the page shows one.
 */
export function resultRows(t: Translate, r: FullResults): { header: string[]; rows: unknown[][] } {
  const fewer = t("survey.fewerThanFive");
  const mean = (v: number | null) => (v === null ? "" : Number(v.toFixed(2)));
  const scaleQuestions = r.questions.filter((q) => q.kind === "scale");
  const rows: unknown[][] = [];
  for (const q of r.questions) {
    if (q.hidden) {
      rows.push([t("survey.perQuestion"), "", q.text, r.withheld ? "" : fewer, q.answered, ""]);
      continue;
    }
    for (const b of q.distribution) rows.push([t("survey.perQuestion"), "", q.text, b.label, b.count, ""]);
    if (q.kind !== "text") rows.push([t("survey.perQuestion"), "", q.text, t("survey.dontKnow"), q.dontKnow, ""]);
    rows.push([t("survey.perQuestion"), "", q.text, t("survey.answered"), q.answered, mean(q.mean)]);
  }
  // Free text only where the page shows it: the network's people, and of an anonymous survey only a
  // question at least five answered, in the order of the text and without who wrote it.
  for (const q of r.questions)
    for (const x of (q.kind === "text" && r.texts?.get(q.id)) || [])
      rows.push([t("survey.freeTextAnswers"), x.by ?? "", q.text, x.text, "", ""]);
  const groups = <
    G extends { hidden: boolean; responses: number; scaleMean: number | null; means: Record<number, number | null> },
  >(
    part: string,
    items: readonly G[],
    name: (g: G) => string,
  ) => {
    for (const g of items) {
      rows.push([part, name(g), t("survey.scaleMean"), g.hidden ? t(hiddenKey(g)) : "", g.responses, mean(g.scaleMean)]);
      for (const q of scaleQuestions)
        rows.push([part, name(g), q.text, g.hidden ? t(hiddenKey(g)) : "", "", g.hidden ? "" : mean(g.means[q.id] ?? null)]);
    }
  };
  groups(t("survey.perSizeClass"), r.sizeClasses, (c) => labelFor(t, "roadmap.size", c.sizeClass));
  groups(t("survey.perMember"), r.members, (m) => m.name);
  return {
    header: [
      t("survey.csvPart"),
      t("survey.csvGroup"),
      t("survey.questionHeader"),
      t("survey.value"),
      t("survey.count"),
      t("survey.mean"),
    ],
    rows,
  };
}

/** Surveys: a network's list, the secretariat's pages of a survey, the results, and the recipient's form behind a personal link. */
export function surveyRoutes(app: FastifyInstance, { services }: AppContext) {
  const { surveys, networks } = services;
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network };
  };
  const surveyInPath = async (req: FastifyRequest) => {
    const row = await surveys.get(parseOrBadRequest(idParams, req.params).id);
    return { ...row, networkId: row.survey.networkId };
  };
  type InPath = Awaited<ReturnType<typeof surveyInPath>>;
  const managed = (req: FastifyRequest) => authorized(req, surveyInPath);
  const networkOf = (r: InPath) => ({ id: r.survey.networkId, slug: r.networkSlug, name: r.networkName });
  const crumbs = (r: InPath, last?: string) => [
    { href: `/n/${r.networkSlug}/surveys`, label: r.networkName },
    ...(last ? [{ href: `/surveys/${r.survey.id}`, label: r.survey.title }, { label: last }] : [{ label: r.survey.title }]),
  ];

  app.get("/n/:slug/surveys", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const manages = can(req.actor, "survey.manage", { networkId: network.id });
    const rows = await surveys.list(network.id, req.actor);
    const title = t("survey.listTitle", { name: network.name });
    return reply.page(
      <SurveyListPage
        ctx={req.pageContext()}
        title={title}
        rows={rows}
        manages={manages}
        newHref={manages ? `/n/${network.slug}/surveys/new` : null}
      />,
      { title, network, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: t("survey.nav") }] },
    );
  });

  const surveyForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: { slug: string; name: string },
    existing: Survey | null,
  ) => {
    const { t } = req.i18n;
    const title = existing ? t("survey.editTitle", { title: existing.title }) : t("survey.new");
    return reply.page(
      <SurveyFormPage
        ctx={req.pageContext()}
        form={form}
        title={title}
        action={existing ? `/surveys/${existing.id}` : `/n/${network.slug}/surveys`}
        cancelHref={existing ? `/surveys/${existing.id}` : `/n/${network.slug}/surveys`}
        sent={existing !== null && existing.status !== "draft"}
      />,
      { title, network, crumbs: [{ href: `/n/${network.slug}/surveys`, label: network.name }, { label: title }], forms: [form] },
    );
  };

  app.get("/n/:slug/surveys/new", { config: { policy: "survey.manage", resource: networkInPath } }, (req, reply) => {
    const { resource } = authorized(req, networkInPath);
    // The year in Norway's calendar, not the server's.
    const year = Number(osloToday().slice(0, 4));
    return surveyForm(
      req,
      reply,
      emptyForm({ year, visibility: "network", closesOn: `${year + 1}-01-31` }),
      resource.network,
      null,
    );
  });

  formRoute(app, {
    path: "/n/:slug/surveys",
    policy: "survey.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, { network }) => surveyForm(req, reply, form, network, null),
    submit: (actor, { networkId }, body) => surveys.create(actor, networkId, body),
    done: (s) => `/surveys/${s.id}?saved=1`,
  });

  app.get("/surveys/:id/edit", { config: { policy: "survey.manage", resource: surveyInPath } }, (req, reply) => {
    const { resource } = managed(req);
    return surveyForm(req, reply, emptyForm(formValues(resource.survey)), networkOf(resource), resource.survey);
  });

  formRoute(app, {
    path: "/surveys/:id",
    policy: "survey.manage",
    resource: surveyInPath,
    initial: false,
    show: (req, reply, form, r) => surveyForm(req, reply, form, networkOf(r), r.survey),
    submit: (actor, r, body) => surveys.update(actor, r.survey, body),
    done: (s) => `/surveys/${s.id}?saved=1`,
  });

  /** The secretariat's page of a survey, with the forms that came back with errors. */
  const surveyPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    r: InPath,
    forms: { question?: FormState; recipient?: FormState; action?: FormState } = {},
  ) => {
    const { t } = req.i18n;
    const questionForm = forms.question ?? {
      ...emptyForm({ kind: "scale", scaleMin: 1, scaleMax: 5, allowDontKnow: "1" }),
      idPrefix: "question-",
    };
    const recipientForm = forms.recipient ?? { ...emptyForm(), idPrefix: "recipient-" };
    const actionForm = forms.action ?? emptyForm();
    const s = r.survey;
    const [questions, recipients, choices, repeats, earlierQuestions] = await Promise.all([
      surveys.questions(s.id),
      surveys.recipients(s.id),
      surveys.recipientChoices(s.networkId),
      s.repeatsId ? surveys.repo.byId(s.repeatsId) : Promise.resolve(undefined),
      s.repeatsId ? surveys.questions(s.repeatsId) : Promise.resolve([]),
    ]);
    const query = req.query as Record<string, unknown>;
    const n = Number(query.sent ?? query.reminded);
    const notice =
      query.sent !== undefined && Number.isInteger(n) ? (
        <Notice kind="success">{t("survey.sentNotice", { n })}</Notice>
      ) : query.reminded !== undefined && Number.isInteger(n) ? (
        <Notice kind="success">{t("survey.remindedNotice", { n })}</Notice>
      ) : (
        savedNotice(req)
      );
    return reply.page(
      <SurveyPage
        ctx={req.pageContext()}
        survey={s}
        status={r.status}
        network={{ slug: r.networkSlug, name: r.networkName }}
        repeats={repeats ? { id: repeats.survey.id, title: repeats.survey.title, year: repeats.survey.year } : null}
        questions={questions}
        earlierQuestions={earlierQuestions}
        recipients={recipients}
        contacts={choices.contacts.map((c) => ({ value: c.id, label: `${c.name} (${c.organisationName})` }))}
        members={choices.members.map((m) => ({ value: m.id, label: m.name }))}
        questionForm={questionForm}
        recipientForm={recipientForm}
        actionForm={actionForm}
        notice={notice}
      />,
      { title: s.title, network: networkOf(r), crumbs: crumbs(r), forms: [questionForm, recipientForm, actionForm] },
    );
  };

  app.get("/surveys/:id", { config: { policy: "survey.manage", resource: surveyInPath } }, (req, reply) =>
    surveyPage(req, reply, managed(req).resource),
  );

  formRoute(app, {
    path: "/surveys/:id/questions",
    policy: "survey.manage",
    resource: surveyInPath,
    initial: false,
    show: (req, reply, form, r) => surveyPage(req, reply, r, { question: { ...form, idPrefix: "question-" } }),
    submit: (actor, r, body) => surveys.addQuestion(actor, r.survey, body),
    done: (_, r) => `/surveys/${r.survey.id}#questions-heading`,
  });

  for (const action of ["up", "down", "delete"] as const)
    app.post(
      `/surveys/:id/questions/:questionId/${action}`,
      { config: { policy: "survey.manage", resource: surveyInPath } },
      async (req, reply) => {
        const { actor, resource } = managed(req);
        const { questionId } = parseOrBadRequest(questionParams, req.params);
        if (action === "delete") await surveys.removeQuestion(actor, resource.survey, questionId);
        else await surveys.moveQuestion(actor, resource.survey, questionId, action);
        return reply.redirect(`/surveys/${resource.survey.id}#questions-heading`, 303);
      },
    );

  formRoute(app, {
    path: "/surveys/:id/recipients",
    policy: "survey.manage",
    resource: surveyInPath,
    initial: false,
    show: (req, reply, form, r) => surveyPage(req, reply, r, { recipient: { ...form, idPrefix: "recipient-" } }),
    submit: (actor, r, body) => surveys.addRecipient(actor, r.survey, body),
    done: (_, r) => `/surveys/${r.survey.id}?saved=1#recipients-heading`,
  });

  app.post(
    "/surveys/:id/recipients/:recipientId/delete",
    { config: { policy: "survey.manage", resource: surveyInPath } },
    async (req, reply) => {
      const { actor, resource } = managed(req);
      await surveys.removeRecipient(actor, resource.survey, parseOrBadRequest(recipientParams, req.params).recipientId);
      return reply.redirect(`/surveys/${resource.survey.id}#recipients-heading`, 303);
    },
  );

  // Opening, reminding and closing: buttons on the survey's page; a refusal comes back on it with its reason.
  formRoute(app, {
    path: "/surveys/:id/open",
    policy: "survey.manage",
    resource: surveyInPath,
    initial: false,
    show: (req, reply, form, r) => surveyPage(req, reply, r, { action: form }),
    submit: (actor, r) => surveys.open(actor, r.survey),
    done: ({ sent }, r) => `/surveys/${r.survey.id}?sent=${sent}`,
  });
  formRoute(app, {
    path: "/surveys/:id/remind",
    policy: "survey.manage",
    resource: surveyInPath,
    initial: false,
    show: (req, reply, form, r) => surveyPage(req, reply, r, { action: form }),
    submit: (actor, r) => surveys.remind(actor, r.survey),
    done: ({ reminded }, r) => `/surveys/${r.survey.id}?reminded=${reminded}`,
  });
  formRoute(app, {
    path: "/surveys/:id/close",
    policy: "survey.manage",
    resource: surveyInPath,
    initial: false,
    show: (req, reply, form, r) => surveyPage(req, reply, r, { action: form }),
    submit: (actor, r) => surveys.close(actor, r.survey),
    done: (_, r) => `/surveys/${r.survey.id}?saved=1`,
  });
  formRoute(app, {
    path: "/surveys/:id/repeat",
    policy: "survey.manage",
    resource: surveyInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, r) => surveyPage(req, reply, r, { action: form }),
    submit: (actor, r, body) => surveys.repeat(actor, r.survey, body),
    done: (s) => `/surveys/${s.id}?saved=1`,
  });

  // Results: as the viewer may see them (404 otherwise), with the same numbers as files.

  const readable = async (req: FastifyRequest) => {
    const results = await surveys.results(req.actor, parseOrBadRequest(idParams, req.params).id);
    if (!results) throw new NotFoundError();
    return results;
  };

  app.get("/surveys/:id/results", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    const r = await readable(req);
    const title = t("survey.resultsOf", { title: r.survey.title });
    const network = { slug: r.networkSlug, name: r.networkName };
    return reply.page(
      <ResultsPage
        ctx={req.pageContext()}
        results={r}
        title={title}
        mayManage={can(req.actor, "survey.manage", { networkId: r.survey.networkId })}
      />,
      {
        title,
        network,
        crumbs: [{ href: `/n/${r.networkSlug}/surveys`, label: r.networkName }, { label: r.survey.title }],
      },
    );
  });

  for (const format of ["csv", "xlsx"] as const)
    app.get(`/surveys/:id/results.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const r = await readable(req);
      const { header, rows } = resultRows(req.i18n.t, r);
      const name = `survey-${r.survey.id}-results`;
      // What a reader may see differs by reader: never kept by a shared cache.
      reply.header("cache-control", "private, no-store");
      return sendTable(reply, format, { name, sheet: req.i18n.t("survey.results"), columns: header, rows });
    });

  // The recipient's personal link: no account, no JavaScript. The link is the secret; the page is theirs alone.

  const answerPage = async (req: FastifyRequest, reply: FastifyReply, token: string, form: FormState) => {
    const { t } = req.i18n;
    req.personalResponse = true;
    reply.header("referrer-policy", "same-origin");
    const d = await surveys.byToken(token);
    const message = d.recipient.answeredAt ? "survey.alreadyAnswered" : d.status !== "open" ? "survey.closedForAnswers" : null;
    if (message) {
      const answeredNow = d.recipient.answeredAt && (req.query as Record<string, unknown>).thanks !== undefined;
      const title = answeredNow ? t("survey.thanksTitle") : d.survey.title;
      return reply.page(
        <>
          <h1 class="ds-heading" data-size="lg">
            {title}
          </h1>
          <Notice kind={answeredNow ? "success" : "info"}>{t(answeredNow ? "survey.thanks" : message)}</Notice>
        </>,
        { title, status: form.errors.length ? 422 : 200 },
      );
    }
    return reply.page(
      <AnswerPage
        ctx={req.pageContext()}
        survey={d.survey}
        organisationName={d.organisationName}
        networkName={d.networkName}
        questions={d.questions}
        form={form}
        action={`/survey/${token}?lang=${req.i18n.locale}`}
      />,
      { title: d.survey.title, forms: [form] },
    );
  };

  app.get("/survey/:token", { config: { policy: "public" } }, (req, reply) =>
    answerPage(req, reply, parseOrBadRequest(tokenParams, req.params).token, emptyForm()),
  );

  app.post("/survey/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await surveys.answer(token, body);
    if (!result.ok) return answerPage(req, reply, token, { values: body, errors: result.errors });
    return reply.redirect(`/survey/${token}?thanks=1&lang=${req.i18n.locale}`, 303);
  });
}
