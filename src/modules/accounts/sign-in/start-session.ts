import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../../../platform/auth/sessions.ts";
import type { AppContext } from "../../../platform/module.ts";

/** Signs a user in: a fresh session id every time, so an id planted before sign-in is worth nothing after it. */
export async function startSession(
  { services, config }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  oidcIdToken?: string,
) {
  await services.sessions.destroy(req.cookies[SESSION_COOKIE]);
  // Mail to the person is written in the language they sign in with.
  await services.activityDigests.rememberLocale(userId, req.i18n.locale);
  const session = await services.sessions.create(userId, req.headers["user-agent"], oidcIdToken);
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.secure,
    expires: session.expiresAt,
  });
}
