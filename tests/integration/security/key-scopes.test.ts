// API keys carry scopes (chat, history, usage) and nothing else: a stolen key cannot mint more
// keys, export or erase the account, change settings, read the audit log or delete history.
// Every route of the resource table is tried with keys of every scope combination that matters,
// and the dangerous ones are shown to change nothing. Two users: A's key never reaches B's data.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as seedChat } from "@/app/api/v1/chat/route";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as getConversation, DELETE as deleteConversation, PATCH as recordOutcomes } from "@/app/api/conversations/[id]/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { DELETE as clearHistory, GET as history } from "@/app/api/v1/chat/history/route";
import { GET as getSettings, PATCH as patchSettings } from "@/app/api/settings/route";
import { GET as audit } from "@/app/api/audit/route";
import { GET as exportAccount } from "@/app/api/account/export/route";
import { DELETE as deleteAccount } from "@/app/api/account/route";
import { GET as usage } from "@/app/api/usage/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/key-scopes";
import { callRoute } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";
import { nextIp, storedConversations } from "../../fixtures/ai/test-db";
import { OPTIONAL_AUTH_ROUTES, RESOURCE_ROUTES, loadHandler, routeExists, type ResourceRoute } from "./resource-routes";

let a: TestUser;
let b: TestUser;
let conversationId: string;

async function keyFor(user: TestUser, scopes: ApiKeyScope[] | undefined, name = `key ${scopes?.join("+") ?? "default"}`) {
  const created = await callRoute(createKey, "/api/keys", { body: scopes ? { name, scopes } : { name }, token: user.accessToken });
  expect(created.status, created.text).toBe(201);
  return created.json as { id: string; key: string; scopes: ApiKeyScope[] };
}

const allKeys = new Map<string, string>();
async function keyWith(scopes: ApiKeyScope[]) {
  const name = scopes.join("+") || "none";
  if (!allKeys.has(name)) allKeys.set(name, (await keyFor(a, scopes)).key);
  return allKeys.get(name)!;
}

beforeAll(async () => {
  a = await createTestUser("scopes-a");
  b = await createTestUser("scopes-b");
  const asked = await callRoute(seedChat, "/api/v1/chat", { body: { message: "Sum column B" }, token: a.accessToken, ip: nextIp() });
  expect(asked.status).toBe(200);
  conversationId = asked.json.metadata.conversationId;
});

async function tryRoute(route: ResourceRoute, token: string) {
  const handler = await loadHandler(route);
  return callRoute(handler, route.path, { method: route.method, body: route.body, params: route.params, token, ip: nextIp() });
}

describe.each([...RESOURCE_ROUTES, ...OPTIONAL_AUTH_ROUTES])("$name ($method $path)", (route) => {
  if (!route.keyScope) {
    it.skipIf(!routeExists(route))("refuses every API key with 403: it needs a signed-in session", async () => {
      const { status, json } = await tryRoute(route, await keyWith([...API_KEY_SCOPES]));
      expect(status).toBe(403);
      expect(json.error).toMatchObject({ code: "forbidden", reason: "session_required" });
      expect(json.error.message).toMatch(/signed-in session/);
    });
    return;
  }
  const scope = route.keyScope;
  it.skipIf(!routeExists(route))(`refuses a key without the ${scope} scope, naming it`, async () => {
    const { status, json } = await tryRoute(route, await keyWith(API_KEY_SCOPES.filter((s) => s !== scope)));
    expect(status).toBe(403);
    expect(json.error).toMatchObject({ code: "forbidden", reason: "missing_scope", scope });
    expect(json.error.message).toContain(`\`${scope}\` scope`);
  });
  it.skipIf(!routeExists(route))(`accepts a key with only the ${scope} scope`, async () => {
    const { status, text } = await tryRoute(route, await keyWith([scope]));
    // 404: the table's placeholder conversation id is nobody's.
    expect([200, 404], text.slice(0, 300)).toContain(status);
  });
});

describe("what a key cannot do changes nothing", () => {
  it("cannot create, list or revoke keys", async () => {
    const key = await keyWith([...API_KEY_SCOPES]);
    const own = await keyFor(a, ["chat"], "to survive");
    expect((await callRoute(createKey, "/api/keys", { body: { name: "minted by a key" }, token: key })).status).toBe(403);
    expect((await callRoute(listKeys, "/api/keys", { token: key })).status).toBe(403);
    expect((await callRoute(revokeKey, `/api/keys/${own.id}`, { method: "DELETE", token: key, params: { id: own.id } })).status).toBe(403);
    const listed = await callRoute(listKeys, "/api/keys", { token: a.accessToken });
    expect(listed.json.keys.map((k: { name: string }) => k.name)).not.toContain("minted by a key");
    expect(listed.json.keys.find((k: { id: string }) => k.id === own.id).revokedAt).toBeNull();
  });

  it("cannot read or change settings, export, read the audit log, delete history or the account", async () => {
    const key = await keyWith([...API_KEY_SCOPES]);
    expect((await callRoute(getSettings, "/api/settings", { token: key })).status).toBe(403);
    expect((await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { writeMode: "auto" }, token: key })).status).toBe(403);
    expect((await callRoute(getSettings, "/api/settings", { token: a.accessToken })).json.settings.writeMode).toBe("ask");

    const exported = await callRoute(exportAccount, "/api/account/export", { token: key });
    expect(exported.status).toBe(403);
    expect(exported.text).not.toContain(a.email);
    expect((await callRoute(audit, "/api/audit", { token: key })).status).toBe(403);

    expect((await callRoute(clearHistory, "/api/v1/chat/history", { method: "DELETE", token: key })).status).toBe(403);
    const del = await callRoute(deleteConversation, `/api/conversations/${conversationId}`, { method: "DELETE", token: key, params: { id: conversationId } });
    expect(del.status).toBe(403);
    expect((await storedConversations(a.id)).map((c) => c.id)).toContain(conversationId);

    const erase = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: a.email, password: a.password }, token: key });
    expect(erase.status).toBe(403);
    expect((await callRoute(getSettings, "/api/settings", { token: a.accessToken })).status).toBe(200);

    expect((await callRoute(logout, "/api/auth/logout", { method: "POST", token: key })).status).toBe(403);
  });
});

