import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, isSecretariat } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { dbId, parseOrBadRequest } from "../../platform/http/validation.ts";
import { type AppContext, renderSections } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, type Option, submittedFileForm } from "../../platform/ui/components.tsx";
import type { Crumb } from "../../platform/ui/context.ts";
import { savedNotice } from "../../platform/ui/saved-notice.tsx";
import { managesSubject, takesPartIn } from "./policy.ts";
import type { ExperienceNote } from "./subjects.repo.ts";
import { MEMBER_ACTIONS, type SubjectAccess } from "./subjects.service.ts";
import {
  NoteFormPage,
  NoteList,
  NotePage,
  QuestionFormPage,
  QuestionList,
  QuestionPage,
  ReviewFormPage,
  ReviewRequestPage,
  SearchPage,
  SubjectFormPage,
  SubjectListPage,
  SubjectPage,
} from "./subjects.views.tsx";

const idParams = z.object({ id: dbId });
const slugParams = z.object({ slug: z.string().min(1).max(100) });
const memberParams = slugParams.extend({ userId: dbId });
const ownerParams = slugParams.extend({ networkId: dbId });
const memberAction = z.object({ action: z.enum(MEMBER_ACTIONS) });
const documentParams = slugParams.extend({ documentId: dbId });
const reviewParams = slugParams.extend({ reviewId: dbId });
const searchQuery = z.object({
  // A longer text is cut, not dropped: the search and its box keep what fits.
  q: z
    .string()
    .transform((q) => q.slice(0, 200))
    .optional()
    .catch(undefined),
  subject: z.string().max(100).optional().catch(undefined),
});

const toOptions = (rows: readonly { id: number; name: string | null }[]): Option[] =>
  rows.map((r) => ({ value: r.id, label: r.name ?? "" }));

