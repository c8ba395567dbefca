// The formula corpus through the task pane's own path: a tool part becomes a proposal only if
// the shared policy allows it, and applyProposal checks again right before Excel.run — so a
// proposal that reached the pane some other way (a reopened conversation, a cached answer, a
// tampered response, a bug upstream) is refused with its rule named and nothing is written.
import { afterEach, describe, expect, it } from "vitest";
import { applyProposal } from "@/lib/addin/edits/apply-proposal";
import { readProposalPart, type Proposal } from "@/lib/addin/edits/proposal";
import { createWorkbookStore, type StoreCell } from "@/tests/fixtures/addin/workbook-store";
import { installMockExcel, uninstallMockExcel } from "@/tests/fixtures/addin/office-mock-excel";
import { ATTACKS, NEAR_MISSES, corpusTitle, type CorpusEntry } from "@/tests/fixtures/formulas/corpus";

afterEach(() => uninstallMockExcel());

const SHEET: StoreCell[][] = [
  ["Region", "Q1", "Q2"],
  ["North", 1200, 1350],
  ["South", 900, 1010],
];

function setup() {
  const store = createWorkbookStore({ workbookName: "Budget.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:C3", sheets: { Sheet1: SHEET } });
  installMockExcel(store);
  return store;
}

const everything = (store: ReturnType<typeof setup>) => store.read("Sheet1", { row: 0, column: 0, rowCount: 6, columnCount: 6 });

const title = (entry: CorpusEntry) => corpusTitle(entry);

/** Tool parts as the chat stream delivers them; the formulas matrix is capped at Excel's limit by the schema, so longer ones go as values. */
function toolPart(entry: CorpusEntry, as: "formulas" | "values") {
  return { type: "tool-write_range", toolCallId: "call_1", state: "input-available", input: { address: "Sheet1!E2", [as]: [[entry.formula]], explanation: "test" } } as { type: string };
}

describe("tool parts the pane reads", () => {
  it.each(ATTACKS.map((entry) => [title(entry), entry] as const))("refuses %s and names the rule", (_title, entry) => {
    for (const as of entry.formula.length <= 8_192 ? (["formulas", "values"] as const) : (["values"] as const)) {
      const read = readProposalPart(toolPart(entry, as));
      expect(read?.status).toBe("refused");
      if (read?.status === "refused") expect(read.reason).toContain(`rule "${entry.verdict}"`);
    }
  });

  it.each(NEAR_MISSES.map((entry) => [title(entry), entry] as const))("offers %s", (_title, entry) => {
    expect(readProposalPart(toolPart(entry, "formulas"))?.status).toBe("ready");
  });
});

describe("applyProposal, given a proposal that skipped the pane's reading", () => {
  // The schema caps the formulas matrix at Excel's limit (its own message); values go further.
  const tampered = (entry: CorpusEntry): Proposal => ({
    toolCallId: "call_tampered",
    toolName: "write_range",
    input: { address: "Sheet1!E2", ...(entry.formula.length <= 8_192 ? { formulas: [[entry.formula]] } : { values: [[entry.formula]] }), explanation: "test" },
  });

  it.each(ATTACKS.map((entry) => [title(entry), entry] as const))("refuses %s, names the rule, writes nothing", async (_title, entry) => {
    const store = setup();
    const before = everything(store);
    await expect(applyProposal(tampered(entry))).rejects.toThrow(`rule "${entry.verdict}"`);
    expect(everything(store)).toEqual(before);
  });

  it("refuses a risky formula as a value and in a conditional format too", async () => {
    const store = setup();
    const before = everything(store);
    const value: Proposal = { toolCallId: "v", toolName: "write_range", input: { address: "E2", values: [["=LET(f,WEBSERVICE,f(A1))"]], explanation: "x" } };
    await expect(applyProposal(value)).rejects.toThrow(/Not applied, nothing was changed: E2 passes WEBSERVICE by name.*rule "network"/);
    const format: Proposal = {
      toolCallId: "c",
      toolName: "add_conditional_format",
      input: { address: "B2:C3", rule: { type: "custom_formula", formula: "=LEN([Book2]Sheet1!A1)>0" }, explanation: "x" },
    };
    await expect(applyProposal(format)).rejects.toThrow(/rule "external_reference"/);
    expect(store.conditionalFormats("Sheet1")).toEqual([]);
    expect(everything(store)).toEqual(before);
  });

  it.each(NEAR_MISSES.map((entry) => [title(entry), entry] as const))("writes %s", async (_title, entry) => {
    const store = setup();
    await applyProposal(tampered(entry));
    expect(store.read("Sheet1", { row: 1, column: 4, rowCount: 1, columnCount: 1 }).formulas).toEqual([[entry.formula]]);
  });
});
