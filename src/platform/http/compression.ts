/**
 * Compressed responses: Brotli where the browser takes it, else gzip. A page of the whole country's
 * adoption matrix is nearly a megabyte of HTML and about 25 KB compressed; stylesheets shrink by
 * four fifths. Pages kept by the page cache are compressed once per encoding, not per request.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import negotiate from "@fastify/accept-negotiator";
import fastifyCompress from "@fastify/compress";
import type { FastifyInstance, FastifyRequest } from "fastify";

export const ENCODINGS = ["br", "gzip"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Brotli's quality 4 compresses nearly as well as gzip's best at a fraction of quality 11's cost. */
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
/** Below this many bytes a response is sent as it is: compressing would save less than it costs. */
export const COMPRESSION_THRESHOLD = 1024;

/** The encoding this request takes, by its Accept-Encoding header; none for identity only. */
export function acceptedEncoding(req: FastifyRequest): Encoding | null {
  const header = req.headers["accept-encoding"];
  if (typeof header !== "string" || header === "") return null;
  return negotiate(header, [...ENCODINGS]);
}

export function compress(body: string | Buffer, encoding: Encoding): Buffer {
  return encoding === "br" ? brotliCompressSync(body, BROTLI_OPTIONS) : gzipSync(body);
}

/**
 * Compresses every text response above the threshold (pages, JSON, CSV, calendars, stylesheets and
 * scripts), on every route declared after it: register before the routes.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    encodings: [...ENCODINGS],
    threshold: COMPRESSION_THRESHOLD,
    brotliOptions: BROTLI_OPTIONS,
  });
}
