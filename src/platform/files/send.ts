import type { FastifyReply } from "fastify";

/**
 * Sends a stored file as a download: never rendered inline by the browser, never sniffed into
 * another type, and sandboxed should a browser open it anyway.
 */
export function sendStoredFile(reply: FastifyReply, file: { name: string; mediaType: string; size: number; content: Buffer }) {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
  return reply
    .header("content-type", file.mediaType)
    .header("content-length", String(file.size))
    .header("content-disposition", `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, no-store")
    .send(file.content);
}
