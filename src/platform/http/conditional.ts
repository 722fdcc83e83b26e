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
