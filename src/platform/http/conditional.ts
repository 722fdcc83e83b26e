import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";

/**
 * Whether a conditional GET's If-None-Match names this ETag (RFC 9110, 13.1.2): "*" or any tag of the
 * list, compared weakly (W/ ignored), as a GET is.
 */
export function notModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return [ifNoneMatch]
    .flat()
    .flatMap((h) => h.split(","))
    .some((tag) => tag.trim() === "*" || opaque(tag) === wanted);
}

/** A weak ETag of a body: the same bytes, the same tag, whichever encoding they are sent in. */
export const weakEtag = (body: string | Buffer) => `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/**
 * Every GET answered with a body in memory (pages, downloads, the API's JSON) gets an ETag of it, and a
 * reader who sends it back in If-None-Match is answered 304 without the body. Registered before the
 * page cache, so that a kept page keeps its tag and the cache answers 304 itself; a response that has
 * a tag already (the feeds, static files), streams its body or carries a form token is left as it is.
 */
export function tagResponses(app: FastifyInstance): void {
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.method !== "GET" || reply.statusCode !== 200 || reply.hasHeader("etag")) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    // A page with a form token of its own (a signed-in person's) is new bytes at every request: a tag
    // would never be sent back matching, and hashing the page would be work for nothing.
    if (req.carriesCsrfToken) return payload;
    const etag = weakEtag(payload);
    reply.header("etag", etag);
    if (!notModified(req.headers["if-none-match"], etag)) return payload;
    reply.code(304);
    reply.removeHeader("content-length");
    return "";
  });
}
