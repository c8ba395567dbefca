// Two production instances (`next start` of one build) on one Postgres database and one Redis,
// as on Vercel where any request may reach any function instance. Proves: rate limits and quotas
// are exact across instances; the response cache is shared; an API key revoked on one instance
// is refused by the other at once; a reader on one instance sees an answer the other is still
// storing; an instance killed mid-answer loses no question and the answer is stored as
// interrupted; a load split across both loses no message.
//
// Server mode only (skipped without DATABASE_URL and REDIS_URL), and it needs a production build:
// run it with `vitest run --config vitest.instances.config.ts` after `next build`
// (scripts/test-all.sh does). The AI provider is the local fake OpenAI-compatible server, so
// answers can be slowed down to catch an instance mid-stream.
//
// Environment: INSTANCES_LOAD_SECONDS (default 20), INSTANCE_PORTS=a,b (default: free ports),
// INSTANCES_LOAD_RESULTS=<file> (writes the load run's figures there).
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUiStream, uiChatBody } from "@/bench/api-client";
import { startServer, type ServerHandle } from "@/bench/server-process";
import { INTERRUPTED_ANSWER_TEXT } from "@/lib/ai/chat/answer-outcome";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/tests/fixtures/ai/fake-openai-server";

const ENV = process.env;
const DATABASE_URL = ENV.DATABASE_URL;
const REDIS_URL = ENV.REDIS_URL;
const LOAD_SECONDS = Number(ENV.INSTANCES_LOAD_SECONDS ?? 20);
const PORTS = (ENV.INSTANCE_PORTS ?? "").split(",").filter(Boolean).map(Number);

// Rate limits ×10 (chat: 100 a minute per user) and the team plan for users (5,000 chats a day):
// the rate limit is what binds a user; guests keep their 10 questions a day per address.
const SERVER_ENV = {
  RATE_LIMIT_SCALE: "10",
  DEFAULT_PLAN: "team",
  TRUST_PROXY: "1",
  LOG_LEVEL: "warn",
  AI_PROVIDER_ORDER: "compatible",
  OPENAI_COMPATIBLE_MODEL: "fake-model",
  AUTH_SECRET: `instances-${randomUUID()}-secret-of-enough-length`,
  KV_PREFIX: `instances-${randomUUID().slice(0, 8)}:`,
};

const CONTEXT = { selectedRange: { address: "Sheet1!A1:B3", values: [["Region", "Sales"], ["North", 1200], ["South", 900]] }, worksheet: { name: "Sheet1" } };

let upstream: FakeOpenAIServer;
const servers: { a?: ServerHandle; b?: ServerHandle } = {};
let db: pg.Pool;
let ipCounter = 0;
const nextIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

async function start(port: number | undefined): Promise<ServerHandle> {
  return startServer({
    port,
    startTimeoutMs: 90_000,
    env: { ...SERVER_ENV, DATABASE_URL: DATABASE_URL!, REDIS_URL: REDIS_URL!, OPENAI_COMPATIBLE_BASE_URL: `${upstream.url}/v1`, OPENAI_COMPATIBLE_API_KEY: upstream.keys.bearer },
  });
}

interface User {
  id: string;
  email: string;
  token: string;
  ip: string;
}

