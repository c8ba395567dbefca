// Text Postgres cannot store, removed at the boundary so it never becomes a 500 deep inside a
// query: NUL (U+0000; `text` and `jsonb` refuse it) and lone UTF-16 surrogates (`jsonb` refuses
// their `\ud800` escapes; they are not characters at all). NUL is dropped, a lone surrogate
// becomes U+FFFD, the way a UTF-8 decoder treats a broken sequence. Neither can carry meaning.

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters removed
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** In raw JSON, both can only arrive as escapes (a raw NUL is invalid JSON; raw bytes decode to U+FFFD). */
const ESCAPED_UNSTORABLE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

function sanitizeText(text: string): string {
  return text.replace(UNSTORABLE, (match) => (match === "\u0000" ? "" : "\uFFFD"));
}

function sanitizeValue(value: unknown): unknown {
  if (typeof value === "string") return sanitizeText(value);
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[sanitizeText(key)] = sanitizeValue(item);
    return out;
  }
  return value;
}

/**
 * A parsed JSON body without unstorable text. `raw` is the body's text: the walk only runs when
 * it holds such an escape, so ordinary (and large spreadsheet) bodies cost one regex scan.
 */
export function sanitizeJson(parsed: unknown, raw: string): unknown {
  return ESCAPED_UNSTORABLE.test(raw) ? sanitizeValue(parsed) : parsed;
}

/** Query-string or path values: percent-decoding can produce NUL (%00). */
export function sanitizeRecord<T extends Record<string, string | string[] | undefined>>(record: T): T {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = Array.isArray(value) ? value.map(sanitizeText) : value === undefined ? value : sanitizeText(value);
  }
  return out as T;
}
