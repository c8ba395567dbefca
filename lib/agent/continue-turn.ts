// When a chat with agent mode sends itself again, continuing the same answer: once every tool
// call of the answer's last step has its output, the model takes the next step — after the client
// ran read tools, and after a change set was applied when the answer is working through the
// workbook (it has read it) or when reading the written cells back found errors to fix. A plain
// one-step answer whose change applied cleanly ends there, as it always did; a step whose changes
// were all turned down or undone ends the answer too: the user has decided, and asking the model
// again would only spend a step.
import { isToolUIPart, lastAssistantMessageIsCompleteWithToolCalls, type UIMessage } from "ai";
import { isReadToolName } from "@/lib/ai/tools/read-tools";
import { outcomeOf } from "@/lib/ai/tools/edit-outcome";

/** The tool parts of a message's last step (after its last step-start). */
function lastStepToolParts(message: UIMessage) {
  let start = -1;
  message.parts.forEach((part, index) => {
    if (part.type === "step-start") start = index;
  });
  return message.parts.slice(start + 1).filter(isToolUIPart);
}

export function toolNameOf(part: { type: string; toolName?: unknown }): string {
  return part.type === "dynamic-tool" ? String(part.toolName ?? "") : part.type.replace(/^tool-/, "");
}

export function shouldContinueTurn(messages: UIMessage[]): boolean {
  if (!lastAssistantMessageIsCompleteWithToolCalls({ messages })) return false;
  const answer = messages[messages.length - 1];
  const parts = lastStepToolParts(answer);
  if (parts.some((part) => isReadToolName(toolNameOf(part)))) return true;
  const applied = parts.map(outcomeOf).filter((outcome) => outcome?.status === "applied");
  if (applied.length === 0) return false;
  const errors = applied.some((outcome) => (outcome?.verification?.errors.length ?? 0) > 0 || (outcome?.verification?.errorCount ?? 0) > 0);
  const agentic = answer.parts.some((part) => isToolUIPart(part) && isReadToolName(toolNameOf(part)));
  return errors || agentic;
}
