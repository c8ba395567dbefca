// Two real users, A and B: B, fully authenticated, tries every resource route on A's data — by
// id, by search, by listing, through chat with A's conversation id, through export. Every
// attempt sees nothing of A's and changes nothing of A's.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as seedChat } from "@/app/api/v1/chat/route";
import { POST as chat } from "@/app/api/chat/route";
import { GET as history, DELETE as clearHistory } from "@/app/api/v1/chat/history/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { GET as getConversation, DELETE as deleteConversation } from "@/app/api/conversations/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as audit } from "@/app/api/audit/route";
import { GET as exportAccount } from "@/app/api/account/export/route";
import { GET as getSettings, PATCH as patchSettings } from "@/app/api/settings/route";
import { callRoute } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";
import { loadHandler, routeExists, type ResourceRoute } from "./resource-routes";

const SECRET_QUESTION = "What is the zebracorn payroll total in column C?";
const CONTEXT = {
  selectedRange: { address: "Sheet1!A1:C3", values: [["Name", "Dept", "Salary"], ["Zebracorn Ltd", "R&D", 91000], ["Quokka plc", "Ops", 72000]] },
  worksheet: { name: "Sheet1" },
  workbook: { name: "Zebracorn-Payroll.xlsx" },
};

let a: TestUser;
let b: TestUser;
let conversationId: string;
let key: { id: string; key: string; prefix: string };
/** Strings that identify A's data: none may reach B. */
let aMarkers: string[];

beforeAll(async () => {
  a = await createTestUser("owner-a");
  b = await createTestUser("intruder-b");
  const answered = await callRoute(seedChat, "/api/v1/chat", { body: { message: SECRET_QUESTION, context: CONTEXT }, token: a.accessToken });
  expect(answered.status).toBe(200);
  conversationId = answered.json.metadata.conversationId;
  expect(conversationId).toBeTruthy();
  key = (await callRoute(createKey, "/api/keys", { body: { name: "A's zebracorn key" }, token: a.accessToken })).json;
  aMarkers = [a.id, a.email, conversationId, key.id, key.prefix, "zebracorn", "Zebracorn"];
});

function expectNoneOfA(text: string, where: string) {
  for (const marker of aMarkers) expect(text.includes(marker), `${where} leaks ${marker}`).toBe(false);
}

describe("B cannot reach A's conversation", () => {
  it("by id: GET and DELETE are 404, and it is still there for A", async () => {
    const read = await callRoute(getConversation, `/api/conversations/${conversationId}`, { token: b.accessToken, params: { id: conversationId } });
    expect(read.status).toBe(404);
    expectNoneOfA(read.text, "GET /api/conversations/:id");
    const del = await callRoute(deleteConversation, `/api/conversations/${conversationId}`, { method: "DELETE", token: b.accessToken, params: { id: conversationId } });
    expect(del.status).toBe(404);
    const mine = await callRoute(getConversation, `/api/conversations/${conversationId}`, { token: a.accessToken, params: { id: conversationId } });
    expect(mine.status).toBe(200);
    expect(mine.text).toContain("zebracorn");
  });

  it("the same 404 as for an id that does not exist (no existence oracle)", async () => {
    const theirs = await callRoute(getConversation, `/api/conversations/${conversationId}`, { token: b.accessToken, params: { id: conversationId } });
    const missing = crypto.randomUUID();
    const none = await callRoute(getConversation, `/api/conversations/${missing}`, { token: b.accessToken, params: { id: missing } });
    expect(theirs.status).toBe(none.status);
    expect(theirs.json.error.message).toBe(none.json.error.message);
  });

  it("by listing, searching and history", async () => {
    for (const path of ["/api/conversations", "/api/conversations?q=zebracorn", "/api/conversations?q=%25", "/api/conversations?q=_"]) {
      const { status, json, text } = await callRoute(listConversations, path, { token: b.accessToken });
      expect(status, path).toBe(200);
      expect(json.conversations, path).toEqual([]);
      expectNoneOfA(text, path);
    }
    const seed = await callRoute(history, "/api/v1/chat/history", { token: b.accessToken });
    expect(seed.status).toBe(200);
    expectNoneOfA(seed.text, "GET /api/v1/chat/history");
  });

  it("by chatting into it: both chat routes refuse A's conversation id and store nothing there", async () => {
    const json = await callRoute(seedChat, "/api/v1/chat", { body: { message: "append to A", conversationId }, token: b.accessToken });
    expect(json.status).toBe(404);
    const ui = await callRoute(chat, "/api/chat", {
      body: { conversationId, messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "append to A" }] }] },
      token: b.accessToken,
    });
    expect(ui.status).toBe(404);
    const mine = await callRoute(getConversation, `/api/conversations/${conversationId}`, { token: a.accessToken, params: { id: conversationId } });
    expect(mine.text).not.toContain("append to A");
  });

  it("by clearing history: B's DELETE /api/v1/chat/history leaves A's alone", async () => {
    const cleared = await callRoute(clearHistory, "/api/v1/chat/history", { method: "DELETE", token: b.accessToken });
    expect(cleared.status).toBe(200);
    const mine = await callRoute(getConversation, `/api/conversations/${conversationId}`, { token: a.accessToken, params: { id: conversationId } });
    expect(mine.status).toBe(200);
  });
});

describe("B cannot reach A's keys, settings, audit log, usage or export", () => {
  it("keys: not listed, not revocable (404), still working for A", async () => {
    const list = await callRoute(listKeys, "/api/keys", { token: b.accessToken });
    expectNoneOfA(list.text, "GET /api/keys");
    const revoke = await callRoute(revokeKey, `/api/keys/${key.id}`, { method: "DELETE", token: b.accessToken, params: { id: key.id } });
    expect(revoke.status).toBe(404);
    expect((await callRoute(history, "/api/v1/chat/history", { token: key.key })).status).toBe(200);
  });

  it("settings: B's changes are B's only", async () => {
    await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { writeMode: "read_only", retentionDays: 1 }, token: b.accessToken });
    const mine = await callRoute(getSettings, "/api/settings", { token: a.accessToken });
    expect(mine.json.settings).toMatchObject({ writeMode: "ask", retentionDays: 90 });
  });

  it("audit log: only B's own events", async () => {
    const { json, text } = await callRoute(audit, "/api/audit?limit=100", { token: b.accessToken });
    expect(json.entries.length).toBeGreaterThan(0);
    expectNoneOfA(text, "GET /api/audit");
  });

  it("account export: everything of B's, nothing of A's", async () => {
    const { status, text } = await callRoute(exportAccount, "/api/account/export", { token: b.accessToken });
    expect(status).toBe(200);
    expect(text).toContain(b.id);
    expectNoneOfA(text, "GET /api/account/export");
  });

  const usage: ResourceRoute = { name: "usage", file: "app/api/usage/route.ts", method: "GET", path: "/api/usage" };
  it.skipIf(!routeExists(usage))("usage: B's totals do not include A's requests", async () => {
    const handler = await loadHandler(usage);
    const { status, text } = await callRoute(handler, "/api/usage", { token: b.accessToken });
    expect(status).toBe(200);
    expectNoneOfA(text, "GET /api/usage");
    const mine = await callRoute(handler, "/api/usage", { token: a.accessToken });
    expect(mine.status).toBe(200);
    expect(mine.text).not.toBe(text);
  });
});
