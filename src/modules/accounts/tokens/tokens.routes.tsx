import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { idParam, parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { TokensPage } from "./tokens.views.tsx";

/** Personal access tokens for the API. */
export function tokenRoutes(app: FastifyInstance, { services }: AppContext) {
  const renderTokens = async (req: FastifyRequest, reply: FastifyReply, form: FormState, created?: string) => {
    const [tokens, networkList] = await Promise.all([services.apiTokens.listFor(req.actor!.userId!), services.networks.list()]);
    // A page showing a token must not be cached anywhere.
    reply.header("cache-control", "no-store");
    return reply.page(
      <TokensPage
        ctx={req.pageContext()}
        form={form}
        tokens={tokens}
        networks={networkList.items.map((n) => ({ value: n.id, label: n.name }))}
        created={created}
      />,
      { title: req.i18n.t("tokens.title"), forms: [form], ...(created ? { status: 201 } : {}) },
    );
  };

  app.get("/account/tokens", { config: { policy: "account.own" } }, async (req, reply) => {
    return renderTokens(req, reply, emptyForm({ scopes: ["read"], days: 90 }));
  });

  app.post("/account/tokens", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const result = await services.apiTokens.create(actor, req.body);
    if (!result.ok) return renderTokens(req, reply, submittedForm(req.body, result.errors));
    // Shown in the answer to the POST itself, never again and never in a URL.
    return renderTokens(req, reply, emptyForm({ scopes: ["read"], days: 90 }), result.value);
  });

  app.post("/account/tokens/:id/revoke", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { id } = parseOrBadRequest(idParam, req.params);
    await services.apiTokens.revoke(actor, id);
    return reply.redirect("/account/tokens", 303);
  });
}
