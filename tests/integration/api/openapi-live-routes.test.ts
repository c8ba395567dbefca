// Every documented operation, called for real with the document's own examples: it answers, with
// a status the document lists, and a body its schema describes exactly — no missing field and no
// field the description does not know about. Refusals carry the error envelope with a code the
// document lists for that status. The last test proves every operation was exercised here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { DOCUMENTED_OPERATIONS, type DocumentedOperation } from "@/lib/api/openapi/documented-operations";
import { errorEnvelopeSchema } from "@/lib/api/error-envelope";
import type { RouteHandler } from "@/lib/api/with-route";
import { seedChatResponseSchema } from "@/lib/ai/chat/response-schemas";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { POST as chat } from "@/app/api/chat/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { DELETE as clearHistory, GET as history } from "@/app/api/v1/chat/history/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { DELETE as deleteConversation, GET as getConversation, PATCH as recordOutcomes } from "@/app/api/conversations/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as usage } from "@/app/api/usage/route";
import { GET as health } from "@/app/api/health/route";
import { GET as listWorkspaces, POST as createWorkspace } from "@/app/api/workspaces/route";
import { DELETE as deleteWorkspace, GET as getWorkspace, PATCH as updateWorkspace } from "@/app/api/workspaces/[id]/route";
import { GET as listMembers } from "@/app/api/workspaces/[id]/members/route";
import { DELETE as removeMember, PATCH as updateMember } from "@/app/api/workspaces/[id]/members/[userId]/route";
import { POST as createInvite } from "@/app/api/workspaces/[id]/invites/route";
import { DELETE as revokeInvite } from "@/app/api/workspaces/[id]/invites/[inviteId]/route";
import { POST as acceptInvite } from "@/app/api/invites/[token]/accept/route";
import { GET as workspaceUsage } from "@/app/api/workspaces/[id]/usage/route";
import { GET as workspaceAudit } from "@/app/api/workspaces/[id]/audit/route";
import { callRoute, type CallOptions } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { parseUIStream } from "@/tests/fixtures/ai/ui-stream";
import { nextIp } from "@/tests/fixtures/ai/test-db";

const document = buildOpenApiDocument();
const answeredAsDocumented = new Set<string>();

type DescribedResponse = { content?: Record<string, unknown>; "x-error-codes"?: string[] };

function operationOf(handler: RouteHandler): DocumentedOperation {
  const operation = DOCUMENTED_OPERATIONS.find((op) => op.handler === handler);
  if (!operation) throw new Error("this handler is not documented");
  return operation;
}

const nameOf = (operation: DocumentedOperation) => `${operation.method.toUpperCase()} ${operation.path}`;

/** The example the document shows for the operation's request body. */
function exampleBody(handler: RouteHandler): unknown {
  const examples = (handler.definition.body as z.ZodType | undefined)?.meta()?.examples as unknown[] | undefined;
  if (!examples?.length) throw new Error(`${nameOf(operationOf(handler))} documents no request example`);
  return examples[0];
}

/** Parses with the schema and insists nothing was dropped: every field of the body is described. */
function expectDescribedExactly(schema: z.ZodType, body: unknown, where: string) {
  const parsed = schema.safeParse(body);
  expect(parsed.success, `${where}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))}\n${JSON.stringify(body).slice(0, 500)}`).toBe(true);
  expect(parsed.data, `${where}: the answer has fields its schema does not describe`).toEqual(body);
}

interface Call extends CallOptions {
  /** Values for the `{name}` segments of the documented path. */
  path?: Record<string, string>;
  search?: string;
}

async function call(handler: RouteHandler, options: Call = {}) {
  const operation = operationOf(handler);
  const where = nameOf(operation);
  const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.path?.[name] ?? "")) + (options.search ?? "");
  const result = await callRoute(handler, url, { ip: nextIp(), ...options, method: operation.method.toUpperCase(), params: options.path });

  const responses = (document.paths?.[operation.path]?.[operation.method]?.responses ?? {}) as Record<string, DescribedResponse>;
  const described = responses[String(result.status)];
  expect(described, `${where} answered ${result.status}, which the document does not list: ${result.text.slice(0, 300)}`).toBeDefined();
  expect(result.headers.get("x-request-id"), where).toBeTruthy();
  const mediaType = result.headers.get("content-type")?.split(";")[0] ?? "";
  expect(Object.keys(described.content ?? {}), `${where} ${result.status} answered ${mediaType}`).toContain(mediaType);

  if (result.status === operation.success.status) {
    if (mediaType === "application/json") expectDescribedExactly(operation.success.schema!, result.json, `${where} ${result.status}`);
    answeredAsDocumented.add(where);
  } else {
    expectDescribedExactly(errorEnvelopeSchema, result.json, `${where} ${result.status}`);
    expect(described["x-error-codes"], `${where} ${result.status} with code ${result.json.error.code}`).toContain(result.json.error.code);
  }
  return result;
}

