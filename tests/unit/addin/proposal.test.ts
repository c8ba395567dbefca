// Tool parts → proposals: a stored outcome (a reopened conversation) comes through with the
// proposal, so the card shows it decided instead of offering it again.
import { describe, expect, it } from "vitest";
import { readProposalPart } from "@/lib/addin/edits/proposal";
import { reportedOutcomes } from "@/lib/ai/tools/edit-outcome";

const input = { address: "D2:D3", formulas: [["=B2+C2"], ["=B3+C3"]], explanation: "Totals" };

describe("readProposalPart", () => {
  it("offers a proposal without an outcome, and carries a stored one", () => {
    expect(readProposalPart({ type: "tool-write_range", toolCallId: "c1", state: "input-available", input } as never)).toMatchObject({ status: "ready" });
    expect(readProposalPart({ type: "tool-write_range", toolCallId: "c1", state: "input-available", input } as never)).not.toHaveProperty("outcome");
    const decided = readProposalPart({ type: "tool-write_range", toolCallId: "c1", state: "output-available", input, output: { status: "applied", address: "Sheet1!D2:D3" } } as never);
    expect(decided).toMatchObject({ status: "ready", outcome: { status: "applied", address: "Sheet1!D2:D3" } });
  });

  it("ignores outputs of another shape", () => {
    const odd = readProposalPart({ type: "tool-write_range", toolCallId: "c1", state: "output-available", input, output: { applied: true } } as never);
    expect(odd).toMatchObject({ status: "ready" });
    expect(odd).not.toHaveProperty("outcome");
  });
});

describe("reportedOutcomes", () => {
  it("keeps one outcome per tool call of an answer, the last reported, from answers only", () => {
    const part = (id: string, status: string) => ({ type: "tool-write_range", toolCallId: id, state: "output-available", input, output: { status, address: "D2:D3" } });
    const messages = [
      { id: "u1", role: "user", parts: [part("c0", "applied")] },
      { id: "a1", role: "assistant", parts: [{ type: "text", text: "x" }, part("c1", "applied"), part("c1", "undone"), part("c2", "rejected")] },
    ];
    expect(reportedOutcomes(messages as never)).toEqual([
      { messageId: "a1", toolCallId: "c1", outcome: { status: "undone", address: "D2:D3" } },
      { messageId: "a1", toolCallId: "c2", outcome: { status: "rejected", address: "D2:D3" } },
    ]);
  });
});
