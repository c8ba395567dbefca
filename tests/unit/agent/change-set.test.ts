// The Office-free parts of agent mode the clients share: which answer parts form a change set,
// when the chat continues an answer by itself, what reading back written cells reports (and what
// the model receives of it), the errors a formula shows without calculating it, and how a step
// is described to the user.
import type { UIMessage } from "ai";
import { describe, expect, it } from "vitest";
import { messageBlocks, sheetsTouched } from "@/lib/agent/change-set";
import { shouldContinueTurn } from "@/lib/agent/continue-turn";
import { describeStepInput, describeStepOutput } from "@/lib/agent/describe-step";
import { evidentFormulaError, verificationOutcome, verifyWritten } from "@/lib/agent/verify-written";

type Part = UIMessage["parts"][number];
const tool = (name: string, id: string, extra: Record<string, unknown> = {}) => ({ type: `tool-${name}`, toolCallId: id, state: "input-available", input: {}, ...extra }) as unknown as Part;
const assistant = (parts: Part[]): UIMessage => ({ id: "a1", role: "assistant", parts });
const user: UIMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "fix totals" }] };

describe("messageBlocks", () => {
  it("gathers the proposals of one step into one change set, and starts another in the next step", () => {
    const parts = [
      { type: "step-start" },
      tool("list_sheets", "r1"),
      { type: "step-start" },
      { type: "text", text: "Two changes:" },
      tool("write_range", "w1"),
      tool("write_range", "w2"),
      { type: "step-start" },
      tool("write_range", "w3"),
    ] as Part[];
    const blocks = messageBlocks(parts, (p) => p.type === "tool-write_range");
    expect(blocks.map((b) => (b.kind === "part" ? b.part.type : `set:${b.members.map((m) => m.index).join(",")}`))).toEqual(["tool-list_sheets", "text", "set:4,5", "set:7"]);
  });

  it("names the sheets a set touches", () => {
    expect(sheetsTouched(["Summary!B2", "'Q1 data'!A1:A4", "Summary!C2", "D4"], "Data")).toEqual(["Summary", "Q1 data", "Data"]);
  });
});

describe("shouldContinueTurn", () => {
  it("continues once every call of the last step has its output: a read, or an applied change", () => {
    expect(shouldContinueTurn([user, assistant([{ type: "step-start" } as Part, tool("read_range", "r1")])])).toBe(false);
    expect(shouldContinueTurn([user, assistant([{ type: "step-start" } as Part, tool("read_range", "r1", { state: "output-available", output: { complete: true } })])])).toBe(true);
    expect(shouldContinueTurn([user, assistant([{ type: "step-start" } as Part, tool("read_range", "r1", { state: "output-error", errorText: "no sheet" })])])).toBe(true);
    const applied = { state: "output-available", output: { status: "applied", address: "Summary!B2" } };
    const read = tool("read_range", "r1", { state: "output-available", output: { complete: true } });
    const step = { type: "step-start" } as Part;
    expect(shouldContinueTurn([user, assistant([step, read, step, tool("write_range", "w1", applied), tool("write_range", "w2")])])).toBe(false);
    expect(shouldContinueTurn([user, assistant([step, read, step, tool("write_range", "w1", applied), tool("write_range", "w2", applied)])])).toBe(true);
  });

  it("after a one-step answer's change, continues only when the check found errors to fix", () => {
    const step = { type: "step-start" } as Part;
    const clean = { state: "output-available", output: { status: "applied", address: "Sheet1!D2", verification: { errors: [] } } };
    const broken = { state: "output-available", output: { status: "applied", address: "Sheet1!D2", verification: { errors: [{ address: "Sheet1!D2", error: "#REF!" }] } } };
    expect(shouldContinueTurn([user, assistant([step, tool("write_range", "w1", clean)])])).toBe(false);
    expect(shouldContinueTurn([user, assistant([step, tool("write_range", "w1", broken)])])).toBe(true);
  });

  it("ends the answer when the user turned every change down or undid it", () => {
    const rejected = { state: "output-available", output: { status: "rejected", address: "Data!D2" } };
    const undone = { state: "output-available", output: { status: "undone", address: "Data!D2" } };
    expect(shouldContinueTurn([user, assistant([{ type: "step-start" } as Part, tool("write_range", "w1", rejected), tool("write_range", "w2", undone)])])).toBe(false);
    expect(shouldContinueTurn([user])).toBe(false);
  });
});

