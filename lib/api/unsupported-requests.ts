// Every /api answer is the JSON error envelope, also for a path no route serves and for a method a
// route does not have. Next.js answers those itself (its HTML 404 page, an empty 405), and
// proxy.ts cannot know which methods a route module exports, so:
// - app/api/[[...path]]/route.ts answers every method on an unknown path with `not_found`;
// - every route file ends with `export const { <the methods it lacks> } = otherMethods({ <the
//   handlers it has> })`. Each lacking method answers 405 with an `Allow` header derived from the
//   handlers passed in, and a plain OPTIONS (not a CORS preflight, which proxy.ts answers) 204
//   with the same `Allow`. TypeScript refuses a name listed on both sides; the API envelope test
//   checks that every route file covers every method.
import { AppError } from "@/lib/errors/app-error";
import { withRoute } from "./with-route";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// The shape Next.js calls a route handler with.
type RouteHandler = (request: Request, segment?: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;

type Implemented = Partial<Record<HttpMethod, (...args: never[]) => unknown>>;
/** The methods left to answer: HEAD comes from GET (Next.js runs GET for it) when there is one. */
export type OtherMethods<T extends Implemented> = Record<Exclude<HttpMethod, keyof T | ("GET" extends keyof T ? "HEAD" : never)>, RouteHandler>;

/** `Allow` for a route with these handlers: HEAD with GET, OPTIONS always, in a fixed order. */
export function allowHeader(implemented: Iterable<string>): string {
  const methods = new Set(implemented);
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return HTTP_METHODS.filter((method) => methods.has(method)).join(", ");
}

/** Handlers for every method a route does not implement (see above). */
export function otherMethods<const T extends Implemented>(implemented: T): OtherMethods<T> {
  const allow = allowHeader(Object.keys(implemented));
  const notAllowed = withRoute({ auth: "none" }, async ({ request }) => {
    const path = new URL(request.url).pathname.slice(0, 200);
    throw new AppError("bad_request", `${request.method} is not supported on ${path}. Allowed methods: ${allow}.`, {
      status: 405,
      headers: { Allow: allow },
    });
  });
  const options = withRoute({ auth: "none" }, async () => new Response(null, { status: 204, headers: { Allow: allow } }));
  const handlers: Partial<Record<HttpMethod, RouteHandler>> = {};
  for (const method of HTTP_METHODS) {
    if (method in implemented || (method === "HEAD" && "GET" in implemented)) continue;
    handlers[method] = method === "OPTIONS" ? options : notAllowed;
  }
  return handlers as OtherMethods<T>;
}

/** The handler for /api paths no route serves. */
export const unknownApiPath = withRoute({ auth: "none" }, async ({ request }) => {
  const path = new URL(request.url).pathname.slice(0, 200);
  throw new AppError("not_found", `There is no API route at ${path}.`);
});
