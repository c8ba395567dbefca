// The system prompt: base instructions × the data's type × the user's intent (as the original
// add-in composed it), the rules for the untrusted data section, and what the model may do to the
// workbook.
import type { DataType } from "@/lib/excel";
import type { Intent } from "./detect-intent";
import {
  BASE_INSTRUCTIONS,
  DATA_TYPE_GUIDANCE,
  INTENT_GUIDANCE,
  LAST_STEP_INSTRUCTIONS,
  NO_TOOLS_INSTRUCTIONS,
  READ_TOOL_INSTRUCTIONS,
  READ_ONLY_INSTRUCTIONS,
  TOOL_INSTRUCTIONS,
  UNTRUSTED_DATA_RULES,
} from "./templates";

/** offered: proposal tools are available; read_only: the user said no changes; unsupported: the client cannot apply them. */
export type ToolAccess = "offered" | "read_only" | "unsupported";

export function buildSystemPrompt(input: {
  dataType: DataType | "none";
  intent: Intent;
  boundary: string | null;
  tools: ToolAccess;
  /** Read tools offered (agent mode); none: the instructions are exactly those without agent mode. */
  reading?: readonly string[];
  /** The turn's budget allows this step only: no tools are offered. */
  lastStep?: boolean;
}): string {
  const parts = [BASE_INSTRUCTIONS];
  if (input.boundary) parts.push(UNTRUSTED_DATA_RULES.replaceAll("{boundary}", input.boundary));
  parts.push(`Current selection: ${DATA_TYPE_GUIDANCE[input.dataType]}`);
  parts.push(`User intent: ${INTENT_GUIDANCE[input.intent]}`);
  parts.push(input.tools === "offered" ? TOOL_INSTRUCTIONS : input.tools === "read_only" ? READ_ONLY_INSTRUCTIONS : NO_TOOLS_INSTRUCTIONS);
  if (input.reading && input.reading.length > 0) parts.push(READ_TOOL_INSTRUCTIONS.replace("{tools}", input.reading.join(", ")));
  if (input.lastStep) parts.push(LAST_STEP_INSTRUCTIONS);
  return parts.join("\n\n");
}
