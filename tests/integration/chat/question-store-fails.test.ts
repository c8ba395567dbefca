// The model is asked while the question is being stored (run-chat.ts step 5), but no answer may
// reach the client, or the database, for a question that was not stored: when that write fails,
// the client gets the database error instead of a stream, the model call is aborted and nothing
// of the answer is kept.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { AppError } from "@/lib/errors/app-error";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { nextIp, storedConversations, usageRows } from "@/tests/fixtures/ai/test-db";

const store = vi.hoisted(() => ({ fail: false }));
vi.mock("@/lib/ai/chat/save-messages", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/ai/chat/save-messages")>();
  return {
    ...actual,
    startConversationTurn: async (...args: Parameters<typeof actual.startConversationTurn>) => {
      if (!store.fail) return actual.startConversationTurn(...args);
      // The write is slower than the model's start, then the database goes away.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new AppError("internal", "The database is unavailable right now. Try again shortly.", { status: 503 });
    },
  };
});

beforeAll(() => getDatabase());
afterEach(() => {
  store.fail = false;
  setProviderChainForTests(undefined);
});

const ask = (text: string) => ({ messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }] });

describe("the question cannot be stored", () => {
  it("answers 503 with no stream, aborts the model call and stores nothing of the answer", async () => {
    const user = await createTestUser("store-fails");
    const model = textModel(["Never", " shown", " to", " anyone."], { delayMs: 30 });
    setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model }], timeoutMs: 2_000 }));
    store.fail = true;

    const result = await callRoute(chatRoute, "/api/chat", { body: ask("What is the total?"), token: user.accessToken, ip: nextIp() });
    expect(result.status).toBe(503);
    expect(result.json.error).toMatchObject({ message: "The database is unavailable right now. Try again shortly." });
    expect(result.text).not.toContain("Never");

    // The model was asked (overlapping the write), and the call was then aborted.
    expect(model.doStreamCalls).toHaveLength(1);
    expect(model.doStreamCalls[0].abortSignal?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedConversations(user.id)).toHaveLength(0);
    expect(await usageRows(user.id)).toHaveLength(0);

    // The same user asks again once the database is back: answered and stored as usual.
    store.fail = false;
    const again = await callRoute(chatRoute, "/api/chat", { body: ask("What is the total now?"), token: user.accessToken, ip: nextIp() });
    expect(again.status).toBe(200);
    expect(again.text).toContain("Never");
  });
});
