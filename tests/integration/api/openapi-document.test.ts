// The OpenAPI document against the code: it is valid OpenAPI 3.1, every operation it lists is
// served by the route module its path names (and the guard's own schemas and policy are what it
// shows), and every route under /api/v1 is listed. Answers are checked in openapi-live-routes.test.ts.
import { readdirSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { DOCUMENTED_OPERATIONS } from "@/lib/api/openapi/documented-operations";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { callRoute, type Handler } from "@/tests/helpers/call-route";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const API_DIR = path.join(process.cwd(), "app", "api");

/** `/api/keys/{id}` → `app/api/keys/[id]/route.ts` */
function routeFileOf(openApiPath: string): string {
  const segments = openApiPath.replace(/^\/api\//, "").split("/").map((s) => s.replace(/^\{(.+)\}$/, "[$1]"));
  return path.join(API_DIR, ...segments, "route.ts");
}

/** `app/api/v1/chat/route.ts` → `/api/v1/chat`, `[id]` → `{id}` */
function openApiPathOf(routeFile: string): string {
  const dir = path.relative(API_DIR, path.dirname(routeFile)).split(path.sep);
  return `/api/${dir.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
}

/**
 * Every route.ts below `dir`. Catch-all folders (`[...path]`) are left out: they answer paths
 * no route serves (with a not-found envelope); they are not operations of the API.
 */
function routeFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[...") || entry.name.startsWith("[[...") ? [] : routeFilesUnder(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The parser's own document type (it mutates what it is given, so each check gets a copy). */
type ParserDocument = Awaited<ReturnType<typeof SwaggerParser.validate>>;
const fresh = () => structuredClone(buildOpenApiDocument()) as unknown as ParserDocument;

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1, with every $ref resolving", async () => {
    const api = await SwaggerParser.validate(fresh());
    expect(api).toMatchObject({ openapi: "3.1.0", info: { title: expect.any(String), version: expect.any(String) } });
    expect(Object.keys(api.paths ?? {}).length).toBeGreaterThan(5);
  });

  it("the validator would notice a broken document (this check can fail)", async () => {
    const broken = fresh();
    delete (broken as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas.ErrorEnvelope;
    await expect(SwaggerParser.validate(broken)).rejects.toThrow(/ErrorEnvelope/);
  });

  it("is served at GET /api/openapi.json without credentials, cacheable", async () => {
    const { status, json, headers } = await callRoute(openApiRoute, "/api/openapi.json");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/application\/json/);
    expect(headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    expect(headers.get("x-request-id")).toBeTruthy();
    expect(json).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it("documents the public API: chat, history, conversations, keys, usage, health", () => {
    const listed = Object.entries(buildOpenApiDocument().paths ?? {}).flatMap(([p, item]) =>
      HTTP_METHODS.filter((m) => (item as Record<string, unknown>)[m.toLowerCase()]).map((m) => `${m} ${p}`),
    );
    expect(listed.sort()).toEqual(
      expect.arrayContaining([
        "POST /api/chat",
        "POST /api/v1/chat",
        "GET /api/v1/chat/history",
        "DELETE /api/v1/chat/history",
        "GET /api/conversations",
        "GET /api/conversations/{id}",
        "PATCH /api/conversations/{id}",
        "DELETE /api/conversations/{id}",
        "GET /api/keys",
        "POST /api/keys",
        "DELETE /api/keys/{id}",
        "GET /api/usage",
        "GET /api/health",
      ]),
    );
  });

  it("every documented operation is served by the route module its path names, exporting that method", async () => {
    for (const operation of DOCUMENTED_OPERATIONS) {
      const file = routeFileOf(operation.path);
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      expect(module[operation.method.toUpperCase()], `${operation.method.toUpperCase()} ${operation.path} in ${file}`).toBe(operation.handler);
    }
  });

  it("every route under /api/v1, and every method it serves, is documented", async () => {
    const documented = new Set(DOCUMENTED_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const files = routeFilesUnder(path.join(API_DIR, "v1"));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const module = (await import(/* @vite-ignore */ file)) as Record<string, Handler | undefined>;
      const served: string[] = [];
      for (const method of HTTP_METHODS) {
        const handler = module[method];
        if (typeof handler !== "function") continue;
        // A handler that only refuses its method (405) is not an operation of the API.
        const { status } = await callRoute(handler, openApiPathOf(file).replace(/\{\w+\}/g, "x"), { method });
        if (status !== 405) served.push(method);
      }
      expect(served.length, file).toBeGreaterThan(0);
      for (const method of served) expect(documented, `${method} ${openApiPathOf(file)} (${file})`).toContain(`${method} ${openApiPathOf(file)}`);
    }
  });

  it("shows each route's own guard: credentials, rate limit, parameters and body", () => {
    const document = buildOpenApiDocument();
    for (const operation of DOCUMENTED_OPERATIONS) {
      const { definition } = operation.handler;
      const described = document.paths?.[operation.path]?.[operation.method];
      const where = `${operation.method.toUpperCase()} ${operation.path}`;
      expect(described, where).toBeDefined();
      if (!described) continue;

      const schemes = (described.security ?? []).map((requirement) => Object.keys(requirement).join("+"));
      if (definition.auth === "none") expect(schemes, where).toEqual([]);
      const signedIn = definition.keyScope ? ["accessToken", "apiKey", "sessionCookie"] : ["accessToken", "sessionCookie"];
      if (definition.auth === "user") expect(schemes, where).toEqual(signedIn);
      if (definition.auth === "optional") expect(schemes, where).toEqual([...signedIn, ""]);
      if (definition.keyScope) {
        expect(described.security?.find((requirement) => "apiKey" in requirement)?.apiKey, where).toEqual([definition.keyScope]);
      }

      const responses = described.responses ?? {};
      if (definition.auth !== "none") expect(responses["401"], where).toBeDefined();
      if (definition.rateLimit) {
        expect(described["x-rate-limit"], where).toEqual({
          policy: RATE_LIMITS[definition.rateLimit].name,
          windows: RATE_LIMITS[definition.rateLimit].windows.map((w) => ({ limit: w.limit, windowSeconds: w.windowMs / 1000 })),
          description: expect.stringMatching(/^\d+ (a minute|per \d+ minutes)/),
        });
        expect(responses["429"], where).toBeDefined();
      } else {
        expect(described["x-rate-limit"], where).toBeUndefined();
      }

      const parameters = (described.parameters ?? []) as { in: string; name: string }[];
      const shape = (schema: unknown) => Object.keys((schema as { shape?: object } | undefined)?.shape ?? {});
      expect(parameters.filter((p) => p.in === "path").map((p) => p.name), where).toEqual(shape(definition.params));
      expect(parameters.filter((p) => p.in === "query").map((p) => p.name), where).toEqual(shape(definition.query));
      expect(Boolean(described.requestBody), where).toBe(Boolean(definition.body));
    }
  });

  it("describes the error envelope with every error code, and the chat stream as an event stream", () => {
    const document = buildOpenApiDocument();
    const schemas = document.components?.schemas ?? {};
    expect(schemas.ErrorEnvelope).toMatchObject({ required: ["error"], properties: { error: { required: ["code", "message", "requestId"] } } });
    expect(schemas.ErrorCode).toMatchObject({
      enum: expect.arrayContaining(["bad_request", "unauthorized", "forbidden", "not_found", "rate_limited", "quota_exceeded", "payment_required", "provider_unavailable", "internal"]),
    });
    const chat = document.paths?.["/api/chat"]?.post?.responses?.["200"] as { content: Record<string, { schema: { description?: string } }> };
    expect(Object.keys(chat.content).sort()).toEqual(["application/json", "text/event-stream"]);
    expect(chat.content["text/event-stream"].schema.description).toMatch(/UI message stream/);
  });
});
