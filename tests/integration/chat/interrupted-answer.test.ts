// A question left without an answer while no instance holds its conversation's answer lease was
// interrupted (its server died mid-answer): opening the conversation stores the answer as such,
// once. While a lease is held (an answer still running, here or elsewhere) nothing is written.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/conversations/[id]/route";
import { GET as getLegacyHistory } from "@/app/api/v1/chat/history/route";
import { INTERRUPTED_ANSWER_TEXT } from "@/lib/ai/chat/answer-outcome";
import { getDatabase } from "@/lib/db/get-database";
import { withServiceDb } from "@/lib/db/with-rls";
import { getKv } from "@/lib/kv/get-kv";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { nextIp } from "@/tests/fixtures/ai/test-db";

let alice: TestUser;
let bob: TestUser;

/** A conversation whose last message is a question, as a server that died mid-answer leaves it. */
async function unansweredConversation(user: TestUser): Promise<string> {
  return withServiceDb(async (tx) => {
    const { id } = await tx.insertInto("conversations").values({ user_id: user.id, title: "Crash" }).returning("id").executeTakeFirstOrThrow();
    await tx
      .insertInto("messages")
      .values({ id: crypto.randomUUID(), conversation_id: id, user_id: user.id, role: "user", parts: JSON.stringify([{ type: "text", text: "Was this answered?" }]) })
      .execute();
    return id;
  });
}

const legacyHistory = (user: TestUser) => callRoute(getLegacyHistory, "/api/v1/chat/history?limit=50", { token: user.accessToken, ip: nextIp() });

const read = (user: TestUser, id: string) => callRoute(getOne, `/api/conversations/${id}`, { token: user.accessToken, ip: nextIp(), params: { id } });

beforeAll(async () => {
  await getDatabase();
  alice = await createTestUser("alice");
  bob = await createTestUser("bob");
});

describe("interrupted answers", () => {
  it("stores and shows the answer as interrupted once no instance is answering, exactly once", async () => {
    const id = await unansweredConversation(alice);
    const first = await read(alice, id);
    expect(first.status).toBe(200);
    expect(first.json.messages).toMatchObject([
      { role: "user", text: "Was this answered?" },
      { role: "assistant", text: INTERRUPTED_ANSWER_TEXT, status: "incomplete" },
    ]);
    const again = await read(alice, id);
    expect(again.json.messages).toHaveLength(2);
  });

  it("writes nothing while another instance holds the conversation's lease", async () => {
    const id = await unansweredConversation(alice);
    await getKv().set(`answering:${id}`, { since: Date.now() }, { ttlMs: 60_000 });
    const started = Date.now();
    const { status, json } = await read(alice, id);
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000); // it waited for the answer first
    expect(json.messages.map((m: { role: string }) => m.role)).toEqual(["user"]);
    await getKv().del(`answering:${id}`);
    expect((await read(alice, id)).json.messages).toHaveLength(2);
  });

  it("never touches another user's conversation", async () => {
    const id = await unansweredConversation(bob);
    expect((await read(alice, id)).status).toBe(404);
    const rows = await withServiceDb((tx) => sql<{ n: number }>`select count(*)::int as n from messages where conversation_id = ${id}`.execute(tx));
    expect(rows.rows[0].n).toBe(1);
  });

  it("the legacy history endpoint shows an interrupted answer as interrupted, and one still running as pending", async () => {
    const lost = await unansweredConversation(alice);
    const running = await unansweredConversation(alice);
    await getKv().set(`answering:${running}`, { since: Date.now() }, { ttlMs: 60_000 });
    const { status, json } = await legacyHistory(alice);
    expect(status).toBe(200);
    const byConversation = new Map(json.conversations.map((c: { conversationId: string }) => [c.conversationId, c]));
    expect(byConversation.get(lost)).toMatchObject({ user_message: "Was this answered?", ai_response: INTERRUPTED_ANSWER_TEXT, status: "incomplete" });
    expect(byConversation.get(running)).toMatchObject({ user_message: "Was this answered?", ai_response: null, status: null });
    await getKv().del(`answering:${running}`);
  });
});
