// Where to go after sign-in (or a session refresh): the one check every `next` passes before a
// server redirect or a client navigation follows it, so a crafted link cannot turn sign-in into
// an open redirect.
//
// The path is judged the way a browser will read it, after normalisation: the URL parser drops
// tabs and newlines, turns `\` into `/`, and resolves `.`/`..` segments, also percent-encoded
// ones (`/%2e%2e//evil` is `//evil`), and a Location of `//evil` or `/\evil` is another host. A
// value is accepted only when it, and every percent-decoding of it, normalises to a path on our
// own origin that starts with a single `/`; encoded slashes or backslashes in the path, control
// characters and whitespace are refused outright. What is returned is the normalised path, so the
// caller never follows the raw input.
const BASE = "http://next-path.invalid";
const MAX_LENGTH = 2048;
const MAX_DECODINGS = 4;

export function safeNextPath(value: string | null | undefined, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_LENGTH) return fallback;
  const normalized = normalizedPath(value);
  if (normalized === null) return fallback;

  // The path part must survive decoding: a later hop (a proxy, a framework, a second redirect)
  // that decodes once more must still see a path of ours.
  let path = value.split(/[?#]/, 1)[0];
  for (let round = 0; round < MAX_DECODINGS; round++) {
    if (/%(?:2f|5c)/i.test(path)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return fallback;
    }
    if (decoded === path) break;
    if (normalizedPath(decoded) === null) return fallback;
    path = decoded;
  }

  // Idempotent: following the result again lands on the same path.
  return normalizedPath(normalized) === normalized ? normalized : fallback;
}

/** `value` resolved as a browser would against our origin, or null when it leaves it. */
function normalizedPath(value: string): string | null {
  // No control characters or whitespace (the parser would silently drop tabs and newlines) and no
  // backslashes (it reads them as slashes).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029\\]/.test(value)) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || !url.pathname.startsWith("/") || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
