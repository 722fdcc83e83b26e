/** Longer than any address Samverk makes; a longer one only makes the Location header heavy. */
const MAX_LENGTH = 2000;
/** A path on this site: one slash, not two, and not a slash and a backslash (browsers read "\" as "/"). */
const PATH = /^\/(?![/\\])/;
/**
 * Browsers drop tabs and line breaks inside an address and read a backslash as a slash, so
 * "/\t/evil.example" leaves the site; control characters also make the Location header itself fail.
 */
const UNSAFE = /[\s\p{Cc}\\]/u;
/** An escaped control character: harmless as it stands, but not once something decodes it again. */
const ESCAPED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;

/**
 * Where a redirect may send the browser when the target came from input (a returnTo, a link):
 * a path on this site, or else `fallback`. Nothing is cleaned up: an address with anything odd in it,
 * also percent-encoded (in case something on the way decodes it again), goes to the fallback.
 */
export function sameSitePath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !PATH.test(value) || UNSAFE.test(value)) return fallback;
  let layer = value;
  for (let i = 0; i < 3 && layer.includes("%"); i++) {
    if (ESCAPED_CONTROL.test(layer)) return fallback;
    // Byte by byte, so a malformed escape never throws; enough to see where the path starts.
    layer = layer.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    if (!PATH.test(layer)) return fallback;
  }
  try {
    // Letters beyond ASCII are escaped: a header may not carry them as they are.
    return value.replace(/[^\x21-\x7e]+/g, encodeURIComponent);
  } catch {
    return fallback; // a lone surrogate cannot be escaped
  }
}
