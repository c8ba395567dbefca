import { describe, expect, it } from "vitest";
import { parseProposalRange } from "@/lib/ai/tools/parse-proposal-range";
import { PROPOSAL_LIMITS, validateProposal } from "@/lib/ai/tools/validate-proposal";
import { ATTACKS, NEAR_MISSES, corpusTitle, type CorpusEntry } from "@/tests/fixtures/formulas/corpus";

const explanation = "test";

// The shared formula corpus through the server's check, as a formula, as a value Excel would
// read as a formula, and as a conditional-format rule: the refusal names the rule.
describe("formula safety in proposals", () => {
  const rows = (entries: CorpusEntry[]) => entries.map((entry) => [corpusTitle(entry), entry] as const);

  function attempts(formula: string) {
    const out = [validateProposal("write_range", { address: "Sheet1!C1", values: [[formula]], explanation })];
    // The schema caps a formula at Excel's limit and a rule at 1,000 characters.
    if (formula.length <= 8_192) out.push(validateProposal("write_range", { address: "Sheet1!C1", formulas: [[formula]], explanation }));
    if (formula.length <= 1_000) out.push(validateProposal("add_conditional_format", { address: "A1:B4", rule: { type: "custom_formula", formula }, explanation }));
    return out;
  }

  it.each(rows(ATTACKS))("refuses %s", (_title, entry) => {
    for (const result of attempts(entry.formula)) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.join("; ")).toContain(`rule "${entry.verdict}"`);
    }
  });

  it.each(rows(NEAR_MISSES))("allows %s", (_title, entry) => {
    for (const result of attempts(entry.formula)) expect(result).toMatchObject({ ok: true });
  });
});

describe("parseProposalRange", () => {
  it("normalises one rectangle, sheet-qualified or not", () => {
    expect(parseProposalRange("sheet1!$b$2:c10")).toMatchObject({ ok: true, range: { address: "sheet1!B2:C10", rows: 9, columns: 2, cells: 18 } });
    expect(parseProposalRange("'My Sheet'!A1")).toMatchObject({ ok: true, range: { address: "'My Sheet'!A1", cells: 1 } });
    expect(parseProposalRange("C:C")).toMatchObject({ ok: true, range: { cells: 1_048_576 } });
  });

  it.each(["A1:B2,D1:D5", "[Book.xlsx]Sheet1!A1", "R1C1", "MyNamedRange", "A0", "XFE1", "Sheet1!", ""])("refuses %j", (address) => {
    expect(parseProposalRange(address).ok).toBe(false);
  });
});

