import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { sendStoredFile } from "../../platform/files/send.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Notice, submittedForm } from "../../platform/ui/components.tsx";
import {
  BodyFormPage,
  BodyMemberFormPage,
  BodyPage,
  MembershipFormPage,
  NetworkFormPage,
  NetworkPage,
  NetworksPage,
} from "./networks.views.tsx";
import { bodyMemberParams, documentParams, networkBySlug, slugAndId, slugParam } from "./params.ts";

const savedNotice = (req: FastifyRequest) => {
  const query = req.query as Record<string, unknown>;
  if (query.saved === "1") return <Notice kind="success">{req.i18n.t("form.saved")}</Notice>;
  if (query.joined === "1") return <Notice kind="success">{req.i18n.t("invitations.acceptedNotice")}</Notice>;
  return null;
};

export function networkRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { networks, directory } = services;
  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);
  const countyOptions = async () =>
    (await directory.organisations.byKind("county")).map((c) => ({ value: c.code ?? "", label: c.nameNorwegian }));

  app.get("/networks", { config: { policy: "public" } }, async (req, reply) => {
    const { items } = await networks.repo.list();
    const { t } = req.i18n;
    return reply.page(<NetworksPage ctx={req.pageContext()} items={items} canCreate={can(req.actor, "network.create")} />, {
      title: t("network.listTitle"),
      crumbs: [{ href: "/", label: "Samverk" }, { label: t("network.listTitle") }],
    });
  });

  app.get("/networks.csv", { config: { policy: "public" } }, async (req, reply) => {
    const [{ items }, counties] = await Promise.all([networks.repo.list(), directory.organisations.byKind("county")]);
    const countyNames = new Map(counties.map((c) => [c.code ?? "", c.nameNorwegian]));
    const { t } = req.i18n;
    return sendCsv(
      reply,
      "networks.csv",
      [t("network.name"), t("network.shortName"), t("network.counties"), t("network.host"), t("network.members"), "URL"],
      items.map((n) => [
        n.name,
        n.shortName,
        n.counties.map((c) => countyNames.get(c) ?? c).join(", "),
        n.hostName,
        n.memberCount,
        `/n/${n.slug}`,
      ]),
    );
  });

  const renderNetworkForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    target: { slug: string; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const title = target ? t("network.editTitle", { name: target.name }) : t("network.new");
    const [counties, hosts, people] = await Promise.all([
      countyOptions(),
      directory.organisations.options(["municipality", "county_municipality", "it_cooperation"]),
      directory.people.options(),
    ]);
    return reply.page(
      <NetworkFormPage
        ctx={req.pageContext()}
        form={form}
        action={target ? `/n/${target.slug}` : "/networks"}
        title={title}
        counties={counties}
        hosts={hosts.map((o) => ({ value: o.id, label: o.name }))}
        people={people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }))}
        cancelHref={target ? `/n/${target.slug}` : "/networks"}
      />,
      {
        title,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: "/networks", label: t("network.listTitle") }, { label: title }],
        network: target ?? undefined,
      },
    );
  };

  app.get("/networks/new", { config: { policy: "network.create" } }, async (req, reply) => {
    return renderNetworkForm(req, reply, emptyForm(), null);
  });

  app.post("/networks", { config: { storedOnce: true, policy: "network.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await networks.create(actor, req.body);
    if (!result.ok) return renderNetworkForm(req, reply, submittedForm(req.body, result.errors), null);
    return reply.redirect(`/n/${result.value.slug}?saved=1`, 303);
  });

  app.get("/n/:slug", { config: { policy: "public" } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const overview = await networks.overview(slug, req.actor);
    const canEdit = can(req.actor, "network.update", overview.network);
    const [counties, history] = await Promise.all([
      directory.organisations.byKind("county"),
      canEdit ? services.audit.history("network", overview.network.id) : Promise.resolve([]),
    ]);
    const countyNames = new Map(counties.map((c) => [c.code ?? "", c.nameNorwegian]));
    const { network } = overview;
    return reply.page(
      <>
        {savedNotice(req)}
        <NetworkPage ctx={req.pageContext()} overview={overview} countyNames={countyNames} canEdit={canEdit} history={history} />
      </>,
      {
        title: network.name,
        network,
        crumbs: [{ href: "/networks", label: req.i18n.t("network.listTitle") }, { label: network.name }],
      },
    );
  });

  app.get("/n/:slug/members.csv", { config: { policy: "public" } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const { members } = await networks.overview(slug, req.actor);
    const { t } = req.i18n;
    return sendCsv(
      reply,
      `${slug}-members.csv`,
      [
        t("org.name"),
        t("org.county"),
        t("membership.level"),
        t("membership.representedBy"),
        t("membership.since"),
        t("membership.to"),
      ],
      members.map((m) => [
        m.organisationName,
        m.countyCode,
        t(`membership.level.${m.level}`),
        m.representedByName,
        m.fromDate,
        m.toDate,
      ]),
    );
  });

  app.get("/n/:slug/edit", { config: { policy: "network.update", resource: networkInPath } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const { network, contacts } = await networks.overview(slug, req.actor);
    return renderNetworkForm(req, reply, emptyForm({ ...network, contactIds: contacts.map((c) => c.personId) }), network);
  });

  app.post("/n/:slug", { config: { policy: "network.update", resource: networkInPath } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const { actor, resource: network } = authorized(req, networkInPath);
    const result = await networks.update(actor, slug, req.body);
    if (!result.ok) return renderNetworkForm(req, reply, submittedForm(req.body, result.errors), network);
    return reply.redirect(`/n/${result.value.slug}?saved=1`, 303);
  });

  // Memberships

  const renderMembershipForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: Awaited<ReturnType<typeof networks.get>>,
    editing: { id: number; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const [all, members] = await Promise.all([directory.organisations.options(), networks.repo.membersOf(network.id)]);
    const current = new Set(members.map((m) => m.organisationId));
    const free = all.filter((o) => !current.has(o.id));
    const inCounties = free.filter(
      (o) => (o.kind === "municipality" || o.kind === "county_municipality") && network.counties.includes(o.countyCode ?? ""),
    );
    const title = editing ? t("membership.editTitle", { name: editing.name }) : t("membership.add");
    return reply.page(
      <MembershipFormPage
        ctx={req.pageContext()}
        form={form}
        action={editing ? `/n/${network.slug}/members/${editing.id}` : `/n/${network.slug}/members`}
        title={title}
        candidates={editing ? null : inCounties.map((o) => ({ value: o.id, label: o.name }))}
        others={free.filter((o) => !inCounties.includes(o)).map((o) => ({ value: o.id, label: o.name }))}
        cooperations={all.filter((o) => o.kind === "it_cooperation").map((o) => ({ value: o.id, label: o.name }))}
        cancelHref={`/n/${network.slug}`}
        {...(editing ? { deleteAction: `/n/${network.slug}/members/${editing.id}/delete` } : {})}
      />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/members/new", { config: { policy: "membership.manage", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderMembershipForm(req, reply, emptyForm({ level: "member" }), network, null);
  });

  app.post(
    "/n/:slug/members",
    { config: { storedOnce: true, policy: "membership.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug } = parseOrBadRequest(slugParam, req.params);
      const { actor, resource: network } = authorized(req, networkInPath);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const chosen = [body.organisationIds ?? [], body.otherOrganisationId ?? []].flat().filter((v) => v !== "");
      const result = await networks.addMembers(actor, slug, { ...body, organisationIds: chosen });
      if (!result.ok) return renderMembershipForm(req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/n/${slug}?saved=1#members-heading`, 303);
    },
  );

  app.get(
    "/n/:slug/members/:id/edit",
    { config: { policy: "membership.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      const { network, membership } = await networks.getMembership(slug, id);
      const org = await directory.getOrganisation(membership.organisationId);
      return renderMembershipForm(req, reply, emptyForm(membership), network, { id, name: org.name });
    },
  );

  app.post("/n/:slug/members/:id", { config: { policy: "membership.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    const { network, membership } = await networks.getMembership(slug, id);
    const { actor } = authorized(req, networkInPath);
    const result = await networks.updateMembership(actor, slug, id, req.body);
    if (!result.ok) {
      const org = await directory.getOrganisation(membership.organisationId);
      return renderMembershipForm(req, reply, submittedForm(req.body, result.errors), network, { id, name: org.name });
    }
    return reply.redirect(`/n/${slug}?saved=1#members-heading`, 303);
  });

  app.post(
    "/n/:slug/members/:id/delete",
    { config: { policy: "membership.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getMembership(slug, id);
      const { actor } = authorized(req, networkInPath);
      await networks.removeMembership(actor, slug, id);
      return reply.redirect(`/n/${slug}?saved=1#members-heading`, 303);
    },
  );

  // Bodies

  const renderBodyForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: { slug: string; name: string },
    body: { id: number; name: string } | null,
  ) => {
    const { t } = req.i18n;
    const title = body ? t("body.editTitle", { name: body.name }) : t("body.new");
    return reply.page(
      <BodyFormPage
        ctx={req.pageContext()}
        form={form}
        action={body ? `/n/${network.slug}/bodies/${body.id}` : `/n/${network.slug}/bodies`}
        title={title}
        cancelHref={body ? `/n/${network.slug}/bodies/${body.id}` : `/n/${network.slug}`}
      />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/bodies/new", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { resource: network } = authorized(req, networkInPath);
    return renderBodyForm(req, reply, emptyForm({ kind: "subject_group" }), network, null);
  });

  app.post(
    "/n/:slug/bodies",
    { config: { storedOnce: true, policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug } = parseOrBadRequest(slugParam, req.params);
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await networks.createBody(actor, slug, req.body);
      if (!result.ok) return renderBodyForm(req, reply, submittedForm(req.body, result.errors), network, null);
      return reply.redirect(`/n/${slug}/bodies/${result.value.id}?saved=1`, 303);
    },
  );

  /** The body's page; `form` is the add-member form's state, `documentForm` the upload form's. */
  const renderBody = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: number,
    form: FormState,
    documentForm: FormState = emptyForm({ visibility: "public" }),
  ) => {
    const { network, body, members } = await networks.visibleBody(slug, id, req.actor);
    const canEdit = can(req.actor, "body.manage", network);
    const [people, orgs, history] = canEdit
      ? await Promise.all([directory.people.options(), directory.organisations.options(), services.audit.history("body", id)])
      : [[], [], []];
    const documents = await networks.documentsOf(network, id, req.actor);
    const status = form.errors.length || documentForm.errors.length ? 422 : 200;
    return reply.page(
      <>
        {savedNotice(req)}
        <BodyPage
          ctx={req.pageContext()}
          network={network}
          body={body}
          members={members}
          canEdit={canEdit}
          form={form}
          people={people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }))}
          organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
          history={history}
          documents={documents}
          documentForm={documentForm}
          maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
        />
      </>,
      {
        title: body.name,
        network,
        status,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: body.name }],
      },
    );
  };

  app.get("/n/:slug/bodies/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    return renderBody(req, reply, slug, id, emptyForm({ role: "member" }));
  });

  app.get("/n/:slug/bodies/:id/edit", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    const { network, body } = await networks.getBody(slug, id);
    return renderBodyForm(req, reply, emptyForm(body), network, body);
  });

  app.post("/n/:slug/bodies/:id", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    const { network, body } = await networks.getBody(slug, id);
    const { actor } = authorized(req, networkInPath);
    const result = await networks.updateBody(actor, slug, id, req.body);
    if (!result.ok) return renderBodyForm(req, reply, submittedForm(req.body, result.errors), network, body);
    return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
  });

  app.post("/n/:slug/bodies/:id/delete", { config: { policy: "body.manage", resource: networkInPath } }, async (req, reply) => {
    const { slug, id } = parseOrBadRequest(slugAndId, req.params);
    await networks.getBody(slug, id);
    const { actor } = authorized(req, networkInPath);
    await networks.deleteBody(actor, slug, id);
    return reply.redirect(`/n/${slug}?saved=1#bodies-heading`, 303);
  });

  app.post(
    "/n/:slug/bodies/:id/members",
    { config: { storedOnce: true, policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      const result = await networks.addBodyMember(actor, slug, id, req.body);
      if (!result.ok) return renderBody(req, reply, slug, id, submittedForm(req.body, result.errors));
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
    },
  );

  const renderBodyMemberForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    found: Awaited<ReturnType<typeof networks.getBodyMember>>,
  ) => {
    const { network, body, member } = found;
    const { t } = req.i18n;
    const title = t("body.editMemberTitle", { name: member.personName, body: body.name });
    const orgs = await directory.organisations.options();
    const base = `/n/${network.slug}/bodies/${body.id}`;
    return reply.page(
      <BodyMemberFormPage
        ctx={req.pageContext()}
        form={form}
        action={`${base}/members/${member.id}`}
        title={title}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
        cancelHref={base}
      />,
      {
        title,
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: base, label: body.name },
          { label: member.personName },
        ],
      },
    );
  };

  app.get(
    "/n/:slug/bodies/:id/members/:memberId/edit",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      const found = await networks.getBodyMember(slug, id, memberId);
      return renderBodyMemberForm(req, reply, emptyForm(found.member), found);
    },
  );

  app.post(
    "/n/:slug/bodies/:id/members/:memberId",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      const found = await networks.getBodyMember(slug, id, memberId);
      const { actor } = authorized(req, networkInPath);
      const result = await networks.updateBodyMember(actor, slug, id, memberId, req.body);
      if (!result.ok) return renderBodyMemberForm(req, reply, submittedForm(req.body, result.errors), found);
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
    },
  );

  app.post(
    "/n/:slug/bodies/:id/members/:memberId/delete",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, memberId } = parseOrBadRequest(bodyMemberParams, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      await networks.removeBodyMember(actor, slug, id, memberId);
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1`, 303);
    },
  );

  // Documents of a body

  app.post(
    "/n/:slug/bodies/:id/documents",
    { config: { storedOnce: true, policy: "body.manage", resource: networkInPath, acceptsFiles: true } },
    async (req, reply) => {
      const { slug, id } = parseOrBadRequest(slugAndId, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      const result = await networks.addDocument(actor, slug, id, req.body, config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024);
      if (!result.ok) {
        // The file cannot be put back into the form; the title and visibility typed are kept.
        const { file: _file, ...typed } = (req.body ?? {}) as Record<string, unknown>;
        return renderBody(req, reply, slug, id, emptyForm({ role: "member" }), submittedForm(typed, result.errors));
      }
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1#documents-heading`, 303);
    },
  );

  app.get("/n/:slug/bodies/:id/documents/:documentId", { config: { policy: "public" } }, async (req, reply) => {
    const { slug, id, documentId } = parseOrBadRequest(documentParams, req.params);
    const file = await networks.documentFile(slug, id, documentId, req.actor);
    return sendStoredFile(reply, file);
  });

  app.post(
    "/n/:slug/bodies/:id/documents/:documentId/delete",
    { config: { policy: "body.manage", resource: networkInPath } },
    async (req, reply) => {
      const { slug, id, documentId } = parseOrBadRequest(documentParams, req.params);
      await networks.getBody(slug, id);
      const { actor } = authorized(req, networkInPath);
      await networks.removeDocument(actor, slug, id, documentId);
      return reply.redirect(`/n/${slug}/bodies/${id}?saved=1#documents-heading`, 303);
    },
  );
}
