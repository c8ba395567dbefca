// A cached answer replayed as a UI message stream reads back, through the AI SDK's own reader,
// into the same text and tool parts, marked `cached: true`; over HTTP it is the SSE protocol
// the chat client speaks; for the legacy JSON routes it is `{ response, metadata }`.
import { describe, expect, it } from "vitest";
import { createUIMessageStream, readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import type { CachedAnswer } from "@/lib/ai/cache/cached-answer";
import {
  chunkText,
  replayAsUIMessageStream,
  replayAsUIMessageStreamResponse,
  replayChunks,
  type CachedReplayMetadata,
} from "@/lib/ai/cache/replay-ui-message-stream";
import { replayAsSeedJson } from "@/lib/ai/cache/replay-seed-json";

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

async function readBack(stream: ReadableStream<UIMessageChunk>): Promise<UIMessage<CachedReplayMetadata>> {
  let last: UIMessage<CachedReplayMetadata> | undefined;
  for await (const message of readUIMessageStream<UIMessage<CachedReplayMetadata>>({
    stream,
    terminateOnError: true,
  })) {
    last = message;
  }
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

describe("replayAsUIMessageStream", () => {
  it("reads back into the same parts, with fresh tool call ids and cached metadata", async () => {
    const message = await readBack(replayAsUIMessageStream(ANSWER, { messageId: "msg_replay", metadata: { conversationId: "c1", cached: false } }));
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
    expect(message.metadata).toEqual({
      cached: true,
      model: "gpt-4o-mini",
      provider: "openai",
      cachedAt: "2030-03-14T10:00:00.000Z",
      conversationId: "c1",
    });
    const ids = message.parts.flatMap((part) => ("toolCallId" in part ? [part.toolCallId] : []));
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain("call_orig");
    expect(new Set(ids).size).toBe(2);
    expect(message.parts.every((part) => !("state" in part) || part.type !== "text" || part.state === "done")).toBe(true);
  });

  it("streams the text in several word-aligned deltas, and tool inputs as the original stream did", () => {
    const chunks = replayChunks(ANSWER, { freshToolCallIds: false });
    const types = chunks.map((chunk) => chunk.type);
    expect(types[0]).toBe("start");
    expect(types.at(-1)).toBe("finish");
    expect(chunks.at(-1)).toMatchObject({ type: "finish", finishReason: "tool-calls", messageMetadata: { cached: true } });

    const deltas = chunks.filter((chunk) => chunk.type === "text-delta").map((chunk) => (chunk as { delta: string }).delta);
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join("")).toBe(LONG_TEXT + "Done.");

    const toolChunks = chunks.filter((chunk) => chunk.type.startsWith("tool-"));
    expect(toolChunks).toEqual([
      { type: "tool-input-start", toolCallId: "call_orig", toolName: "writeFormula" },
      { type: "tool-input-available", toolCallId: "call_orig", toolName: "writeFormula", input: { range: "O4:O7", formula: "=N4/C4-1" } },
      { type: "tool-input-start", toolCallId: "call_dyn", toolName: "lookup", dynamic: true },
      { type: "tool-input-available", toolCallId: "call_dyn", toolName: "lookup", dynamic: true, input: { q: "x" } },
      { type: "tool-output-available", toolCallId: "call_dyn", output: { rows: 2 }, dynamic: true },
    ]);
    // Steps are balanced, as streamText emits them.
    expect(types.filter((type) => type === "start-step")).toHaveLength(2);
    expect(types.filter((type) => type === "finish-step")).toHaveLength(2);
  });

  it("is served over HTTP as the SSE UI message stream protocol", async () => {
    const response = replayAsUIMessageStreamResponse(ANSWER, { headers: { "X-Cache": "hit" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(response.headers.get("x-cache")).toBe("hit");

    const events = (await response.text())
      .split("\n\n")
      .map((event) => event.replace(/^data: /, "").trim())
      .filter((event) => event !== "" && event !== "[DONE]");
    const stream = new ReadableStream<UIMessageChunk>({
      start(controller) {
        for (const event of events) controller.enqueue(JSON.parse(event));
        controller.close();
      },
    });
    const message = await readBack(stream);
    expect(message.metadata?.cached).toBe(true);
    expect(message.parts.filter((part) => part.type === "text").map((part) => (part as { text: string }).text)).toEqual([LONG_TEXT, "Done."]);
  });

  it("merges into createUIMessageStream, whose onEnd hands over the message to save", async () => {
    let saved: UIMessage | undefined;
    const stream = createUIMessageStream({
      originalMessages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "Which region grew fastest?" }] }],
      generateId: () => "assistant-1",
      execute: ({ writer }) => writer.merge(replayAsUIMessageStream(ANSWER)),
      onEnd: ({ responseMessage }) => {
        saved = responseMessage;
      },
    });
    const streamed = await readBack(stream);
    expect(saved?.id).toBe("assistant-1");
    expect(saved?.metadata).toMatchObject({ cached: true });
    // What is saved is exactly what the client saw, tool call ids included.
    expect(contentParts(saved!)).toEqual(contentParts(streamed));
    expect(saved!.parts.flatMap((part) => ("toolCallId" in part ? [part.toolCallId] : []))).toEqual(
      streamed.parts.flatMap((part) => ("toolCallId" in part ? [part.toolCallId] : [])),
    );
  });

  it("says `stop` when the answer ends in text and no finish reason was stored", () => {
    const chunks = replayChunks({ ...ANSWER, finishReason: undefined, parts: [{ type: "text", text: "Hi." }] });
    expect(chunks.map((chunk) => chunk.type)).toEqual(["start", "text-start", "text-delta", "text-end", "finish"]);
    expect(chunks.at(-1)).toMatchObject({ finishReason: "stop" });
  });
});

describe("chunkText", () => {
  it.each([
    ["", 8],
    ["one", 8],
    ["  leading and trailing  ", 5],
    ["averyveryverylongwordthatexceedsthesize and more", 6],
    ["emoji 🚀🚀🚀🚀🚀🚀🚀🚀 split", 3],
    ["line\n\nbreaks\tand tabs", 4],
  ])("cuts %j into deltas that concatenate back", (text, size) => {
    const chunks = chunkText(text, size);
    expect(chunks.join("")).toBe(text);
    expect(chunks.every((chunk) => chunk.length > 0)).toBe(true);
    // No delta ends between the halves of a surrogate pair.
    expect(chunks.every((chunk) => !/[\uD800-\uDBFF]$/.test(chunk))).toBe(true);
  });
});

describe("replayAsSeedJson", () => {
  it("answers in the legacy JSON shape, marked cached, at no cost", () => {
    expect(replayAsSeedJson(ANSWER, { conversationId: "c1", cached: false })).toEqual({
      response: `${LONG_TEXT}\n\nDone.`,
      metadata: {
        conversationId: "c1",
        cached: true,
        model: "gpt-4o-mini",
        provider: "openai",
        cachedAt: "2030-03-14T10:00:00.000Z",
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        originalUsage: { inputTokens: 900, outputTokens: 120, totalTokens: 1020 },
        toolCalls: [
          { toolName: "writeFormula", input: { range: "O4:O7", formula: "=N4/C4-1" } },
          { toolName: "lookup", input: { q: "x" } },
        ],
      },
    });
  });
});