describe("validateProposal", () => {
  it("accepts a write whose values match the range shape, and returns the normalised input", () => {
    const result = validateProposal("write_range", { address: "sheet1!d2:d3", formulas: [["=B2*C2"], ["=B3*C3"]], explanation });
    expect(result).toMatchObject({ ok: true, toolName: "write_range", input: { address: "sheet1!D2:D3" }, range: { cells: 2 } });
  });

  it("refuses a values matrix that does not match the range", () => {
    const result = validateProposal("write_range", { address: "A1:B2", values: [[1, 2]], explanation });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toBe("values has 1 rows but A1:B2 has 2");
    const ragged = validateProposal("write_range", { address: "A1:B2", values: [[1, 2], [3]], explanation });
    expect(ragged.ok === false && ragged.errors[0]).toBe("values row 2 has 1 cells but A1:B2 is 2 columns wide");
  });

  it(`refuses writes over ${PROPOSAL_LIMITS.writeCells.toLocaleString("en-US")} cells`, () => {
    const result = validateProposal("write_range", { address: "A1:A10001", formulas: Array.from({ length: 10_001 }, () => ["=1"]), explanation });
    expect(result.ok === false && result.errors[0]).toBe("A1:A10001 is 10,001 cells; one proposal may write at most 10,000");
  });

  it("treats values starting with = + - @ as formulas and refuses dangerous ones, each reason with its rule", () => {
    const result = validateProposal("write_range", { address: "A1:C1", values: [["=WEBSERVICE(\"http://x.example\")", "+cmd|'/c calc'!A0", "-12.5"]], explanation });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        'A1 calls WEBSERVICE (rule "network": formulas may not reach the network, where a request can carry the sheet\'s data out), and contains the web address "http://x.example" in a text (rule "external_reference": formulas may not reach other workbooks, files or web addresses the user never chose to link) in =WEBSERVICE("http://x.example")',
        'B1 contains a DDE link (app|topic!item), which can start programs (rule "code_execution": formulas may not start programs, load libraries or run macros), and refers to a file or web location (\'/c calc\'!) (rule "external_reference": formulas may not reach other workbooks, files or web addresses the user never chose to link) in +cmd|\'/c calc\'!A0',
      ]);
    }
    expect(validateProposal("write_range", { address: "A1:B1", values: [["-12.5", "@home"]], explanation }).ok).toBe(true);
  });

  it("says how to write text that Excel would misread as a formula", () => {
    const result = validateProposal("write_range", { address: "A1", values: [["- don't forget"]], explanation });
    expect(result.ok === false && result.errors[0]).toBe(
      'A1 cannot be read: a quoted sheet name is never closed (character 6) (rule "unreadable": a formula that cannot be read cannot be shown to be safe) in - don\'t forget (to write it as text, start it with an apostrophe)',
    );
    expect(validateProposal("write_range", { address: "A1", values: [["'- don't forget"]], explanation }).ok).toBe(true);
  });

  it("checks every text of a formulas matrix, and charts' titles and tables' names that read as formulas", () => {
    expect(validateProposal("write_range", { address: "A1", formulas: [["WEBSERVICE(A1)"]], explanation }).ok).toBe(false);
    expect(validateProposal("add_chart", { sourceAddress: "A1:C13", chartType: "Line", title: "=IMAGE(A1)", explanation }).ok).toBe(false);
    const external = validateProposal("add_chart", { sourceAddress: "A1:C13", chartType: "Line", title: "=[Book2]Sheet1!A1", explanation });
    expect(external.ok === false && external.errors[0]).toContain('title refers to another workbook ([Book2]Sheet1!) (rule "external_reference"');
  });

  it("checks conditional-format formulas, sort and filter columns, and chart size", () => {
    expect(validateProposal("add_conditional_format", { address: "B2:B20", rule: { type: "custom_formula", formula: '=HYPERLINK("http://x")' }, explanation }).ok).toBe(false);
    expect(validateProposal("add_conditional_format", { address: "B2:B20", rule: { type: "custom_formula", formula: "=B2>AVERAGE($B$2:$B$20)", fillColor: "#FFC7CE" }, explanation }).ok).toBe(true);
    const sort = validateProposal("sort_range", { address: "A1:C20", hasHeaders: true, keys: [{ column: "D", ascending: true }], explanation });
    expect(sort.ok === false && sort.errors[0]).toBe("sort column D is outside A1:C20");
    expect(validateProposal("filter_range", { address: "A1:C20", column: "B", criteria: { type: "condition", operator: "GreaterThan", value: 100 }, explanation }).ok).toBe(true);
    expect(validateProposal("add_chart", { sourceAddress: "A1:Z5000", chartType: "Line", explanation }).ok).toBe(false);
    expect(validateProposal("add_chart", { sourceAddress: "A1:C13", chartType: "ColumnClustered", title: "Sales", explanation }).ok).toBe(true);
  });

  it("refuses unknown tools and schema violations with readable reasons", () => {
    expect(validateProposal("run_macro", {})).toEqual({ ok: false, toolName: "run_macro", errors: ['"run_macro" is not a change this assistant can propose'] });
    const bad = validateProposal("format_range", { address: "A1", fillColor: "red", explanation });
    expect(bad.ok === false && bad.errors[0]).toBe("fillColor: a colour as #RRGGBB");
    const external = validateProposal("create_table", { address: "[Book.xlsx]Sheet1!A1:B5", hasHeaders: true, explanation });
    expect(external.ok === false && external.errors[0]).toContain("is not an A1 range address");
  });
});
