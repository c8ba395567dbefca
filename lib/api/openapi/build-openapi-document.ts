// The OpenAPI 3.1 description of the public API, generated from the route handlers' own
// definitions and zod schemas (documented-operations.ts). Served at /api/openapi.json and
// rendered for people on the dashboard's API page.
import { z } from "zod";
import {
  createDocument,
  createSchema,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
  type ZodOpenApiSecuritySchemeObject,
} from "zod-openapi";
import type { RouteDefinition } from "@/lib/api/with-route";
import { errorEnvelopeSchema } from "@/lib/api/error-envelope";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/app-error";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { excelContextSchema } from "@/lib/excel/context-schema";
import { wholeAnalysisSchema } from "@/lib/excel/whole-analysis";
import { API_KEY_PREFIX } from "@/lib/auth/api-keys";
import { ACCESS_COOKIE } from "@/lib/auth/adapters/local-auth";
import { API_TAGS, DOCUMENTED_OPERATIONS, type DocumentedOperation } from "./documented-operations";

type OpenApiDocument = ReturnType<typeof createDocument>;
type SecurityRequirement = Record<string, string[]>;

/** The contract's version: the `/api/v1` generation of the API. */
const API_VERSION = "1.0.0";

/** Where the document is served; the dashboard links to it. */
export const OPENAPI_DOCUMENT_PATH = "/api/openapi.json";

const STATE_CHANGING = new Set(["post", "put", "patch", "delete"]);

const requestIdHeader = z.string().meta({
  header: { id: "X-Request-Id" },
  description: "This request's id, also in every error body. Send your own (8–100 letters, digits, `.`, `-`, `_`) to correlate logs.",
});
const rateLimitPolicyHeader = z.string().optional().meta({
  header: { id: "RateLimit-Policy" },
  description: "Every window of the route's limit, as `limit;w=<seconds>`, e.g. `10;w=60, 50;w=900`.",
});
const rateLimitHeader = z.string().optional().meta({
  header: { id: "RateLimit" },
  description: "The window closest to refusing: `limit=10, remaining=3, reset=42` (reset in seconds).",
});
const retryAfterHeader = z.string().optional().meta({
  header: { id: "Retry-After" },
  description: "Whole seconds to wait before trying again.",
});

/** How to sign requests. Bearer routes ignore cookies; a bad bearer credential is a 401, never a guest. */
const SECURITY_SCHEMES: Record<string, ZodOpenApiSecuritySchemeObject> = {
  accessToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "A session access token, e.g. `access_token` from POST /api/auth/login (refresh it with POST /api/auth/refresh). " +
      "Where Microsoft sign-in is configured, a Microsoft Entra ID access token for this app (scope `access_as_user`) is accepted too. " +
      "Send `Authorization: Bearer <access token>`.",
  },
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: `${API_KEY_PREFIX}…`,
    description: `An API key (it starts with \`${API_KEY_PREFIX}\`), created on the dashboard or with POST /api/keys. Send \`Authorization: Bearer <key>\`.`,
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: ACCESS_COOKIE,
    description:
      "The dashboard's signed-in session (with Supabase Auth, its `sb-…` cookies). Browsers only: a state-changing request " +
      "from another site's origin is refused with 403.",
  },
};

function securityFor(definition: RouteDefinition): SecurityRequirement[] {
  if (definition.auth === "none") return [];
  // An API key works only where the route names the scope it needs; elsewhere a session is required.
  const signedIn: SecurityRequirement[] = definition.keyScope
    ? [{ accessToken: [] }, { apiKey: [definition.keyScope] }, { sessionCookie: [] }]
    : [{ accessToken: [] }, { sessionCookie: [] }];
  // `{}` is the OpenAPI way to say the credentials are optional.
  return definition.auth === "optional" ? [...signedIn, {}] : signedIn;
}

function windowText(limit: number, windowMs: number): string {
  const minutes = windowMs / 60_000;
  return minutes === 1 ? `${limit} a minute` : `${limit} per ${minutes} minutes`;
}

/** The route's rate limit in words and as data (`x-rate-limit`). */
function rateLimitOf(definition: RouteDefinition) {
  if (!definition.rateLimit) return undefined;
  const policy = RATE_LIMITS[definition.rateLimit];
  const windows = policy.windows.map((w) => ({ limit: w.limit, windowSeconds: w.windowMs / 1000 }));
  const per =
    definition.auth === "none" || policy.keyedBy === "ip"
      ? "per client address"
      : definition.auth === "optional"
        ? "per user (guests: per client address)"
        : "per user";
  const also = definition.bodyRateLimit
    ? `; ${definition.bodyRateLimit.description} ${RATE_LIMITS[definition.bodyRateLimit.policy].windows.map((w) => windowText(w.limit, w.windowMs)).join(" and ")}`
    : "";
  const text = `${policy.windows.map((w) => windowText(w.limit, w.windowMs)).join(" and ")}, ${per}${also}`;
  return { policy: policy.name, windows, text };
}

/** What each refusal means, for the response descriptions; a new error code must say what it means here. */
const CODE_TEXT: Record<ErrorCode, string> = {
  bad_request: "The input is not valid: the message names the field that is wrong and what is allowed.",
  unauthorized: "No valid credentials: sign in, or send a valid access token or API key.",
  payment_required: "The plan does not include this.",
  forbidden: "Refused: a cross-site request from a browser, or an action these credentials may not take.",
  not_found: "Not found, or not yours: another user's resource is indistinguishable from a missing one.",
  rate_limited: "Too many requests in the limit's window: wait `Retry-After` seconds.",
  quota_exceeded:
    "The plan's quota is used up. The error adds `upgradeUrl`, `plan`, `period`, `limit`, `used` and `resetsAt`; `Retry-After` says when it resets.",
  internal: "Something failed on the server; the error's `requestId` identifies it in the logs.",
  provider_unavailable: "The rate limiter this route must not run without is unavailable: try again shortly.",
};

