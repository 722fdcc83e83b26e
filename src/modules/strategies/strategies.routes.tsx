import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { can, secretariatNetworks } from "../../platform/access/authorize.ts";
import { authorized } from "../../platform/access/page-access.ts";
import { optionalId, parseOrBadRequest, query } from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../platform/ui/components.tsx";
import { slugParam } from "../networks/index.ts";
import { STRATEGY_STATUSES } from "./schema.ts";
import { isEditable } from "./strategies.service.ts";
import { StrategyFormPage, StrategyListPage } from "./strategies.views.tsx";
import { strategyPages } from "./strategy-page.tsx";

const listQuery = query({
  network: slugParam.shape.slug.optional(),
  status: z.enum(STRATEGY_STATUSES).optional(),
});
/** The owner chosen for a new strategy: an organisation ("o:12") or a network ("n:3"). */
const ownerField = z.string().regex(/^[on]:\d{1,9}$/, "errors.choice");

/** The list of strategies, starting one, its page and changing its details. */
export function strategyRoutes(app: FastifyInstance, ctx: AppContext) {
  const { strategies, networks, access, directory } = ctx.services;
  const pages = strategyPages(ctx);
  const { strategyInPath } = pages;

  app.get("/strategies", { config: { policy: "public" } }, async (req, reply) => {
    const filter = parseOrBadRequest(listQuery, req.query);
    const network = filter.network ? await networks.get(filter.network) : undefined;
    const [items, networkList] = await Promise.all([
      strategies.list({ networkId: network?.id, status: filter.status }),
      networks.switcher(),
    ]);
    const { t } = req.i18n;
    return reply.page(
      <StrategyListPage
        ctx={req.pageContext()}
        items={items}
        filter={filter}
        networks={networkList.map((n) => ({ value: n.slug, label: n.name }))}
        canCreate={can(req.actor, "strategy.create")}
      />,
      { title: t("strategy.listTitle"), crumbs: [{ href: "/", label: "Samverk" }, { label: t("strategy.listTitle") }] },
    );
  });

  /** Whose strategies the actor may start: the organisations it acts for and the networks it runs. */
  const ownerOptions = async (actor: Actor) => {
    const [organisations, networkList] = await Promise.all([access.organisationsActingFor(actor), networks.switcher()]);
    const run = actor.isAdmin ? networkList : networkList.filter((n) => secretariatNetworks(actor).includes(n.id));
    return [
      ...run.map((n) => ({ value: `n:${n.id}`, label: n.name })),
      ...organisations.map((o) => ({ value: `o:${o.id}`, label: o.name })),
    ];
  };

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { actor } = authorized(req);
    const { t } = req.i18n;
    const title = t("strategy.new");
    return reply.page(
      <StrategyFormPage
        ctx={req.pageContext()}
        form={form}
        title={title}
        action="/strategies"
        cancelHref="/strategies"
        owners={await ownerOptions(actor)}
        templates={(await strategies.list({})).map((i) => ({
          value: String(i.strategy.id),
          label: `${i.strategy.title} (${i.ownerName}, ${i.strategy.firstYear}–${i.strategy.lastYear})`,
        }))}
      />,
      {
        title,
        forms: [form],
        crumbs: [{ href: "/strategies", label: t("strategy.listTitle") }, { label: title }],
      },
    );
  };

  app.get("/strategies/new", { config: { policy: "strategy.create" } }, (req, reply) => {
    const year = Number(osloToday().slice(0, 4));
    return renderNew(req, reply, emptyForm({ firstYear: String(year), lastYear: String(year + 3), status: "draft" }));
  });

  app.post("/strategies", { config: { storedOnce: true, policy: "strategy.create" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const refuse = (field: string, key: "errors.choice" | "errors.notYourOrganisation") =>
      renderNew(req, reply, submittedForm(body, [{ field, key }]));
    const owner = ownerField.safeParse(body.owner);
    if (!owner.success) return refuse("owner", "errors.choice");
    const [kind, raw] = owner.data.split(":") as ["o" | "n", string];
    const ownerRef = kind === "o" ? { organisationId: Number(raw) } : { networkId: Number(raw) };
    if (kind === "o" && !(await directory.organisations.byId(Number(raw)))) return refuse("owner", "errors.choice");
    if (kind === "n" && !(await networks.byId(Number(raw)))) return refuse("owner", "errors.choice");
    const resource = await strategies.resourceOf({ organisationId: null, networkId: null, ...ownerRef });
    if (!can(actor, "strategy.edit", resource)) return refuse("owner", "errors.notYourOrganisation");
    const template = optionalId.safeParse(body.templateId);
    if (!template.success) return refuse("templateId", "errors.choice");
    const result = await strategies.create(actor, ownerRef, body, template.data);
    if (!result.ok) return renderNew(req, reply, submittedForm(body, result.errors));
    return reply.redirect(`/strategies/${result.value.id}?saved=1`, 303);
  });

  app.get("/strategies/:id", { config: { policy: "public" } }, (req, reply) => pages.render(req, reply));

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { id } = pages.editable(req);
    const strategy = await strategies.get(id);
    const { t } = req.i18n;
    const title = t("strategy.edit");
    if (!isEditable(strategy)) return pages.renderNotEditable(req, reply, await strategies.detail(id), title);
    return reply.page(
      <StrategyFormPage
        ctx={req.pageContext()}
        form={form ?? emptyForm({ ...strategy, firstYear: String(strategy.firstYear), lastYear: String(strategy.lastYear) })}
        title={title}
        action={`/strategies/${id}`}
        cancelHref={`/strategies/${id}`}
      />,
      {
        title,
        forms: [form],
        crumbs: [
          { href: "/strategies", label: t("strategy.listTitle") },
          { href: `/strategies/${id}`, label: strategy.title },
          { label: title },
        ],
      },
    );
  };

  app.get("/strategies/:id/edit", { config: { policy: "strategy.edit", resource: strategyInPath } }, (req, reply) =>
    renderEdit(req, reply),
  );

  app.post("/strategies/:id", { config: { policy: "strategy.edit", resource: strategyInPath } }, async (req, reply) => {
    const { actor, id } = pages.editable(req);
    const result = await strategies.update(actor, id, req.body);
    if (!result.ok) {
      if (pages.refusedWhole(result)) return pages.render(req, reply, { refusal: submittedForm(req.body, result.errors) });
      return renderEdit(req, reply, submittedForm(req.body, result.errors));
    }
    return reply.redirect(`/strategies/${id}?saved=1`, 303);
  });
}
