// The conversation as the cache key sees it: only what changes the answer. Two requests that
// differ in message ids, tool call ids, provider metadata, streaming state or whitespace ask the
// same question, so they normalize to the same value:
// - text parts: Unicode NFC, every whitespace run collapsed to one space, trimmed; empty dropped;
// - tool parts (static `tool-<name>` and `dynamic-tool` alike): name, state, input, output,
//   error text and the approval decision (a proposal the user approved is a different
//   conversation from one still pending); the random toolCallId is left out;
// - file parts: media type and a SHA-256 of the URL (a data: URL can be megabytes);
// - step boundaries, reasoning and sources: dropped (model bookkeeping, not the question);
// - anything else (data parts, future part types): kept whole minus ids and provider metadata,
//   so an unknown part can make two keys differ but never makes two different questions collide.
// Messages left with no parts are dropped.
import { createHash } from "node:crypto";

/** The subset of an AI SDK UIMessage the key needs; UIMessage itself fits. */
export interface CacheKeyMessage {
  role: string;
  parts?: readonly unknown[];
}

export interface NormalizedMessage {
  role: string;
  parts: unknown[];
}

const DROPPED_PART_TYPES = new Set(["step-start", "reasoning", "reasoning-file", "source-url", "source-document"]);

export function normalizeWhitespace(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

export function normalizeMessages(messages: readonly CacheKeyMessage[]): NormalizedMessage[] {
  const normalized: NormalizedMessage[] = [];
  for (const message of messages) {
    const parts: unknown[] = [];
    for (const part of message.parts ?? []) {
      const value = normalizePart(part);
      if (value !== null) parts.push(value);
    }
    if (parts.length > 0) normalized.push({ role: message.role, parts });
  }
  return normalized;
}

function normalizePart(part: unknown): unknown {
  if (part === null || typeof part !== "object") return null;
  const record = part as Record<string, unknown>;
  const type = typeof record.type === "string" ? record.type : "";
  if (DROPPED_PART_TYPES.has(type)) return null;

  if (type === "text") {
    const text = normalizeWhitespace(typeof record.text === "string" ? record.text : "");
    return text === "" ? null : { type: "text", text };
  }

  if (type === "dynamic-tool" || type.startsWith("tool-")) {
    const approval = record.approval as { approved?: unknown } | undefined;
    return {
      type: "tool",
      name: type === "dynamic-tool" ? record.toolName : type.slice("tool-".length),
      state: record.state,
      input: record.input,
      output: record.output,
      errorText: record.errorText,
      approved: typeof approval?.approved === "boolean" ? approval.approved : undefined,
    };
  }

  if (type === "file") {
    const url = typeof record.url === "string" ? record.url : "";
    return { type: "file", mediaType: record.mediaType, urlSha256: createHash("sha256").update(url).digest("hex") };
  }

  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "id" || /providerMetadata$/i.test(key)) continue;
    rest[key] = value;
  }
  return rest;
}
