// When a chat with agent mode sends itself again, continuing the same answer: once every tool
// call of the answer's last step has its output (the client ran the read tools, the user applied
// the change set or it was applied automatically), the model takes the next step. A step whose
// changes were all turned down or undone ends the answer there: the user has decided, and asking
// the model again would only spend a step.
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
  const parts = lastStepToolParts(messages[messages.length - 1]);
  return parts.some((part) => isReadToolName(toolNameOf(part)) || outcomeOf(part)?.status === "applied");
}
