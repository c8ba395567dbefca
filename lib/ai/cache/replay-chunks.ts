// A cached answer as the AI SDK UI message chunks its original stream sent: steps,
// text-start / text-delta / text-end (the text cut into word-aligned deltas so a client renders
// it progressively), tool-input-start / tool-input-available for each proposal (and
// tool-output-available when the tool had run on the server), data parts. The message's own
// start and finish are left to the caller, which sends them with this request's metadata.
//
// Tool call ids are fresh: the add-in keys approvals and undo by toolCallId, and the same id
// appearing twice in one conversation would confuse both it and the provider when the history
// is sent back.
import { generateId, type UIMessageChunk } from "ai";
import type { CachedAnswer, CachedToolPart } from "./cached-answer";

/** Characters per text delta, roughly (deltas end on word boundaries). */
const DELTA_CHARS = 24;

/** The chunks of the replay, in the order a stream sends them. */
export function replayChunks(answer: CachedAnswer): UIMessageChunk[] {
  const chunks: UIMessageChunk[] = [];
  let stepOpen = false;
  for (const part of answer.parts) {
    if (part.type === "step-start") {
      if (stepOpen) chunks.push({ type: "finish-step" });
      chunks.push({ type: "start-step" });
      stepOpen = true;
    } else if (part.type === "text") {
      const id = generateId();
      chunks.push({ type: "text-start", id });
      for (const delta of chunkText(part.text, DELTA_CHARS)) chunks.push({ type: "text-delta", id, delta });
      chunks.push({ type: "text-end", id });
    } else if (part.type === "dynamic-tool" || part.type.startsWith("tool-")) {
      chunks.push(...toolChunks(part as CachedToolPart, `call_${generateId()}`));
    } else if (part.type.startsWith("data-")) {
      const data = part as { type: `data-${string}`; id?: string; data: unknown };
      chunks.push({ type: data.type, ...(data.id ? { id: data.id } : {}), data: data.data });
    }
  }
  if (stepOpen) chunks.push({ type: "finish-step" });
  return chunks;
}

function toolChunks(part: CachedToolPart, toolCallId: string): UIMessageChunk[] {
  const dynamic = part.type === "dynamic-tool";
  const toolName = dynamic ? (part.toolName ?? "unknown") : part.type.slice("tool-".length);
  const common = {
    toolCallId,
    toolName,
    ...(dynamic ? { dynamic: true } : {}),
    ...(part.title !== undefined ? { title: part.title } : {}),
    ...(part.providerExecuted !== undefined ? { providerExecuted: part.providerExecuted } : {}),
  };
  const chunks: UIMessageChunk[] = [
    { type: "tool-input-start", ...common },
    { type: "tool-input-available", ...common, input: part.input },
  ];
  if (part.state === "output-available") {
    chunks.push({
      type: "tool-output-available",
      toolCallId,
      output: part.output,
      ...(dynamic ? { dynamic: true } : {}),
      ...(part.providerExecuted !== undefined ? { providerExecuted: part.providerExecuted } : {}),
    });
  }
  return chunks;
}

/**
 * Cuts text into deltas of about `size` characters, ending after a word (whitespace stays with
 * the word that follows it), splitting only words longer than `size`, never inside a code point.
 * The deltas concatenate back to exactly `text`.
 */
function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const token of text.match(/\s*\S+|\s+$/gu) ?? []) {
    if (current !== "" && current.length + token.length > size) {
      chunks.push(current);
      current = "";
    }
    if (token.length <= size) {
      current += token;
      continue;
    }
    const codePoints = Array.from(token);
    for (let i = 0; i < codePoints.length; i += size) {
      const piece = codePoints.slice(i, i + size).join("");
      if (i + size >= codePoints.length) current = piece;
      else chunks.push(piece);
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
