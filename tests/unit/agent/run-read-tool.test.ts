// The read tools the clients run for the model, over the playground's SheetJS workbook (the task
// pane runs the same code over Office.js): the workbook map, reads under and over the cap, find
// with its limit, the analysis over every cell, and clear errors for what cannot be read. Every
// result is checked against the contract's result schemas, as the server checks it.
import { describe, expect, it } from "vitest";
import { utils, type WorkBook } from "xlsx";
import { analyseGrids, type GridAnalysisInput } from "@/lib/agent/analyse-grids";
import { analyseOffThread } from "@/lib/agent/analyse-off-thread";
import { runReadTool, ReadToolError } from "@/lib/agent/run-read-tool";
import { READ_TOOL_RESULTS } from "@/lib/ai/tools/tool-results";
import type { ReadToolName } from "@/lib/ai/tools/read-tools";
import { sheetJsWorkbookSource } from "@/lib/workbook/sheetjs-workbook-source";

function book(): WorkBook {
  const workbook = utils.book_new();
  utils.book_append_sheet(workbook, utils.aoa_to_sheet([["Summary"], ["Total", null]]), "Summary");
  const rows: (string | number)[][] = [["Region", "Month", "Revenue"]];
  for (let i = 0; i < 1_200; i++) rows.push([["North", "South", "East", "West"][i % 4], (i % 12) + 1, 1_000 + i]);
  utils.book_append_sheet(workbook, utils.aoa_to_sheet(rows), "Data");
  utils.book_append_sheet(workbook, utils.aoa_to_sheet([["Rate", 0.2], ["Secret", "hidden text"]]), "Inputs");
  workbook.Workbook = {
    Sheets: [{ Hidden: 0 }, { Hidden: 0 }, { Hidden: 1 }],
    Names: [
      { Name: "Rate", Ref: "Inputs!$B$1" },
      { Name: "_xlnm.Print_Area", Ref: "Data!$A$1:$C$10", Sheet: 1 },
    ],
  };
  return workbook;
}

async function run<N extends ReadToolName>(name: N, input: unknown, readCap?: number) {
  const source = sheetJsWorkbookSource(book(), () => "Summary");
  const result = await runReadTool(source, name, input, { readCap });
  // What the server accepts, exactly.
  expect(READ_TOOL_RESULTS[name].safeParse(result).success).toBe(true);
  return result as never as Record<string, unknown>;
}

describe("list_sheets", () => {
  it("lists every sheet with its visibility and used range, and the workbook's names", async () => {
    const result = await run("list_sheets", {});
    expect(result.activeSheet).toBe("Summary");
    expect(result.sheets).toEqual([
      { name: "Summary", visibility: "Visible", usedRange: "Summary!A1:B2", tables: [] },
      { name: "Data", visibility: "Visible", usedRange: "Data!A1:C1201", tables: [] },
      { name: "Inputs", visibility: "Hidden", usedRange: "Inputs!A1:B2", tables: [] },
    ]);
    expect(result.namedRanges).toEqual([{ name: "Rate", refersTo: "=Inputs!$B$1" }]);
  });
});

describe("read_range", () => {
  it("returns the cells of a range under the cap, on another sheet than the active one", async () => {
    const result = await run("read_range", { address: "Data!A1:C3", include: ["values", "formulas"] });
    expect(result).toMatchObject({ address: "Data!A1:C3", rowCount: 3, columnCount: 3, complete: true });
    expect(result.values).toEqual([["Region", "Month", "Revenue"], ["North", 1, 1000], ["South", 2, 1001]]);
    expect(result.formulas).toEqual(result.values);
    expect(result.numberFormat).toBeUndefined();
  });

  it("reads a named range and trims a whole column to the used range", async () => {
    expect((await run("read_range", { address: "Rate" })).values).toEqual([[0.2]]);
    const column = await run("read_range", { address: "Data!A:A" }, 5_000);
    expect(column).toMatchObject({ address: "Data!A1:A1201", rowCount: 1_201, complete: true });
  });

  it("beyond the cap, analyses every cell and sends the top rows as a marked sample", async () => {
    const result = await run("read_range", { address: "Data!A1:C1201" });
    expect(result).toMatchObject({ complete: false, rowCount: 1_201, columnCount: 3, sampleAddress: "Data!A1:C666" });
    expect((result.values as unknown[]).length).toBe(666);
    const text = (result.analysis as { text: string }).text;
    // Figures over all 1,200 data rows: the last revenue is 2,199.
    expect(text).toContain("1,200");
    expect(text).toMatch(/2,199|2199/);
  });

  it("says what exists when the address names nothing", async () => {
    const source = sheetJsWorkbookSource(book(), () => "Summary");
    await expect(runReadTool(source, "read_range", { address: "Missing!A1:B2" })).rejects.toThrow(/no sheet named "Missing".*"Summary", "Data", "Inputs"/);
    await expect(runReadTool(source, "read_range", { address: "Nonsense" })).rejects.toBeInstanceOf(ReadToolError);
    await expect(runReadTool(source, "read_range", { address: "" })).rejects.toThrow(/input of read_range is not valid/);
  });
});

