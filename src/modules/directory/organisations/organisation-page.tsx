import type { FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { idParam, parseOrBadRequest } from "../../../platform/http/validation.ts";
import { type AppContext, renderSections } from "../../../platform/module.ts";
import { Notice } from "../../../platform/ui/components.tsx";
import { OrganisationPage } from "./organisations.views.tsx";

/** An organisation's page: its facts, networks, cooperations and people, and the other modules' sections. */
export async function renderOrganisationPage({ services, modules }: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const { directory, networks } = services;
  const { id } = parseOrBadRequest(idParam, req.params);
  const org = await directory.getOrganisation(id);
  const canEdit = can(req.actor, "organisation.update", org);
  const [counties, memberships, cooperationMembers, cooperations, people, history, related, actsIn, sections] = await Promise.all(
    [
      directory.organisations.byKind("county"),
      networks.membershipsOf(id),
      directory.organisations.cooperationMembersOf(id),
      directory.organisations.cooperationsOf(id),
      directory.people.list({ organisationId: id, limit: 200, offset: 0 }),
      canEdit ? services.audit.history("organisation", id) : Promise.resolve([]),
      directory.organisations.byIds(org.successorId ? [org.successorId] : []),
      // An IT cooperation is seldom a member itself: it acts in networks through the members it represents.
      org.kind === "it_cooperation" ? networks.representedIn(id) : Promise.resolve([]),
      // Other modules' parts of the page (projects, strategies, solutions), each loading its own data.
      renderSections(modules, "organisationPage", req, { organisation: org }),
    ],
  );
  const countyName = org.kind === "county" ? null : (counties.find((c) => c.code === org.countyCode)?.nameNorwegian ?? null);
  const { t } = req.i18n;
  const saved = (req.query as Record<string, unknown>).saved === "1";
  return reply.page(
    <>
      {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <OrganisationPage
        ctx={req.pageContext()}
        org={org}
        countyName={countyName}
        successor={related[0] ? { id: related[0].id, name: related[0].name } : null}
        memberships={memberships}
        cooperationMembers={cooperationMembers}
        cooperations={cooperations}
        people={people.items}
        actsIn={actsIn}
        sections={sections}
        canEdit={canEdit}
        history={history}
      />
    </>,
    {
      title: org.name,
      follow: { kind: "organisation", id: org.id },
      crumbs: [{ href: "/organisations", label: t("org.listTitle") }, { label: org.name }],
    },
  );
}
