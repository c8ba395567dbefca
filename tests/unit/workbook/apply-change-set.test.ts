// A change set on the playground's copy: changes on two sheets applied as one step, the #REF! a
// written formula carries reported, undone as one step back to the exact cells, and a set whose
// second change cannot be applied leaves the workbook as it was.
import { describe, expect, it } from "vitest";
import { utils, type WorkBook } from "xlsx";
import { readProposalPart, type Proposal } from "@/lib/addin/edits/proposal";
import { applyChangeSetToWorkbook, undoChangeSetInWorkbook } from "@/lib/workbook/apply-change-set";
import { readGrid } from "@/lib/workbook/read-grid";

function book(): WorkBook {
  const workbook = utils.book_new();
  utils.book_append_sheet(workbook, utils.aoa_to_sheet([["Region", "Revenue", "Share"], ["North", 1200, null], ["South", 800, null]]), "Data");
  utils.book_append_sheet(workbook, utils.aoa_to_sheet([["Total", null]]), "Summary");
  return workbook;
}

let id = 0;
function proposal(toolName: string, input: Record<string, unknown>): Proposal {
  const read = readProposalPart({ type: `tool-${toolName}`, toolCallId: `c${++id}`, state: "input-available", input: { explanation: "test", ...input } } as { type: string });
  if (read?.status !== "ready") throw new Error(JSON.stringify(read));
  return read.proposal;
}

const cells = (workbook: WorkBook, sheet: string, address: string) => {
  const m = /^([A-Z])(\d+):([A-Z])(\d+)$/.exec(address) as RegExpExecArray;
  const rect = { row: Number(m[2]) - 1, column: m[1].charCodeAt(0) - 65, rowCount: Number(m[4]) - Number(m[2]) + 1, columnCount: m[3].charCodeAt(0) - m[1].charCodeAt(0) + 1 };
  return readGrid(workbook.Sheets[sheet], rect).formulas;
};

describe("applyChangeSetToWorkbook", () => {
  it("applies changes on two sheets together, reports the #REF!, and undoes them together", () => {
    const workbook = book();
    const before = { data: cells(workbook, "Data", "A1:C3"), summary: cells(workbook, "Summary", "A1:B1") };
    const changes = applyChangeSetToWorkbook(
      workbook,
      [
        proposal("write_range", { address: "Data!C2:C3", formulas: [["=B2/Summary!B1"], ["=B3/Summary!B1"]] }),
        proposal("write_range", { address: "Summary!B1", formulas: [["=SUM(Revenue!B2:B3)"]] }),
      ],
      "Data",
    );
    expect(cells(workbook, "Summary", "A1:B1")).toEqual([["Total", "=SUM(Revenue!B2:B3)"]]);
    expect(changes[0].verification?.errors).toEqual([]);
    expect(changes[1].verification?.errors).toEqual([{ address: "Summary!B1", value: "#REF!", formula: "=SUM(Revenue!B2:B3)" }]);

    undoChangeSetInWorkbook(workbook, changes.map((c) => c.undo));
    expect(cells(workbook, "Data", "A1:C3")).toEqual(before.data);
    expect(cells(workbook, "Summary", "A1:B1")).toEqual(before.summary);
  });

  it("changes nothing when one change of the set cannot be applied", () => {
    const workbook = book();
    const before = cells(workbook, "Data", "A1:C3");
    expect(() =>
      applyChangeSetToWorkbook(
        workbook,
        [proposal("write_range", { address: "Data!C2", values: [[0.6]] }), proposal("write_range", { address: "Nowhere!A1", values: [[1]] })],
        "Data",
      ),
    ).toThrow(/Not applied, nothing was changed/);
    expect(cells(workbook, "Data", "A1:C3")).toEqual(before);
  });

  it("refuses the whole set before writing when one formula is unsafe", () => {
    const workbook = book();
    const before = cells(workbook, "Data", "A1:C3");
    const risky = { ...proposal("write_range", { address: "Data!C2", values: [[1]] }), input: { address: "Data!C3", formulas: [['=WEBSERVICE("https://x.test")']], explanation: "x" } } as Proposal;
    expect(() => applyChangeSetToWorkbook(workbook, [proposal("write_range", { address: "Data!C2", values: [[0.6]] }), risky], "Data")).toThrow(/nothing was changed/);
    expect(cells(workbook, "Data", "A1:C3")).toEqual(before);
  });
});
