// Structured JSON logs. Never log cell contents, prompts, tokens or secrets: callers pass ids and
// counts only (request id, user id, route, status, latency, provider, model, token counts).
// Two nets behind that rule: the redact list censors fields by name wherever a caller slips
// (a request body, a context, a header), and `scrubSecrets` masks credential-shaped text inside
// any string (a connection string in a driver error, a bearer token in a message).
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";

/** Field names whose values never reach a log line, at the top level or one object down. */
const SENSITIVE_FIELDS = [
  // credentials
  "password",
  "newPassword",
  "authorization",
  "cookie",
  "token",
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "apiKey",
  "key",
  "secret",
  "clientSecret",
  "connectionString",
  // spreadsheet content and conversation text
  "context",
  "selectedRange",
  "values",
  "formulas",
  "messages",
  "parts",
  "prompt",
  "system",
  "content",
  "text",
  "response",
  "body",
];

const REDACT_PATHS = [
  ...SENSITIVE_FIELDS,
  ...SENSITIVE_FIELDS.map((field) => `*.${field}`),
  'headers["authorization"]',
  'headers["cookie"]',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
];

const SECRET_PATTERNS: [RegExp, string][] = [
  // user:password@ in any URL (postgres://, redis://, https://)
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi, "$1[redacted]@"],
  [/\bBearer\s+[\w.~+/=-]+/gi, "Bearer [redacted]"],
  // Stripe secret / restricted keys and webhook secrets
  [/\b(?:sk|rk)_(?:live|test)_[\w]+/g, "[redacted]"],
  [/\bwhsec_[\w]+/g, "[redacted]"],
  // our API keys
  [/\beaa_[\w-]{8,}/g, "[redacted]"],
  // JWTs (three base64url segments starting with a JSON header)
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, "[redacted]"],
];

/** Masks credential-shaped substrings. */
export function scrubSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth <= 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth - 1));
  if (value instanceof Error) {
    return { name: value.name, message: scrubSecrets(value.message), stack: value.stack ? scrubSecrets(value.stack) : undefined };
  }
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) out[name] = scrubValue(item, depth - 1);
  return out;
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const config = {
    level: options.level ?? (env.NODE_ENV === "test" && env.LOG_LEVEL === "info" ? "silent" : env.LOG_LEVEL),
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: {
      log: (object: Record<string, unknown>) => scrubValue(object, 4) as Record<string, unknown>,
    },
    hooks: {
      // The message string too: `logger.error(\`failed: ${error.message}\`)` may carry a URL.
      logMethod(this: Logger, args: Parameters<Logger["info"]>, method: (...args: unknown[]) => void) {
        method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)));
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

export const logger = createLogger();
