import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { dbId, linkSecret, PAGE_SIZE, pageParam, parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, Pagination, submittedFileForm, submittedForm } from "../../platform/ui/components.tsx";
import { OneButtonPage } from "../../platform/ui/message-page.tsx";
import { slugParam } from "../networks/index.ts";
import type { NewsItem } from "./news.repo.ts";
import { NewsFormPage, NewsListPage, NewslettersPage, NewsPage, SubscribePage } from "./news.views.tsx";
import { networkOwner, type OwnerPage, subjectOwner } from "./owner.ts";
import type { NewsResource } from "./policy.ts";

const idParams = z.object({ id: dbId });
const pictureParams = z.object({ id: dbId, pictureId: dbId });
const secretParams = z.object({ secret: linkSecret });
const listQuery = z.object({ page: pageParam }).passthrough();

/** The way back from a page of news: the owner, then its news. */
const newsCrumbs = (req: FastifyRequest, owner: OwnerPage) => [
  { href: owner.href, label: owner.name },
  { href: owner.newsHref, label: req.i18n.t("news.heading") },
];

/**
 * News of networks and of subject networks (a news item's page and its writing), and a network's
 * newsletter: subscribing, confirming, leaving, sending.
 */
export function newsRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { news, networks, subjects } = services;
  const maxBytes = config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;
  /** The network by :slug, for news.manage as its secretariat. */
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network, owner: networkOwner(network) };
  };
  /** The subject network by :slug, for news.manage as one who runs it. */
  const subjectInPath = async (req: FastifyRequest) => {
    const access = await subjects.access(req.actor, parseOrBadRequest(slugParam, req.params).slug);
    return { subject: access, owner: subjectOwner(access) };
  };
  /** The item by :id as the viewer may read it (404 otherwise), with its owner, for news.manage. */
  const itemInPath = async (req: FastifyRequest) => {
    const item = await news.visible(req.actor, parseOrBadRequest(idParams, req.params).id);
    if (item.subjectNetworkId !== null) {
      const access = await subjects.accessFor(req.actor, item.subjectNetworkId);
      return { item, subject: access, owner: subjectOwner(access) };
    }
    const network = item.networkId !== null ? await networks.byId(item.networkId) : undefined;
    if (!network) throw new NotFoundError();
    return { item, networkId: network.id, owner: networkOwner(network) };
  };

  const listPage = async (req: FastifyRequest, reply: FastifyReply, owner: OwnerPage, resource: NewsResource) => {
    const { page } = parseOrBadRequest(listQuery, req.query);
    const { items, total } = await news.page(req.actor, owner.key, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const { t } = req.i18n;
    const title = t("news.listTitle", { network: owner.name });
    return reply.page(
      <NewsListPage
        ctx={req.pageContext()}
        owner={owner}
        items={items.map((r) => r.item)}
        canManage={can(req.actor, "news.manage", resource)}
        pagination={<Pagination t={t} url={req.url} total={total} limit={PAGE_SIZE} offset={(page - 1) * PAGE_SIZE} />}
      />,
      { title, network: owner.network, crumbs: [{ href: owner.href, label: owner.name }, { label: t("news.heading") }] },
    );
  };
  app.get("/n/:slug/news", { config: { policy: "public" } }, async (req, reply) => {
    const resource = await networkInPath(req);
    return listPage(req, reply, resource.owner, resource);
  });
  app.get("/subject-networks/:slug/news", { config: { policy: "public" } }, async (req, reply) => {
    const resource = await subjectInPath(req);
    return listPage(req, reply, resource.owner, resource);
  });

  app.get("/news/:id", { config: { policy: "public" } }, async (req, reply) => {
    const resource = await itemInPath(req);
    const { item, owner } = resource;
    const [related, pictures] = await Promise.all([news.related(req.actor, item), news.picturesOf([item])]);
    return reply.page(
      <NewsPage
        ctx={req.pageContext()}
        item={item}
        owner={owner}
        related={related}
        pictures={pictures}
        canManage={can(req.actor, "news.manage", resource)}
      />,
      {
        title: item.title,
        description: item.intro.slice(0, 200) || undefined,
        network: owner.network,
        crumbs: [...newsCrumbs(req, owner), { label: item.title }],
      },
    );
  });

  // A picture is shown in the page, so it is sent inline, and only to those who may read its item.
  app.get("/news/:id/pictures/:pictureId", { config: { policy: "public" } }, async (req, reply) => {
    const { id, pictureId } = parseOrBadRequest(pictureParams, req.params);
    const file = await news.picture(req.actor, id, pictureId);
    return reply
      .header("content-type", file.mediaType)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, max-age=300")
      .send(file.content);
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, owner: OwnerPage, item: NewsItem | null) => {
    const { t } = req.i18n;
    const title = item ? t("news.editTitle", { title: item.title }) : t("news.newTitle", { network: owner.name });
    const [pictures, hiddenRelated] = item
      ? await Promise.all([news.picturesOf([item]), news.hiddenRelated(req.actor, item)])
      : [[], 0];
    return reply.page(
      <NewsFormPage
        ctx={req.pageContext()}
        form={form}
        action={item ? `/news/${item.id}/edit` : `${owner.newsHref}/new`}
        title={title}
        cancelHref={item ? `/news/${item.id}` : owner.newsHref}
        forSubjectNetwork={!owner.network}
        pictures={pictures}
        hiddenRelated={hiddenRelated}
      />,
      { title, network: owner.network, forms: [form], crumbs: [...newsCrumbs(req, owner), { label: title }] },
    );
  };

  // Writing: a network's secretariat at /n/:slug/news/new, a subject network's runners at its own address.
  for (const [prefix, ownerInPath] of [
    ["/n/:slug", networkInPath],
    ["/subject-networks/:slug", subjectInPath],
  ] as const) {
    const manage = { policy: "news.manage", resource: ownerInPath };
    app.get(`${prefix}/news/new`, { config: manage }, async (req, reply) => {
      const { resource } = authorized<{ owner: OwnerPage }>(req, ownerInPath);
      return formPage(req, reply, emptyForm({ visibility: "public" }), resource.owner, null);
    });
    app.post(`${prefix}/news/new`, { config: { ...manage, acceptsFiles: true, storedOnce: true } }, async (req, reply) => {
      const { actor, resource } = authorized<{ owner: OwnerPage }>(req, ownerInPath);
      const result = await news.create(actor, resource.owner.key, (req.body ?? {}) as Record<string, unknown>, maxBytes);
      if (!result.ok) return formPage(req, reply, submittedFileForm(req.body, result.errors), resource.owner, null);
      return reply.redirect(`/news/${result.value.id}?saved=1`, 303);
    });
  }

  const manageItem = { policy: "news.manage", resource: itemInPath };
  app.get("/news/:id/edit", { config: manageItem }, async (req, reply) => {
    const { resource } = authorized(req, itemInPath);
    const { item } = resource;
    const [related, pictures] = await Promise.all([news.related(req.actor, item), news.picturesOf([item])]);
    const alts = Object.fromEntries(pictures.map((p) => [`pictureAlt-${p.id}`, p.alt]));
    return formPage(
      req,
      reply,
      emptyForm({ ...item, ...alts, related: related.map((r) => r.href).join("\n") }),
      resource.owner,
      item,
    );
  });
  app.post("/news/:id/edit", { config: { ...manageItem, acceptsFiles: true } }, async (req, reply) => {
    const { actor, resource } = authorized(req, itemInPath);
    const result = await news.update(actor, resource.item, (req.body ?? {}) as Record<string, unknown>, maxBytes);
    if (!result.ok) return formPage(req, reply, submittedFileForm(req.body, result.errors), resource.owner, resource.item);
    return reply.redirect(`/news/${resource.item.id}?saved=1`, 303);
  });
  app.post("/news/:id/publish", { config: manageItem }, async (req, reply) => {
    const { actor, resource } = authorized(req, itemInPath);
    await news.publish(actor, resource.item);
    return reply.redirect(`/news/${resource.item.id}?saved=1`, 303);
  });
  app.post("/news/:id/delete", { config: manageItem }, async (req, reply) => {
    const { actor, resource } = authorized(req, itemInPath);
    await news.remove(actor, resource.item);
    return reply.redirect(resource.owner.newsHref, 303);
  });

  // The newsletter, for readers: subscribe, confirm by the mailed link, leave by the letter's link.
  const subscribePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState | null,
    done: "checkMail" | "subscribed" | null,
  ) => {
    const { network } = await networkInPath(req);
    const own = req.actor?.userId ? await services.users.byId(req.actor.userId) : undefined;
    const state = form ?? emptyForm({ email: own?.email ?? "" });
    return reply.page(<SubscribePage ctx={req.pageContext()} network={network} form={state} done={done} />, {
      title: req.i18n.t("newsletter.subscribeTitle", { network: network.name }),
      network,
      forms: [state],
      crumbs: [...newsCrumbs(req, networkOwner(network)), { label: req.i18n.t("newsletter.heading") }],
    });
  };
  app.get("/n/:slug/newsletter", { config: { policy: "public" } }, (req, reply) => subscribePage(req, reply, null, null));
  app.post("/n/:slug/newsletter", { config: { policy: "public" } }, async (req, reply) => {
    const { network } = await networkInPath(req);
    const own = req.actor?.userId ? await services.users.byId(req.actor.userId) : undefined;
    const result = await news.subscribe(req.actor, own?.email ?? null, network, req.body, {
      locale: req.i18n.locale,
      ipKey: req.ipKey(),
    });
    if (!result.ok) return subscribePage(req, reply, submittedForm(req.body, result.errors), null);
    return subscribePage(req, reply, null, result.value.confirmed ? "subscribed" : "checkMail");
  });

  const actionPage = (req: FastifyRequest, reply: FastifyReply, kind: "confirm" | "stop", done: string | null) => {
    const { secret } = parseOrBadRequest(secretParams, req.params);
    const { t } = req.i18n;
    const title = kind === "confirm" ? t("newsletter.confirmTitle") : t("newsletter.stopTitle");
    return reply.page(
      <OneButtonPage
        title={title}
        intro={kind === "confirm" ? t("newsletter.subscribeIntro") : t("newsletter.stopIntro")}
        action={`/newsletter/${kind}/${secret}`}
        button={kind === "confirm" ? t("newsletter.subscribe") : t("newsletter.stopButton")}
        done={done}
      />,
      { title },
    );
  };
  // A mail program's link checker may open the link: confirming takes the button, so only a person does it.
  app.get("/newsletter/confirm/:secret", { config: { policy: "public" } }, (req, reply) =>
    actionPage(req, reply, "confirm", null),
  );
  app.post("/newsletter/confirm/:secret", { config: { policy: "public" } }, async (req, reply) => {
    const { secret } = parseOrBadRequest(secretParams, req.params);
    const { t } = req.i18n;
    const done = (await news.confirm(secret)) !== undefined ? t("newsletter.confirmed") : t("newsletter.confirmUnknown");
    return actionPage(req, reply, "confirm", done);
  });
  app.get("/newsletter/stop/:secret", { config: { policy: "public" } }, (req, reply) => actionPage(req, reply, "stop", null));
  // The letter's one-click way out (RFC 8058): a mail program posts to it without the page's CSRF token.
  app.post("/newsletter/stop/:secret", { config: { policy: "public", withoutCsrf: true } }, async (req, reply) => {
    const { secret } = parseOrBadRequest(secretParams, req.params);
    if (!(await news.unsubscribe(secret))) throw new NotFoundError();
    return actionPage(req, reply, "stop", req.i18n.t("newsletter.stopped"));
  });

  // The newsletter, for the secretariat: its subscribers, a new letter, and the letters sent.
  const manageNetwork = { policy: "news.manage", resource: networkInPath };
  const newslettersPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, sentNow: number | null) => {
    const { resource } = authorized(req, networkInPath);
    const { network } = resource;
    const [counts, unsent, sent] = await Promise.all([
      news.subscriberCounts(network.id),
      news.unsent(network.id),
      news.newslettersOf(network.id),
    ]);
    const title = req.i18n.t("newsletter.sendTitle", { network: network.name });
    return reply.page(
      <NewslettersPage
        ctx={req.pageContext()}
        network={network}
        counts={counts}
        unsent={unsent}
        sent={sent}
        form={form}
        sentNow={sentNow}
      />,
      {
        title,
        network,
        forms: [form],
        crumbs: [...newsCrumbs(req, networkOwner(network)), { label: req.i18n.t("newsletter.heading") }],
      },
    );
  };
  app.get("/n/:slug/newsletters", { config: manageNetwork }, (req, reply) => {
    const sent = (req.query as Record<string, unknown>).sent;
    return newslettersPage(req, reply, emptyForm(), typeof sent === "string" && /^\d{1,7}$/.test(sent) ? Number(sent) : null);
  });
  app.post("/n/:slug/newsletters", { config: manageNetwork }, async (req, reply) => {
    const { actor, resource } = authorized(req, networkInPath);
    const result = await news.sendNewsletter(actor, resource.network, req.body);
    if (!result.ok) return newslettersPage(req, reply, submittedForm(req.body, result.errors), null);
    return reply.redirect(`/n/${resource.network.slug}/newsletters?sent=${result.value.recipients}`, 303);
  });
}
