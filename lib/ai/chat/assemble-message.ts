// Builds the final assistant message from the UI chunks we stream, for storage. It follows the
// AI SDK's own reducer (processUIMessageStream) for the chunk types this app emits — text, step,
// tool input and tool error chunks, metadata — without the SDK's per-chunk snapshots, which cost
// more than the rest of the pipeline on a short answer. A unit test checks it stays equal to the
// SDK's readUIMessageStream for every sequence we produce.
import type { UIMessageChunk } from "ai";
import type { ChatMessageMetadata, ChatUIMessage } from "./chat-types";

type Part = Record<string, unknown> & { type: string };

function merge(target: Record<string, unknown> | undefined, source: unknown): Record<string, unknown> {
  if (source === null || typeof source !== "object") return target ?? {};
  const out: Record<string, unknown> = { ...(target ?? {}) };
  for (const [key, value] of Object.entries(source)) {
    const current = out[key];
    out[key] =
      value && typeof value === "object" && !Array.isArray(value) && current && typeof current === "object" && !Array.isArray(current)
        ? merge(current as Record<string, unknown>, value)
        : value;
  }
  return out;
}

export class MessageAssembler {
  private id: string;
  private metadata: Record<string, unknown> | undefined;
  private readonly parts: Part[] = [];
  private readonly activeText = new Map<string, Part>();
  /** Index in `parts` where the current step starts (tool parts are looked up within it). */
  private stepStart = 0;

  constructor(messageId: string) {
    this.id = messageId;
  }

  private toolPart(toolCallId: string): Part | undefined {
    for (let i = this.parts.length - 1; i >= this.stepStart; i--) {
      const part = this.parts[i];
      if (part.type.startsWith("tool-") && part.toolCallId === toolCallId) return part;
    }
    return undefined;
  }

  private setTool(chunk: { toolCallId: string; toolName: string; toolMetadata?: unknown; title?: string; providerExecuted?: boolean }, fields: Record<string, unknown>) {
    const existing = this.toolPart(chunk.toolCallId);
    if (existing) {
      existing.type = `tool-${chunk.toolName}`;
      for (const key of ["input", "output", "errorText", "rawInput", "preliminary"]) delete existing[key];
      Object.assign(existing, fields);
      if (chunk.title !== undefined) existing.title = chunk.title;
      if (chunk.toolMetadata !== undefined) existing.toolMetadata = chunk.toolMetadata;
      if (chunk.providerExecuted !== undefined) existing.providerExecuted = chunk.providerExecuted;
      return;
    }
    this.parts.push({
      type: `tool-${chunk.toolName}`,
      toolCallId: chunk.toolCallId,
      ...(chunk.title !== undefined ? { title: chunk.title } : {}),
      ...(chunk.toolMetadata !== undefined ? { toolMetadata: chunk.toolMetadata } : {}),
      ...(chunk.providerExecuted !== undefined ? { providerExecuted: chunk.providerExecuted } : {}),
      ...fields,
    });
  }

  add(chunk: UIMessageChunk): void {
    switch (chunk.type) {
      case "start":
        if (chunk.messageId) this.id = chunk.messageId;
        if (chunk.messageMetadata != null) this.metadata = merge(this.metadata, chunk.messageMetadata);
        return;
      case "finish":
      case "message-metadata":
        if (chunk.messageMetadata != null) this.metadata = merge(this.metadata, chunk.messageMetadata);
        return;
      case "start-step":
        this.parts.push({ type: "step-start" });
        this.stepStart = this.parts.length - 1;
        return;
      case "finish-step":
        this.activeText.clear();
        return;
      case "text-start": {
        const part: Part = { type: "text", text: "", state: "streaming", ...(chunk.providerMetadata ? { providerMetadata: chunk.providerMetadata } : {}) };
        this.activeText.set(chunk.id, part);
        this.parts.push(part);
        return;
      }
      case "text-delta": {
        const part = this.activeText.get(chunk.id);
        if (part) part.text = `${part.text as string}${chunk.delta}`;
        return;
      }
      case "text-end": {
        const part = this.activeText.get(chunk.id);
        if (part) part.state = "done";
        this.activeText.delete(chunk.id);
        return;
      }
      case "tool-input-start":
        this.setTool(chunk, { state: "input-streaming", ...(chunk.inputEncoding ? { inputEncoding: chunk.inputEncoding } : {}) });
        return;
      case "tool-input-available":
        this.setTool(chunk, { state: "input-available", input: chunk.input });
        return;
      case "tool-input-error":
        this.setTool(chunk, { state: "output-error", input: chunk.input, errorText: chunk.errorText });
        return;
      default:
        // error, abort, tool-input-delta and chunk types this app does not emit change nothing stored.
        return;
    }
  }

  message(): ChatUIMessage {
    return {
      id: this.id,
      role: "assistant",
      parts: structuredClone(this.parts) as ChatUIMessage["parts"],
      ...(this.metadata ? { metadata: this.metadata as unknown as ChatMessageMetadata } : {}),
    };
  }
}
