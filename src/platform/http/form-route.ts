import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../access/actor.ts";
import { authorized, type ResourceLoader } from "../access/page-access.ts";
import type { MessageKey } from "../i18n/i18n.ts";
import { emptyForm, type FormState, submittedForm } from "../ui/components.tsx";
import type { Result } from "./errors.ts";

/**
 * A form's routes, the shape every form in Samverk has (GOV.UK's question page, Decidim's command that
 * answers ok or invalid): GET shows the form; POST runs the command, and invalid input shows the form
 * again with its errors and everything that was typed (422), while success redirects (303) so that a
 * reload cannot send it twice. The kernel authorises both before the handler runs (the route's
 * `policy` against the record its `resource` loads).
 */
export interface FormRoute<R, V> {
  /** GET shows the form here and POST sends it here. */
  path: string;
  policy: string;
  resource?: ResourceLoader<R>;
  /** What the kernel says to those the policy refuses, when not the general 403 text. */
  refusal?: MessageKey;
  /** Stored once (a form that creates: a second post of the same form changes nothing). */
  storedOnce?: boolean;
  /** The page with the form: empty or as the record is on GET, as sent (with errors) after an invalid POST. */
  show: (req: FastifyRequest, reply: FastifyReply, form: FormState, resource: R) => Promise<FastifyReply>;
  /**
   * The form a GET shows (an empty one when absent); `false` when the form sits on another route's
   * page (a record's page), so this registers the POST only.
   */
  initial?: ((resource: R, req: FastifyRequest) => FormState | Promise<FormState>) | false;
  /** The command, with the signed-in actor, the authorised record and the posted body. */
  submit: (actor: Actor, resource: R, body: unknown, req: FastifyRequest) => Promise<Result<V>>;
  /** Where a success goes. */
  done: (value: V, resource: R, req: FastifyRequest) => string;
}

export function formRoute<R = undefined, V = unknown>(app: FastifyInstance, route: FormRoute<R, V>): void {
  const config = {
    policy: route.policy,
    ...(route.resource ? { resource: route.resource } : {}),
    ...(route.refusal ? { refusal: route.refusal } : {}),
  };
  const { initial } = route;
  if (initial !== false) {
    app.get(route.path, { config }, async (req, reply) => {
      const { resource } = authorized(req, route.resource);
      return route.show(req, reply, initial ? await initial(resource, req) : emptyForm(), resource);
    });
  }
  app.post(route.path, { config: { ...config, ...(route.storedOnce ? { storedOnce: true } : {}) } }, async (req, reply) => {
    const { actor, resource } = authorized(req, route.resource);
    const result = await route.submit(actor, resource, req.body, req);
    if (!result.ok) return route.show(req, reply, submittedForm(req.body, result.errors), resource);
    return reply.redirect(route.done(result.value, resource, req), 303);
  });
}
