import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../../platform/access/authorize.ts";
import { authorized } from "../../../platform/access/page-access.ts";
import { dbId, parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { savedNotice } from "../../../platform/ui/saved-notice.tsx";
import { networkBySlug, slugParam } from "../../networks/index.ts";
import { sharedStrategyFromPath, strategyFromPath } from "../params.ts";
import { themeName } from "./themes.service.ts";
import { OverlapPage, ThemesFormPage } from "./themes.views.tsx";

const strategyParams = z.object({ id: dbId });

/** Tagging a strategy's focus areas and goals with themes, and the comparison of a network's members. */
export function themeRoutes(app: FastifyInstance, { services }: AppContext) {
  const { strategies, themes, networks } = services;
  const strategyInPath = strategyFromPath(strategies);
  const sharedStrategyInPath = sharedStrategyFromPath(strategies, networks);
  const networkInPath = networkBySlug(networks);

  const renderTagging = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    authorized(req, strategyInPath);
    const [detail, tagging] = await Promise.all([strategies.detail(id), themes.tagging(id)]);
    const { t } = req.i18n;
    const title = t("themes.tagTitle", { title: detail.strategy.title });
    return reply.page(<ThemesFormPage ctx={req.pageContext()} detail={detail} tagging={tagging} {...(form ? { form } : {})} />, {
      title,
      forms: [form],
      crumbs: [
        { href: "/strategies", label: t("strategy.listTitle") },
        { href: `/strategies/${id}`, label: detail.strategy.title },
        { label: t("themes.link") },
      ],
    });
  };

  app.get("/strategies/:id/themes", { config: { policy: "strategy.edit", resource: strategyInPath } }, (req, reply) =>
    renderTagging(req, reply),
  );

  app.post("/strategies/:id/themes", { config: { policy: "strategy.edit", resource: strategyInPath } }, async (req, reply) => {
    const { id } = parseOrBadRequest(strategyParams, req.params);
    const { actor } = authorized(req, strategyInPath);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await themes.saveTags(actor, id, body);
    if (!result.ok) return renderTagging(req, reply, submittedForm(body, result.errors));
    return reply.redirect(`/strategies/${id}?saved=1#areas-heading`, 303);
  });

  const renderOverlap = async (
    req: FastifyRequest,
    reply: FastifyReply,
    forms: { theme?: FormState; shared?: FormState } = {},
  ) => {
    const network = await networks.get(parseOrBadRequest(slugParam, req.params).slug);
    const [overlap, members] = await Promise.all([themes.overlap(network.id), strategies.networkMembers(network.id)]);
    const names = new Map(members.map((m) => [m.id, m.name]));
    const { t } = req.i18n;
    const title = t("themes.overlapTitle", { network: network.name });
    const year = Number(osloToday().slice(0, 4));
    const sharedForm =
      forms.shared ??
      emptyForm({
        title: t("themes.sharedDefaultTitle", { network: network.name, first: year + 1, last: year + 4 }),
        firstYear: String(year + 1),
        lastYear: String(year + 4),
        // The themes most members have in common come ticked.
        themeIds: overlap.rows.filter((r) => r.members >= 2).map((r) => String(r.theme.id)),
      });
    return reply.page(
      <>
        {savedNotice(req)}
        <OverlapPage
          ctx={req.pageContext()}
          network={network}
          overlap={overlap}
          memberName={(id) => names.get(id) ?? ""}
          canAddTheme={can(req.actor, "strategy.themes", network)}
          canStartShared={can(
            req.actor,
            "strategy.edit",
            await strategies.resourceOf({ organisationId: null, networkId: network.id }),
          )}
          form={forms.theme ?? emptyForm()}
          sharedForm={sharedForm}
        />
      </>,
      {
        title,
        network,
        forms: [forms.theme, forms.shared],
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: title }],
      },
    );
  };

  app.get("/n/:slug/strategies/themes", { config: { policy: "public" } }, (req, reply) => renderOverlap(req, reply));

  app.post(
    "/n/:slug/strategies/themes",
    { config: { storedOnce: true, policy: "strategy.themes", resource: networkInPath } },
    async (req, reply) => {
      const { actor, resource: network } = authorized(req, networkInPath);
      const result = await themes.addTheme(actor, network.id, req.body);
      if (!result.ok) return renderOverlap(req, reply, { theme: submittedForm(req.body, result.errors) });
      return reply.redirect(`/n/${network.slug}/strategies/themes?saved`, 303);
    },
  );

  app.post(
    "/n/:slug/strategies/shared",
    { config: { storedOnce: true, policy: "strategy.edit", resource: sharedStrategyInPath } },
    async (req, reply) => {
      const { actor, resource: shared } = authorized(req, sharedStrategyInPath);
      const { t } = req.i18n;
      const result = await themes.startShared(actor, shared.networkId!, req.body, (theme) => themeName(t, theme));
      if (!result.ok) return renderOverlap(req, reply, { shared: submittedForm(req.body, result.errors) });
      return reply.redirect(`/strategies/${result.value.id}?saved=1#areas-heading`, 303);
    },
  );
}
