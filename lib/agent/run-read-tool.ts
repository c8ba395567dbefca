// The four read tools, run by the client that holds the workbook (the server only defines them):
// list_sheets, read_range, find_cells and analyze_range. Written once against WorkbookSource, so
// the task pane (Office.js) and the playground (the uploaded copy) give the model the same
// answers. A result is plain JSON for the tool's output; a request that cannot be met throws a
// ReadToolError whose message tells the model what to ask instead.
import type { CellValue } from "@/lib/excel";
import { READ_TOOL_INPUTS, type ReadToolInput, type ReadToolName } from "@/lib/ai/tools/read-tools";
import { FIND_CELLS_MAX_MATCHES, READ_RANGE_MAX_CELLS, type ReadToolResult } from "@/lib/ai/tools/tool-results";
import { analyseGrids, MAX_ANALYSED_CELLS, type GridAnalysis, type GridAnalysisInput } from "./analyse-grids";
import { ReadToolError, rectAddressOn, resolveReadAddress, usedRectOf } from "./resolve-read-address";
import type { CellRect, WorkbookMap, WorkbookSource } from "./workbook-source";

/** Cells per piece when scanning a sheet for find_cells. */
const SCAN_CELLS = 30_000;

type ReadInclude = NonNullable<ReadToolInput<"read_range">["include"]>[number];

export { ReadToolError };

