import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authorized } from "../../../platform/access/page-access.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { formRoute } from "../../../platform/http/form-route.ts";
import { idParam, PAGE_SIZE, pageParam, parseOrBadRequest, query } from "../../../platform/http/validation.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../../platform/ui/components.tsx";
import { MessagePage } from "../../../platform/ui/message-page.tsx";
import { tokenParam } from "../links.tsx";
import { startSession } from "../sign-in/start-session.ts";
import { AcceptInvitationPage, InvitationsPage } from "./invitations.views.tsx";

/** The administrator's invitations to no network, and the invitation link's pages. */
export function invitationRoutes(app: FastifyInstance, ctx: AppContext) {
  const { services } = ctx;
  /** These pages invite to no network, which the policy leaves to administrators. */
  const noNetwork = async () => ({ networkId: null });

  const renderInvitations = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const done = (req.query as Record<string, unknown>).done;
    const notice = done === "sent" ? "invitations.sentNotice" : done === "withdrawn" ? "invitations.withdrawnNotice" : undefined;
    const { page } = parseOrBadRequest(query({ page: pageParam }), req.query);
    const [{ items, total }, networkList] = await Promise.all([
      services.invitations.list(null, PAGE_SIZE, (page - 1) * PAGE_SIZE),
      services.networks.list(),
    ]);
    return reply.page(
      <InvitationsPage
        ctx={req.pageContext()}
        form={form}
        networks={networkList.items.map((n) => ({ value: n.id, label: n.name }))}
        items={items}
        total={total}
        page={page}
        limit={PAGE_SIZE}
        notice={notice}
      />,
      { title: req.i18n.t("invitations.title"), forms: [form] },
    );
  };

  formRoute(app, {
    path: "/admin/invitations",
    policy: "invitation.manage",
    resource: noNetwork,
    storedOnce: true,
    show: renderInvitations,
    submit: (actor, _, body, req) => services.invitations.invite(actor, body, req.i18n.t),
    done: () => "/admin/invitations?done=sent",
  });

  app.post(
    "/admin/invitations/:id/resend",
    { config: { policy: "invitation.manage", resource: noNetwork } },
    async (req, reply) => {
      const { actor } = authorized(req, noNetwork);
      const { id } = parseOrBadRequest(idParam, req.params);
      await services.invitations.resend(actor, id, null, req.i18n.t);
      return reply.redirect("/admin/invitations?done=sent", 303);
    },
  );

  app.post(
    "/admin/invitations/:id/withdraw",
    { config: { policy: "invitation.manage", resource: noNetwork } },
    async (req, reply) => {
      const { actor } = authorized(req, noNetwork);
      const { id } = parseOrBadRequest(idParam, req.params);
      await services.invitations.withdraw(actor, id, null);
      return reply.redirect("/admin/invitations?done=withdrawn", 303);
    },
  );

  const invitationProblem = (req: FastifyRequest, reply: FastifyReply, reason: "unknown" | "expired" | "used" | "withdrawn") => {
    const { t } = req.i18n;
    const text: Record<typeof reason, MessageKey> = {
      unknown: "auth.linkUnknown",
      expired: "invitations.linkExpired",
      used: "auth.linkUsed",
      withdrawn: "invitations.linkWithdrawn",
    };
    return reply.page(<MessagePage title={t("auth.linkProblemTitle")} text={t(text[reason])} />, {
      title: t("auth.linkProblemTitle"),
      status: reason === "unknown" ? 404 : 410,
    });
  };

  app.get("/invitation/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const found = await services.invitations.byToken(token);
    if (!found.ok) return invitationProblem(req, reply, found.reason);
    reply.header("referrer-policy", "same-origin");
    const network = found.invitation.networkId ? await services.networks.byId(found.invitation.networkId) : undefined;
    return reply.page(
      <AcceptInvitationPage
        ctx={req.pageContext()}
        form={emptyForm({ name: found.invitation.name })}
        token={token}
        email={found.invitation.email}
        networkName={network?.name}
      />,
      { title: req.i18n.t("invitations.acceptTitle") },
    );
  });

  // Someone with an account accepts while signed in (after password or OpenID Connect sign-in).
  app.post("/invitation/:token/accept", { config: { policy: "account.own" } }, async (req, reply) => {
    const { actor } = authorized(req);
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const result = await services.invitations.acceptAs(token, actor);
    if ("link" in result) return invitationProblem(req, reply, result.link);
    if (!result.ok) throw new NotFoundError();
    const network = result.value ? await services.networks.byId(result.value) : undefined;
    return reply.redirect(network ? `/n/${network.slug}?joined=1` : "/", 303);
  });

  app.post("/invitation/:token", { config: { policy: "public" } }, async (req, reply) => {
    const { token } = parseOrBadRequest(tokenParam, req.params);
    const result = await services.invitations.accept(token, req.body);
    if ("link" in result) return invitationProblem(req, reply, result.link);
    if (!result.ok) {
      const found = await services.invitations.byToken(token);
      reply.header("referrer-policy", "same-origin");
      const name = (req.body as Record<string, unknown> | undefined)?.name ?? "";
      return reply.page(
        <AcceptInvitationPage
          ctx={req.pageContext()}
          form={submittedForm({ name }, result.errors)}
          token={token}
          email={found.ok ? found.invitation.email : ""}
        />,
        { title: req.i18n.t("invitations.acceptTitle"), status: 422 },
      );
    }
    // The new account is signed in at once, with a fresh session.
    await startSession(ctx, req, reply, result.value);
    return reply.redirect("/?welcome=1", 303);
  });
}
