import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { feedLinks } from "../../platform/feeds.ts";
import { sendCsv } from "../../platform/http/csv.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { sendCalendar, toICalendar } from "../../platform/http/icalendar.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import { type AppContext, calendarEntries, renderSections } from "../../platform/module.ts";
import { emptyForm, type FormState } from "../../platform/ui/components.tsx";
import { networkFeeds } from "./feeds.routes.ts";
import { NetworkFormPage, NetworkPage, NetworksPage } from "./networks.views.tsx";
import { networkBySlug, slugParam } from "./params.ts";
import { savedNotice } from "./saved-notice.tsx";

/** The list of networks, a network's page and its form. */
export function networkRoutes(app: FastifyInstance, ctx: AppContext) {
  const { services, modules } = ctx;
  const { networks, directory } = services;
  /** The network by :slug (404 if none), which the policies are checked against. */
  const networkInPath = networkBySlug(networks);
  const feeds = networkFeeds(modules);
  const countyOptions = async () =>
    (await directory.organisations.byKind("county")).map((c) => ({ value: c.code ?? "", label: c.nameNorwegian }));

  app.get("/networks", { config: { policy: "public" } }, async (req, reply) => {
    const [{ items }, sections] = await Promise.all([networks.list(), renderSections(modules, "networksPage", req, {})]);
    const { t } = req.i18n;
    return reply.page(
      <NetworksPage ctx={req.pageContext()} items={items} canCreate={can(req.actor, "network.create")} sections={sections} />,
      {
        title: t("network.listTitle"),
        crumbs: [{ href: "/", label: "Samverk" }, { label: t("network.listTitle") }],
      },
    );
  });

  app.get("/networks.csv", { config: { policy: "public" } }, async (req, reply) => {
    const [{ items }, counties] = await Promise.all([networks.list(), directory.organisations.byKind("county")]);
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
        forms: [form],
        crumbs: [{ href: "/networks", label: t("network.listTitle") }, { label: title }],
        network: target ?? undefined,
      },
    );
  };

  app.get("/networks/new", { config: { policy: "network.create" } }, async (req, reply) => {
    return renderNetworkForm(req, reply, emptyForm(), null);
  });

  formRoute(app, {
    path: "/networks",
    policy: "network.create",
    storedOnce: true,
    initial: false,
    show: (req, reply, form) => renderNetworkForm(req, reply, form, null),
    submit: (actor, _, body) => networks.create(actor, body),
    done: (created) => `/n/${created.slug}?saved=1`,
  });

  // The network's one calendar: every module's entries (its bodies' meetings, its gatherings), as the viewer may see them.
  app.get("/n/:slug/calendar.ics", { config: { policy: "public" } }, async (req, reply) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const events = await calendarEntries(ctx, { network, viewer: req.actor });
    return sendCalendar(reply, `${network.slug}.ics`, toICalendar(network.name, events));
  });

  app.get("/n/:slug", { config: { policy: "public" } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const overview = await networks.overview(slug, req.actor);
    const canEdit = can(req.actor, "network.update", overview.network);
    const [counties, history, sections] = await Promise.all([
      directory.organisations.byKind("county"),
      canEdit ? services.audit.history("network", overview.network.id) : Promise.resolve([]),
      // Other modules' parts of the page (its coming gatherings), each loading its own data.
      renderSections(modules, "networkPage", req, { network: overview.network }),
    ]);
    const countyNames = new Map(counties.map((c) => [c.code ?? "", c.nameNorwegian]));
    const { network } = overview;
    const feedList = feedLinks(network, feeds, req.i18n.t);
    return reply.page(
      <>
        {savedNotice(req)}
        <NetworkPage
          ctx={req.pageContext()}
          overview={overview}
          countyNames={countyNames}
          canEdit={canEdit}
          history={history}
          sections={sections}
          feeds={feedList}
        />
      </>,
      {
        title: network.name,
        network,
        follow: { kind: "network", id: network.id },
        feeds: feedList,
        crumbs: [{ href: "/networks", label: req.i18n.t("network.listTitle") }, { label: network.name }],
      },
    );
  });

  app.get("/n/:slug/edit", { config: { policy: "network.update", resource: networkInPath } }, async (req, reply) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const { network, contacts } = await networks.overview(slug, req.actor);
    return renderNetworkForm(req, reply, emptyForm({ ...network, contactIds: contacts.map((c) => c.personId) }), network);
  });

  formRoute(app, {
    path: "/n/:slug",
    policy: "network.update",
    resource: networkInPath,
    initial: false,
    show: (req, reply, form, network) => renderNetworkForm(req, reply, form, network),
    submit: (actor, _, body, req) => networks.update(actor, parseOrBadRequest(slugParam, req.params).slug, body),
    done: (updated) => `/n/${updated.slug}?saved=1`,
  });
}