describe("history and chat scopes", () => {
  it("a key without history cannot read conversations; with it, it reads A's and only A's", async () => {
    const chatOnly = await keyWith(["chat", "usage"]);
    for (const [handler, path, params] of [
      [listConversations, "/api/conversations", undefined],
      [history, "/api/v1/chat/history", undefined],
      [getConversation, `/api/conversations/${conversationId}`, { id: conversationId }],
    ] as const) {
      const refused = await callRoute(handler, path, { token: chatOnly, params });
      expect(refused.status, path).toBe(403);
      expect(refused.text).not.toContain("Sum column B");
    }
    const reader = await keyWith(["history"]);
    const listed = await callRoute(listConversations, "/api/conversations", { token: reader });
    expect(listed.json.conversations.map((c: { id: string }) => c.id)).toContain(conversationId);
    const read = await callRoute(getConversation, `/api/conversations/${conversationId}`, { token: reader, params: { id: conversationId } });
    expect(read.status).toBe(200);

    const bReader = (await keyFor(b, ["history"])).key;
    const intruder = await callRoute(getConversation, `/api/conversations/${conversationId}`, { token: bReader, params: { id: conversationId } });
    expect(intruder.status).toBe(404);
    expect((await callRoute(listConversations, "/api/conversations", { token: bReader })).json.conversations).toEqual([]);
  });

  it("a key without chat is refused by the chat routes instead of chatting as a guest", async () => {
    const reader = await keyWith(["history"]);
    const refused = await callRoute(seedChat, "/api/v1/chat", { body: { message: "hello" }, token: reader, ip: nextIp() });
    expect(refused.status).toBe(403);
    expect(refused.json.error.scope).toBe("chat");
    const chatter = await keyWith(["chat"]);
    const answered = await callRoute(seedChat, "/api/v1/chat", { body: { message: "Sum column B", conversationId }, token: chatter, ip: nextIp() });
    expect(answered.status).toBe(200);
    expect(answered.json.metadata.conversationId).toBe(conversationId);
    // Recording what was done with a proposal is part of chatting.
    const outcome = await callRoute(recordOutcomes, `/api/conversations/${conversationId}`, {
      method: "PATCH",
      token: chatter,
      params: { id: conversationId },
      body: { outcomes: [{ messageId: "m1", toolCallId: "call-1", outcome: { status: "applied", address: "A1" } }] },
    });
    expect(outcome.status).toBe(200);
  });

  it("usage needs the usage scope", async () => {
    expect((await callRoute(usage, "/api/usage", { token: await keyWith(["chat", "history"]) })).status).toBe(403);
    expect((await callRoute(usage, "/api/usage", { token: await keyWith(["usage"]) })).status).toBe(200);
  });
});

describe("choosing scopes at creation", () => {
  it("stores the scopes chosen, in a fixed order without repeats, and lists them", async () => {
    const created = await keyFor(a, ["usage", "chat", "usage"], "ordered");
    expect(created.scopes).toEqual(["chat", "usage"]);
    const listed = await callRoute(listKeys, "/api/keys", { token: a.accessToken });
    expect(listed.json.keys.find((k: { id: string }) => k.id === created.id).scopes).toEqual(["chat", "usage"]);
  });

  it("a key created without scopes gets all three", async () => {
    const created = await keyFor(b, undefined, "defaults");
    expect(created.scopes).toEqual(["chat", "history", "usage"]);
  });

  it("refuses unknown, empty and malformed scopes with a message naming the allowed ones", async () => {
    for (const scopes of [["admin"], [], "chat", [42], ["chat", "keys"]]) {
      const refused = await callRoute(createKey, "/api/keys", { body: { name: "bad", scopes }, token: a.accessToken });
      expect(refused.status, JSON.stringify(scopes)).toBe(400);
      expect(refused.json.error.message, JSON.stringify(scopes)).toMatch(/scopes/);
      expect(refused.json.error.message, JSON.stringify(scopes)).toMatch(/chat, history, usage/);
    }
  });
});
