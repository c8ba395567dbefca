// What a real client does against the API, for the benchmarks and the load test: sign up,
// create an API key, build chat bodies in both shapes, and read a UI message stream the way
// the task pane does (text deltas, metadata, error parts, the finish chunk).
import { randomUUID } from "node:crypto";

export interface BenchUser {
  email: string;
  userId: string;
  accessToken: string;
  apiKey: string;
}

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} failed: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Signs up a fresh user through the API and creates an API key for it. */
export async function createBenchUser(baseUrl: string, label = "bench"): Promise<BenchUser> {
  const email = `${label}-${randomUUID().slice(0, 12)}@example.test`;
  const session = await json<{ access_token: string; user: { id: string } }>(
    await fetch(`${baseUrl}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct-horse-battery-42" }),
    }),
    "signup",
  );
  const key = await json<{ key: string }>(
    await fetch(`${baseUrl}/api/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.access_token}` },
      body: JSON.stringify({ name: `${label} key` }),
    }),
    "POST /api/keys",
  );
  return { email, userId: session.user.id, accessToken: session.access_token, apiKey: key.key };
}

/** POST /api/chat body in the AI SDK UI shape (a new conversation per call unless `conversationId`). */
export function uiChatBody(question: string, context: unknown, conversationId?: string): string {
  return JSON.stringify({
    messages: [{ id: randomUUID(), role: "user", parts: [{ type: "text", text: question }] }],
    context,
    ...(conversationId ? { conversationId } : {}),
  });
}

/** POST /api/v1/chat body in the legacy JSON chat shape. */
export function seedChatBody(question: string, context: unknown, conversationId?: string): string {
  return JSON.stringify({ message: question, context, timestamp: new Date().toISOString(), ...(conversationId ? { conversationId } : {}) });
}

export interface ParsedUiStream {
  text: string;
  finished: boolean;
  /** Messages of `error` chunks. */
  errors: string[];
  /** Merged message metadata (start + finish chunks). */
  metadata: Record<string, unknown>;
  done: boolean;
}

/** Parses an SSE body of the UI message stream protocol. */
export function parseUiStream(body: string): ParsedUiStream {
  const parsed: ParsedUiStream = { text: "", finished: false, errors: [], metadata: {}, done: false };
  for (const line of body.split("\n")) {
    if (!line.startsWith("data: ")) continue;
    const data = line.slice(6);
    if (data === "[DONE]") {
      parsed.done = true;
      continue;
    }
    let chunk: { type?: string; delta?: string; errorText?: unknown; messageMetadata?: unknown };
    try {
      chunk = JSON.parse(data);
    } catch {
      continue;
    }
    if (chunk.type === "text-delta") parsed.text += chunk.delta;
    else if (chunk.type === "error") parsed.errors.push(String(chunk.errorText));
    else if (chunk.type === "finish") parsed.finished = true;
    if (chunk.messageMetadata && typeof chunk.messageMetadata === "object") Object.assign(parsed.metadata, chunk.messageMetadata);
  }
  return parsed;
}

/** A well-formed, successful answer: text, a finish chunk, no error chunk. */
export function isGoodUiStream(body: string): boolean {
  const parsed = parseUiStream(body);
  return parsed.finished && parsed.errors.length === 0 && parsed.text.length > 0;
}

/** A well-formed legacy JSON answer (`{response, metadata}`). */
export function isGoodSeedAnswer(body: string): boolean {
  try {
    const answer = JSON.parse(body);
    return typeof answer.response === "string" && answer.response.length > 0 && typeof answer.metadata === "object";
  } catch {
    return false;
  }
}
