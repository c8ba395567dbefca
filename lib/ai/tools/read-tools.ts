// The tools the model may use to READ the workbook (agent mode). Like the proposal tools they are
// AI SDK tools with zod input schemas and deliberately no `execute`: the server never holds the
// workbook. The client that does (the task pane through Office.js, the playground over the
// uploaded file) runs the call and sends the result back in the same answer; the server checks
// the result (tool-results.ts), caps it, and continues the turn (docs/api.md, "Agent mode").
//
// They are offered only to clients that declare them in `capabilities.tools` (tools-for-request.ts).
// Names and inputs are part of the public contract: change them only in a compatible way.
import { tool, zodSchema } from "ai";
import { z } from "zod";

const address = z
  .string()
  .min(1)
  .max(300)
  .describe("One rectangular A1 range, sheet-qualified when not the active sheet, e.g. 'Sales 2024'!A1:F200");

const listSheetsInput = z.object({});

export const READ_INCLUDES = ["values", "formulas", "numberFormat"] as const;

const readRangeInput = z.object({
  address,
  include: z
    .array(z.enum(READ_INCLUDES))
    .min(1)
    .max(3)
    .optional()
    .describe('What to read for each cell; default ["values"]. Ask for formulas to see how a figure is computed.'),
});

const findCellsInput = z.object({
  query: z.string().min(1).max(255).describe("Text to look for in cell values (a substring match)"),
  sheet: z.string().min(1).max(100).optional().describe("Only this sheet; every sheet when omitted"),
  matchCase: z.boolean().optional(),
});

const analyzeRangeInput = z.object({ address });

export const READ_TOOL_INPUTS = {
  list_sheets: listSheetsInput,
  read_range: readRangeInput,
  find_cells: findCellsInput,
  analyze_range: analyzeRangeInput,
} as const;

export type ReadToolName = keyof typeof READ_TOOL_INPUTS;
export type ReadToolInput<N extends ReadToolName> = z.infer<(typeof READ_TOOL_INPUTS)[N]>;

export const READ_TOOL_NAMES = Object.keys(READ_TOOL_INPUTS) as ReadToolName[];

export function isReadToolName(name: string): name is ReadToolName {
  return Object.hasOwn(READ_TOOL_INPUTS, name);
}

/** Wrapped with zodSchema once (the SDK caches the JSON Schema on the wrapper). */
export const readTools = {
  list_sheets: tool({
    description:
      "List every sheet of the workbook (name, visibility, used range), its tables (name, address) and the named ranges. Call it first when the answer may need data outside the selection.",
    inputSchema: zodSchema(listSheetsInput),
  }),
  read_range: tool({
    description:
      "Read the cells of one range (values by default; formulas or number formats on request). At most 2,000 cells come back as cells; for a larger range you get an analysis of every cell plus a sample, marked as such.",
    inputSchema: zodSchema(readRangeInput),
  }),
  find_cells: tool({
    description: "Find cells whose value contains a text, in one sheet or the whole workbook. Returns the first 100 matches (address, value).",
    inputSchema: zodSchema(findCellsInput),
  }),
  analyze_range: tool({
    description:
      "Analyse one range over every cell (column types and roles, statistics, totals, insights) without reading it cell by cell. Use it for large ranges.",
    inputSchema: zodSchema(analyzeRangeInput),
  }),
};

export type ReadTools = typeof readTools;
