import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorize } from "../../platform/access/authorize.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState, submittedForm } from "../../platform/ui/components.tsx";
import { AccessFormPage, AccessPage } from "./access.views.tsx";
import { slugAndId, slugParam } from "./params.ts";

const userParams = slugParam.extend({ userId: z.coerce.number().int().positive().max(2_147_483_647) });
const NOTICES = {
  invited: "invitations.sentNotice",
  withdrawn: "invitations.withdrawnNotice",
  saved: "access.savedNotice",
  removed: "access.removedNotice",
} as const;

/** The secretariat's pages for people, roles, representations and invitations in its network. */
export function accessRoutes(app: FastifyInstance, { services }: AppContext) {
  const { networks, access, invitations } = services;

  /** The network, with the secretariat's right checked before anything else is read. */
  const networkFor = async (req: FastifyRequest) => {
    const { slug } = parseOrBadRequest(slugParam, req.params);
    const network = await networks.get(slug);
    authorize(req.actor, "access.manage", network);
    return { network, actor: req.actor };
  };

  const choicesFor = async (networkId: number, userId: number | null) => {
    const options = await access.options(networkId);
    return {
      organisations: options.organisations.map((o) => ({ value: o.id, label: o.name })),
      // A person already linked to another account cannot be chosen.
      people: options.people.filter((p) => p.userId === null || p.userId === userId).map((p) => ({ value: p.id, label: p.name })),
    };
  };

  const renderPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { network } = await networkFor(req);
    const { t } = req.i18n;
    const [people, sent, choices, bodies] = await Promise.all([
      access.repo.peopleWithAccess(network.id),
      invitations.list(network.id, 200, 0),
      choicesFor(network.id, null),
      networks.repo.bodiesOf(network.id),
    ]);
    // The secretariat sees every body, so no visibility filter is needed here.
    const bodyById = new Map(bodies.map((b) => [b.id, b]));
    const seats = (await networks.repo.membersOfBodies(bodies.map((b) => b.id))).map((m) => ({
      personId: m.personId,
      bodyName: bodyById.get(m.bodyId)!.name,
      bodyKind: bodyById.get(m.bodyId)!.kind,
    }));
    const done = (req.query as Record<string, unknown>).done;
    const notice = typeof done === "string" && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : undefined;
    return reply.page(
      <AccessPage
        ctx={req.pageContext()}
        network={network}
        people={people.map((p) => ({ ...p, seats: seats.filter((s) => s.personId === p.personId) }))}
        invitations={sent.items}
        form={form}
        choices={choices}
        notice={notice}
      />,
      {
        title: t("access.title"),
        network,
        status: form.errors.length ? 422 : 200,
        crumbs: [{ href: `/n/${network.slug}`, label: network.name }, { label: t("access.title") }],
      },
    );
  };

  app.get("/n/:slug/people", { config: { policy: "access.manage" } }, (req, reply) =>
    renderPage(req, reply, emptyForm({ role: "member" })),
  );

  // Invite someone to the network; someone with an account already accepts by signing in.
  app.post("/n/:slug/people", { config: { policy: "access.manage" } }, async (req, reply) => {
    const { network, actor } = await networkFor(req);
    const result = await invitations.invite(actor, { ...(req.body as object), networkId: network.id }, req.i18n.t);
    if (!result.ok) return renderPage(req, reply, submittedForm(req.body, result.errors));
    return reply.redirect(`/n/${network.slug}/people?done=invited`, 303);
  });

  for (const action of ["resend", "withdraw"] as const) {
    app.post(`/n/:slug/invitations/:id/${action}`, { config: { policy: "access.manage" } }, async (req, reply) => {
      const { network, actor } = await networkFor(req);
      const { id } = parseOrBadRequest(slugAndId, req.params);
      if (action === "resend") await invitations.resend(actor, id, network.id, req.i18n.t);
      else await invitations.withdraw(actor, id, network.id);
      return reply.redirect(`/n/${network.slug}/people?done=${action === "resend" ? "invited" : "withdrawn"}`, 303);
    });
  }

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState | null) => {
    const { network } = await networkFor(req);
    const { userId } = parseOrBadRequest(userParams, req.params);
    const person = await access.get(network.id, userId);
    const title = req.i18n.t("access.editTitle", { name: person.name });
    return reply.page(
      <AccessFormPage
        ctx={req.pageContext()}
        network={network}
        person={person}
        form={form ?? emptyForm(person)}
        choices={await choicesFor(network.id, userId)}
      />,
      {
        title,
        network,
        status: form?.errors.length ? 422 : 200,
        crumbs: [
          { href: `/n/${network.slug}`, label: network.name },
          { href: `/n/${network.slug}/people`, label: req.i18n.t("access.title") },
          { label: person.name },
        ],
      },
    );
  };

  app.get("/n/:slug/people/:userId/edit", { config: { policy: "access.manage" } }, (req, reply) => renderForm(req, reply, null));

  app.post("/n/:slug/people/:userId", { config: { policy: "access.manage" } }, async (req, reply) => {
    const { network, actor } = await networkFor(req);
    const { userId } = parseOrBadRequest(userParams, req.params);
    const result = await access.update(actor, network.id, userId, req.body);
    if (!result.ok) return renderForm(req, reply, submittedForm(req.body, result.errors));
    return reply.redirect(`/n/${network.slug}/people?done=saved`, 303);
  });

  app.post("/n/:slug/people/:userId/remove", { config: { policy: "access.manage" } }, async (req, reply) => {
    const { network, actor } = await networkFor(req);
    const { userId } = parseOrBadRequest(userParams, req.params);
    const result = await access.remove(actor, network.id, userId);
    if (!result.ok) return renderForm(req, reply, submittedForm({}, result.errors));
    return reply.redirect(`/n/${network.slug}/people?done=removed`, 303);
  });
}