let alice: TestUser;

beforeAll(async () => {
  await getDatabase();
  alice = await createTestUser("openapi");
});
afterEach(() => setProviderChainForTests(undefined));

describe("documented operations answer as documented", () => {
  let conversationId: string;

  it("GET /api/health", async () => {
    expect((await call(health)).status).toBe(200);
  });

  it("POST /api/v1/chat with the documented example, signed in and as a guest", async () => {
    const signedIn = await call(v1Chat, { token: alice.accessToken, body: exampleBody(v1Chat) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.response).toMatch(/\S/);
    expect(signedIn.json.metadata.analysis.statistics.rows).toBeGreaterThan(0);
    conversationId = signedIn.json.metadata.conversationId;
    expect(conversationId).toEqual(expect.any(String));

    const guest = await call(v1Chat, { body: { message: "What is in column B?" } });
    expect(guest.status).toBe(200);
    expect(guest.json.metadata.conversationId).toBeNull();
  });

  it("POST /api/chat streams the documented example as a UI message stream, and answers the JSON shape with JSON", async () => {
    setProviderChainForTests(
      createProviderChain({ providers: [{ kind: "model", name: "primary", model: textModel(["Q1 totals", " 2,180."], { modelId: "gpt-4o-mini" }) }], timeoutMs: 2_000 }),
    );
    const stream = await call(chat, { token: alice.accessToken, body: exampleBody(chat) });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(stream.headers.get("x-conversation-id")).toEqual(expect.any(String));
    expect(stream.text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    const types = parseUIStream(stream.text).map((chunk) => chunk.type);
    expect(types[0]).toBe("start");
    expect(types).toContain("text-delta");
    expect(types.at(-1)).toBe("finish");

    const json = await call(chat, { token: alice.accessToken, body: { message: "Which region leads Q2?", conversationId } });
    expect(json.status).toBe(200);
    expectDescribedExactly(seedChatResponseSchema, json.json, "POST /api/chat (JSON)");
  });

  it("history and conversations: list, search, read, record outcomes", async () => {
    const pairs = await call(history, { token: alice.accessToken, search: "?limit=5" });
    expect(pairs.status).toBe(200);
    expect(pairs.json.conversations.length).toBeGreaterThan(0);

    const listed = await call(listConversations, { token: alice.accessToken, search: "?q=Q1&limit=10" });
    expect(listed.status).toBe(200);
    expect(listed.json.conversations.map((c: { id: string }) => c.id)).toContain(conversationId);

    const read = await call(getConversation, { token: alice.accessToken, path: { id: conversationId } });
    expect(read.status).toBe(200);
    expect(read.json.messages.map((m: { role: string }) => m.role)).toEqual(expect.arrayContaining(["user", "assistant"]));

    const outcomes = await call(recordOutcomes, { token: alice.accessToken, path: { id: conversationId }, body: exampleBody(recordOutcomes) });
    expect(outcomes.status).toBe(200);
  });

  it("API keys: create with the documented example, list, use, revoke", async () => {
    const created = await call(createKey, { token: alice.accessToken, body: exampleBody(createKey) });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^eaa_/);

    const listed = await call(listKeys, { token: alice.accessToken });
    expect(listed.json.keys.map((k: { id: string }) => k.id)).toContain(created.json.id);

    // The apiKey security scheme: the key itself as the bearer credential.
    expect((await call(usage, { token: created.json.key })).status).toBe(200);

    const revoked = await call(revokeKey, { token: alice.accessToken, path: { id: created.json.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toEqual(expect.any(String));
  });

  it("GET /api/usage with the documented query", async () => {
    const answer = await call(usage, { token: alice.accessToken, search: "?days=7" });
    expect(answer.status).toBe(200);
    expect(answer.json.daily).toHaveLength(7);
  });

  it("deleting: one conversation, then the whole history", async () => {
    expect((await call(deleteConversation, { token: alice.accessToken, path: { id: conversationId } })).status).toBe(200);
    const cleared = await call(clearHistory, { token: alice.accessToken });
    expect(cleared.status).toBe(200);
    expect(cleared.json.deleted).toBeGreaterThan(0);
  });
});

describe("workspaces answer as documented", () => {
  it("create, read, change, invite, join, change roles, usage, audit, revoke, leave, delete", async () => {
    const bob = await createTestUser("openapi-ws-bob");
    const created = await call(createWorkspace, { token: alice.accessToken, body: exampleBody(createWorkspace) });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect((await call(listWorkspaces, { token: alice.accessToken })).status).toBe(200);
    expect((await call(getWorkspace, { token: alice.accessToken, path: { id } })).status).toBe(200);
    expect((await call(updateWorkspace, { token: alice.accessToken, path: { id }, body: exampleBody(updateWorkspace) })).status).toBe(200);
    const invite = await call(createInvite, { token: alice.accessToken, path: { id }, body: exampleBody(createInvite) });
    expect(invite.status).toBe(201);
    expect((await call(acceptInvite, { token: bob.accessToken, path: { token: invite.json.token } })).status).toBe(200);
    expect((await call(updateMember, { token: alice.accessToken, path: { id, userId: bob.id }, body: exampleBody(updateMember) })).status).toBe(200);
    expect((await call(workspaceUsage, { token: alice.accessToken, path: { id } })).status).toBe(200);
    expect((await call(workspaceAudit, { token: alice.accessToken, path: { id } })).status).toBe(200);
    await call(createInvite, { token: alice.accessToken, path: { id }, body: exampleBody(createInvite) });
    const members = await call(listMembers, { token: alice.accessToken, path: { id } });
    expect(members.status).toBe(200);
    expect((await call(revokeInvite, { token: alice.accessToken, path: { id, inviteId: members.json.invites[0].id } })).status).toBe(200);
    expect((await call(removeMember, { token: bob.accessToken, path: { id, userId: bob.id } })).status).toBe(200);
    // Refusals: a member of nothing gets the documented 404.
    expect((await call(getWorkspace, { token: bob.accessToken, path: { id } })).status).toBe(404);
    expect((await call(deleteWorkspace, { token: alice.accessToken, path: { id } })).status).toBe(200);
  });
});

describe("refusals are documented too", () => {
  it("every operation that needs credentials answers 401 without them, or with a bad one", async () => {
    for (const operation of DOCUMENTED_OPERATIONS) {
      const { auth, body } = operation.handler.definition;
      if (auth === "none") continue;
      const input = body ? { body: exampleBody(operation.handler) } : {};
      const path = { id: "6f1c2a3b-1111-4222-8333-444455556666", userId: "6f1c2a3b-1111-4222-8333-444455556667", inviteId: "6f1c2a3b-1111-4222-8333-444455556668", token: "an-invite-token" };
      if (auth === "user") expect((await call(operation.handler, { ...input, path })).status, nameOf(operation)).toBe(401);
      expect((await call(operation.handler, { ...input, path, token: "not-a-real-token" })).status, nameOf(operation)).toBe(401);
    }
  });

  it("bad input is a documented 400 naming the field; another user's or a missing resource a documented 404", async () => {
    const bad = await call(createKey, { token: alice.accessToken, body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/name/);
    expect((await call(usage, { token: alice.accessToken, search: "?days=3" })).status).toBe(400);

    const bob = await createTestUser("openapi-bob");
    const hers = await call(v1Chat, { token: alice.accessToken, body: { message: "Sum column B" } });
    const id = hers.json.metadata.conversationId;
    expect((await call(getConversation, { token: bob.accessToken, path: { id } })).status).toBe(404);
    expect((await call(deleteConversation, { token: bob.accessToken, path: { id } })).status).toBe(404);
    expect((await call(revokeKey, { token: bob.accessToken, path: { id: "6f1c2a3b-1111-4222-8333-444455556666" } })).status).toBe(404);
    expect((await call(v1Chat, { token: bob.accessToken, body: { message: "Sum column B", conversationId: id } })).status).toBe(404);
  });

  it("a cross-site browser request is a documented 403", async () => {
    const answer = await call(createKey, { cookie: alice.cookie, headers: { origin: "https://evil.example" }, body: exampleBody(createKey) });
    expect(answer.status).toBe(403);
  });
});

afterAll(() => {
  // Runs after the suites above: an operation added to the document must be exercised here too.
  const missing = DOCUMENTED_OPERATIONS.map(nameOf).filter((name) => !answeredAsDocumented.has(name));
  expect(missing, "documented operations never answered successfully in this file").toEqual([]);
});
