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

const idParams = z.object({ id: dbId });
const pictureParams = z.object({ id: dbId, pictureId: dbId });
const secretParams = z.object({ secret: linkSecret });
const listQuery = z.object({ page: pageParam }).passthrough();

/** The way back from a page of a network's news: the network, then its news. */
const newsCrumbs = (req: FastifyRequest, network: { slug: string; name: string }) => [
  { href: `/n/${network.slug}`, label: network.name },
  { href: `/n/${network.slug}/news`, label: req.i18n.t("news.heading") },
];

/** A network's news, a news item's page and its writing, and the newsletter: subscribing, confirming, leaving, sending. */
export function newsRoutes(app: FastifyInstance, { services, config }: AppContext) {
  const { news, networks } = services;
  const maxBytes = config.SAMVERK_UPLOAD_MAX_MB * 1024 * 1024;
  const networkInPath = async (req: FastifyRequest) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    return { networkId: network.id, network };
  };
  /** The item by :id as the viewer may read it (404 otherwise), with its network, for news.manage. */
  const itemInPath = async (req: FastifyRequest) => {
    const item = await news.visible(req.actor, parseOrBadRequest(idParams, req.params).id);
    const network = await networks.byId(item.networkId);
    if (!network) throw new NotFoundError();
    return { networkId: item.networkId, item, network };
  };

  app.get("/n/:slug/news", { config: { policy: "public" } }, async (req, reply) => {
    const { network } = await networkInPath(req);
    const { page } = parseOrBadRequest(listQuery, req.query);
    const { items, total } = await news.page(req.actor, network.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const { t } = req.i18n;
    const title = t("news.listTitle", { network: network.name });
    return reply.page(
      <NewsListPage
        ctx={req.pageContext()}
        network={network}
        items={items.map((r) => r.item)}
        canManage={can(req.actor, "news.manage", { networkId: network.id })}
        pagination={<Pagination t={t} url={req.url} total={total} limit={PAGE_SIZE} offset={(page - 1) * PAGE_SIZE} />}
      />,
      { title, network, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: t("news.heading") }] },
    );
  });

  app.get("/news/:id", { config: { policy: "public" } }, async (req, reply) => {
    const { item, network } = await itemInPath(req);
    const [related, pictures] = await Promise.all([news.related(req.actor, item), news.picturesOf([item])]);
    return reply.page(
      <NewsPage
        ctx={req.pageContext()}
        item={item}
        network={network}
        related={related}
        pictures={pictures}
        canManage={can(req.actor, "news.manage", { networkId: item.networkId })}
      />,
      {
        title: item.title,
        description: item.intro.slice(0, 200) || undefined,
        network,
        crumbs: [...newsCrumbs(req, network), { label: item.title }],
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

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    network: { slug: string; name: string },
    item: NewsItem | null,
  ) => {
    const { t } = req.i18n;
    const title = item ? t("news.editTitle", { title: item.title }) : t("news.newTitle", { network: network.name });
    const [pictures, hiddenRelated] = item
      ? await Promise.all([news.picturesOf([item]), news.hiddenRelated(req.actor, item)])
      : [[], 0];
    return reply.page(
      <NewsFormPage
        ctx={req.pageContext()}
        form={form}
        action={item ? `/news/${item.id}/edit` : `/n/${network.slug}/news/new`}
        title={title}
        cancelHref={item ? `/news/${item.id}` : `/n/${network.slug}/news`}
        pictures={pictures}
        hiddenRelated={hiddenRelated}
      />,
      { title, network, forms: [form], crumbs: [...newsCrumbs(req, network), { label: title }] },
    );
  };

  const manageNetwork = { policy: "news.manage", resource: networkInPath };
  app.get("/n/:slug/news/new", { config: manageNetwork }, async (req, reply) => {
    const { resource } = authorized(req, networkInPath);
    return formPage(req, reply, emptyForm({ visibility: "public" }), resource.network, null);
  });
  app.post("/n/:slug/news/new", { config: { ...manageNetwork, acceptsFiles: true, storedOnce: true } }, async (req, reply) => {
    const { actor, resource } = authorized(req, networkInPath);
    const result = await news.create(actor, resource.network.id, (req.body ?? {}) as Record<string, unknown>, maxBytes);
    if (!result.ok) return formPage(req, reply, submittedFileForm(req.body, result.errors), resource.network, null);
    return reply.redirect(`/news/${result.value.id}?saved=1`, 303);
  });

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
      resource.network,
      item,
    );
  });
  app.post("/news/:id/edit", { config: { ...manageItem, acceptsFiles: true } }, async (req, reply) => {
    const { actor, resource } = authorized(req, itemInPath);
    const result = await news.update(actor, resource.item, (req.body ?? {}) as Record<string, unknown>, maxBytes);
    if (!result.ok) return formPage(req, reply, submittedFileForm(req.body, result.errors), resource.network, resource.item);
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
    return reply.redirect(`/n/${resource.network.slug}/news`, 303);
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
      crumbs: [...newsCrumbs(req, network), { label: req.i18n.t("newsletter.heading") }],
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
      { title, network, forms: [form], crumbs: [...newsCrumbs(req, network), { label: req.i18n.t("newsletter.heading") }] },
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
