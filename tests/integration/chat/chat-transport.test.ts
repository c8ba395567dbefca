// The chat connection the task pane and the dashboard playground share, against the real
// POST /api/chat: each surface's way of authorizing (the pane's bearer fetch, the dashboard's
// session cookie), what a question carries, the conversation the server names, and a refused or
// failed request shown as the API's error instead of the raw body.
import type { UIMessageChunk } from "ai";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { createAuthorizedFetch } from "@/lib/addin/auth/authorized-fetch";
import type { Credential } from "@/lib/addin/auth/credential";
import type { Fetcher } from "@/lib/addin/api-client";
import type { ExcelContextPayload } from "@/lib/addin/context-payload";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { createChatTransport, sameOriginFetch, type ChatClientMessage, type ChatConnection } from "@/lib/chat-client/create-chat-transport";
import { getDatabase } from "@/lib/db/get-database";
import { BASE_URL } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { nextIp, storedMessages, textOfParts } from "@/tests/fixtures/ai/test-db";

const CONTEXT: ExcelContextPayload = {
  selectedRange: { address: "Sheet1!A1:B3", values: [["Item", "Cost"], ["Paper", 12.5], ["Ink", 40]], rowCount: 3, columnCount: 2 },
  worksheet: { name: "Sheet1" },
  workbook: { name: "Office.xlsx" },
};

interface Sent {
  url: string;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  body: Record<string, any>;
}

/** fetch onto the chat route in-process, recording what each request carried. */
function routeFetch(sent: Sent[], extraHeaders: Record<string, string> = {}): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), BASE_URL);
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    headers.set("x-forwarded-for", nextIp());
    sent.push({ url: url.pathname, headers, credentials: init?.credentials, body: JSON.parse(String(init?.body)) });
    return chatRoute(new Request(url, { method: init?.method, headers, body: init?.body, signal: init?.signal }));
  }) as typeof fetch;
}

const question = (id: string, text: string): ChatClientMessage => ({ id, role: "user", parts: [{ type: "text", text }] });

/** One question through the connection, as useChat sends it; each chat id is its own conversation. */
async function ask(connection: ChatConnection, messages: ChatClientMessage[], chatId: string) {
  const stream = await connection.transport.sendMessages({ trigger: "submit-message", chatId, messageId: undefined, messages, abortSignal: undefined });
  const chunks: UIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.flatMap((c) => (c.type === "text-delta" ? [c.delta] : [])).join("");
  return { chunks, text };
}

/** The answer as useChat holds it at the end: the metadata the stream's start chunk carried. */
function answerNaming(chunks: UIMessageChunk[]): ChatClientMessage {
  const start = chunks.find((c) => c.type === "start");
  const metadata = start?.type === "start" ? (start.messageMetadata as ChatClientMessage["metadata"]) : undefined;
  expect(metadata?.conversationId).toBeTruthy();
  return { id: "a1", role: "assistant", parts: [], metadata };
}

let user: TestUser;
let run = 0;

beforeAll(async () => {
  await getDatabase();
  user = await createTestUser("transport");
});
afterEach(() => {
  setProviderChainForTests(undefined);
  vi.unstubAllGlobals();
});

function useModel(words: string[]) {
  setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model: textModel(words) }], timeoutMs: 5_000 }));
}

/** The two surfaces: the same connection, each with its own way of authorizing requests. */
const surfaces: { name: string; fetcher: (sent: Sent[]) => Fetcher; authorized: (sent: Sent) => void }[] = [
  {
    name: "task pane (bearer token through the pane's authorized fetch)",
    fetcher: (sent) => {
      const credential: Credential = { kind: "session", accessToken: user.accessToken, refreshToken: user.refreshToken, expiresAt: Date.now() + 3_600_000, user: { id: user.id, email: user.email } };
      return createAuthorizedFetch({ get: () => credential, set: () => undefined }, routeFetch(sent));
    },
    authorized: (sent) => {
      expect(sent.headers.get("authorization")).toBe(`Bearer ${user.accessToken}`);
      expect(sent.headers.get("cookie")).toBeNull();
    },
  },
  {
    name: "dashboard playground (session cookie, same origin)",
    fetcher: (sent) => {
      // A browser adds these to a same-origin fetch; the guard requires them for cookie writes.
      vi.stubGlobal("fetch", routeFetch(sent, { cookie: user.cookie, origin: new URL(BASE_URL).origin, "sec-fetch-site": "same-origin" }));
      return sameOriginFetch;
    },
    authorized: (sent) => {
      expect(sent.credentials).toBe("same-origin");
      expect(sent.headers.get("authorization")).toBeNull();
    },
  },
];