describe("verifyWritten", () => {
  it("lists each error value Excel calculated in the written cells, with its formula", () => {
    const result = verifyWritten([
      { address: "Summary!B2:C3", values: [[10, "#REF!"], ["#NAME?", 4]], formulas: [["=A2*2", "=Deleted!A1"], ["=SUMM(A1)", 4]] },
      { address: "'Q1 data'!D5", values: [["#SPILL!"]], formulas: [["=SEQUENCE(3)"]] },
    ]);
    expect(result).toEqual({
      checked: 5,
      moreErrors: 0,
      errors: [
        { address: "Summary!C2", value: "#REF!", formula: "=Deleted!A1" },
        { address: "Summary!B3", value: "#NAME?", formula: "=SUMM(A1)" },
        { address: "'Q1 data'!D5", value: "#SPILL!", formula: "=SEQUENCE(3)" },
      ],
    });
    // What the model receives: the contract's shape.
    expect(verificationOutcome(result)).toEqual({
      errors: [
        { address: "Summary!C2", error: "#REF!" },
        { address: "Summary!B3", error: "#NAME?" },
        { address: "'Q1 data'!D5", error: "#SPILL!" },
      ],
    });
  });

  it("caps the list and says how many there were", () => {
    const values = Array.from({ length: 60 }, () => ["#VALUE!"]);
    const result = verifyWritten([{ address: "S!A1:A60", values, formulas: values }]);
    expect(result.errors).toHaveLength(50);
    expect(result.moreErrors).toBe(10);
    expect(verificationOutcome(result)).toMatchObject({ errorCount: 60 });
  });
});

describe("evidentFormulaError", () => {
  const workbook = { sheets: ["Data", "Q1 data"], names: ["Rate"] };
  it("finds #REF! and #NAME? a formula shows without calculating it", () => {
    expect(evidentFormulaError("=SUM(Data!B2:B5)*Rate", workbook)).toBeNull();
    expect(evidentFormulaError("='Q1 data'!A1+1", workbook)).toBeNull();
    expect(evidentFormulaError("=Deleted!A1", workbook)).toBe("#REF!");
    expect(evidentFormulaError("=SUM(#REF!)", workbook)).toBe("#REF!");
    expect(evidentFormulaError("=B2*Missing", workbook)).toBe("#NAME?");
    expect(evidentFormulaError("=LET(x, 2, x*B2)", workbook)).toBeNull();
  });
});

describe("describeStep", () => {
  it("says what is read and what came back", () => {
    expect(describeStepInput("read_range", { address: "Data!A1:C20", include: ["values", "formulas"] })).toBe("Reading Data!A1:C20 (values and formulas)");
    expect(describeStepInput("find_cells", { query: "north", sheet: "Data" })).toBe("Finding “north” in Data");
    expect(describeStepOutput("list_sheets", { sheets: [{ tables: [{}] }, { tables: [] }], namedRanges: [{}] })).toBe("2 sheets, 1 table, 1 named range");
    expect(describeStepOutput("read_range", { rowCount: 1201, columnCount: 3, complete: false, sampleAddress: "Data!A1:C666" })).toContain("analysis of every cell and the cells of Data!A1:C666");
    expect(describeStepOutput("find_cells", { matches: [], more: false })).toBe("No match");
    expect(describeStepOutput("read_range", { cut: true })).toMatch(/cut/);
  });
});
