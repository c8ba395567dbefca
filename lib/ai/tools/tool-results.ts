// What the client sends back as the output of a read tool call (read-tools.ts): one zod schema per
// tool, imported by the server (which checks every result against it before the model sees it)
// and by the clients that run the tools (the task pane and the playground), so both sides agree.
//
// The server additionally caps a result's size (cap-tool-result.ts): a result longer than the cap
// is replaced by the CUT marker below, with the beginning of the result as text.
import { z } from "zod";
import type { ReadToolName } from "./read-tools";

/** Cells one read_range call returns as cells; beyond it, the analysis of every cell plus a sample. */
export const READ_RANGE_MAX_CELLS = 2_000;
/** Matches one find_cells call returns. */
export const FIND_CELLS_MAX_MATCHES = 100;

const address = z.string().min(1).max(300);
const cell = z.union([z.string().max(32_767), z.number(), z.boolean(), z.null()]);
const grid = <T extends z.ZodType>(item: T) => z.array(z.array(item).max(16_384)).max(READ_RANGE_MAX_CELLS);

export const listSheetsResult = z.object({
  sheets: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        visibility: z.enum(["Visible", "Hidden", "VeryHidden"]),
        /** The used range's address, null for an empty sheet. */
        usedRange: address.nullable(),
        rowCount: z.number().int().min(0).optional(),
        columnCount: z.number().int().min(0).optional(),
        tables: z.array(z.object({ name: z.string().min(1).max(255), address })).max(500),
      }),
    )
    .max(1_000),
  namedRanges: z
    .array(
      z.object({
        name: z.string().min(1).max(255),
        /** What the name refers to, e.g. "=Sheet1!$A$1:$A$10" or a constant. */
        refersTo: z.string().max(8_192),
        /** The sheet a sheet-scoped name belongs to; absent for workbook names. */
        scope: z.string().max(100).optional(),
      }),
    )
    .max(5_000),
  activeSheet: z.string().max(100).optional(),
});

/** The analysis of every cell of a range, as the client's analysis engine writes it compactly (header, sample rows, per-column statistics). */
const rangeAnalysis = z.object({
  text: z.string().max(200_000),
  /** True when the text left something out (rows, columns, long cell text). */
  truncated: z.boolean().optional(),
});

export const readRangeResult = z.object({
  address,
  rowCount: z.number().int().min(0),
  columnCount: z.number().int().min(0),
  values: grid(cell).optional(),
  formulas: grid(z.union([z.string().max(8_192), z.number(), z.boolean(), z.null()])).optional(),
  numberFormat: grid(z.string().max(255)).optional(),
  /** False when the range had more cells than a call returns: the cells are a sample and `analysis` covers every cell. */
  complete: z.boolean(),
  /** The rows the cells above come from when `complete` is false, e.g. "Data!A1:F40". */
  sampleAddress: address.optional(),
  analysis: rangeAnalysis.optional(),
});

export const findCellsResult = z.object({
  matches: z.array(z.object({ address, value: cell })).max(FIND_CELLS_MAX_MATCHES),
  /** True when there were more matches than returned. */
  more: z.boolean(),
});

export const analyzeRangeResult = z.object({
  address,
  rowCount: z.number().int().min(0),
  columnCount: z.number().int().min(0),
  analysis: rangeAnalysis,
});

export const READ_TOOL_RESULTS = {
  list_sheets: listSheetsResult,
  read_range: readRangeResult,
  find_cells: findCellsResult,
  analyze_range: analyzeRangeResult,
} as const satisfies Record<ReadToolName, z.ZodType>;

export type ReadToolResult<N extends ReadToolName> = z.infer<(typeof READ_TOOL_RESULTS)[N]>;

/** What the server keeps (and the model sees) of a result longer than the cap. */
export const cutResultSchema = z.object({
  cut: z.literal(true),
  /** Characters of the result as JSON, and how many of them are kept in `partial`. */
  totalChars: z.number().int(),
  keptChars: z.number().int(),
  /** The beginning of the result's JSON. */
  partial: z.string(),
  note: z.string(),
});

export type CutResult = z.infer<typeof cutResultSchema>;
