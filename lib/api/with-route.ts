// The one guard every route handler goes through: request id, CSRF origin check, body size
// and JSON parsing, zod validation of body/query/params, authentication, rate limiting, the
// error envelope, CORS headers, and the request's log line and metrics. Handlers read as their
// business logic only.
import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { resolvePrincipal } from "@/lib/auth/resolve-principal";
import type { Principal, UserPrincipal } from "@/lib/auth/principal";
import { requireKeyScope } from "@/lib/auth/require-key-scope";
import type { ApiKeyScope } from "@/lib/auth/key-scopes";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { env } from "@/lib/env";
import { errorResponse, formatZodError } from "./error-response";
import { readJsonBody } from "./json-body";
import { clientIp, clientNetwork } from "./client-ip";
import { allowedOrigins, isSecureRequest, ResponseCookieJar } from "./request-info";
import { logger } from "@/lib/observability/logger";
import { recordRateLimitRefusal, recordRequest } from "@/lib/observability/metrics";
import { routePattern } from "@/lib/observability/route-pattern";
import { applyCorsHeaders } from "./cors";
import { sanitizeRecord } from "./sanitize-input";

type AuthMode = "user" | "optional" | "none";
export type RateLimitName = keyof typeof RATE_LIMITS;

const GUEST_POLICY: Partial<Record<RateLimitName, RateLimitName>> = { chat: "chatGuest", chatSteps: "chatGuest" };

export interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined, A extends AuthMode> {
  /** user: 401 without credentials; optional: guests allowed; none: credentials not read. */
  auth: A;
  /**
   * The scope an API key needs here. Without one, API keys are refused (403): the route needs a
   * signed-in session (cookie or bearer access token).
   */
  keyScope?: ApiKeyScope;
  body?: B;
  query?: Q;
  params?: P;
  /** Named policy; guests are limited per IP, users per user id. Applied before the body is read. */
  rateLimit?: RateLimitName;
  /**
   * A further policy for some bodies, applied once the body is read: the chat route counts a new
   * question against `chat` too, and a further step of an answer only against `rateLimit`.
   */
  bodyRateLimit?: { policy: RateLimitName; applies: (body: Infer<B>, principal: Principal) => boolean; description: string };
  /** Defaults to 256 KB; the chat routes raise it for spreadsheet context. */
  maxBodyBytes?: number;
}