/** Where one code means something more specific at one status. */
const STATUS_CODE_TEXT: Record<string, string> = {
  "413 bad_request": "The request body is larger than the route accepts; the message says the limit.",
  "503 internal": "The database is unavailable: try again shortly.",
};

function errorDescription(status: number, codes: readonly ErrorCode[]): string {
  return codes.map((code) => `\`${code}\`: ${STATUS_CODE_TEXT[`${status} ${code}`] ?? CODE_TEXT[code]}`).join(" ");
}

/** Which error codes each status can carry for this operation, from what its guard does. */
function errorsOf(operation: DocumentedOperation): Map<number, ErrorCode[]> {
  const { definition } = operation.handler;
  const byStatus = new Map<number, ErrorCode[]>();
  const add = (status: number, code: ErrorCode) => {
    const codes = byStatus.get(status) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byStatus.set(status, codes);
  };
  if (definition.body || definition.query || definition.params) add(400, "bad_request");
  if (definition.body) add(413, "bad_request");
  if (definition.auth !== "none") add(401, "unauthorized");
  if (STATE_CHANGING.has(operation.method)) add(403, "forbidden");
  // An API key without the route's scope, or on a route that needs a signed-in session.
  if (definition.auth !== "none") add(403, "forbidden");
  if (definition.rateLimit) add(429, "rate_limited");
  if (definition.rateLimit && RATE_LIMITS[definition.rateLimit].failMode === "closed") add(503, "provider_unavailable");
  for (const code of operation.errors ?? []) add(ERROR_STATUS[code], code);
  add(500, "internal");
  if (definition.auth !== "none") add(503, "internal");
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

function responsesOf(operation: DocumentedOperation): ZodOpenApiResponsesObject {
  const limited = Boolean(operation.handler.definition.rateLimit);
  const rateHeaders = limited ? { "RateLimit-Policy": rateLimitPolicyHeader, RateLimit: rateLimitHeader } : {};
  const { success } = operation;
  const responses: Record<string, ZodOpenApiResponseObject & { "x-error-codes"?: ErrorCode[] }> = {
    [String(success.status)]: {
      description: success.description,
      content: success.content,
      headers: z.object({
        "X-Request-Id": requestIdHeader,
        ...rateHeaders,
        ...success.headers?.shape,
      }),
    },
  };
  for (const [status, codes] of errorsOf(operation)) {
    const retry = status === 429 || status === 503 ? { "Retry-After": retryAfterHeader } : {};
    responses[String(status)] = {
      description: errorDescription(status, codes),
      headers: z.object({ "X-Request-Id": requestIdHeader, ...retry, ...(status === 429 ? rateHeaders : {}) }),
      content: { "application/json": { schema: errorEnvelopeSchema } },
      "x-error-codes": codes,
    };
  }
  return responses as ZodOpenApiResponsesObject;
}

function operationOf(operation: DocumentedOperation): ZodOpenApiOperationObject {
  const { definition } = operation.handler;
  const rateLimit = rateLimitOf(definition);
  const description = [operation.description, rateLimit ? `Rate limit: ${rateLimit.text}.` : undefined].filter(Boolean).join("\n\n");
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(description ? { description } : {}),
    security: securityFor(definition),
    ...(definition.params || definition.query
      ? {
          requestParams: {
            ...(definition.params ? { path: definition.params as z.ZodObject } : {}),
            ...(definition.query ? { query: definition.query as z.ZodObject } : {}),
          },
        }
      : {}),
    ...(definition.body ? { requestBody: { required: true, content: { "application/json": { schema: definition.body } } } } : {}),
    responses: responsesOf(operation),
    ...(rateLimit ? { "x-rate-limit": { policy: rateLimit.policy, windows: rateLimit.windows, description: rateLimit.text } } : {}),
  };
}

const INFO_DESCRIPTION = [
  "The HTTP API of the Excel AI assistant: ask about a selection, read and manage history, manage API keys, read usage.",
  "",
  `**Authentication.** Send \`Authorization: Bearer <token>\` with a session access token or an API key (\`${API_KEY_PREFIX}…\`).`,
  "In a browser signed in to the dashboard, the session cookie works as well. Chat routes also answer guests, within a small quota.",
  "",
  '**Errors.** Every error has the body `{"error": {"code", "message", "requestId"}}` and a status that matches the code.',
  "Every response carries `X-Request-Id`.",
  "",
  "**Rate limits.** Rate-limited routes send `RateLimit-Policy` and `RateLimit` headers; a refusal is a 429 with `Retry-After` in seconds.",
].join("\n");

function build(): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of DOCUMENTED_OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationOf(operation) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: { title: "Excel AI Assistant API", version: API_VERSION, description: INFO_DESCRIPTION },
    tags: API_TAGS.map((tag) => ({ ...tag })),
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      // Chat bodies take the context as is and read it with this schema, so they point at it
      // (excelContextField) instead of embedding it; it is a request shape, rendered as input.
      schemas: { ...createSchema(excelContextSchema, { io: "input" }).components, ...createSchema(wholeAnalysisSchema, { io: "input" }).components },
    },
  });
}

let cached: OpenApiDocument | undefined;

/** The document; built once per process (it depends only on the code). */
export function buildOpenApiDocument(): OpenApiDocument {
  cached ??= build();
  return cached;
}
