// A proposal (a tool call that would change the workbook) is validated before the user sees it,
// whether a model just made it or a cached answer replays it (the rules may be stricter than
// when it was stored). A valid one is sent as approvable, with its normalised input and the range
// it would write; a refused one as a tool error that says why.
import type { UIMessageChunk } from "ai";
import { isReadToolName, READ_TOOL_INPUTS } from "@/lib/ai/tools/read-tools";
import { describeRefusal, validateProposal } from "@/lib/ai/tools/validate-proposal";
import type { ProposalCount } from "./answer-outcome";

type ToolInputAvailable = Extract<UIMessageChunk, { type: "tool-input-available" }>;

/** The chunk to send for a proposal, counted in `proposals`. */
export function checkProposalChunk(chunk: ToolInputAvailable, proposals: ProposalCount): UIMessageChunk {
  // A read (agent mode) changes nothing: its input only has to match the tool's schema.
  if (isReadToolName(chunk.toolName)) {
    const parsed = READ_TOOL_INPUTS[chunk.toolName].safeParse(chunk.input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { type: "tool-input-error", toolCallId: chunk.toolCallId, toolName: chunk.toolName, input: chunk.input, errorText: `Invalid ${chunk.toolName} input: ${issue?.path.join(".") || "input"} ${issue?.message ?? ""}`.trim() };
    }
    return { ...chunk, input: parsed.data };
  }
  const validation = validateProposal(chunk.toolName, chunk.input);
  if (!validation.ok) {
    proposals.refused++;
    return { type: "tool-input-error", toolCallId: chunk.toolCallId, toolName: chunk.toolName, input: chunk.input, errorText: describeRefusal(validation) };
  }
  proposals.offered++;
  return { ...chunk, input: validation.input, toolMetadata: { validated: true, address: validation.range.address, cells: validation.range.cells } };
}
