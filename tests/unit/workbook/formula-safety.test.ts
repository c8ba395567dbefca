// The formula corpus through the playground's apply path: applyToWorkbook checks every formula
// with the shared policy before it touches the browser copy, so a risky proposal is refused with
// its rule named and the workbook stays exactly as it was.
import { describe, expect, it } from "vitest";
import { utils, type WorkBook } from "xlsx";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { applyToWorkbook } from "@/lib/workbook/apply-proposal";
import { previewProposal } from "@/lib/workbook/preview-proposal";
import { ATTACKS, NEAR_MISSES, corpusTitle, type CorpusEntry } from "@/tests/fixtures/formulas/corpus";

function book(): WorkBook {
  const workbook = utils.book_new();
  utils.book_append_sheet(workbook, utils.aoa_to_sheet([["Region", "Units"], ["North", 12], ["South", 30]]), "Sales");
  return workbook;
}

const write = (entry: CorpusEntry, as: "formulas" | "values"): Proposal => ({
  toolCallId: "call_1",
  toolName: "write_range",
  input: { address: "Sales!D2", [as]: [[entry.formula]], explanation: "test" },
});

const rows = (entries: CorpusEntry[]) => entries.map((entry) => [corpusTitle(entry), entry] as const);

describe("applyToWorkbook", () => {
  it.each(rows(ATTACKS))("refuses %s, names the rule, changes nothing", (_title, entry) => {
    // The schema caps the formulas matrix at Excel's limit (its own message); values go further.
    for (const as of entry.formula.length <= 8_192 ? (["formulas", "values"] as const) : (["values"] as const)) {
      const workbook = book();
      const before = JSON.stringify(workbook);
      expect(() => applyToWorkbook(workbook, write(entry, as), "Sales")).toThrow(`rule "${entry.verdict}"`);
      expect(JSON.stringify(workbook)).toBe(before);
    }
  });

  it("refuses it in the preview as well, so the card shows the rule and no change to make", () => {
    const workbook = book();
    const preview = previewProposal(workbook, write({ formula: "=MAP(A1:A3,WEBSERVICE)", verdict: "network" }, "formulas"), "Sales");
    expect(preview.error).toContain('D2 passes WEBSERVICE by name (a function used as a value can still be called) (rule "network"');
    expect(preview.changes).toEqual([]);
  });

  it.each(rows(NEAR_MISSES))("writes %s", (_title, entry) => {
    const workbook = book();
    applyToWorkbook(workbook, write(entry, "formulas"), "Sales");
    expect(workbook.Sheets.Sales.D2.f).toBe(entry.formula.replace(/^=/, ""));
  });
});
