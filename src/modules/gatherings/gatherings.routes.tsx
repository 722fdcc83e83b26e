import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { feedLinks } from "../../platform/feeds.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { sendCalendar, toICalendar } from "../../platform/http/icalendar.ts";
import { sendTable } from "../../platform/http/table-file.ts";
import { dbId, idList, parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { publicBaseUrl } from "../../platform/services.ts";
import { emptyForm, type FormState, Link, Notice, submittedFileForm } from "../../platform/ui/components.tsx";
import type { Crumb } from "../../platform/ui/context.ts";
import { slugParam } from "../networks/index.ts";
import { gatheringEvents } from "./calendar.ts";
import { gatheringFeeds } from "./feed.ts";
import type { Gathering } from "./gatherings.repo.ts";
import { type GatheringService, gatheringFormValues, isFull, registrationState } from "./gatherings.service.ts";
import {
  GatheringFormPage,
  GatheringListPage,
  GatheringPage,
  ParticipantsPage,
  ReceiptPage,
  RegistrationFormPage,
} from "./gatherings.views.tsx";

const idParams = z.object({ id: dbId });
const sessionParams = idParams.extend({ sessionId: dbId });
const questionParams = idParams.extend({ questionId: dbId });
const invitationParams = slugParam.extend({ id: dbId });
/** The secret of an invitation's link, from the query (the link) or the form (sent with it). */
const invitationOf = (source: unknown): string | undefined => {
  const value = (source as Record<string, unknown> | undefined)?.invitation;
  return typeof value === "string" && value.length > 0 && value.length <= 100 ? value : undefined;
};
const documentParams = idParams.extend({ documentId: dbId });
const linkParams = idParams.extend({ linkId: dbId });
const receiptParams = idParams.extend({ receipt: z.string().min(10).max(100) });

/** Gatherings: the lists, a gathering's page and programme, registration and its receipt, the organiser's pages. */
export function gatheringRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const baseUrl = publicBaseUrl(config);
  const { gatherings, networks } = services;
  /** The gathering by :id, as the viewer may see it (404 otherwise), with its network for gathering.manage. */
  const gatheringInPath = async (req: FastifyRequest) => {
    const row = await gatherings.get(req.actor, parseOrBadRequest(idParams, req.params).id);
    return { ...row, networkId: row.gathering.networkId, hostNetworkIds: row.hosts.map((h) => h.id) };
  };
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network };
  };
  const managed = (req: FastifyRequest) => authorized(req, gatheringInPath);

  const listPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    network: { id: number; slug: string; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const at = new Date();
    const filter = network ? { networkId: network.id } : {};
    const [coming, past] = await Promise.all([
      gatherings.list(req.actor, { ...filter, when: { at, past: false } }),
      gatherings.list(req.actor, { ...filter, when: { at, past: true } }),
    ]);
    const title = network ? t("gathering.networkTitle", { name: network.name }) : t("gathering.allTitle");
    // The network's secretariat sees the invitations to hold another network's gathering together.
    const invitations =
      network && can(req.actor, "gathering.manage", { networkId: network.id }) ? await gatherings.invitationsTo(network.id) : [];
    return reply.page(
      <GatheringListPage
        ctx={req.pageContext()}
        title={title}
        intro={t("gathering.intro")}
        coming={coming}
        past={past}
        calendarHref={network ? `/n/${network.slug}/gatherings/calendar.ics` : null}
        newHref={
          network && can(req.actor, "gathering.manage", { networkId: network.id }) ? `/n/${network.slug}/gatherings/new` : null
        }
        showNetwork={!network}
        invitations={invitations}
        invitationBase={network ? `/n/${network.slug}/gatherings/invitations` : ""}
      />,
      {
        title,
        ...(network
          ? {
              network,
              feeds: feedLinks(network, gatheringFeeds, t),
              crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: t("gathering.nav") }],
            }
          : {}),
      },
    );
  };

  app.get("/gatherings", { config: { policy: "public" } }, (req, reply) => listPage(req, reply, null));
  app.get("/n/:slug/gatherings", { config: { policy: "public" } }, async (req, reply) =>
    listPage(req, reply, await networks.get(parseOrBadRequest(slugParam, req.params).slug)),
  );

  app.get("/n/:slug/gatherings/calendar.ics", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const at = new Date();
    const [coming, past] = await Promise.all([
      gatherings.list(req.actor, { networkId: network.id, when: { at, past: false } }),
      gatherings.list(req.actor, { networkId: network.id, when: { at, past: true } }),
    ]);
    const rows = [...coming, ...past];
    const events = rows.flatMap((r) => gatheringEvents(baseUrl, r.gathering));
    return sendCalendar(
      reply,
      `${network.slug}-gatherings.ics`,
      toICalendar(req.i18n.t("gathering.networkTitle", { name: network.name }), events),
    );
  });

  // Holding another network's gathering together: its secretariat accepts the invitation, or stops.
  for (const [action, run] of [
    ["accept", (actor: Actor, id: number, networkId: number) => gatherings.acceptHosting(actor, id, networkId)],
    ["withdraw", (actor: Actor, id: number, networkId: number) => gatherings.withdrawHosting(actor, id, networkId)],
  ] as const)
    app.post(
      `/n/:slug/gatherings/invitations/:id/${action}`,
      { config: { policy: "gathering.manage", resource: networkInPath } },
      async (req, reply) => {
        const { actor, resource } = authorized(req, networkInPath);
        const { id } = parseOrBadRequest(invitationParams, req.params);
        await run(actor, id, resource.networkId);
        return reply.redirect(
          action === "accept" ? `/gatherings/${id}?saved=1` : `/n/${resource.network.slug}/gatherings?saved=1`,
          303,
        );
      },
    );

  app.get("/subject-networks/:slug/gatherings/calendar.ics", { config: { policy: "public" } }, async (req, reply) => {
    const { subject } = await services.subjects.access(req.actor, parseOrBadRequest(slugParam, req.params).slug);
    const at = new Date();
    const [coming, past] = await Promise.all([
      gatherings.list(req.actor, { subjectNetworkId: subject.id, when: { at, past: false } }),
      gatherings.list(req.actor, { subjectNetworkId: subject.id, when: { at, past: true } }),
    ]);
    const events = [...coming, ...past].flatMap((r) => gatheringEvents(baseUrl, r.gathering));
    return sendCalendar(reply, `${subject.slug}-gatherings.ics`, toICalendar(subject.name, events));
  });

  const gatheringCrumbs = (g: { networkSlug: string; networkName: string; gathering: Gathering }, last?: string): Crumb[] => [
    { href: `/n/${g.networkSlug}/gatherings`, label: g.networkName },
    ...(last
      ? [{ href: `/gatherings/${g.gathering.id}`, label: g.gathering.title }, { label: last }]
      : [{ label: g.gathering.title }]),
  ];

  const gatheringPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    forms: { session?: FormState; question?: FormState; document?: FormState; link?: FormState } = {},
  ) => {
    const sessionForm = forms.session ?? emptyForm();
    const questionForm = forms.question ?? { ...emptyForm(), idPrefix: "question-" };
    const documentForm = forms.document ?? { ...emptyForm(), idPrefix: "document-" };
    const linkForm = forms.link ?? { ...emptyForm(), idPrefix: "link-" };
    const d = await gatherings.detail(req.actor, id);
    const materials = await gatherings.materials(id);
    return reply.page(
      <GatheringPage
        ctx={req.pageContext()}
        g={d.gathering}
        network={{ slug: d.networkSlug, name: d.networkName }}
        sessions={d.sessions}
        questions={d.questions}
        counts={d.counts}
        mayRegister={await gatherings.mayRegister(req.actor, d.gathering)}
        subject={d.subjectSlug && d.subjectName ? { slug: d.subjectSlug, name: d.subjectName } : null}
        hosts={d.hosts}
        withdrawAs={d.hosts.filter((h) => can(req.actor, "gathering.manage", { networkId: h.id }))}
        sessionForm={sessionForm}
        questionForm={questionForm}
        materials={materials}
        documentForm={documentForm}
        linkForm={linkForm}
        maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
        saved={(req.query as Record<string, unknown>).saved !== undefined}
      />,
      {
        title: d.gathering.title,
        description: d.gathering.description.slice(0, 200) || undefined,
        network: { slug: d.networkSlug, name: d.networkName },
        follow: { kind: "gathering", id: d.gathering.id },
        crumbs: gatheringCrumbs(d),
        forms: [sessionForm, questionForm, documentForm, linkForm],
      },
    );
  };

  app.get("/gatherings/:id", { config: { policy: "public" } }, (req, reply) =>
    gatheringPage(req, reply, parseOrBadRequest(idParams, req.params).id),
  );

  app.get("/gatherings/:id/calendar.ics", { config: { policy: "public" } }, async (req, reply) => {
    const d = await gatherings.detail(req.actor, parseOrBadRequest(idParams, req.params).id);
    return sendCalendar(
      reply,
      `gathering-${d.gathering.id}.ics`,
      toICalendar(d.gathering.title, gatheringEvents(baseUrl, d.gathering, d.sessions)),
    );
  });

  // The organiser's forms.

  const gatheringForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: { id: number; slug: string; name: string },
    existing: Gathering | null,
  ) => {
    const { t } = req.i18n;
    const title = existing ? t("gathering.editTitle", { title: existing.title }) : t("gathering.new");
    const [subjects, allNetworks] = await Promise.all([gatherings.subjectChoices(network.id), networks.list(1000)]);
    return reply.page(
      <GatheringFormPage
        ctx={req.pageContext()}
        form={form}
        action={existing ? `/gatherings/${existing.id}` : `/n/${network.slug}/gatherings`}
        title={title}
        cancelHref={existing ? `/gatherings/${existing.id}` : `/n/${network.slug}/gatherings`}
        subjectOptions={subjects.map((s) => ({ value: s.id, label: s.name }))}
        inviteOptions={allNetworks.items.filter((n) => n.id !== network.id).map((n) => ({ value: n.id, label: n.name }))}
      />,
      {
        title,
        network,
        crumbs: [{ href: `/n/${network.slug}/gatherings`, label: network.name }, { label: title }],
        forms: [form],
      },
    );
  };

  app.get("/n/:slug/gatherings/new", { config: { policy: "gathering.manage", resource: networkInPath } }, (req, reply) => {
    const { resource } = authorized(req, networkInPath);
    return gatheringForm(
      req,
      reply,
      emptyForm({ kind: "seminar", audience: "everyone", visibility: "public", personalDataDays: 90 }),
      resource.network,
      null,
    );
  });

  formRoute(app, {
    path: "/n/:slug/gatherings",
    policy: "gathering.manage",
    resource: networkInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, { network }) => gatheringForm(req, reply, form, network, null),
    submit: (actor, { networkId }, body) => gatherings.create(actor, networkId, body),
    done: (g) => `/gatherings/${g.id}?saved=1`,
  });

  app.get("/gatherings/:id/edit", { config: { policy: "gathering.manage", resource: gatheringInPath } }, (req, reply) => {
    const { resource } = managed(req);
    return gatheringForm(req, reply, emptyForm(gatheringFormValues(resource.gathering)), networkOf(resource), resource.gathering);
  });

  formRoute(app, {
    path: "/gatherings/:id",
    policy: "gathering.manage",
    resource: gatheringInPath,
    initial: false,
    show: (req, reply, form, r) => gatheringForm(req, reply, form, networkOf(r), r.gathering),
    submit: (actor, r, body) => gatherings.update(actor, r.gathering, body),
    done: (g) => `/gatherings/${g.id}?saved=1`,
  });

  formRoute(app, {
    path: "/gatherings/:id/sessions",
    policy: "gathering.manage",
    resource: gatheringInPath,
    initial: false,
    show: (req, reply, form, r) => gatheringPage(req, reply, r.gathering.id, { session: form }),
    submit: (actor, r, body) => gatherings.addSession(actor, r.gathering, body),
    done: (_, r) => `/gatherings/${r.gathering.id}#programme-heading`,
  });

  formRoute(app, {
    path: "/gatherings/:id/questions",
    policy: "gathering.manage",
    resource: gatheringInPath,
    initial: false,
    show: (req, reply, form, r) => gatheringPage(req, reply, r.gathering.id, { question: { ...form, idPrefix: "question-" } }),
    submit: (actor, r, body) => gatherings.addQuestion(actor, r.gathering, body),
    done: (_, r) => `/gatherings/${r.gathering.id}#questions-heading`,
  });

  app.post(
    "/gatherings/:id/questions/:questionId/delete",
    { config: { policy: "gathering.manage", resource: gatheringInPath } },
    async (req, reply) => {
      const { actor, resource } = managed(req);
      const { questionId } = parseOrBadRequest(questionParams, req.params);
      await gatherings.removeQuestion(actor, resource.gathering, questionId);
      return reply.redirect(`/gatherings/${resource.gathering.id}#questions-heading`, 303);
    },
  );

  app.post(
    "/gatherings/:id/sessions/:sessionId/delete",
    { config: { policy: "gathering.manage", resource: gatheringInPath } },
    async (req, reply) => {
      const { actor, resource } = managed(req);
      const { sessionId } = parseOrBadRequest(sessionParams, req.params);
      await gatherings.removeSession(actor, resource.gathering, sessionId);
      return reply.redirect(`/gatherings/${resource.gathering.id}#programme-heading`, 303);
    },
  );

  // Materials afterwards: its organisers add documents and links (a recording); readers of the gathering download them.

  app.post(
    "/gatherings/:id/documents",
    { config: { storedOnce: true, policy: "gathering.manage", resource: gatheringInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, resource } = managed(req);
      const maxBytes = config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;
      const result = await gatherings.addDocument(actor, resource.gathering, req.body, maxBytes);
      if (!result.ok)
        return gatheringPage(req, reply, resource.gathering.id, {
          document: { ...submittedFileForm(req.body, result.errors), idPrefix: "document-" },
        });
      return reply.redirect(`/gatherings/${resource.gathering.id}?saved=1#materials-heading`, 303);
    },
  );

  app.get("/gatherings/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, documentId } = parseOrBadRequest(documentParams, req.params);
    return sendStoredFile(reply, await gatherings.documentFile(req.actor, id, documentId));
  });

  app.post(
    "/gatherings/:id/documents/:documentId/delete",
    { config: { policy: "gathering.manage", resource: gatheringInPath } },
    async (req, reply) => {
      const { actor, resource } = managed(req);
      await gatherings.removeDocument(actor, resource.gathering, parseOrBadRequest(documentParams, req.params).documentId);
      return reply.redirect(`/gatherings/${resource.gathering.id}?saved=1#materials-heading`, 303);
    },
  );

  formRoute(app, {
    path: "/gatherings/:id/links",
    policy: "gathering.manage",
    resource: gatheringInPath,
    initial: false,
    show: (req, reply, form, r) => gatheringPage(req, reply, r.gathering.id, { link: { ...form, idPrefix: "link-" } }),
    submit: (actor, r, body) => gatherings.addLink(actor, r.gathering, body),
    done: (_, r) => `/gatherings/${r.gathering.id}?saved=1#materials-heading`,
  });

  app.post(
    "/gatherings/:id/links/:linkId/delete",
    { config: { policy: "gathering.manage", resource: gatheringInPath } },
    async (req, reply) => {
      const { actor, resource } = managed(req);
      await gatherings.removeLink(actor, resource.gathering, parseOrBadRequest(linkParams, req.params).linkId);
      return reply.redirect(`/gatherings/${resource.gathering.id}?saved=1#materials-heading`, 303);
    },
  );

  const participantsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    r: GatheringInPath,
    form?: FormState,
    inviteForm: FormState = emptyForm(),
  ) => {
    const { t } = req.i18n;
    const [{ rows, byOrganisation }, questions, invitations] = await Promise.all([
      gatherings.participants(r.gathering.id),
      gatherings.repo.questions(r.gathering.id),
      gatherings.invitations(r.gathering),
    ]);
    const invited = Number((req.query as Record<string, unknown>).invited);
    const title = t("gathering.participantsOf", { title: r.gathering.title });
    const attendance =
      form ?? emptyForm({ attended: rows.filter((p) => p.registration.attended).map((p) => String(p.registration.id)) });
    const saved = (req.query as Record<string, unknown>).saved !== undefined;
    return reply.page(
      <ParticipantsPage
        saved={saved}
        ctx={req.pageContext()}
        g={r.gathering}
        rows={rows}
        byOrganisation={byOrganisation}
        questions={questions}
        form={attendance}
        invitations={invitations}
        inviteForm={inviteForm}
        invitedNow={Number.isInteger(invited) ? invited : undefined}
      />,
      {
        title,
        network: networkOf(r),
        crumbs: gatheringCrumbs(r, t("gathering.participants")),
        forms: [attendance, inviteForm],
      },
    );
  };

  app.get("/gatherings/:id/participants", { config: { policy: "gathering.manage", resource: gatheringInPath } }, (req, reply) =>
    participantsPage(req, reply, managed(req).resource),
  );

  formRoute(app, {
    path: "/gatherings/:id/attendance",
    policy: "gathering.manage",
    resource: gatheringInPath,
    initial: false,
    show: (req, reply, form, r) => participantsPage(req, reply, r, form),
    submit: (actor, r, body) =>
      gatherings.markAttendance(actor, r.gathering, parseOrBadRequest(attendanceBody, body ?? {}).attended),
    done: (_, r) => `/gatherings/${r.gathering.id}/participants?saved=1`,
  });

  // A gathering by invitation: the organiser invites people by address; each gets a link that lets one registration in.
  formRoute(app, {
    path: "/gatherings/:id/invitations",
    policy: "gathering.manage",
    resource: gatheringInPath,
    initial: false,
    show: (req, reply, form, r) => participantsPage(req, reply, r, undefined, form),
    submit: (actor, r, body, req) => gatherings.invite(actor, r.gathering, body, req.i18n.locale),
    done: ({ invited }, r) => `/gatherings/${r.gathering.id}/participants?invited=${invited}#invitees-heading`,
  });

  /** The participant list as a file: the same columns in CSV and xlsx, in the reader's language. */
  for (const format of ["csv", "xlsx"] as const)
    app.get(
      `/gatherings/:id/participants.${format}`,
      { config: { policy: "gathering.manage", resource: gatheringInPath } },
      async (req, reply) => {
        const { resource } = managed(req);
        const { t, dateTime } = req.i18n;
        const [{ rows }, questions] = await Promise.all([
          gatherings.participants(resource.gathering.id),
          gatherings.repo.questions(resource.gathering.id),
        ]);
        const header = [
          t("gathering.name"),
          t("gathering.organisation"),
          t("gathering.email"),
          t("gathering.statusLabel"),
          ...(resource.gathering.audience === "leaders" ? [t("gathering.leaderRoleLabel")] : []),
          ...questions.map((q) => q.text),
          t("gathering.note"),
          t("gathering.registeredAt"),
          t("gathering.attended"),
        ];
        const cells = rows.map((r) => [
          r.registration.name ?? "",
          r.organisation ?? "",
          r.registration.email ?? "",
          t(`gathering.status.${r.registration.status}`),
          ...(resource.gathering.audience === "leaders"
            ? [r.registration.leaderRole ? t(`gathering.leaderRole.${r.registration.leaderRole}`) : ""]
            : []),
          ...questions.map((q) => r.registration.answers[String(q.id)] ?? ""),
          r.registration.note,
          dateTime(r.registration.createdAt),
          r.registration.attended === null ? "" : t(r.registration.attended ? "common.yes" : "common.no"),
        ]);
        const name = `gathering-${resource.gathering.id}-participants`;
        reply.header("cache-control", "no-store");
        return sendTable(reply, format, { name, sheet: t("gathering.participants"), columns: header, rows: cells });
      },
    );

  // Registration: no account needed, no JavaScript needed.

  const registrationPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: FormState,
    invitation: string | undefined,
  ) => {
    const { t } = req.i18n;
    const d = await gatherings.detail(req.actor, id);
    const full = isFull(d.gathering, d.counts);
    const state = registrationState(d.gathering);
    // An invitation's link is its holder's: the page made for it is never kept for others.
    if (invitation !== undefined) req.personalResponse = true;
    if (state !== "open" || !(await gatherings.mayRegister(req.actor, d.gathering, invitation))) {
      // Not the form, but why there is none here: closed, over, or for the network's own people.
      const why =
        state === "over"
          ? "gathering.over"
          : state === "closed"
            ? "gathering.registrationClosed"
            : d.gathering.audience === "subject_network"
              ? "gathering.subjectOnly"
              : d.gathering.audience === "invited"
                ? "gathering.invitedOnly"
                : "gathering.membersOnly";
      return reply.page(
        <>
          <h1 class="ds-heading" data-size="lg">
            {t("gathering.registerFor", { title: d.gathering.title })}
          </h1>
          <Notice>
            {t(why)}{" "}
            {why === "gathering.subjectOnly" && d.subjectSlug ? (
              <Link href={`/subject-networks/${d.subjectSlug}`}>
                {t("gathering.toSubjectNetwork", { name: d.subjectName ?? "" })}
              </Link>
            ) : null}
          </Notice>
          <p class="ds-paragraph">
            <Link href={`/gatherings/${d.gathering.id}`}>{t("gathering.toGathering")}</Link>
          </p>
        </>,
        {
          title: t("gathering.registerFor", { title: d.gathering.title }),
          network: { slug: d.networkSlug, name: d.networkName },
          // A registration sent anyway is refused: nothing it sent is stored.
          status: form.errors.length ? 422 : 200,
        },
      );
    }
    const organisations = (await gatherings.organisations.options()).map((o) => ({ value: o.id, label: o.name }));
    const title = t("gathering.registerFor", { title: d.gathering.title });
    return reply.page(
      <RegistrationFormPage
        ctx={req.pageContext()}
        g={d.gathering}
        form={form}
        organisations={organisations}
        questions={d.questions}
        full={full}
        invitation={invitation ?? null}
      />,
      {
        title,
        network: { slug: d.networkSlug, name: d.networkName },
        crumbs: gatheringCrumbs(d, t("gathering.register")),
        forms: [form],
      },
    );
  };

  app.get("/gatherings/:id/register", { config: { policy: "public" } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    const invitation = invitationOf(req.query);
    const invited = await gatherings.invitedAddress(id, invitation);
    // A signed-in person finds everything filled in, their organisation too: one click registers them.
    const [account, actingFor] = await Promise.all([
      gatherings.prefill(req.actor),
      req.actor ? services.access.organisationsActingFor(req.actor) : Promise.resolve([]),
    ]);
    const prefill = {
      ...account,
      ...(actingFor[0] ? { organisationId: String(actingFor[0].id) } : {}),
      ...(invited ? { email: invited } : {}),
    };
    return registrationPage(req, reply, id, emptyForm(prefill), invitation);
  });

  app.post("/gatherings/:id/register", { config: { policy: "public", storedOnce: true, crowd: true } }, async (req, reply) => {
    const { id } = parseOrBadRequest(idParams, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await gatherings.register(id, body, { actor: req.actor, locale: req.i18n.locale, now: req.receivedAt });
    if (!result.ok) return registrationPage(req, reply, id, { values: body, errors: result.errors }, invitationOf(body));
    return reply.redirect(`/gatherings/${id}/registration/${result.value.receipt}`, 303);
  });

  app.get("/gatherings/:id/registration/:receipt", { config: { policy: "public" } }, async (req, reply) => {
    const { id, receipt } = parseOrBadRequest(receiptParams, req.params);
    const { t } = req.i18n;
    const { registration, position } = await gatherings.byReceipt(id, receipt);
    // The receipt's own link lets its holder see the gathering even when it is for the network's people.
    const row = await gatherings.repo.byId(id);
    if (!row) throw new NotFoundError();
    const query = req.query as Record<string, unknown>;
    // The receipt's address is its secret: it stays on this site.
    reply.header("referrer-policy", "same-origin");
    return reply.page(
      <>
        {query.removed !== undefined ? <Notice kind="success">{t("gathering.dataRemovedNotice")}</Notice> : null}
        <ReceiptPage
          ctx={req.pageContext()}
          g={row.gathering}
          registration={registration}
          position={position}
          receipt={receipt}
        />
      </>,
      {
        title: `${t("gathering.receiptTitle")}: ${row.gathering.title}`,
        network: { slug: row.networkSlug, name: row.networkName },
        crumbs: [{ label: t("gathering.receiptTitle") }],
      },
    );
  });

  app.post("/gatherings/:id/registration/:receipt/cancel", { config: { policy: "public" } }, async (req, reply) => {
    const { id, receipt } = parseOrBadRequest(receiptParams, req.params);
    await gatherings.cancel(id, receipt);
    return reply.redirect(`/gatherings/${id}/registration/${receipt}`, 303);
  });

  app.post("/gatherings/:id/registration/:receipt/remove-personal-data", { config: { policy: "public" } }, async (req, reply) => {
    const { id, receipt } = parseOrBadRequest(receiptParams, req.params);
    await gatherings.removePersonalData(id, receipt);
    return reply.redirect(`/gatherings/${id}/registration/${receipt}?removed`, 303);
  });
}

type GatheringInPath = Awaited<ReturnType<GatheringService["get"]>> & { networkId: number };
const networkOf = (r: GatheringInPath) => ({ id: r.gathering.networkId, slug: r.networkSlug, name: r.networkName });
const attendanceBody = z.object({ attended: idList }).passthrough();
