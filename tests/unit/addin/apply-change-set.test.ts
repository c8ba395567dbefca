// A change set in the task pane, through office-addin-mock over the in-memory workbook: changes on
// two sheets applied as one step, read back, the #REF! Excel calculates reported with its cell,
// undone as one step to the exact cells, and a set whose second change fails put back entirely.
import { afterEach, describe, expect, it } from "vitest";
import { applyChangeSet, undoChangeSet } from "@/lib/addin/edits/apply-change-set";
import { readProposalPart, type Proposal } from "@/lib/addin/edits/proposal";
import { createWorkbookStore } from "@/tests/fixtures/addin/workbook-store";
import { installMockExcel, uninstallMockExcel } from "@/tests/fixtures/addin/office-mock-excel";

afterEach(() => uninstallMockExcel());

function setup() {
  const store = createWorkbookStore({
    workbookName: "Budget.xlsx",
    activeSheet: "Data",
    selection: "Data!A1:C3",
    sheets: { Data: [["Region", "Revenue", "Share"], ["North", 1200, null], ["South", 800, null]], Summary: [["Total", null]] },
  });
  installMockExcel(store);
  return store;
}

let id = 0;
function proposal(toolName: string, input: Record<string, unknown>): Proposal {
  const read = readProposalPart({ type: `tool-${toolName}`, toolCallId: `c${++id}`, state: "input-available", input: { explanation: "test", ...input } } as { type: string });
  if (read?.status !== "ready") throw new Error(JSON.stringify(read));
  return read.proposal;
}

const all = (store: ReturnType<typeof setup>) => ({ data: store.read("Data", { row: 0, column: 0, rowCount: 3, columnCount: 3 }), summary: store.read("Summary", { row: 0, column: 0, rowCount: 1, columnCount: 2 }) });

describe("applyChangeSet", () => {
  it("applies across two sheets, reads back the #REF!, and undoes as one step", async () => {
    const store = setup();
    const before = all(store);
    const applied = await applyChangeSet([
      proposal("write_range", { address: "Summary!B1", formulas: [["=SUM(Data!B2:B3)"]] }),
      proposal("write_range", { address: "Data!C2:C3", formulas: [["=B2/Totals!B1"], ["=B3/Summary!B1"]] }),
    ]);
    expect(store.read("Summary", { row: 0, column: 1, rowCount: 1, columnCount: 1 }).values).toEqual([[2000]]);
    expect(applied[0].verification?.errors).toEqual([]);
    expect(applied[1].verification).toEqual({ checked: 2, moreErrors: 0, errors: [{ address: "Data!C2", value: "#REF!", formula: "=B2/Totals!B1" }] });
    expect(store.read("Data", { row: 2, column: 2, rowCount: 1, columnCount: 1 }).values).toEqual([[0.4]]);

    await undoChangeSet(applied);
    expect(all(store)).toEqual(before);
  });

  it("puts back what it made when a later change of the set fails", async () => {
    const store = setup();
    const before = all(store);
    await expect(
      applyChangeSet([proposal("write_range", { address: "Data!C2", values: [[0.6]] }), proposal("write_range", { address: "Nowhere!A1", values: [[1]] })]),
    ).rejects.toThrow(/nothing was changed \(the change made first was undone\)/);
    expect(all(store)).toEqual(before);
  });
});
