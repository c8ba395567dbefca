// Fault: the provider starts answering, then goes silent with the connection still open (a hung
// upstream, a stuck proxy). The rest of the provider faults — 429/500/503 and first-token
// timeouts with fallback, a stream cut halfway, every provider down → offline analyst — are
// covered on the wire in tests/integration/chat/provider-fallback.test.ts, and the client
// disconnecting mid-answer in tests/integration/chat/chat-route.test.ts. This adds the stall:
// the answer must end within the idle timeout (never hang the client), keep what streamed,
// tell the user with an error part, and be stored flagged incomplete.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { INCOMPLETE_ANSWER_TEXT } from "@/lib/ai/chat/answer-outcome";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { withServiceDb } from "@/lib/db/with-rls";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";

const WORDS = ["Revenue", " rose", " 12%", " in"];
let server: Server;
let url: string;
let requests = 0;
const open = new Set<ServerResponse>();
let user: TestUser;

/** Speaks OpenAI's streaming Chat Completions: sends WORDS, then nothing, keeping the socket open. */
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const content of WORDS) {
        res.write(`data: ${JSON.stringify({ id: "chatcmpl-stall", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o-mini", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`);
      }
      open.add(res); // …and then silence
      res.on("close", () => open.delete(res));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  user = await createTestUser("stall");
});

afterAll(async () => {
  setProviderChainForTests(undefined);
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("provider stalls mid-answer", () => {
  it("ends the answer at the idle timeout: partial text kept, user told, stored incomplete, no silent provider switch", async () => {
    setProviderChainForTests(
      createProviderChain({
        providers: [
          { kind: "openai", apiKey: "sk-stall", baseURL: `${url}/v1`, model: "gpt-4o-mini" },
          { kind: "mock", tokens: 5, delayMs: 0 }, // must not be asked once text has streamed
        ],
        timeoutMs: 400,
      }),
    );
    const started = performance.now();
    const { status, text, headers } = await callRoute(chatRoute, "/api/chat", {
      token: user.accessToken,
      body: { messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "How did revenue change?" }] }] },
    });
    const elapsed = performance.now() - started;
    expect(status).toBe(200);
    expect(elapsed).toBeLessThan(5_000); // bounded by the idle timeout, not by the upstream
    expect(requests).toBe(1);

    const chunks = text
      .split("\n\n")
      .map((event) => event.replace(/^data: /, ""))
      .filter((data) => data.startsWith("{"))
      .map((data) => JSON.parse(data));
    const streamed = chunks.filter((c) => c.type === "text-delta").map((c) => c.delta).join("");
    expect(streamed).toBe(WORDS.join(""));
    expect(chunks.find((c) => c.type === "error")?.errorText).toBe(INCOMPLETE_ANSWER_TEXT);
    const finish = chunks.find((c) => c.type === "finish");
    expect(finish?.messageMetadata).toMatchObject({ status: "incomplete", provider: "openai" });

    const conversationId = headers.get("x-conversation-id")!;
    const deadline = Date.now() + 5_000;
    let rows: { role: string; status: string; parts: unknown }[] = [];
    while (Date.now() < deadline) {
      rows = await withServiceDb(async (tx) =>
        (await sql<{ role: string; status: string; parts: unknown }>`select role, status, parts from messages where conversation_id = ${conversationId} order by created_at, id`.execute(tx)).rows,
      );
      if (rows.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ["user", "complete"],
      ["assistant", "incomplete"],
    ]);
    const parts = (typeof rows[1].parts === "string" ? JSON.parse(rows[1].parts) : rows[1].parts) as { type: string; text?: string }[];
    expect(parts.filter((p) => p.type === "text").map((p) => p.text).join("")).toBe(WORDS.join(""));
  });
});