async function signUp(server: ServerHandle): Promise<User> {
  const email = `instances-${randomUUID().slice(0, 12)}@example.test`;
  const ip = nextIp();
  const response = await fetch(`${server.url}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ email, password: "correct-horse-battery-42" }),
  });
  const body = (await response.json()) as { access_token: string; user: { id: string } };
  expect(response.status).toBe(201);
  return { id: body.user.id, email, token: body.access_token, ip };
}

interface ChatResult {
  status: number;
  code?: string;
  text: string;
  conversationId?: string;
  cached?: boolean;
  finished: boolean;
}

async function chat(server: ServerHandle, question: string, who: { token?: string; apiKey?: string; ip: string }): Promise<ChatResult> {
  const bearer = who.apiKey ?? who.token;
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": who.ip, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: uiChatBody(question, CONTEXT),
  });
  const body = await response.text();
  if (!response.ok) return { status: response.status, code: (JSON.parse(body) as { error?: { code?: string } }).error?.code, text: "", finished: false };
  const parsed = parseUiStream(body);
  return {
    status: response.status,
    text: parsed.text,
    conversationId: parsed.metadata.conversationId as string | undefined,
    cached: parsed.metadata.cached as boolean | undefined,
    finished: parsed.finished && parsed.errors.length === 0,
  };
}

interface StoredMessage {
  role: string;
  text: string;
  status: string;
}

async function getConversation(server: ServerHandle, user: User, id: string): Promise<{ status: number; messages: StoredMessage[] }> {
  const response = await fetch(`${server.url}/api/conversations/${id}`, { headers: { authorization: `Bearer ${user.token}`, "x-forwarded-for": user.ip } });
  const body = (await response.json()) as { messages?: StoredMessage[] };
  return { status: response.status, messages: body.messages ?? [] };
}

/** Sends the chat and resolves once the first text has streamed back, with the rest to come. */
async function chatUntilFirstText(server: ServerHandle, user: User, question: string) {
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${user.token}`, "x-forwarded-for": user.ip },
    body: uiChatBody(question, CONTEXT),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before any text:\n${received}`);
    received += decoder.decode(value, { stream: true });
    const parsed = parseUiStream(received);
    if (parsed.text && parsed.metadata.conversationId) {
      const rest = (async () => {
        try {
          for (;;) {
            const next = await reader.read();
            if (next.done) break;
            received += decoder.decode(next.value, { stream: true });
          }
        } catch {
          // the instance was killed
        }
        return parseUiStream(received);
      })();
      return { conversationId: parsed.metadata.conversationId as string, rest };
    }
  }
}

const enabled = Boolean(DATABASE_URL && REDIS_URL);

describe.skipIf(!enabled)("two instances on one Postgres and one Redis", () => {
  beforeAll(async () => {
    upstream = await startFakeOpenAIServer();
    upstream.setDefault({ kind: "answer", text: ["North", " sold", " the", " most."], usage: { prompt: 120, completion: 4 } });
    db = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    // One after the other: the first one migrates the database.
    servers.a = await start(PORTS[0]);
    servers.b = await start(PORTS[1]);
  }, 200_000);

  afterAll(async () => {
    await Promise.all([servers.a?.stop(), servers.b?.stop()]);
    await upstream?.close();
    await db?.end();
  });

  const a = () => servers.a!;
  const b = () => servers.b!;

  it("counts a user's rate limit exactly across both instances", async () => {
    const user = await signUp(a());
    // 100 chats a minute: 120 sent at once, alternating instances, admit exactly 100.
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => chat(i % 2 ? b() : a(), `Rate question ${i}?`, user)));
    const admitted = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect(admitted).toHaveLength(100);
    expect(limited).toHaveLength(20);
    expect(limited.every((r) => r.code === "rate_limited")).toBe(true);
    expect(admitted.every((r) => r.finished)).toBe(true);
  }, 120_000);

  it("counts a guest's daily quota exactly across both instances", async () => {
    const guest = { ip: nextIp() };
    // Four waves of 4 at once, split across both instances: the guest's 10 questions a day are
    // counted by both alike. (Waves, because each question in flight also holds the most tokens
    // it could use against the guest's 50,000 a month, and 16 at once would exhaust those.)
    const wave = (from: number) => Promise.all(Array.from({ length: 4 }, (_, i) => chat(i % 2 ? b() : a(), `Guest question ${from + i}?`, guest)));
    const results: ChatResult[] = [];
    for (let from = 0; from < 16; from += 4) results.push(...(await wave(from)));
    expect(results.slice(0, 8).every((r) => r.status === 200 && r.finished)).toBe(true);
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(6);
    expect(refused.every((r) => r.status === 429 && r.code === "quota_exceeded")).toBe(true);
  }, 60_000);

  it("shares the response cache: an answer cached on one instance is replayed by the other", async () => {
    const user = await signUp(a());
    const question = `Which region sold the most? (${randomUUID()})`;
    const first = await chat(a(), question, user);
    expect(first).toMatchObject({ status: 200, finished: true, cached: false });
    const requestsBefore = upstream.requests.length;
    const again = await chat(b(), question, user);
    expect(again).toMatchObject({ status: 200, finished: true, cached: true, text: first.text });
    expect(upstream.requests.length).toBe(requestsBefore); // the model was not asked again
  }, 60_000);

  it("refuses an API key on one instance the moment it is revoked on the other", async () => {
    const user = await signUp(a());
    const created = await fetch(`${a().url}/api/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${user.token}`, "x-forwarded-for": user.ip },
      body: JSON.stringify({ name: "two instances", scopes: ["chat", "history"] }),
    });
    expect(created.status).toBe(201);
    const { key, id } = (await created.json()) as { key: string; id: string };
    // B verifies the key and remembers it (for a minute) in the KV.
    expect((await chat(b(), "Before revoking?", { apiKey: key, ip: user.ip })).status).toBe(200);
    const revoked = await fetch(`${a().url}/api/keys/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${user.token}`, "x-forwarded-for": user.ip } });
    expect(revoked.status).toBe(200);
    const after = await chat(b(), "After revoking?", { apiKey: key, ip: user.ip });
    expect(after).toMatchObject({ status: 401, code: "unauthorized" });
  }, 60_000);

  it("lets a reader on one instance see the answer the other is still storing", async () => {
    const user = await signUp(a());
    const words = Array.from({ length: 12 }, (_, i) => `word${i} `);
    upstream.script({ kind: "answer", text: words, delayMs: 120, usage: { prompt: 100, completion: 12 } });
    const { conversationId, rest } = await chatUntilFirstText(a(), user, "Tell me slowly about the sales");
    // A is still streaming: B waits for the answer to be stored, then returns it whole.
    const read = await getConversation(b(), user, conversationId);
    expect(read.status).toBe(200);
    expect(read.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(read.messages[1]).toMatchObject({ status: "complete", text: words.join("").trim() });
    expect((await rest).finished).toBe(true);
  }, 60_000);

  it("loses no question when an instance is killed mid-answer, and stores the answer as interrupted", async () => {
    const user = await signUp(b());
    upstream.script({ kind: "answer", text: Array.from({ length: 100 }, (_, i) => `slow${i} `), delayMs: 200 });
    const { conversationId, rest } = await chatUntilFirstText(a(), user, "A question asked just before the crash");
    process.kill(-a().pid, "SIGKILL"); // the whole process group: no chance to store anything
    expect((await rest).finished).toBe(false);
    await a().stop();
    // B: the question is there; once A's lease has expired, the answer shows as interrupted.
    const deadline = Date.now() + 40_000;
    let read = await getConversation(b(), user, conversationId);
    while (read.messages.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      read = await getConversation(b(), user, conversationId);
    }
    expect(read.status).toBe(200);
    expect(read.messages).toMatchObject([
      { role: "user", text: "A question asked just before the crash", status: "complete" },
      { role: "assistant", text: INTERRUPTED_ANSWER_TEXT, status: "incomplete" },
    ]);
    // Stored once, whoever reads next.
    expect((await getConversation(b(), user, conversationId)).messages).toHaveLength(2);
    servers.a = await start(PORTS[0]);
  }, 150_000);

  it(`loses no message under ${LOAD_SECONDS} s of load split across both instances`, async () => {
    const users = await Promise.all(Array.from({ length: 24 }, (_, i) => signUp(i % 2 ? a() : b())));
    const workers = 6;
    const ends = Date.now() + LOAD_SECONDS * 1000;
    const outcomes: { status: number; finished: boolean; conversationId?: string; question: string; userId: string }[] = [];
    let n = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (Date.now() < ends) {
          const i = n++;
          const user = users[i % users.length];
          const question = `Load question ${i} ${randomUUID().slice(0, 8)}`;
          try {
            const result = await chat(i % 2 ? b() : a(), question, user);
            outcomes.push({ status: result.status, finished: result.finished, conversationId: result.conversationId, question, userId: user.id });
          } catch {
            outcomes.push({ status: 0, finished: false, question, userId: user.id });
          }
        }
      }),
    );
    const answered = outcomes.filter((o) => o.status === 200 && o.finished && o.conversationId);
    const stored = await db.query<{ conversation_id: string; questions: number; answers: number; question: string | null }>(
      `select conversation_id,
              count(*) filter (where role = 'user')::int as questions,
              count(*) filter (where role = 'assistant' and status = 'complete')::int as answers,
              min(parts->0->>'text') filter (where role = 'user') as question
       from messages where user_id = any($1::uuid[]) group by conversation_id`,
      [users.map((u) => u.id)],
    );
    const byConversation = new Map(stored.rows.map((row) => [row.conversation_id, row]));
    const lost = answered.filter((o) => {
      const row = byConversation.get(o.conversationId!);
      return row?.questions !== 1 || row.answers !== 1 || row.question !== o.question;
    });
    const summary = {
      date: new Date().toISOString(),
      seconds: LOAD_SECONDS,
      instances: 2,
      workers,
      users: users.length,
      requests: outcomes.length,
      answered: answered.length,
      failed: outcomes.length - answered.length,
      statusCodes: Object.fromEntries([...new Set(outcomes.map((o) => o.status))].map((status) => [status, outcomes.filter((o) => o.status === status).length])),
      conversationsStored: stored.rows.length,
      messagesLost: lost.length,
    };
    if (ENV.INSTANCES_LOAD_RESULTS) writeFileSync(ENV.INSTANCES_LOAD_RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    expect(outcomes.length).toBeGreaterThan(LOAD_SECONDS); // at least a request a second got through
    expect(summary.failed).toBe(0);
    expect(lost).toEqual([]);
    expect(stored.rows).toHaveLength(answered.length); // nothing stored twice or left half-written
  }, (LOAD_SECONDS + 120) * 1000);
});
