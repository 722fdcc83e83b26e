import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../access/actor.ts";
import { authorize } from "../access/authorize.ts";
import type { TokenGrant } from "../auth/api-tokens.ts";
import type { MessageKey } from "../i18n/i18n.ts";
import { AppError, BadRequestError, ForbiddenError, UnauthorizedError, ValidationError } from "./errors.ts";
import { parseOrBadRequest, toFieldErrors } from "./validation.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  Policy extends string = string,
> {
  method: Method;
  /** Fastify-style path under /api/v1, such as /networks/:slug */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: z.ZodType;
  /** 200 unless the route creates something (201) or deletes it (204). */
  status?: 200 | 201 | 204;
  /**
   * "public", or the action (from a module's policy.ts) the route needs; the router authorises it
   * against `resource` before the handler runs.
   */
  policy: Policy;
  /**
   * The record the policy is checked against (a network, a person), loaded from the path before the
   * body is read: a request without the right is refused before anything it sent is looked at. It is
   * given the caller where the record's rule depends on them (their place in a subject network).
   */
  resource?(params: z.infer<P>, actor: Actor | null): Promise<unknown>;
  /** What a refused caller is told, where the generic "no access" would leave them guessing. */
  refusal?: MessageKey;
  /** Arrives in crowds (public input): through the crowd lane (decision 0045). */
  crowd?: boolean;
  handler(input: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    /** Anonymous visitors reach only public routes; elsewhere the router has authorised the actor. */
    actor: Policy extends "public" ? Actor | null : Actor;
    req: FastifyRequest;
    reply: FastifyReply;
  }): Promise<unknown>;
}

export const API_PREFIX = "/api/v1";

/** Registers JSON routes and remembers them, so the OpenAPI document comes from the same schemas. */
export class ApiRouter {
  readonly routes: ApiRoute[] = [];

  constructor(
    private readonly app: FastifyInstance,
    /** Resolves a network's slug, to hold a network-limited token to its network. */
    private readonly networkIdOf: (slug: string) => Promise<number | undefined>,
  ) {}

  route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, Policy extends string>(
    route: ApiRoute<P, Q, B, Policy>,
  ): void {
    this.routes.push(route as unknown as ApiRoute);
    this.app.route({
      method: route.method,
      url: `${API_PREFIX}${route.path}`,
      config: { policy: route.policy, crowd: route.crowd },
      handler: async (req, reply) => {
        if (route.policy !== "public" && !req.actor) throw new UnauthorizedError();
        if (req.tokenGrant) checkScope(req.tokenGrant, route);
        const params = route.params ? parseOrBadRequest(route.params, req.params) : {};
        const resource =
          route.policy !== "public" && route.resource ? await route.resource(params as z.infer<P>, req.actor) : undefined;
        if (req.tokenGrant) await this.checkNetwork(req.tokenGrant, route, req.params as Record<string, string>, resource);
        if (route.policy !== "public") authorize(req.actor, route.policy, resource, route.refusal);
        if (route.body) requireJson(req);
        const query = route.query ? parseOrBadRequest(route.query, req.query) : {};
        let body: unknown = {};
        if (route.body) {
          const parsed = route.body.safeParse(req.body ?? {});
          if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
          body = parsed.data;
        }
        const result = await route.handler({
          params: params as z.infer<P>,
          query: query as z.infer<Q>,
          body: body as z.infer<B>,
          actor: req.actor as Actor,
          req,
          reply,
        });
        reply.code(route.status ?? 200);
        return route.status === 204 ? reply.send() : answerAsDocumented(route, result);
      },
    });
  }

  /**
   * A network-limited token writes only in its network: the one the path names (:slug), or the one
   * the record acted on belongs to (a resource with a networkId, such as a project).
   */
  private async checkNetwork(grant: TokenGrant, route: ApiRoute, params: Record<string, string>, resource: unknown) {
    if (route.method === "GET" || grant.networkId === null) return;
    const networkId = params.slug
      ? await this.networkIdOf(params.slug)
      : (resource as { networkId?: number } | undefined)?.networkId;
    if (networkId !== grant.networkId) throw new ForbiddenError("errors.tokenNetwork");
  }
}

