// The small mapping layer between the chat's tool parts and the edits this pane can apply.
// A part arrives as `tool-<name>` with its input; the server has validated it, and we validate
// it again here with the same rules (validateProposal): a reopened conversation, a cached
// answer or a tampered response must not reach Excel unchecked. Tool names live in
// lib/ai/tools/excel-tools.ts; only this file knows how parts map to proposals.
import type { ExcelToolInput, ExcelToolName } from "@/lib/ai/tools/excel-tools";
import { outcomeOf, type EditOutcome } from "@/lib/ai/tools/edit-outcome";
import { validateProposal } from "@/lib/ai/tools/validate-proposal";

export type Proposal = {
  [N in ExcelToolName]: { toolCallId: string; toolName: N; input: ExcelToolInput<N> };
}[ExcelToolName];

export type ProposalPart =
  | { status: "streaming"; toolCallId: string; toolName: string }
  /** `outcome`: what the user did with it, as stored with the answer (a reopened conversation). */
  | { status: "ready"; proposal: Proposal; outcome?: EditOutcome }
  | { status: "refused"; toolCallId: string; toolName: string; reason: string };

interface ToolLikePart {
  type: string;
  output?: unknown;
  toolCallId?: unknown;
  toolName?: unknown;
  state?: unknown;
  input?: unknown;
  errorText?: unknown;
}

/** The proposal a message part carries, or null when the part is not a tool call. */
export function readProposalPart(part: { type: string }): ProposalPart | null {
  const p = part as ToolLikePart;
  const toolName = p.type === "dynamic-tool" ? String(p.toolName ?? "") : p.type.startsWith("tool-") ? p.type.slice(5) : null;
  if (toolName === null || typeof p.toolCallId !== "string") return null;
  const toolCallId = p.toolCallId;
  if (p.state === "input-streaming") return { status: "streaming", toolCallId, toolName };
  // The pane never reports errors itself, so an errored part is one the server refused.
  if (p.state === "output-error") {
    return { status: "refused", toolCallId, toolName, reason: String(p.errorText ?? "The proposal could not be read.") };
  }
  const validation = validateProposal(toolName, p.input);
  if (!validation.ok) {
    return { status: "refused", toolCallId, toolName, reason: `This change was not offered: ${validation.errors.join("; ")}.` };
  }
  const outcome = outcomeOf(p);
  return { status: "ready", proposal: { toolCallId, toolName: validation.toolName, input: validation.input } as Proposal, ...(outcome ? { outcome } : {}) };
}

/**
 * The last check before anything is written, by the pane (apply-proposal.ts) and the playground
 * (lib/workbook/apply-proposal.ts): the same validation the server ran, formula policy included,
 * whatever brought the proposal here. Throws with every reason — a refused formula names its
 * rule — so the card can show it; nothing has been written at that point.
 */
export function checkBeforeApplying(proposal: Proposal): void {
  const validation = validateProposal(proposal.toolName, proposal.input);
  if (!validation.ok) throw new Error(`Not applied, nothing was changed: ${validation.errors.join("; ")}.`);
}

/** The address a proposal changes (the chart's source for add_chart). */
export function targetAddress(proposal: Proposal): string {
  return proposal.toolName === "add_chart" ? proposal.input.sourceAddress : proposal.input.address;
}
