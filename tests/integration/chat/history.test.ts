// History endpoints: the original add-in's /api/v1/chat/history and /api/conversations, with two real users
// proving one cannot see, search, read or delete the other's conversations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/conversations/route";
import { DELETE as deleteOne, GET as getOne } from "@/app/api/conversations/[id]/route";
import { DELETE as clearHistory, GET as historyRoute } from "@/app/api/v1/chat/history/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { nextIp, storedConversations } from "@/tests/fixtures/ai/test-db";

let alice: TestUser;
let bob: TestUser;
const ids: Record<string, string> = {};

async function chat(user: TestUser, message: string, answer: string[], conversationId?: string) {
  setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model: textModel(answer) }], timeoutMs: 2_000 }));
  const { status, json } = await callRoute(v1Chat, "/api/v1/chat", {
    token: user.accessToken,
    ip: nextIp(),
    body: {
      message,
      conversationId,
      context: { selectedRange: { address: "A1:B2", values: [["Month", "Revenue"], ["Jan", 100]] }, workbook: { name: `${user.email}.xlsx` } },
    },
  });
  expect(status).toBe(200);
  return json.metadata.conversationId as string;
}

beforeAll(async () => {
  await getDatabase();
  alice = await createTestUser("alice");
  bob = await createTestUser("bob");
  ids.budget = await chat(alice, "How is revenue trending?", ["Revenue", " is", " flat."]);
  await chat(alice, "And next month?", ["Probably", " flat", " again."], ids.budget);
  ids.zebra = await chat(alice, "Explain XLOOKUP", ["Think", " of", " a", " zebra", " crossing."]);
  ids.bob = await chat(bob, "Bob's private revenue question", ["Bob's", " answer."]);
});
afterAll(() => setProviderChainForTests(undefined));

describe("GET /api/conversations", () => {
  it("lists only my conversations, newest activity first, titled after the first question, with paging", async () => {
    const { status, json } = await callRoute(listRoute, "/api/conversations", { token: alice.accessToken, ip: nextIp() });
    expect(status).toBe(200);
    expect(json.total).toBe(2);
    expect(json.conversations.map((c: { id: string }) => c.id)).toEqual([ids.zebra, ids.budget]);
    expect(json.conversations[1]).toMatchObject({ title: "How is revenue trending?", workbook: `${alice.email}.xlsx`, messageCount: 4 });
    expect(JSON.stringify(json)).not.toContain(ids.bob);
    const page = await callRoute(listRoute, "/api/conversations?limit=1&offset=1", { token: alice.accessToken, ip: nextIp() });
    expect(page.json).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.json.conversations.map((c: { id: string }) => c.id)).toEqual([ids.budget]);
  });

  it("searches titles and message text, case-insensitively, never across users", async () => {
    const byTitle = await callRoute(listRoute, "/api/conversations?q=REVENUE", { token: alice.accessToken, ip: nextIp() });
    expect(byTitle.json.conversations.map((c: { id: string }) => c.id)).toEqual([ids.budget]);
    const byAnswer = await callRoute(listRoute, "/api/conversations?q=zebra", { token: alice.accessToken, ip: nextIp() });
    expect(byAnswer.json.conversations.map((c: { id: string }) => c.id)).toEqual([ids.zebra]);
    const wildcard = await callRoute(listRoute, "/api/conversations?q=%25", { token: alice.accessToken, ip: nextIp() });
    expect(wildcard.json.total).toBe(0);
    const bobs = await callRoute(listRoute, "/api/conversations?q=private", { token: alice.accessToken, ip: nextIp() });
    expect(bobs.json.total).toBe(0);
  });

  it("needs a signed-in user", async () => {
    const { status, json } = await callRoute(listRoute, "/api/conversations", { ip: nextIp() });
    expect(status).toBe(401);
    expect(json.error.code).toBe("unauthorized");
  });
});

