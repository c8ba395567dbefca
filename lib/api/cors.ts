// CORS for /api: the allowlist is the app's own origin plus ALLOWED_ORIGINS (allowedOrigins in
// request-info.ts). An origin is echoed back only when it is on the list, never `*`, and every
// answer says `Vary: Origin` so caches keep them apart. No Access-Control-Allow-Credentials:
// cross-origin callers (a separately hosted add-in build, scripts) authenticate with
// `Authorization: Bearer`, so a page on another origin can never ride the session cookie.
//
// proxy.ts answers preflights (OPTIONS) with `preflightResponse`; the route guard adds
// `applyCorsHeaders` to every actual response. Imported by proxy.ts: no database, no server-only.
import { allowedOrigins } from "./request-info";

const CORS_ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const CORS_ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id";
const CORS_EXPOSED_HEADERS = "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy";
/** Seconds a browser may cache a preflight answer (Chromium caps it at 7200). */
const CORS_MAX_AGE = "600";

/** The request's Origin when it is allowed to read our responses, else null. */
function allowedOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return null;
  return allowedOrigins(request).has(origin) ? origin : null;
}

function appendVary(headers: Headers, value: string) {
  const current = headers.get("vary");
  if (!current) {
    headers.set("Vary", value);
    return;
  }
  const present = new Set(current.split(",").map((item) => item.trim().toLowerCase()));
  const missing = value.split(",").map((item) => item.trim()).filter((item) => !present.has(item.toLowerCase()));
  if (missing.length) headers.set("Vary", [current, ...missing].join(", "));
}

/** CORS headers for an actual (non-preflight) API response. */
export function applyCorsHeaders(request: Request, headers: Headers) {
  appendVary(headers, "Origin");
  const origin = allowedOrigin(request);
  if (!origin) return;
  headers.set("Access-Control-Allow-Origin", origin);
  headers.set("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS);
}

/** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(request: Request): boolean {
  return request.method === "OPTIONS" && request.headers.has("origin") && request.headers.has("access-control-request-method");
}

/**
 * The answer to a preflight: 204 with what may be sent for an allowed origin; 403 without any
 * Access-Control-Allow-* header for anyone else, so the browser blocks the real request.
 */
export function preflightResponse(request: Request, requestId: string = crypto.randomUUID()): Response {
  const headers = new Headers({ "X-Request-Id": requestId, "Cache-Control": "no-store" });
  appendVary(headers, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  const origin = allowedOrigin(request);
  if (!origin) {
    headers.set("Content-Type", "application/json; charset=utf-8");
    const body = {
      error: { code: "forbidden", message: "Cross-origin requests from this origin are not allowed.", requestId },
    };
    return new Response(JSON.stringify(body), { status: 403, headers });
  }
  headers.set("Access-Control-Allow-Origin", origin);
  headers.set("Access-Control-Allow-Methods", CORS_ALLOWED_METHODS);
  headers.set("Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS);
  headers.set("Access-Control-Max-Age", CORS_MAX_AGE);
  return new Response(null, { status: 204, headers });
}