function cellsOf(rect: CellRect): number {
  return rect.rowCount * rect.columnCount;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function tooLarge(address: string, cells: number): ReadToolError {
  return new ReadToolError(
    `${address} has ${count(cells)} cells, more than the ${count(MAX_ANALYSED_CELLS)} a read can cover. Read or analyse a smaller part (fewer rows or columns).`,
  );
}

function listSheets(map: WorkbookMap): ReadToolResult<"list_sheets"> {
  return {
    activeSheet: map.activeSheet,
    sheets: map.sheets.map((sheet) => ({ name: sheet.name, visibility: sheet.visibility, usedRange: sheet.usedRange, tables: sheet.tables })),
    namedRanges: map.namedRanges,
  };
}

type Analyse = (input: GridAnalysisInput) => Promise<GridAnalysis>;

const inThread: Analyse = async (input) => analyseGrids(input);

async function readRange(source: WorkbookSource, input: ReadToolInput<"read_range">, cap: number, analyse: Analyse): Promise<ReadToolResult<"read_range">> {
  const map = await source.map();
  const target = resolveReadAddress(map, input.address);
  const include = new Set<ReadInclude>(input.include && input.include.length > 0 ? input.include : ["values"]);
  const cells = cellsOf(target.rect);
  if (cells > MAX_ANALYSED_CELLS) throw tooLarge(target.address, cells);
  const grids = await source.read(target.sheet, target.rect);
  const pick = (rows: number) => ({
    ...(include.has("values") ? { values: grids.values.slice(0, rows) } : {}),
    ...(include.has("formulas") ? { formulas: grids.formulas.slice(0, rows) } : {}),
    ...(include.has("numberFormat") ? { numberFormat: grids.numberFormat.slice(0, rows) } : {}),
  });
  const base = { address: target.address, rowCount: target.rect.rowCount, columnCount: target.rect.columnCount };
  if (cells <= cap) return { ...base, complete: true, ...pick(target.rect.rowCount) };

  // Over the cap: the analysis covers every cell (its text names the real rows it samples), and the
  // cells sent are the top rows that fit, named by their address. Columns beyond the cap are left to the analysis.
  const { text, truncated } = await analyse({ sheet: target.sheet, address: target.address, grids, rect: target.rect });
  const columns = Math.min(target.rect.columnCount, cap);
  const rows = Math.max(1, Math.floor(cap / columns));
  const sampleRect: CellRect = { ...target.rect, rowCount: rows, columnCount: columns };
  const sample = pick(rows);
  const narrow = <T,>(grid: T[][] | undefined) => grid?.map((row) => row.slice(0, columns));
  return {
    ...base,
    complete: false,
    values: narrow(sample.values),
    formulas: narrow(sample.formulas),
    numberFormat: narrow(sample.numberFormat),
    sampleAddress: rectAddressOn(target.sheet, sampleRect),
    analysis: { text, truncated },
  };
}

function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

async function findCells(source: WorkbookSource, input: ReadToolInput<"find_cells">): Promise<ReadToolResult<"find_cells">> {
  const query = input.query;
  if (query.trim().length === 0) throw new ReadToolError("Give find_cells some text to look for.");
  const map = await source.map();
  const sheets = input.sheet
    ? [map.sheets.find((s) => s.name.toLowerCase() === input.sheet?.toLowerCase())?.name ?? resolveReadAddress(map, `'${input.sheet.replace(/'/g, "''")}'!A1`).sheet]
    : map.sheets.map((s) => s.name);
  const needle = input.matchCase ? query : query.toLowerCase();
  const matches = (text: string) => (input.matchCase ? text : text.toLowerCase()).includes(needle);
  const found: { address: string; value: CellValue }[] = [];
  let more = false;

  outer: for (const sheet of sheets) {
    const used = usedRectOf(map, sheet);
    if (!used) continue;
    const rowsPerPiece = Math.max(1, Math.floor(SCAN_CELLS / used.columnCount));
    for (let done = 0; done < used.rowCount; done += rowsPerPiece) {
      const piece: CellRect = { row: used.row + done, column: used.column, rowCount: Math.min(rowsPerPiece, used.rowCount - done), columnCount: used.columnCount };
      const grids = await source.read(sheet, piece);
      for (let r = 0; r < piece.rowCount; r++) {
        for (let c = 0; c < piece.columnCount; c++) {
          const value = grids.values[r]?.[c] ?? null;
          const formula = grids.formulas[r]?.[c];
          const isFormula = typeof formula === "string" && formula.startsWith("=");
          if (!matches(cellText(value)) && !(isFormula && matches(formula))) continue;
          if (found.length === FIND_CELLS_MAX_MATCHES) {
            more = true;
            break outer;
          }
          found.push({ address: rectAddressOn(sheet, { row: piece.row + r, column: piece.column + c, rowCount: 1, columnCount: 1 }), value });
        }
      }
    }
  }
  return { matches: found, more };
}

async function analyzeRange(source: WorkbookSource, input: ReadToolInput<"analyze_range">, analyse: Analyse): Promise<ReadToolResult<"analyze_range">> {
  const map = await source.map();
  const target = resolveReadAddress(map, input.address);
  const cells = cellsOf(target.rect);
  if (cells > MAX_ANALYSED_CELLS) throw tooLarge(target.address, cells);
  const grids = await source.read(target.sheet, target.rect);
  const { text, truncated } = await analyse({ sheet: target.sheet, address: target.address, grids, rect: target.rect });
  return { address: target.address, rowCount: target.rect.rowCount, columnCount: target.rect.columnCount, analysis: { text, truncated } };
}

export interface RunReadToolOptions {
  /** Cells read_range returns as cells (default: the contract's cap). */
  readCap?: number;
  /** Where an analysis runs (default: this thread); the pages pass a worker so the UI stays responsive. */
  analyse?: Analyse;
}

/** The input as the contract defines it; a malformed one is the model's mistake, told back to it. */
function parseInput<N extends ReadToolName>(name: N, input: unknown): ReadToolInput<N> {
  const parsed = READ_TOOL_INPUTS[name].safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
    throw new ReadToolError(`The input of ${name} is not valid (${issues}).`);
  }
  return parsed.data as ReadToolInput<N>;
}

/** Runs one read tool over `source`. Throws ReadToolError for a request it cannot meet. */
export async function runReadTool(source: WorkbookSource, name: ReadToolName, input: unknown, options: RunReadToolOptions = {}): Promise<ReadToolResult<ReadToolName>> {
  switch (name) {
    case "list_sheets":
      parseInput(name, input);
      return listSheets(await source.map());
    case "read_range":
      return readRange(source, parseInput(name, input), options.readCap ?? READ_RANGE_MAX_CELLS, options.analyse ?? inThread);
    case "find_cells":
      return findCells(source, parseInput(name, input));
    case "analyze_range":
      return analyzeRange(source, parseInput(name, input), options.analyse ?? inThread);
  }
}
