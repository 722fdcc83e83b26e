import { z } from "zod";
import type { ApiRouter } from "../../../platform/http/api.ts";
import { listOf } from "../../../platform/http/api.ts";
import { ValidationError } from "../../../platform/http/errors.ts";
import type { AppContext } from "../../../platform/module.ts";
import { slugAndId, slugParam } from "../params.ts";
import { ACCESS_ROLES } from "../schema.ts";
import { accessInput } from "./access.service.ts";
import { inviteInput } from "./invitations.service.ts";

const int = z.number().int();
const userParams = slugParam.extend({ userId: z.coerce.number().int().positive().max(2_147_483_647) });
const accessOut = z.object({
  userId: int,
  name: z.string(),
  email: z.string(),
  role: z.enum(ACCESS_ROLES),
  organisationIds: z.array(int),
  /** The person record linked to the account. */
  personId: int.nullable(),
  /** A person asked to confirm a link to the account, who has not yet (decision 0018). */
  pendingPersonId: int.nullable(),
});
const invitationOut = z.object({
  id: int,
  email: z.string(),
  name: z.string(),
  role: z.enum(ACCESS_ROLES).nullable(),
  organisationIds: z.array(int),
  personId: int.nullable(),
  status: z.enum(["pending", "expired", "accepted", "withdrawn"]),
  expiresAt: z.date(),
});

/** The secretariat's people, roles and invitations, for scripts and integrations. */
export function accessApi(api: ApiRouter, { services }: AppContext) {
  const { networks, access, invitations } = services;
  const tag = "access";
  const network = ({ slug }: { slug: string }) => networks.get(slug);
  const present = async (networkId: number, userId: number) => {
    const { userId: id, name, email, role, organisationIds, personId, pendingLink } = await access.get(networkId, userId);
    return { userId: id, name, email, role, organisationIds, personId, pendingPersonId: pendingLink?.personId ?? null };
  };

  api.route({
    policy: "access.manage",
    resource: network,
    method: "GET",
    path: "/networks/:slug/access",
    operationId: "listNetworkAccess",
    summary: "Everyone with access to the network: role, organisations represented, linked person",
    tag,
    params: slugParam,
    response: listOf(accessOut),
    handler: async ({ params }) => {
      const { id } = await networks.get(params.slug);
      const pending = await access.openLinkRequests(id);
      const items = (await access.peopleWithAccess(id)).map((p) => ({
        userId: p.userId,
        name: p.name,
        email: p.email,
        role: p.role,
        organisationIds: p.organisations.map((o) => o.organisationId),
        personId: p.personId,
        pendingPersonId: pending.find((r) => r.userId === p.userId)?.personId ?? null,
      }));
      return { items, total: items.length };
    },
  });

  api.route({
    policy: "access.manage",
    resource: network,
    method: "PATCH",
    path: "/networks/:slug/access/:userId",
    operationId: "updateNetworkAccess",
    summary:
      "Change someone's role, organisations or person record in the network; fields left out keep their value. A person who takes part elsewhere is asked to confirm the link by e-mail (pendingPersonId)",
    tag,
    params: userParams,
    body: accessInput.partial(),
    response: accessOut,
    handler: async ({ actor, params, req }) => {
      const { id } = await networks.get(params.slug);
      const { pendingPersonId, ...current } = await present(id, params.userId);
      // Left out, the person record stays what it is or is waiting to become.
      const merged = { ...current, personId: pendingPersonId ?? current.personId, ...(req.body as object) };
      const result = await access.update(actor, id, params.userId, merged, req.i18n.t);
      if (!result.ok) throw new ValidationError(result.errors);
      return present(id, params.userId);
    },
  });

  api.route({
    policy: "access.manage",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/access/:userId",
    operationId: "removeNetworkAccess",
    summary: "Take away someone's access to the network (their account stays)",
    tag,
    params: userParams,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      const { id } = await networks.get(params.slug);
      const result = await access.remove(actor, id, params.userId);
      if (!result.ok) throw new ValidationError(result.errors);
      return null;
    },
  });

  api.route({
    policy: "access.manage",
    resource: network,
    method: "GET",
    path: "/networks/:slug/invitations",
    operationId: "listNetworkInvitations",
    summary: "The network's invitations, newest first",
    tag,
    params: slugParam,
    response: listOf(invitationOut),
    handler: async ({ params }) => {
      const { id } = await networks.get(params.slug);
      const { items, total } = await invitations.list(id, 500, 0);
      return {
        items: items.map(({ id: i, email, name, role, organisationIds, personId, status, expiresAt }) => ({
          id: i,
          email,
          name,
          role,
          organisationIds,
          personId,
          status,
          expiresAt,
        })),
        total,
      };
    },
  });

  api.route({
    policy: "access.manage",
    resource: network,
    method: "POST",
    path: "/networks/:slug/invitations",
    operationId: "inviteToNetwork",
    summary: "Invite a person to the network by e-mail, with the role, organisations and person record accepting gives",
    tag,
    params: slugParam,
    body: inviteInput.omit({ networkId: true }),
    response: z.object({ id: int }),
    status: 201,
    handler: async ({ actor, params, req }) => {
      const { id } = await networks.get(params.slug);
      const result = await invitations.invite(actor, { ...(req.body as object), networkId: id }, req.i18n.t);
      if (!result.ok) throw new ValidationError(result.errors);
      return { id: result.value };
    },
  });

  api.route({
    policy: "access.manage",
    resource: network,
    method: "DELETE",
    path: "/networks/:slug/invitations/:id",
    operationId: "withdrawNetworkInvitation",
    summary: "Withdraw an invitation that has not been accepted; its link stops working",
    tag,
    params: slugAndId,
    response: z.null(),
    status: 204,
    handler: async ({ actor, params }) => {
      const { id } = await networks.get(params.slug);
      await invitations.withdraw(actor, params.id, id);
      return null;
    },
  });
}
