import type { FastifyRequest } from "fastify";
import { UnauthorizedError } from "../http/errors.ts";
import { idParam, parseOrBadRequest } from "../http/validation.ts";
import type { Actor } from "./actor.ts";
import { authorize, takesRecord } from "./authorize.ts";

/**
 * Loads the record a page route's policy is checked against, from the request's path (the network
 * by :slug, a project by :id, …); it throws NotFoundError when there is none.
 */
export type ResourceLoader<T = unknown> = (req: FastifyRequest) => Promise<T>;

/** The record named by the path's :id (400 if it is not an id), loaded by `load`, which throws NotFoundError for none. */
export const byPathId =
  <T>(load: (id: number) => Promise<T>): ResourceLoader<T> =>
  (req) =>
    load(parseOrBadRequest(idParam, req.params).id);

/** API routes are authorised by their router (platform/http/api.ts), every other route here. */
const isPage = (url: string) => !url.startsWith("/api/");

/**
 * The kernel's check of every page route that is not public, before its body is read and before
 * its handler runs: an anonymous visitor is sent to sign in (401), then the record the route
 * declares is loaded (404 if there is none) and the policy checked against it (403, with the
 * route's `refusal` if it has one). The record is kept on the request for the handler.
 */
export async function authorizePage(req: FastifyRequest): Promise<void> {
  const { policy, resource, refusal } = req.routeOptions.config;
  if (!policy || policy === "public" || !isPage(req.routeOptions.url ?? "/api/")) return;
  if (!req.actor) throw new UnauthorizedError();
  req.resource = resource ? await resource(req) : undefined;
  authorize(req.actor, policy, req.resource, refusal);
}

/**
 * What the kernel let in: the signed-in actor and the record the route declared, typed by the
 * loader the route declared. Asking a route that is public, or with another loader than the one it
 * declared, is a bug and fails loudly.
 */
export function authorized<T = undefined>(req: FastifyRequest, loader?: ResourceLoader<T>): { actor: Actor; resource: T } {
  const { policy, resource } = req.routeOptions.config;
  const route = `${req.routeOptions.method} ${req.routeOptions.url}`;
  if (!policy || policy === "public") throw new Error(`${route} is public: nothing was authorised`);
  if (resource !== loader) throw new Error(`${route} declares another resource than the handler reads`);
  if (!req.actor) throw new UnauthorizedError();
  return { actor: req.actor, resource: req.resource as T };
}

export interface PageRoute {
  method: string;
  url: string;
  policy: string;
  resource: boolean;
}

/**
 * Page routes the kernel could not authorise as declared: a policy no module declares, or a policy
 * whose rule reads a record while the route declares no `resource` to load it.
 */
export function unguardedPageRoutes(routes: readonly PageRoute[]): string[] {
  return routes
    .filter((r) => r.policy !== "public" && isPage(r.url))
    .flatMap((r) => {
      const needsRecord = takesRecord(r.policy);
      if (needsRecord === undefined) return [`${r.method} ${r.url} (unknown policy ${r.policy})`];
      return needsRecord && !r.resource ? [`${r.method} ${r.url} (${r.policy} needs a resource)`] : [];
    });
}
