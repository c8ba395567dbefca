import { describe, expect, it } from "vitest";
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import { MessageAssembler } from "@/lib/ai/chat/assemble-message";

async function viaSdk(chunks: UIMessageChunk[]) {
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream, onError: () => undefined })) last = message;
  return JSON.parse(JSON.stringify(last));
}

function viaAssembler(chunks: UIMessageChunk[]) {
  const assembler = new MessageAssembler("fallback-id");
  for (const chunk of chunks) assembler.add(chunk);
  return JSON.parse(JSON.stringify(assembler.message()));
}

const SEQUENCES: [string, UIMessageChunk[]][] = [
  [
    "a plain answer with metadata",
    [
      { type: "start", messageId: "m1", messageMetadata: { conversationId: "c", context: { address: "A1:B2" } } },
      { type: "start-step" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hello" },
      { type: "text-delta", id: "t", delta: " world" },
      { type: "text-end", id: "t" },
      { type: "finish-step" },
      { type: "finish", finishReason: "stop", messageMetadata: { status: "complete", usage: { inputTokens: 3 } } },
    ],
  ],
  [
    "text, a streamed proposal, and a refused one",
    [
      { type: "start", messageId: "m2" },
      { type: "start-step" },
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "Proposal:" },
      { type: "text-end", id: "0" },
      { type: "tool-input-start", toolCallId: "c1", toolName: "write_range" },
      { type: "tool-input-delta", toolCallId: "c1", inputTextDelta: '{"address":' },
      { type: "tool-input-available", toolCallId: "c1", toolName: "write_range", input: { address: "A1", values: [[1]] }, toolMetadata: { validated: true, cells: 1 } },
      { type: "tool-input-error", toolCallId: "c2", toolName: "add_chart", input: { sourceAddress: "[x.xlsx]S!A1" }, errorText: "refused" },
      { type: "finish-step" },
      { type: "finish", finishReason: "tool-calls" },
    ],
  ],
  [
    "an answer cut mid-stream",
    [
      { type: "start", messageId: "m3" },
      { type: "start-step" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "The total is" },
      { type: "error", errorText: "stopped" },
      { type: "finish", finishReason: "error", messageMetadata: { status: "incomplete" } },
    ],
  ],
];

describe("MessageAssembler", () => {
  it.each(SEQUENCES)("builds the same message as the SDK's reader: %s", async (_name, chunks) => {
    expect(viaAssembler(chunks)).toEqual(await viaSdk(chunks));
  });
});