describe("GET and DELETE /api/conversations/:id", () => {
  it("returns my conversation with its messages in order", async () => {
    const { status, json } = await callRoute(getOne, `/api/conversations/${ids.budget}`, { token: alice.accessToken, ip: nextIp(), params: { id: ids.budget } });
    expect(status).toBe(200);
    expect(json.conversation).toMatchObject({ id: ids.budget, title: "How is revenue trending?" });
    expect(json.messages.map((m: { role: string; text: string }) => `${m.role}: ${m.text}`)).toEqual([
      "user: How is revenue trending?",
      "assistant: Revenue is flat.",
      "user: And next month?",
      "assistant: Probably flat again.",
    ]);
    expect(json.messages[1]).toMatchObject({ status: "complete", provider: "primary", cached: false });
    expect(json.messages[0].context).toMatchObject({ address: "A1:B2", totalCells: 4 });
  });

  it("another user's conversation is a 404 for reading and deleting, and survives", async () => {
    for (const route of [getOne, deleteOne]) {
      const { status, json } = await callRoute(route, `/api/conversations/${ids.budget}`, {
        method: route === deleteOne ? "DELETE" : "GET",
        token: bob.accessToken,
        ip: nextIp(),
        params: { id: ids.budget },
      });
      expect(status).toBe(404);
      expect(json.error).toMatchObject({ code: "not_found", message: "No conversation with that id." });
    }
    expect((await storedConversations(alice.id)).map((c) => c.id)).toContain(ids.budget);
  });

  it("a malformed id is a 404 too", async () => {
    const { status } = await callRoute(getOne, "/api/conversations/not-a-uuid", { token: alice.accessToken, ip: nextIp(), params: { id: "not-a-uuid" } });
    expect(status).toBe(404);
  });
});

describe("/api/v1/chat/history (the original add-in's history)", () => {
  it("lists my question/answer pairs newest first in the original add-in's shape, with paging", async () => {
    const { status, json } = await callRoute(historyRoute, "/api/v1/chat/history", { token: alice.accessToken, ip: nextIp() });
    expect(status).toBe(200);
    expect(json.total).toBe(3);
    expect(json.conversations.map((c: { user_message: string; ai_response: string }) => [c.user_message, c.ai_response])).toEqual([
      ["Explain XLOOKUP", "Think of a zebra crossing."],
      ["And next month?", "Probably flat again."],
      ["How is revenue trending?", "Revenue is flat."],
    ]);
    const first = json.conversations[0];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(["id", "user_message", "ai_response", "timestamp", "excel_context"]));
    expect(first.conversationId).toBe(ids.zebra);
    expect(new Date(first.timestamp).toString()).not.toBe("Invalid Date");
    expect(first.excel_context).toMatchObject({ address: "A1:B2" });
    const page = await callRoute(historyRoute, "/api/v1/chat/history?limit=1&offset=2", { token: alice.accessToken, ip: nextIp() });
    expect(page.json.conversations.map((c: { user_message: string }) => c.user_message)).toEqual(["How is revenue trending?"]);
    expect(page.json.total).toBe(3);
  });

  it("validates limit and offset", async () => {
    const { status, json } = await callRoute(historyRoute, "/api/v1/chat/history?limit=1000", { token: alice.accessToken, ip: nextIp() });
    expect(status).toBe(400);
    expect(json.error.message).toContain("limit must be at most 100");
  });

  it("DELETE clears all of my history and none of anyone else's", async () => {
    const { status, json } = await callRoute(clearHistory, "/api/v1/chat/history", { method: "DELETE", token: alice.accessToken, ip: nextIp() });
    expect(status).toBe(200);
    expect(json).toEqual({ message: "Chat history cleared successfully", deleted: 2 });
    const after = await callRoute(historyRoute, "/api/v1/chat/history", { token: alice.accessToken, ip: nextIp() });
    expect(after.json).toMatchObject({ conversations: [], total: 0 });
    expect(await storedConversations(alice.id)).toHaveLength(0);
    expect((await storedConversations(bob.id)).map((c) => c.id)).toEqual([ids.bob]);
  });
});