export interface RouteContext<B, Q, P, A extends AuthMode> {
  request: Request;
  requestId: string;
  /** The client's address as lib/api/client-ip.ts decides it (never a header the client chose). */
  ip: string;
  principal: A extends "user" ? UserPrincipal : Principal;
  body: B;
  query: Q;
  params: P;
  cookies: ResponseCookieJar;
  secure: boolean;
  /** Headers the guard wants on the response (rate limits); merged automatically. */
  responseHeaders: Headers;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a route declared to the guard, readable from outside so its OpenAPI description is built from it. */
export type RouteDefinition = Readonly<RouteOptions<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, AuthMode>>;

export type RouteHandler = ((
  request: Request,
  segment?: { params?: Promise<Record<string, string | string[]>> | Record<string, string | string[]> },
) => Promise<Response>) & { readonly definition: RouteDefinition };

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const DEFAULT_MAX_BODY = 256 * 1024;

function checkOrigin(request: Request) {
  // Cookies ride along on cross-site requests, so a state-changing request that carries them
  // must prove it comes from our own pages: an allowed Origin (browsers send one on every
  // non-GET fetch), or, when a client left Origin out, Sec-Fetch-Site: same-origin. A foreign or
  // opaque ("null") Origin is a cross-site request forgery attempt. Bearer calls carry no ambient
  // credentials and are exempt; so are requests with no cookies at all (scripts, webhooks).
  if (!STATE_CHANGING.has(request.method) || request.headers.get("authorization")) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (origin === "null" || !allowedOrigins(request).has(origin)) {
      throw new AppError("forbidden", "Cross-site request refused: this origin may not change data here.");
    }
    return;
  }
  if (!request.headers.get("cookie")) return;
  if (request.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError(
    "forbidden",
    "Request refused: a change made with the session cookie must come from this site (send an Origin header), or authenticate with `Authorization: Bearer` instead.",
  );
}

export function withRoute<
  A extends AuthMode,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(
  options: RouteOptions<B, Q, P, A>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>, A>) => Promise<Response | unknown>,
): RouteHandler {
  async function route(
    request: Request,
    segment?: { params?: Promise<Record<string, string | string[]>> | Record<string, string | string[]> },
  ): Promise<Response> {
    const requestId: string = request.headers.get("x-request-id")?.match(/^[\w.-]{8,100}$/)?.[0] ?? randomUUID();
    const started = performance.now();
    const ip = clientIp(request);
    // Per-address limits count an IPv6 client by its /64 (client-ip.ts).
    const network = clientNetwork(ip);
    const secure = isSecureRequest(request);
    const cookies = new ResponseCookieJar(request.headers.get("cookie"));
    const responseHeaders = new Headers();
    let principal: Principal | undefined;
    let ratePolicy: string | undefined;
    let response: Response;
    try {
      checkOrigin(request);

      const params = options.params
        ? parseWith(options.params, sanitizeRecord((await segment?.params) ?? {}), "path parameters")
        : undefined;
      const query = options.query
        ? parseWith(options.query, sanitizeRecord(Object.fromEntries(new URL(request.url).searchParams)), "query string")
        : undefined;

      if (options.auth !== "none") {
        principal = await resolvePrincipal({ request, jar: cookies, ip: network, secure });
        if (options.auth === "user" && principal.kind !== "user") {
          throw new AppError("unauthorized", "Sign in, or send `Authorization: Bearer <access token or API key>`.");
        }
        requireKeyScope(principal, options.keyScope);
      } else {
        principal = { kind: "guest", ip: network };
      }

      const caller = principal;
      const limit = async (named: RateLimitName) => {
        // Guests are limited per IP under their own policy, so rotating sessions buys nothing.
        const name = caller.kind === "guest" ? (GUEST_POLICY[named] ?? named) : named;
        const policy = RATE_LIMITS[name];
        ratePolicy = policy.name;
        const identifier = policy.keyedBy === "ip" || caller.kind === "guest" ? `ip:${network}` : `user:${caller.userId}`;
        const result = await checkRateLimit({ policy, identifier, scale: env.RATE_LIMIT_SCALE });
        if (result.degraded) logger.warn({ requestId, policy: policy.name, warning: result.warning }, "rate limit degraded");
        for (const [header, value] of Object.entries(result.headers)) responseHeaders.set(header, value);
      };
      if (options.rateLimit) await limit(options.rateLimit);

      const body = options.body
        ? parseWith(options.body, await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY), "request body")
        : undefined;
      if (options.bodyRateLimit?.applies(body as Infer<B>, caller)) await limit(options.bodyRateLimit.policy);

      const result = await handler({
        request,
        requestId,
        ip,
        principal: principal as RouteContext<Infer<B>, Infer<Q>, Infer<P>, A>["principal"],
        body: body as Infer<B>,
        query: query as Infer<Q>,
        params: params as Infer<P>,
        cookies,
        secure,
        responseHeaders,
      });
      response = result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      if (isAppError(error) && error.code === "rate_limited") {
        // A limit met while authenticating (a new Microsoft account) names its policy itself.
        const named = typeof error.details?.policy === "string" ? error.details.policy : undefined;
        recordRateLimitRefusal(ratePolicy ?? named ?? "unknown");
      }
      response = errorResponse(error, requestId);
    }
    // Headers of a streamed Response are mutable until it is returned.
    try {
      response.headers.set("X-Request-Id", requestId);
      responseHeaders.forEach((value, name) => {
        if (!response.headers.has(name)) response.headers.set(name, value);
      });
      cookies.applyTo(response.headers);
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
      applyCorsHeaders(request, response.headers);
    } catch {
      const headers = mergeHeaders(response.headers, requestId, responseHeaders, cookies);
      applyCorsHeaders(request, headers);
      response = new Response(response.body, { status: response.status, headers });
    }
    // The route pattern (`/api/keys/[id]`), never the raw URL: bounded metric labels, no ids in logs.
    const route = routePattern(new URL(request.url).pathname, await Promise.resolve(segment?.params).catch(() => undefined));
    const latencyMs = performance.now() - started;
    logger.info(
      {
        requestId,
        method: request.method,
        route,
        status: response.status,
        latencyMs: Math.round(latencyMs),
        userId: principal?.kind === "user" ? principal.userId : undefined,
      },
      "request",
    );
    recordRequest({ route, method: request.method, status: response.status, durationSeconds: latencyMs / 1000 });
    return response;
  }
  // The same schemas and policies that guard the route describe it (lib/api/openapi).
  return Object.assign(route, { definition: Object.freeze({ ...options }) as RouteDefinition });
}

function mergeHeaders(source: Headers, requestId: string, extra: Headers, cookies: ResponseCookieJar) {
  const headers = new Headers(source);
  headers.set("X-Request-Id", requestId);
  for (const [name, value] of extra) headers.set(name, value);
  cookies.applyTo(headers);
  return headers;
}

function parseWith<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("bad_request", formatZodError(result.error, where));
  return result.data;
}
