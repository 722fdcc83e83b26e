import type { FastifyRequest } from "fastify";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request that changes something was sent by a page on another site, which the browser
 * says itself. Sec-Fetch-Site (sent by every current browser) decides when present: only
 * "same-origin" (and "none", typed by the user) pass; "same-site" is refused too, since a page on a
 * sibling host is exactly who gets the session cookie along (SameSite=Lax lets it). Without it, an
 * Origin other than this site's is refused (`Origin: null` included). A request with neither header
 * is no browser's (curl, API clients with a token, tests) and passes: it carries no one's cookies
 * but its sender's own.
 */
export function fromAnotherSite(req: FastifyRequest, publicOrigin: string | null): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  // The address this request was sent to (behind a trusted proxy, the one the proxy was asked for).
  return origin !== publicOrigin && origin !== `${req.protocol}://${req.host}`;
}

/**
 * API writes send JSON, whatever the route takes: a page elsewhere can post a form, plain text or
 * nothing at all with the browser's cookie, but not JSON (that needs a CORS preflight, which
 * Samverk never answers). A write without a body may leave Content-Type out only when no session
 * cookie signs it in: a browser adds its cookie by itself, never a token (`curl -X DELETE` with a
 * token works; anonymous callers get the route's own 401).
 */
export function acceptableApiWrite(req: FastifyRequest): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const type = req.headers["content-type"];
  if (type !== undefined) return /^application\/json\s*(;|$)/i.test(type);
  const noBody = req.headers["transfer-encoding"] === undefined && (req.headers["content-length"] ?? "0") === "0";
  return noBody && req.sessionId === null;
}