describe("find_cells", () => {
  it("finds text across sheets, case-insensitively by default, and stops at 100 matches", async () => {
    const north = await run("find_cells", { query: "north" });
    expect((north.matches as unknown[]).length).toBe(100);
    expect(north.more).toBe(true);
    expect((north.matches as { address: string }[])[0]).toEqual({ address: "Data!A2", value: "North" });
    const exact = await run("find_cells", { query: "north", matchCase: true });
    expect(exact.matches).toEqual([]);
    const hidden = await run("find_cells", { query: "hidden", sheet: "Inputs" });
    expect(hidden).toEqual({ matches: [{ address: "Inputs!B2", value: "hidden text" }], more: false });
  });
});

describe("analyze_range", () => {
  it("analyses every cell of the range", async () => {
    const result = await run("analyze_range", { address: "Data!A1:C1201" });
    expect(result).toMatchObject({ address: "Data!A1:C1201", rowCount: 1_201, columnCount: 3 });
    expect((result.analysis as { text: string }).text).toContain("Revenue");
  });
});

describe("where the analysis runs", () => {
  it("hands every analysis (over-cap reads and analyze_range) to the analyser it is given, with the whole grid", async () => {
    const source = sheetJsWorkbookSource(book(), () => "Summary");
    const seen: { address: string; rows: number }[] = [];
    const analyse = async (input: GridAnalysisInput) => {
      seen.push({ address: input.address, rows: input.grids.values.length });
      return analyseGrids(input);
    };
    const read = await runReadTool(source, "read_range", { address: "Data!A1:C1201" }, { readCap: 300, analyse });
    const analysed = await runReadTool(source, "analyze_range", { address: "Data!A1:B50" }, { analyse });
    expect(seen).toEqual([
      { address: "Data!A1:C1201", rows: 1_201 },
      { address: "Data!A1:B50", rows: 50 },
    ]);
    expect((read as { analysis: { text: string } }).analysis.text).toContain("Revenue");
    expect((analysed as { analysis: { text: string } }).analysis.text).toBe(analyseGrids({ sheet: "Data", address: "Data!A1:B50", grids: await source.read("Data", { row: 0, column: 0, rowCount: 50, columnCount: 2 }), rect: { row: 0, column: 0, rowCount: 50, columnCount: 2 } }).text);
  });

  it("off the thread where there are workers, in it where there are none, with the same result", async () => {
    const source = sheetJsWorkbookSource(book(), () => "Summary");
    const rect = { row: 0, column: 0, rowCount: 1201, columnCount: 3 };
    const input = { sheet: "Data", address: "Data!A1:C1201", grids: await source.read("Data", rect), rect };
    expect(await analyseOffThread(input)).toEqual(analyseGrids(input));
  });

  it("a failing analyser fails the read with its message, never a half result", async () => {
    const source = sheetJsWorkbookSource(book(), () => "Summary");
    const analyse = async () => {
      throw new Error("The range could not be analysed.");
    };
    await expect(runReadTool(source, "analyze_range", { address: "Data!A1:C1201" }, { analyse })).rejects.toThrow("could not be analysed");
  });
});