describe.each(surfaces)("chat connection: $name", (surface) => {
  it("asks with the context, adopts the conversation the server names, and continues it", async () => {
    useModel(["Ink", " costs", " 40."]);
    const sent: Sent[] = [];
    const named: string[] = [];
    const connection = createChatTransport({ fetcher: surface.fetcher(sent), onConversationId: (id) => named.push(id) });

    connection.setContext(CONTEXT);
    const chatId = crypto.randomUUID();
    const first = question("q1", `What does ink cost? (${++run})`);
    const answer = await ask(connection, [first], chatId);
    expect(answer.text).toBe("Ink costs 40.");
    expect(sent[0].url).toBe("/api/chat");
    surface.authorized(sent[0]);
    expect(sent[0].body).toEqual({ id: chatId, messages: [first], context: CONTEXT });

    expect(named).toHaveLength(1);
    const conversationId = named[0];
    expect(connection.conversationId).toBe(conversationId);

    // The next question continues that conversation; without a selection, no context is sent.
    connection.setContext(null);
    const assistant: ChatClientMessage = { id: "a1", role: "assistant", parts: [{ type: "text", text: answer.text }] };
    await ask(connection, [first, assistant, question("q2", `And paper? (${run})`)], chatId);
    expect(sent[1].body.conversationId).toBe(conversationId);
    expect("context" in sent[1].body).toBe(false);
    expect(named).toEqual([conversationId]);
    const stored = await storedMessages(conversationId);
    expect(stored.filter((m) => m.role === "user").map((m) => textOfParts(m.parts))).toEqual([`What does ink cost? (${run})`, `And paper? (${run})`]);
  });

  it("a refused question shows the API's error envelope, not the raw body", async () => {
    const sent: Sent[] = [];
    const connection = createChatTransport({ fetcher: surface.fetcher(sent) });
    // An empty question is refused by the route's validation.
    const failure = await ask(connection, [question("q1", "")], crypto.randomUUID()).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const shown = connection.describeError(failure as Error);
    expect(shown.status).toBe(400);
    expect(shown.code).toBe("bad_request");
    expect(shown.message).not.toMatch(/^\{/);
    expect(shown.message.length).toBeGreaterThan(0);
    expect(connection.conversationId).toBeNull();
  });
});

describe("chat connection errors and conversation switches", () => {
  it("a network failure reads as one, and the next success clears it", async () => {
    let fail = true;
    useModel(["ok"]);
    const sent: Sent[] = [];
    const inner = routeFetch(sent, { authorization: `Bearer ${user.accessToken}` });
    const connection = createChatTransport({
      fetcher: (input, init) => (fail ? Promise.reject(new TypeError("fetch failed")) : inner(input, init)),
    });
    const failure = await ask(connection, [question("q1", "hello")], crypto.randomUUID()).catch((error: Error) => error);
    expect(connection.describeError(failure as Error)).toMatchObject({ status: 0, code: "network", message: expect.stringMatching(/Could not reach the server/) });

    fail = false;
    await ask(connection, [question("q1", `hello (${++run})`)], crypto.randomUUID());
    // An error reported by the stream itself (no failed request behind it) shows its own text.
    expect(connection.describeError(new Error("The answer was cut off."))).toEqual({ status: 0, code: "unknown", message: "The answer was cut off." });
  });

  it("rate limits keep their Retry-After in seconds for the upgrade prompt", async () => {
    const connection = createChatTransport({
      fetcher: async () =>
        Response.json({ error: { code: "rate_limited", message: "Slow down.", requestId: "req-1", upgradeUrl: "/pricing" } }, { status: 429, headers: { "retry-after": "12" } }),
    });
    const failure = await ask(connection, [question("q1", "hello")], crypto.randomUUID()).catch((error: Error) => error);
    expect(connection.describeError(failure as Error)).toEqual({ status: 429, code: "rate_limited", message: "Slow down.", requestId: "req-1", upgradeUrl: "/pricing", retryAfterSeconds: 12 });
  });

  it("once the chat is left, an answer still in flight there cannot name a conversation for the next one", async () => {
    useModel(["late", " answer"]);
    const sent: Sent[] = [];
    const named: string[] = [];
    const inner = routeFetch(sent, { authorization: `Bearer ${user.accessToken}` });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const connection = createChatTransport({
      fetcher: async (input, init) => {
        const response = await inner(input, init);
        await held; // the user leaves for a new conversation before this response arrives
        return response;
      },
      onConversationId: (id) => named.push(id),
    });

    const pending = ask(connection, [question("q1", `first (${++run})`)], crypto.randomUUID());
    await new Promise((resolve) => setTimeout(resolve, 50));
    connection.close();
    release();
    const late = await pending;
    expect(late.text).toBe("late answer");
    expect(named).toEqual([]);
    expect(connection.conversationId).toBeNull();

    const message = answerNaming(late.chunks);
    connection.handleFinish({ message, isAbort: false });
    expect(named).toEqual([]);
    // Opened again (React's development remount), it names conversations as before.
    connection.open();
    connection.handleFinish({ message, isAbort: false });
    expect(named).toEqual([message.metadata!.conversationId]);
  });

  it("a stopped answer never switches the conversation; a finished one names it when the header did not", async () => {
    useModel(["named"]);
    const inner = routeFetch([], { authorization: `Bearer ${user.accessToken}` });
    const asked = createChatTransport({ fetcher: inner });
    const { chunks } = await ask(asked, [question("q1", `name it (${++run})`)], crypto.randomUUID());
    const message = answerNaming(chunks);

    // useChat reports the stop of a chat the user just left to the new chat's callbacks.
    const named: string[] = [];
    const fresh = createChatTransport({ fetcher: inner, onConversationId: (id) => named.push(id) });
    fresh.handleFinish({ message, isAbort: true });
    expect(fresh.conversationId).toBeNull();
    expect(named).toEqual([]);

    fresh.handleFinish({ message, isAbort: false });
    expect(fresh.conversationId).toBe(asked.conversationId);
    expect(named).toEqual([asked.conversationId]);
  });

  it("a reopened conversation is continued from the first question", async () => {
    useModel(["again"]);
    const sent: Sent[] = [];
    const connection = createChatTransport({ fetcher: routeFetch(sent, { authorization: `Bearer ${user.accessToken}` }), conversationId: null });
    await ask(connection, [question("q1", `start (${++run})`)], crypto.randomUUID());
    const id = connection.conversationId!;
    const reopened = createChatTransport({ fetcher: routeFetch(sent, { authorization: `Bearer ${user.accessToken}` }), conversationId: id });
    await ask(reopened, [question("q2", `continue (${run})`)], crypto.randomUUID());
    expect(sent[1].body.conversationId).toBe(id);
    expect((await storedMessages(id)).filter((m) => m.role === "user")).toHaveLength(2);
  });
});
