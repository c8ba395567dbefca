// A proposal (a tool call that would change the workbook) is validated before the user sees it,
// whether a model just made it or a cached answer replays it (the rules may be stricter than
// when it was stored). A valid one is sent as approvable, with its normalised input and the range
// it would write; a refused one as a tool error that says why.
import type { UIMessageChunk } from "ai";
import { describeRefusal, validateProposal } from "@/lib/ai/tools/validate-proposal";
import type { ProposalCount } from "./answer-outcome";

type ToolInputAvailable = Extract<UIMessageChunk, { type: "tool-input-available" }>;

/** The chunk to send for a proposal, counted in `proposals`. */
export function checkProposalChunk(chunk: ToolInputAvailable, proposals: ProposalCount): UIMessageChunk {
  const validation = validateProposal(chunk.toolName, chunk.input);
  if (!validation.ok) {
    proposals.refused++;
    return { type: "tool-input-error", toolCallId: chunk.toolCallId, toolName: chunk.toolName, input: chunk.input, errorText: describeRefusal(validation) };
  }
  proposals.offered++;
  return { ...chunk, input: validation.input, toolMetadata: { validated: true, address: validation.range.address, cells: validation.range.cells } };
}
