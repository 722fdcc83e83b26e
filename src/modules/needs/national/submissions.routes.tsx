import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { sendCsv } from "../../../platform/http/csv.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { idParam, parseOrBadRequest } from "../../../platform/http/validation.ts";
import { sendXlsx } from "../../../platform/http/xlsx.ts";
import { labelFor, osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { slugParam } from "../../networks/index.ts";
import { stateLabel } from "../labels.ts";
import { recipientOf } from "./labels.ts";
import type { Submission } from "./submissions.repo.ts";
import { SubmissionFormPage, SubmissionPage, SubmissionsPage } from "./submissions.views.tsx";

/** A network's submissions of needs to national bodies: the list, the forms, the printable page and its downloads. */
export function submissionRoutes(app: FastifyInstance, { services }: AppContext) {
  const { needSubmissions: submissions, networks, needs } = services;
  /** The network by :slug, as { networkId } for needSubmission.manage. */
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network };
  };
  /** The submission by :id as the viewer may see it (404 otherwise), with its network for needSubmission.manage. */
  const submissionInPath = (req: FastifyRequest) => submissions.get(req.actor, parseOrBadRequest(idParam, req.params).id);

  app.get("/n/:slug/needs/submissions", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const list = await submissions.list(req.actor, network.id);
    const { t } = req.i18n;
    const title = t("submission.listTitle", { network: network.name });
    return reply.page(
      <>
        {(req.query as Record<string, unknown>).deleted === "1" ? (
          <Notice kind="success">{t("submission.deleted")}</Notice>
        ) : null}
        <SubmissionsPage
          ctx={req.pageContext()}
          network={network}
          submissions={list}
          canManage={can(req.actor, "needSubmission.manage", { networkId: network.id })}
        />
      </>,
      {
        title,
        network,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: t("submission.nav") }],
      },
    );
  });

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    network: { id: number; slug: string; name: string },
    existing: Submission | null,
  ) => {
    const { t } = req.i18n;
    const { items } = await needs.list({ networkId: network.id }, req.actor, "title", 1000, 0);
    const options = items.map((n) => ({
      value: n.id,
      label: `${n.title} (${n.organisationName}, ${stateLabel(t, n.state).toLowerCase()}${
        n.visibility === "public" ? "" : `, ${labelFor(t, "visibility", n.visibility).toLowerCase()}`
      })`,
    }));
    const title = existing ? t("submission.editTitle", { title: existing.title }) : t("submission.new");
    const list = `/n/${network.slug}/needs/submissions`;
    return reply.page(
      <SubmissionFormPage
        ctx={req.pageContext()}
        form={state}
        action={existing ? `/needs/submissions/${existing.id}` : list}
        title={title}
        cancelHref={existing ? `/needs/submissions/${existing.id}` : list}
        networkName={network.name}
        needs={options}
        {...(existing ? { deleteAction: `/needs/submissions/${existing.id}/delete` } : {})}
      />,
      {
        title,
        network,
        forms: [state],
        crumbs: [
          { href: list, label: t("submission.nav") },
          ...(existing ? [{ href: `/needs/submissions/${existing.id}`, label: existing.title }] : []),
          { label: title },
        ],
      },
    );
  };

  app.get(
    "/n/:slug/needs/submissions/new",
    { config: { policy: "needSubmission.manage", resource: networkInPath } },
    async (req, reply) => {
      const { resource } = authorized(req, networkInPath);
      return form(req, reply, emptyForm({ visibility: "public", sentOn: osloToday() }), resource.network, null);
    },
  );

  formRoute(app, {
    path: "/n/:slug/needs/submissions",
    policy: "needSubmission.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, state, r) => form(req, reply, state, r.network, null),
    submit: (actor, r, body) => submissions.create(actor, r.networkId, body),
    done: (s) => `/needs/submissions/${s.id}?saved=1`,
  });

  type InPath = Awaited<ReturnType<typeof submissionInPath>>;
  const networkOf = (r: InPath) => ({ id: r.networkId, slug: r.networkSlug, name: r.networkName });

  const page = async (req: FastifyRequest, reply: FastifyReply, r: InPath, answerForm?: FormState) => {
    const items = await submissions.items(req.actor, r.submission.id);
    const network = networkOf(r);
    const { t } = req.i18n;
    const answer = answerForm ?? emptyForm({ answer: r.submission.answer, answeredOn: r.submission.answeredOn ?? osloToday() });
    return reply.page(
      <>
        {savedNotice(req)}
        <SubmissionPage
          ctx={req.pageContext()}
          submission={r.submission}
          network={network}
          items={items}
          canManage={can(req.actor, "needSubmission.manage", r)}
          answerForm={answer}
        />
      </>,
      {
        title: r.submission.title,
        network,
        forms: [answer],
        crumbs: [{ href: `/n/${network.slug}/needs/submissions`, label: t("submission.nav") }, { label: r.submission.title }],
      },
    );
  };

  app.get("/needs/submissions/:id", { config: { policy: "public" } }, async (req, reply) =>
    page(req, reply, await submissionInPath(req)),
  );

  /** The needs as sent, as a file: the same columns in CSV and xlsx, in the reader's language. */
  for (const [format, send] of [
    ["csv", sendCsv],
    ["xlsx", sendXlsx],
  ] as const)
    app.get(`/needs/submissions/:id/needs.${format}`, { config: { policy: "public" } }, async (req, reply) => {
      const r = await submissionInPath(req);
      const items = await submissions.items(req.actor, r.submission.id);
      const { t } = req.i18n;
      const s = r.submission;
      const header = [
        t("submission.title"),
        t("submission.from"),
        t("submission.recipient"),
        t("submission.sentOn"),
        t("need.title"),
        t("need.problem"),
        t("need.organisation"),
        "URL",
      ];
      const rows = items.map((i) => [
        s.title,
        r.networkName,
        recipientOf(t, s),
        s.sentOn,
        i.title,
        i.problem,
        i.organisationName ?? "",
        i.visible ? `/needs/${i.needId}` : "",
      ]);
      return send(reply, `submission-${s.id}.${format}`, header, rows);
    });

  app.get(
    "/needs/submissions/:id/edit",
    { config: { policy: "needSubmission.manage", resource: submissionInPath } },
    async (req, reply) => {
      const { resource: r } = authorized(req, submissionInPath);
      const items = await submissions.repo.items(r.submission.id);
      const values = { ...r.submission, needIds: items.map((i) => String(i.item.needId)) };
      return form(req, reply, emptyForm(values), networkOf(r), r.submission);
    },
  );

  formRoute(app, {
    path: "/needs/submissions/:id",
    policy: "needSubmission.manage",
    resource: submissionInPath,
    initial: false,
    show: (req, reply, state, r) => form(req, reply, state, networkOf(r), r.submission),
    submit: (actor, r, body) => submissions.update(actor, r.submission, body),
    done: (s) => `/needs/submissions/${s.id}?saved=1`,
  });

  // Its secretariat deletes it, and what was sent of each need goes with it (audited).
  app.post(
    "/needs/submissions/:id/delete",
    { config: { policy: "needSubmission.manage", resource: submissionInPath } },
    async (req, reply) => {
      const { actor, resource: r } = authorized(req, submissionInPath);
      await submissions.remove(actor, r.submission);
      return reply.redirect(`/n/${r.networkSlug}/needs/submissions?deleted=1`, 303);
    },
  );

  formRoute(app, {
    path: "/needs/submissions/:id/answer",
    policy: "needSubmission.manage",
    resource: submissionInPath,
    initial: false,
    show: (req, reply, state, r) => page(req, reply, r, state),
    submit: (actor, r, body) => submissions.recordAnswer(actor, r.submission, body),
    done: (s) => `/needs/submissions/${s.id}?saved=1#answer-heading`,
  });
}
