// A cached answer replayed as UI message chunks reads back, through the AI SDK's own reader,
// into the same text, tool and data parts, with fresh tool call ids; its text arrives in several
// word-aligned deltas, as a model would stream it. (The whole replay through a chat route —
// marked cached, costing nothing — is tested in tests/integration/chat.)
import { describe, expect, it } from "vitest";
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import type { CachedAnswer } from "@/lib/ai/cache/cached-answer";
import { replayChunks } from "@/lib/ai/cache/replay-chunks";

const LONG_TEXT =
  "North grew fastest: from 1,000 in January to 1,550 in December, a 55% rise.\n\n" +
  "| Region | Growth |\n|---|---|\n| North | 55% |\n\nI can add a growth column — 🚀 approve the formula below.";

const ANSWER: CachedAnswer = {
  parts: [
    { type: "step-start" },
    { type: "text", text: LONG_TEXT },
    { type: "tool-writeFormula", toolCallId: "call_orig", state: "input-available", input: { range: "O4:O7", formula: "=N4/C4-1" } },
    { type: "step-start" },
    { type: "data-analysis", id: "an1", data: { dataType: "numerical" } },
    { type: "dynamic-tool", toolName: "lookup", toolCallId: "call_dyn", state: "output-available", input: { q: "x" }, output: { rows: 2 } },
    { type: "text", text: "Done." },
  ],
  model: "gpt-4o-mini",
  provider: "openai",
  usage: { inputTokens: 900, outputTokens: 120, totalTokens: 1020 },
  finishReason: "tool-calls",
  createdAt: "2030-03-14T10:00:00.000Z",
};

const textAnswer = (text: string): CachedAnswer => ({ ...ANSWER, parts: [{ type: "text", text }] });

/** The replay inside the start and finish a chat stream wraps it in, read back as a message. */
async function readBack(chunks: UIMessageChunk[]): Promise<UIMessage> {
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of [{ type: "start", messageId: "msg_replay" } as const, ...chunks, { type: "finish" } as const]) controller.enqueue(chunk);
      controller.close();
    },
  });
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream, terminateOnError: true })) last = message;
  if (!last) throw new Error("the stream produced no message");
  return last;
}

function contentParts(message: UIMessage) {
  return message.parts.map((part) => {
    const record = part as Record<string, unknown>;
    if (part.type === "text") return { type: "text", text: part.text };
    if (part.type === "dynamic-tool" || part.type.startsWith("tool-")) {
      return { type: part.type, toolName: record.toolName, state: record.state, input: record.input, output: record.output };
    }
    if (part.type.startsWith("data-")) return { type: part.type, id: record.id, data: record.data };
    return { type: part.type };
  });
}

describe("replayChunks", () => {
  it("reads back into the same parts, with fresh tool call ids", async () => {
    const message = await readBack(replayChunks(ANSWER));
    expect(message.id).toBe("msg_replay");
    expect(message.role).toBe("assistant");
    expect(contentParts(message)).toEqual([
      { type: "step-start" },
      { type: "text", text: LONG_TEXT },
      { type: "tool-writeFormula", toolName: undefined, state: "input-available", input: { range: "O4:O7", formula: "=N4/C4-1" }, output: undefined },
      { type: "step-start" },
      { type: "data-analysis", id: "an1", data: { dataType: "numerical" } },
      { type: "dynamic-tool", toolName: "lookup", state: "output-available", input: { q: "x" }, output: { rows: 2 } },
      { type: "text", text: "Done." },
    ]);
    const ids = message.parts.flatMap((part) => ("toolCallId" in part ? [part.toolCallId] : []));
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain("call_orig");
    expect(ids).not.toContain("call_dyn");
    expect(new Set(ids).size).toBe(2);
    expect(message.parts.every((part) => part.type !== "text" || part.state === "done")).toBe(true);
  });

  it("streams the text in several word-aligned deltas, and tool inputs as the original stream did", () => {
    const chunks = replayChunks(ANSWER);
    const types = chunks.map((chunk) => chunk.type);
    // The message's start and finish carry the request's metadata: the caller sends them.
    expect(types).not.toContain("start");
    expect(types).not.toContain("finish");

    const deltas = chunks.flatMap((chunk) => (chunk.type === "text-delta" ? [chunk.delta] : []));
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join("")).toBe(`${LONG_TEXT}Done.`);
    expect(deltas.slice(0, -1).every((delta) => /\S$/.test(delta))).toBe(true);

    const toolChunks = chunks.filter((chunk) => chunk.type.startsWith("tool-"));
    const [first, , second] = toolChunks as { toolCallId: string }[];
    expect(toolChunks).toEqual([
      { type: "tool-input-start", toolCallId: first.toolCallId, toolName: "writeFormula" },
      { type: "tool-input-available", toolCallId: first.toolCallId, toolName: "writeFormula", input: { range: "O4:O7", formula: "=N4/C4-1" } },
      { type: "tool-input-start", toolCallId: second.toolCallId, toolName: "lookup", dynamic: true },
      { type: "tool-input-available", toolCallId: second.toolCallId, toolName: "lookup", dynamic: true, input: { q: "x" } },
      { type: "tool-output-available", toolCallId: second.toolCallId, output: { rows: 2 }, dynamic: true },
    ]);
    expect(first.toolCallId).toMatch(/^call_/);
    // Steps are balanced, as streamText emits them.
    expect(types.filter((type) => type === "start-step")).toHaveLength(2);
    expect(types.filter((type) => type === "finish-step")).toHaveLength(2);
  });

  it("replays an answer without steps as text only", () => {
    expect(replayChunks(textAnswer("Hi.")).map((chunk) => chunk.type)).toEqual(["text-start", "text-delta", "text-end"]);
  });

  it.each([
    "one",
    "  leading and trailing  ",
    `${"averyveryverylongword".repeat(4)} and more`,
    `emoji ${"🚀".repeat(40)} split`,
    `x${"🚀".repeat(30)}`,
    "line\n\nbreaks\tand tabs, then a few more words to cut into several deltas",
  ])("cuts %j into deltas that concatenate back", (text) => {
    const deltas = replayChunks(textAnswer(text)).flatMap((chunk) => (chunk.type === "text-delta" ? [chunk.delta] : []));
    expect(deltas.join("")).toBe(text);
    expect(deltas.every((delta) => delta.length > 0)).toBe(true);
    // No delta ends between the halves of a surrogate pair.
    expect(deltas.every((delta) => !/[\uD800-\uDBFF]$/.test(delta))).toBe(true);
  });
});
