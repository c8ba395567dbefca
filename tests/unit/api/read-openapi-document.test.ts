// What the dashboard's API page shows is read from the published document: operations grouped by
// tag, credentials, rate limits, parameter and field rows with their limits, error codes.
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { DOCUMENTED_OPERATIONS } from "@/lib/api/openapi/documented-operations";
import { readApiDocument, type OperationView } from "@/lib/api/openapi/read-document";

const view = readApiDocument(JSON.parse(JSON.stringify(buildOpenApiDocument())));
const find = (method: string, path: string): OperationView => {
  const found = view.tags.flatMap((t) => t.operations).find((op) => op.method === method && op.path === path);
  if (!found) throw new Error(`${method} ${path} not on the page`);
  return found;
};

describe("readApiDocument over the real document", () => {
  it("groups every operation under its tag, in the document's tag order", () => {
    expect(view.tags.map((t) => t.name)).toEqual(["Chat", "Functions", "History", "API keys", "Usage", "Workspaces", "Service"]);
    expect(view.tags.flatMap((t) => t.operations)).toHaveLength(DOCUMENTED_OPERATIONS.length);
    expect(view.tags[0].description).toMatch(/guests/i);
    expect(view.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("says who may call an operation and how often", () => {
    const chat = find("POST", "/api/v1/chat");
    expect(chat.credentials.map((c) => c.scheme)).toEqual(["accessToken", "apiKey", "sessionCookie"]);
    expect(chat.guestsAllowed).toBe(true);
    expect(chat.rateLimit).toBe("10 a minute and 50 per 15 minutes, per user (guests: per client address)");
    expect(chat.description).not.toMatch(/Rate limit/);

    const keys = find("GET", "/api/keys");
    expect(keys.guestsAllowed).toBe(false);
    expect(keys.rateLimit).toBe("100 per 15 minutes, per user");

    const health = find("GET", "/api/health");
    expect(health.credentials).toEqual([]);
    expect(health.rateLimit).toBeUndefined();
    expect(view.securitySchemes.map((s) => s.name)).toEqual(["accessToken", "apiKey", "sessionCookie"]);
    expect(view.securitySchemes[2].label).toBe("cookie `eaa-access-token`");
  });

  it("lists parameters and body fields with their limits, nested fields by path", () => {
    const list = find("GET", "/api/conversations");
    expect(list.parameters.map((p) => [p.name, p.in, p.type])).toEqual([
      ["q", "query", "string"],
      ["limit", "query", "integer"],
      ["offset", "query", "integer"],
      ["workspaceId", "query", "string (uuid)"],
    ]);
    expect(list.parameters[1].constraints).toEqual(["minimum 1", "maximum 100", "default 20"]);

    const create = find("POST", "/api/keys");
    expect(create.requestBody?.schemaName).toBe("CreateApiKeyRequest");
    expect(create.requestBody?.fields).toEqual([
      expect.objectContaining({ name: "name", type: "string", required: true, constraints: ["at least 1 character", "at most 100 characters"] }),
      expect.objectContaining({ name: "scopes", required: false, constraints: ["at least 1 item", "at most 10 items"] }),
    ]);
    expect(create.requestBody?.example).toEqual({ name: expect.any(String), scopes: ["chat", "usage"] });
    expect(create.success[0].status).toBe("201");

    const keys = find("GET", "/api/keys");
    const names = keys.success[0].fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["keys", "keys[].id", "keys[].prefix", "keys[].revokedAt"]));
    expect(keys.success[0].fields.find((f) => f.name === "keys[].revokedAt")).toMatchObject({ depth: 1, type: "string (date-time) | null" });

    const chat = find("POST", "/api/chat");
    const context = chat.requestBody?.fields.find((f) => f.name === "context");
    expect(context?.type).toBe("ExcelContext | string | null");
    expect(context?.description).toMatch(/Office\.js/);
    expect(chat.requestBody?.fields.map((f) => f.name)).toContain("context.selectedRange.values");
  });

  it("describes the stream and the refusals", () => {
    const chat = find("POST", "/api/chat");
    expect(chat.success[0].mediaTypes.sort()).toEqual(["application/json", "text/event-stream"]);
    expect(chat.success[0].bodyDescription).toMatch(/UI message stream/);
    expect(chat.success[0].headers).toEqual(expect.arrayContaining(["X-Request-Id", "RateLimit", "X-Conversation-Id"]));
    const tooMany = chat.errors.find((e) => e.status === "429");
    expect(tooMany?.codes).toEqual(["rate_limited", "quota_exceeded"]);
    expect(find("GET", "/api/conversations/{id}").errors.map((e) => e.status)).toContain("404");
  });
});

describe("readApiDocument over other documents", () => {
  it("reads the scopes a credential needs", () => {
    const scoped = {
      openapi: "3.1.0",
      info: { title: "Scoped", version: "1.0.0" },
      paths: { "/a": { get: { security: [{ token: [] }, { key: ["usage"] }], responses: { "200": { description: "ok" } } } } },
    };
    const [operation] = readApiDocument(scoped).tags[0].operations;
    expect(operation.credentials).toEqual([
      { scheme: "token", scopes: [] },
      { scheme: "key", scopes: ["usage"] },
    ]);
    expect(operation.guestsAllowed).toBe(false);
  });

  it("stops at a schema that contains itself", () => {
    const tree = {
      openapi: "3.1.0",
      info: { title: "Trees", version: "1.0.0" },
      paths: {
        "/tree": {
          get: {
            responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } } },
          },
        },
      },
      components: {
        schemas: {
          Node: {
            type: "object",
            required: ["name"],
            properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
          },
        },
      },
    };
    const [operation] = readApiDocument(tree).tags[0].operations;
    expect(operation.success[0].fields.map((f) => `${f.name}: ${f.type}`)).toEqual(["name: string", "children: array of Node"]);
    expect(readApiDocument(tree).tags[0].name).toBe("Other");
  });

  it("reads a document with nothing in it without failing", () => {
    expect(readApiDocument({})).toEqual({ title: "API", version: "", description: undefined, tags: [], securitySchemes: [] });
    expect(readApiDocument(null).tags).toEqual([]);
  });
});
