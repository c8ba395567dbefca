// A proposed edit in a past conversation, as plain text: what it would change and why. It is a
// record, not an action: edits are applied in Excel (or the playground) when they are proposed.
import { describeProposal } from "@/lib/addin/edits/describe-proposal";
import { readProposalPart } from "@/lib/addin/edits/proposal";
import { ProposalDetails } from "./proposal-details";

export function ProposalSummary({ part }: { part: { type: string } }) {
  const read = readProposalPart(part);
  if (!read || read.status === "streaming") return null;
  if (read.status === "refused") {
    return (
      <div className="rounded-lg border border-dashed p-3 text-xs text-muted-foreground">
        A proposed change ({read.toolName.replace(/_/g, " ")}) was refused: {read.reason}
      </div>
    );
  }
  const { title, details } = describeProposal(read.proposal);
  const outcome = read.outcome?.status ?? null;
  return (
    <div className="flex flex-col gap-1 rounded-lg border bg-muted/40 p-3 text-xs">
      <p className="font-medium">
        Proposed change: {title}
        {outcome ? <span className="font-normal text-muted-foreground"> · {outcome}</span> : null}
      </p>
      <ProposalDetails details={details} />
      <p className="text-muted-foreground">{read.proposal.input.explanation}</p>
    </div>
  );
}
