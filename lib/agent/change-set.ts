// How an answer's parts are shown: in order, except that the proposed changes of one step are
// gathered into one change set, shown where its first proposal appeared, previewed together and
// applied, rejected or undone together. Steps are the answer's model calls, separated by
// `step-start` parts; a lone proposal is a change set of one.
import { parseAreaAddress } from "@/lib/excel";

export type MessageBlock<P> =
  | { kind: "part"; index: number; part: P }
  | { kind: "change-set"; key: string; members: { index: number; part: P }[] };

export function messageBlocks<P extends { type: string }>(parts: readonly P[], isProposal: (part: P) => boolean): MessageBlock<P>[] {
  const blocks: MessageBlock<P>[] = [];
  let step = 0;
  let open: Extract<MessageBlock<P>, { kind: "change-set" }> | null = null;
  parts.forEach((part, index) => {
    if (part.type === "step-start") {
      step++;
      open = null;
      return;
    }
    if (!isProposal(part)) {
      blocks.push({ kind: "part", index, part });
      return;
    }
    if (!open) {
      open = { kind: "change-set", key: `step-${step}`, members: [] };
      blocks.push(open);
    }
    open.members.push({ index, part });
  });
  return blocks;
}

/** The sheets a change set touches, in the order first met; an address without a sheet is on `activeSheet`. */
export function sheetsTouched(addresses: readonly string[], activeSheet: string | null): string[] {
  const sheets: string[] = [];
  for (const address of addresses) {
    const sheet = parseAreaAddress(address)?.sheet ?? activeSheet ?? "the active sheet";
    if (!sheets.includes(sheet)) sheets.push(sheet);
  }
  return sheets;
}
