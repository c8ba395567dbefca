// Every /api answer is the JSON error envelope with X-Request-Id — also for a path no route serves
// and for a method a route does not have (Next.js alone answers those with an HTML page and an
// empty 405). Every route file in app/api is checked, so a new one cannot forget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/[[...path]]/route";
import { allowHeader, HTTP_METHODS, type HttpMethod } from "@/lib/api/unsupported-requests";
import { BASE_URL } from "../../helpers/call-route";

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

const ROOT = path.join(process.cwd(), "app/api");
const ROUTES = routeFiles(ROOT)
  .filter((file) => !file.includes("[[...path]]"))
  .map((file) => {
    const relative = path.relative(ROOT, path.dirname(file));
    // A request path for the route: dynamic segments get a plausible value.
    const urlPath = `/api/${relative.split(path.sep).map((segment) => (segment.startsWith("[") ? "6f1c2a3b-1111-4222-8333-444455556666" : segment)).join("/")}`;
    const source = readFileSync(file, "utf8");
    const declared = [...source.matchAll(/^export (?:const|async function|function) (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/gm)].map((m) => m[1] as HttpMethod);
    return { file: path.relative(process.cwd(), file), urlPath, declared };
  });

async function expectEnvelope(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toBeTruthy();
  const body = await response.json();
  expect(body).toEqual({ error: { code, message: expect.any(String), requestId } });
  return body.error.message as string;
}

describe("unknown /api paths", () => {
  it.each(["/api/nope", "/api/keys/6f1c2a3b-1111-4222-8333-444455556666/extra", "/api/v2/chat", "/api"])("%s: 404 not_found in the envelope, for every method", async (urlPath) => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
      const request = new Request(`${BASE_URL}${urlPath}`, { method, headers: method === "GET" || method === "OPTIONS" ? {} : { "content-type": "application/json" }, body: method === "GET" || method === "OPTIONS" ? undefined : "{}" });
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a test, never bundled: the route's handler looked up by method
      const message = await expectEnvelope(await (catchAll[method] as Handler)(request, { params: Promise.resolve({}) }), 404, "not_found");
      expect(message).toContain(urlPath);
    }
    const head = await (catchAll.HEAD as Handler)(new Request(`${BASE_URL}${urlPath}`, { method: "HEAD" }));
    expect(head.status).toBe(404);
  });
});

describe("unsupported methods on every route", () => {
  it("finds the route files", () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(24);
    for (const route of ROUTES) expect(route.declared.length, route.file).toBeGreaterThan(0);
  });

  it.each(ROUTES.map((route) => [route.file, route] as const))("%s answers every other method with 405, Allow and the envelope", async (_file, route) => {
    const module = (await import(/* @vite-ignore */ path.join(process.cwd(), route.file))) as Record<string, Handler>;
    const allow = allowHeader(route.declared);
    for (const method of HTTP_METHODS) {
      if (method === "HEAD" && route.declared.includes("GET")) continue; // Next.js runs GET for HEAD
      const handler = module[method];
      expect(handler, `${route.file} exports ${method}`).toBeTypeOf("function");
      if (route.declared.includes(method)) continue;
      const hasBody = method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
      const request = new Request(`${BASE_URL}${route.urlPath}`, {
        method,
        headers: hasBody ? { "content-type": "application/json", "x-forwarded-for": "203.0.113.10" } : { "x-forwarded-for": "203.0.113.10" },
        body: hasBody ? JSON.stringify({ any: "thing" }) : undefined,
      });
      const response = await handler(request, { params: Promise.resolve({ id: "6f1c2a3b-1111-4222-8333-444455556666" }) });
      expect(response.headers.get("allow"), `${route.file} ${method}`).toBe(allow);
      if (method === "OPTIONS") {
        expect(response.status).toBe(204);
        continue;
      }
      if (method === "HEAD") {
        expect(response.status).toBe(405);
        continue;
      }
      const message = await expectEnvelope(response, 405, "bad_request");
      expect(message).toContain(method);
      expect(message).toContain(`Allowed methods: ${allow}`);
    }
  });

  it("names the allowed methods in a fixed order, with HEAD for GET and OPTIONS always", () => {
    expect(allowHeader(["POST", "GET"])).toBe("GET, HEAD, POST, OPTIONS");
    expect(allowHeader(["DELETE"])).toBe("DELETE, OPTIONS");
  });
});