/** Subject networks: the list, a subject network's page and its people, experience, reviews and questions. */
export function subjectRoutes(app: FastifyInstance, { services, modules, config }: AppContext) {
  const { subjects, networks } = services;
  const subjectInPath = (req: FastifyRequest) => subjects.access(req.actor, parseOrBadRequest(slugParams, req.params).slug);
  /** An experience note the viewer may read (404 otherwise), with its subject network for the rules. */
  const noteInPath = async (req: FastifyRequest) => {
    const { note } = await subjects.note(req.actor, parseOrBadRequest(idParams, req.params).id);
    return { note, ...(await subjects.accessFor(req.actor, note.subjectNetworkId)) };
  };
  const questionInPath = (req: FastifyRequest) => subjects.question(req.actor, parseOrBadRequest(idParams, req.params).id);
  const projectInPath = byPathId((id) => services.projects.resource(id));
  const organisationOptions = async () => toOptions(await services.directory.organisations.options());
  /** The crumbs of a page of a subject network: the list, the subject network, then the page itself. */
  const crumbs = (req: FastifyRequest, a: SubjectAccess, last?: string): Crumb[] => [
    { href: "/subject-networks", label: req.i18n.t("subject.listTitle") },
    ...(last
      ? [{ href: `/subject-networks/${a.subject.slug}`, label: a.subject.name }, { label: last }]
      : [{ label: a.subject.name }]),
  ];

  app.get("/subject-networks", { config: { policy: "public" } }, async (req, reply) => {
    const [rows, mine] = await Promise.all([subjects.list(), subjects.mine(req.actor)]);
    return reply.page(
      <SubjectListPage ctx={req.pageContext()} rows={rows} mine={mine} mayCreate={can(req.actor, "subject.create")} />,
      {
        title: req.i18n.t("subject.listTitle"),
      },
    );
  });

  // Starting and editing one.

  const secretariatOptions = async (req: FastifyRequest): Promise<Option[]> => {
    const all = (await networks.list(1000)).items;
    return all.filter((n) => isSecretariat(req.actor, n.id)).map((n) => ({ value: n.id, label: n.name }));
  };

  const subjectForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, existing: SubjectAccess | null) => {
    const { t } = req.i18n;
    const title = existing ? t("subject.editTitle", { name: existing.subject.name }) : t("subject.new");
    return reply.page(
      <SubjectFormPage
        ctx={req.pageContext()}
        form={form}
        action={existing ? `/subject-networks/${existing.subject.slug}` : "/subject-networks"}
        title={title}
        cancelHref={existing ? `/subject-networks/${existing.subject.slug}` : "/subject-networks"}
        ownerOptions={existing ? [] : await secretariatOptions(req)}
        mayMakeNational={!!req.actor?.isAdmin}
        creating={!existing}
      />,
      {
        title,
        crumbs: existing
          ? crumbs(req, existing, t("subject.edit"))
          : [{ href: "/subject-networks", label: t("subject.listTitle") }, { label: title }],
        forms: [form],
      },
    );
  };

  app.get("/subject-networks/new", { config: { policy: "subject.create" } }, (req, reply) =>
    subjectForm(req, reply, emptyForm({ joinPolicy: "open" }), null),
  );

  formRoute(app, {
    path: "/subject-networks",
    policy: "subject.create",
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => subjectForm(req, reply, form, null),
    submit: (actor, _, body) => subjects.create(actor, body),
    done: (s) => `/subject-networks/${s.slug}?saved=1`,
  });

  // A subject network's page.

  const subjectPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: SubjectAccess,
    forms: { join?: FormState; owner?: FormState; document?: FormState } = {},
  ) => {
    const joinForm = forms.join ?? emptyForm();
    const ownerForm = forms.owner ?? emptyForm();
    const documentForm = forms.document ?? emptyForm({ visibility: "public" });
    const { actor } = req;
    const manages = managesSubject(actor, a);
    const takesPart = takesPartIn(actor, a);
    const [people, notes, questions, reviews, documents, orgs, allNetworks, sections] = await Promise.all([
      subjects.people(actor, a),
      subjects.notes(actor, { subjectNetworkId: a.subject.id, limit: 10 }),
      subjects.questions(actor, { subjectNetworkId: a.subject.id, limit: 10 }),
      subjects.reviews(actor, { subjectNetworkId: a.subject.id }),
      subjects.documents(actor, a),
      actor && !a.membership ? organisationOptions() : Promise.resolve([]),
      actor ? networks.list(1000).then((r) => r.items) : Promise.resolve([]),
      renderSections(modules, "subjectNetworkPage", req, { subject: a.subject }),
    ]);
    const mine = allNetworks.filter((n) => isSecretariat(actor, n.id));
    return reply.page(
      <>
        {savedNotice(req)}
        {(req.query as Record<string, unknown>).lastOwner !== undefined ? (
          <Notice kind="danger">{req.i18n.t("errors.subjectNeedsOwner")}</Notice>
        ) : null}
        {(req.query as Record<string, unknown>).lastCoordinator !== undefined ? (
          <Notice kind="danger">{req.i18n.t("errors.lastCoordinator")}</Notice>
        ) : null}
        <SubjectPage
          ctx={req.pageContext()}
          subject={a.subject}
          owners={a.owners}
          membership={a.membership}
          people={people.rows}
          memberCount={people.count}
          manages={manages}
          takesPart={takesPart}
          notes={notes}
          questions={questions}
          reviews={reviews}
          joinForm={joinForm}
          ownerForm={ownerForm}
          documents={documents}
          documentForm={documentForm}
          maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
          organisationOptions={orgs}
          addOwnerOptions={
            manages ? mine.filter((n) => !a.ownerNetworkIds.includes(n.id)).map((n) => ({ value: n.id, label: n.name })) : []
          }
          removableOwners={a.owners.filter((o) => mine.some((n) => n.id === o.id))}
          sections={sections}
        />
      </>,
      {
        title: a.subject.name,
        description: a.subject.mandate.slice(0, 200) || undefined,
        follow: { kind: "subject_network", id: a.subject.id },
        crumbs: crumbs(req, a),
        forms: [joinForm, ownerForm, documentForm],
      },
    );
  };

  app.get("/subject-networks/:slug", { config: { policy: "public" } }, async (req, reply) =>
    subjectPage(req, reply, await subjectInPath(req)),
  );

  app.get("/subject-networks/:slug/edit", { config: { policy: "subject.manage", resource: subjectInPath } }, (req, reply) => {
    const { resource } = authorized(req, subjectInPath);
    return subjectForm(req, reply, emptyForm({ ...resource.subject, national: resource.subject.national ? "1" : "" }), resource);
  });

  formRoute(app, {
    path: "/subject-networks/:slug",
    policy: "subject.manage",
    resource: subjectInPath,
    initial: false,
    show: (req, reply, form, a) => subjectForm(req, reply, form, a),
    submit: (actor, a, body) => subjects.update(actor, a, body),
    done: (s) => `/subject-networks/${s.slug}?saved=1`,
  });

  // Owners: a secretariat adds or takes off its own network.

  // Adding an owner gives its secretariat the running of the subject network: only those who run it
  // already may, and only for a network they run too (a coordinator from that network's secretariat).
  formRoute(app, {
    path: "/subject-networks/:slug/owners",
    policy: "subject.manage",
    resource: subjectInPath,
    initial: false,
    show: (req, reply, form, a) => subjectPage(req, reply, a, { owner: form }),
    submit: (actor, a, body) => subjects.addOwner(actor, a, body as Record<string, unknown>),
    done: (_, a) => `/subject-networks/${a.subject.slug}?saved=1`,
  });

  app.post("/subject-networks/:slug/owners/:networkId/remove", { config: { policy: "subject.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { slug, networkId } = parseOrBadRequest(ownerParams, req.params);
    const result = await subjects.removeOwner(actor, await subjects.access(actor, slug), networkId);
    return reply.redirect(`/subject-networks/${slug}?${result.ok ? "saved" : "lastOwner"}=1`, 303);
  });

  // Documents: those who take part add them, those who run it remove them, readers download what they may read.

  app.post(
    "/subject-networks/:slug/documents",
    { config: { storedOnce: true, policy: "subject.contribute", resource: subjectInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, subjectInPath);
      const result = await subjects.addDocument(actor, resource, req.body, config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024);
      if (!result.ok) return subjectPage(req, reply, resource, { document: submittedFileForm(req.body, result.errors) });
      return reply.redirect(`/subject-networks/${resource.subject.slug}?saved=1#documents-heading`, 303);
    },
  );

  app.get("/subject-networks/:slug/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { documentId } = parseOrBadRequest(documentParams, req.params);
    return sendStoredFile(reply, await subjects.documentFile(req.actor, await subjectInPath(req), documentId));
  });

  app.post(
    "/subject-networks/:slug/documents/:documentId/delete",
    { config: { policy: "subject.manage", resource: subjectInPath } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, subjectInPath);
      await subjects.removeDocument(actor, resource, parseOrBadRequest(documentParams, req.params).documentId);
      return reply.redirect(`/subject-networks/${resource.subject.slug}?saved=1#documents-heading`, 303);
    },
  );

  // People: join, leave; coordinators let in, name and take out.

  formRoute(app, {
    path: "/subject-networks/:slug/join",
    policy: "subject.join",
    resource: subjectInPath,
    initial: false,
    show: (req, reply, form, a) => subjectPage(req, reply, a, { join: form }),
    submit: (actor, a, body) => subjects.join(actor, a, body as Record<string, unknown>),
    done: (_, a) => `/subject-networks/${a.subject.slug}?saved=1`,
  });

  app.post(
    "/subject-networks/:slug/leave",
    { config: { policy: "subject.join", resource: subjectInPath } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, subjectInPath);
      const result = await subjects.leave(actor, resource);
      return reply.redirect(`/subject-networks/${resource.subject.slug}?${result.ok ? "saved" : "lastCoordinator"}=1`, 303);
    },
  );

  app.post(
    "/subject-networks/:slug/members/:userId",
    { config: { policy: "subject.manage", resource: subjectInPath } },
    async (req, reply) => {
      const { actor, resource } = authorized(req, subjectInPath);
      const { userId } = parseOrBadRequest(memberParams, req.params);
      const { action } = parseOrBadRequest(memberAction, req.body);
      const result = await subjects.setMember(actor, resource, userId, action);
      const outcome = result.ok ? "saved" : "lastCoordinator";
      return reply.redirect(`/subject-networks/${resource.subject.slug}?${outcome}=1#people-heading`, 303);
    },
  );

  // Experience.

  const subjectOptions = async (): Promise<Option[]> =>
    (await subjects.list()).map((r) => ({ value: r.subject.slug, label: r.subject.name }));
  /** The subject network a search is narrowed to, by its slug; none when the slug is unknown. */
  const narrowedTo = async (slug: string | undefined) => (slug ? ((await subjects.repo.bySlug(slug))?.id ?? -1) : undefined);

  app.get("/experience", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    const query = searchQuery.parse(req.query);
    const subjectNetworkId = await narrowedTo(query.subject);
    const [rows, options] = await Promise.all([
      subjects.notes(req.actor, { q: query.q, subjectNetworkId, limit: 100 }),
      subjectOptions(),
    ]);
    return reply.page(
      <SearchPage
        ctx={req.pageContext()}
        title={t("experience.searchTitle")}
        intro={t("experience.searchIntro")}
        action="/experience"
        values={query}
        subjectOptions={options}
      >
        <NoteList ctx={req.pageContext()} rows={rows} showSubject />
      </SearchPage>,
      {
        title: t("experience.searchTitle"),
        crumbs: [{ href: "/subject-networks", label: t("subject.listTitle") }, { label: t("experience.searchTitle") }],
      },
    );
  });

  const noteForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    a: SubjectAccess,
    existing: ExperienceNote | null,
  ) => {
    const { t } = req.i18n;
    const title = existing ? t("experience.editTitle", { title: existing.title }) : t("experience.new");
    const [orgs, people, choices] = await Promise.all([
      organisationOptions(),
      subjects.people(req.actor, a),
      subjects.linkChoices(req.actor),
    ]);
    return reply.page(
      <NoteFormPage
        ctx={req.pageContext()}
        form={form}
        action={existing ? `/experience/${existing.id}` : `/subject-networks/${a.subject.slug}/experience`}
        title={title}
        cancelHref={existing ? `/experience/${existing.id}` : `/subject-networks/${a.subject.slug}`}
        organisationOptions={orgs}
        contactOptions={[
          ...people.rows.filter((p) => p.member.approved).map((p) => ({ value: p.member.userId, label: p.name || p.email })),
          // A link the editor may not see, or a contact who has left, stays a choice: an edit keeps it.
          ...(existing?.contactUserId && !people.rows.some((p) => p.member.approved && p.member.userId === existing.contactUserId)
            ? [{ value: existing.contactUserId, label: t("experience.formerContact") }]
            : []),
        ]}
        choices={{
          projects: [
            ...toOptions(choices.projects),
            ...(existing?.projectId && !choices.projects.some((p) => p.id === existing.projectId)
              ? [{ value: existing.projectId, label: t("experience.hiddenProject") }]
              : []),
          ],
          solutions: toOptions(choices.solutions),
          nationalSolutions: toOptions(choices.nationalSolutions),
        }}
      />,
      { title, crumbs: crumbs(req, a, title), forms: [form] },
    );
  };

  app.get(
    "/subject-networks/:slug/experience/new",
    { config: { policy: "subject.contribute", resource: subjectInPath } },
    (req, reply) => {
      const { actor, resource } = authorized(req, subjectInPath);
      return noteForm(req, reply, emptyForm({ visibility: "public", contactUserId: actor.userId ?? "" }), resource, null);
    },
  );

  formRoute(app, {
    path: "/subject-networks/:slug/experience",
    policy: "subject.contribute",
    resource: subjectInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, a) => noteForm(req, reply, form, a, null),
    submit: (actor, a, body) => subjects.createNote(actor, a, body),
    done: (n) => `/experience/${n.id}?saved=1`,
  });

  app.get("/experience/:id", { config: { policy: "public" } }, async (req, reply) => {
    const id = parseOrBadRequest(idParams, req.params).id;
    const row = await subjects.note(req.actor, id);
    const a = await subjects.accessFor(req.actor, row.note.subjectNetworkId);
    return reply.page(
      <>
        {savedNotice(req)}
        <NotePage
          ctx={req.pageContext()}
          row={row}
          mayEdit={subjects.mayEditNote(req.actor, a, row.note)}
          showContactEmail={takesPartIn(req.actor, a)}
        />
      </>,
      { title: row.note.title, description: row.note.whatWeDid.slice(0, 200), crumbs: crumbs(req, a, row.note.title) },
    );
  });

  app.get("/experience/:id/edit", { config: { policy: "subject.contribute", resource: noteInPath } }, (req, reply) => {
    const { resource } = authorized(req, noteInPath);
    if (!subjects.mayEditNote(req.actor, resource, resource.note)) throw new NotFoundError();
    return noteForm(req, reply, emptyForm({ ...resource.note }), resource, resource.note);
  });

  formRoute(app, {
    path: "/experience/:id",
    policy: "subject.contribute",
    resource: noteInPath,
    initial: false,
    show: (req, reply, form, r) => noteForm(req, reply, form, r, r.note),
    submit: (actor, r, body) => subjects.updateNote(actor, r, r.note, body),
    done: (n) => `/experience/${n.id}?saved=1`,
  });

  app.post("/experience/:id/delete", { config: { policy: "subject.contribute", resource: noteInPath } }, async (req, reply) => {
    const { actor, resource } = authorized(req, noteInPath);
    await subjects.deleteNote(actor, resource, resource.note);
    return reply.redirect(`/subject-networks/${resource.subject.slug}?saved=1`, 303);
  });

  // Reviews: asked for from the project's page, recorded by the subject network.

  const reviewRequestForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, projectId: number) => {
    const { t } = req.i18n;
    const [project, all] = await Promise.all([services.projects.get(projectId), subjects.list()]);
    const title = t("review.askTitle", { title: project.title });
    return reply.page(
      <ReviewRequestPage
        ctx={req.pageContext()}
        form={form}
        action={`/projects/${projectId}/reviews`}
        title={title}
        cancelHref={`/projects/${projectId}`}
        subjectOptions={all.map((r) => ({ value: r.subject.id, label: r.subject.name }))}
      />,
      {
        title,
        crumbs: [
          { href: "/projects", label: t("project.listTitle") },
          { href: `/projects/${projectId}`, label: project.title },
          { label: t("review.ask") },
        ],
        forms: [form],
      },
    );
  };

  formRoute(app, {
    path: "/projects/:id/reviews",
    policy: "subject.requestReview",
    resource: projectInPath,
    storedOnce: true,
    initial: (_, req) => emptyForm({ subjectNetworkId: (req.query as Record<string, unknown>).subject ?? "" }),
    show: (req, reply, form, project) => reviewRequestForm(req, reply, form, project.id),
    submit: (actor, project, body) => subjects.requestReview(actor, project.id, body),
    done: (r) => `/projects/${r.projectId}?saved=1#project-reviews-heading`,
  });

  const reviewInPath = async (req: FastifyRequest) => {
    const a = await subjectInPath(req);
    const review = await subjects.review(req.actor, a, parseOrBadRequest(reviewParams, req.params).reviewId);
    return { ...a, review };
  };

  const reviewForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    r: Awaited<ReturnType<typeof reviewInPath>>,
  ) => {
    const { t } = req.i18n;
    const project = await services.projects.get(r.review.projectId);
    const title = t("review.recordTitle", { title: project.title });
    return reply.page(
      <ReviewFormPage
        ctx={req.pageContext()}
        form={form}
        action={`/subject-networks/${r.subject.slug}/reviews/${r.review.id}`}
        title={title}
        cancelHref={`/subject-networks/${r.subject.slug}#reviews-heading`}
        review={r.review}
        projectTitle={project.title}
      />,
      { title, crumbs: crumbs(req, r, title), forms: [form] },
    );
  };

  formRoute(app, {
    path: "/subject-networks/:slug/reviews/:reviewId",
    policy: "subject.manage",
    resource: reviewInPath,
    initial: (r) => emptyForm({ outcome: "reviewed", ...r.review, verdict: r.review.verdict ?? "" }),
    show: reviewForm,
    submit: (actor, r, body) => subjects.recordReview(actor, r.review, body),
    done: (_, r) => `/subject-networks/${r.subject.slug}?saved=1#reviews-heading`,
  });

  // Questions.

  app.get("/questions", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    const query = searchQuery.parse(req.query);
    const subjectNetworkId = await narrowedTo(query.subject);
    const [rows, options] = await Promise.all([
      subjects.questions(req.actor, { q: query.q, subjectNetworkId, limit: 100 }),
      subjectOptions(),
    ]);
    return reply.page(
      <SearchPage
        ctx={req.pageContext()}
        title={t("question.searchTitle")}
        intro={t("question.searchIntro")}
        action="/questions"
        values={query}
        subjectOptions={options}
      >
        <QuestionList ctx={req.pageContext()} rows={rows} showSubject />
      </SearchPage>,
      {
        title: t("question.searchTitle"),
        crumbs: [{ href: "/subject-networks", label: t("subject.listTitle") }, { label: t("question.searchTitle") }],
      },
    );
  });

  const questionForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, a: SubjectAccess) => {
    const { t } = req.i18n;
    const title = t("question.new");
    return reply.page(
      <QuestionFormPage
        ctx={req.pageContext()}
        form={form}
        action={`/subject-networks/${a.subject.slug}/questions`}
        title={title}
        cancelHref={`/subject-networks/${a.subject.slug}`}
        organisationOptions={await organisationOptions()}
      />,
      { title, crumbs: crumbs(req, a, title), forms: [form] },
    );
  };

  app.get(
    "/subject-networks/:slug/questions/new",
    { config: { policy: "subject.contribute", resource: subjectInPath } },
    (req, reply) => {
      const { resource } = authorized(req, subjectInPath);
      return questionForm(req, reply, emptyForm({ visibility: "public" }), resource);
    },
  );

  formRoute(app, {
    path: "/subject-networks/:slug/questions",
    policy: "subject.contribute",
    resource: subjectInPath,
    storedOnce: true,
    initial: false,
    show: (req, reply, form, a) => questionForm(req, reply, form, a),
    submit: (actor, a, body) => subjects.ask(actor, a, body),
    done: (q) => `/questions/${q.id}?saved=1`,
  });

  const questionPage = async (req: FastifyRequest, reply: FastifyReply, id: number, answerForm: FormState = emptyForm()) => {
    const a = await subjects.question(req.actor, id);
    const { question, answers } = a;
    return reply.page(
      <>
        {savedNotice(req)}
        <QuestionPage
          ctx={req.pageContext()}
          subject={a.subject}
          question={question}
          answers={answers}
          answerForm={takesPartIn(req.actor, a) ? answerForm : null}
        />
      </>,
      { title: question.title, crumbs: crumbs(req, a, question.title), forms: [answerForm] },
    );
  };

  app.get("/questions/:id", { config: { policy: "public" } }, (req, reply) =>
    questionPage(req, reply, parseOrBadRequest(idParams, req.params).id),
  );

  formRoute(app, {
    path: "/questions/:id/answers",
    policy: "subject.contribute",
    resource: questionInPath,
    initial: false,
    storedOnce: true,
    show: (req, reply, form, r) => questionPage(req, reply, r.question.id, form),
    submit: (actor, r, body) => subjects.answer(actor, r.question, body),
    done: (_, r) => `/questions/${r.question.id}?saved=1#answers-heading`,
  });
}