/**
 * The answer passes through the route's documented response schema, which drops every field it
 * does not name: a record handed over whole (with ids of hidden seats, say) cannot leak more than
 * the document promises. An answer that does not fit its schema is a bug, not bad input.
 */
function answerAsDocumented(route: ApiRoute, result: unknown): unknown {
  const shaped = route.response.safeParse(result);
  if (!shaped.success) throw new Error(`${route.operationId} answered outside its schema: ${shaped.error.message}`);
  return shaped.data;
}

/** A token may only do what its scopes say. */
function checkScope(grant: TokenGrant, route: ApiRoute): void {
  if (!grant.scopes.includes(route.method === "GET" ? "read" : "write")) throw new ForbiddenError("errors.tokenScope");
}

/** Only JSON is accepted: a cross-site form cannot send it, which is the API's guard against CSRF. */
function requireJson(req: FastifyRequest): void {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError(415, "unsupported_media_type", "errors.mediaType");
  if (req.body === undefined || req.body === null || typeof req.body !== "object")
    throw new BadRequestError([], "errors.malformedBody");
}

/** Schemas for the shapes every list and error has. */
export const listQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

/** The OpenAPI 3.1 document of every route registered through the router. */
export function openApiDocument(routes: ApiRoute[], info: { version: string; serverUrl?: string }) {
  const toSchema = (schema: z.ZodType, io: "input" | "output") =>
    z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `${API_PREFIX}${r.path}`.replace(/:(\w+)/g, "{$1}");
    const parameters = [...objectParameters(r.params, "path", toSchema), ...objectParameters(r.query, "query", toSchema)];
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]:
        r.status === 204
          ? { description: "No content" }
          : { description: "OK", content: { "application/json": { schema: stripMeta(toSchema(r.response, "output")) } } },
      "400": { $ref: "#/components/responses/Error" },
    };
    if (r.params) responses["404"] = { $ref: "#/components/responses/Error" };
    if (r.method !== "GET") responses["415"] = { $ref: "#/components/responses/Error" };
    if (r.body) responses["422"] = { $ref: "#/components/responses/Error" };
    if (r.policy !== "public") {
      responses["401"] = { $ref: "#/components/responses/Error" };
      responses["403"] = { $ref: "#/components/responses/Error" };
    }
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { "application/json": { schema: stripMeta(toSchema(r.body, "input")) } } } }
        : {}),
      responses,
      ...(r.policy !== "public" ? { security: [{ session: [] }, { bearer: [] }] } : {}),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Samverk API",
      version: info.version,
      description:
        "Read access is open to everyone. Writes need a session cookie or a personal access token, and Content-Type: application/json (with a session cookie also when there is no body). Writes sent by a page on another site are refused.",
      license: { name: "Proprietary", identifier: "LicenseRef-Samverk" },
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: stripMeta(toSchema(errorSchema, "output")) },
      responses: {
        Error: {
          description: "An error in the shape every error has",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "samverk_session" },
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A personal access token (svk_…) made under Your sessions → API tokens",
        },
      },
    },
  };
}

function objectParameters(
  schema: z.ZodType | undefined,
  where: "path" | "query",
  toSchema: (s: z.ZodType, io: "input") => Record<string, unknown>,
) {
  // Query schemas are wrapped in a preprocess step (see validation.ts `query`): describe the object inside.
  const object = schema instanceof z.ZodPipe ? schema.out : schema;
  if (!(object instanceof z.ZodObject)) return [];
  return Object.entries(object.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === "path" || !field.safeParse(undefined).success,
    schema: stripMeta(toSchema(field, "input")),
  }));
}

function stripMeta(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}
