// The changes the model may PROPOSE to the user's workbook. They are AI SDK tools with zod input
// schemas and deliberately no `execute`: the server never touches a workbook. A call becomes a
// tool part in the answer; the server validates it (validate-proposal.ts) and the add-in shows
// the user exactly what will change and applies it only after approval (or at once in `auto`
// write mode), keeping what it overwrote for undo.
import { tool, zodSchema } from "ai";
import { z } from "zod";

const address = z
  .string()
  .min(1)
  .max(300)
  .describe("One rectangular A1 range, sheet-qualified when not the active sheet, e.g. Sheet1!B2:D20");
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "a colour as #RRGGBB")
  .describe("Colour as #RRGGBB");
const cell = z.union([z.string().max(32_767), z.number(), z.boolean(), z.null()]);
const explanation = z.string().max(500).describe("One sentence the user reads before approving: what this change does and why");

const writeRangeInput = z
  .object({
    address,
    values: z
      .array(z.array(cell))
      .optional()
      .describe("Constants, one inner array per row, exactly the shape of the range. Omit when writing formulas."),
    formulas: z
      .array(z.array(z.string().max(8_192)))
      .optional()
      .describe('Formulas in English A1 syntax starting with "=", one inner array per row, exactly the shape of the range'),
    explanation,
  })
  .refine((input) => (input.values === undefined) !== (input.formulas === undefined), "give either values or formulas");

const formatRangeInput = z.object({
  address,
  numberFormat: z.string().max(255).optional().describe('Excel number format code, e.g. "#,##0.00" or "0.0%" or "yyyy-mm-dd"'),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  fontColor: color.optional(),
  fillColor: color.optional(),
  horizontalAlignment: z.enum(["General", "Left", "Center", "Right"]).optional(),
  wrapText: z.boolean().optional(),
  columnWidth: z.number().min(0).max(255).optional().describe("Column width in characters"),
  autofitColumns: z.boolean().optional(),
  explanation,
});

const conditionalRule = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("cell_value"),
    operator: z.enum(["GreaterThan", "GreaterThanOrEqual", "LessThan", "LessThanOrEqual", "EqualTo", "NotEqualTo", "Between", "NotBetween"]),
    formula1: z.string().max(1_000).describe("Value or formula, e.g. 100 or =$B$1"),
    formula2: z.string().max(1_000).optional().describe("Upper bound for Between / NotBetween"),
    fillColor: color.optional(),
    fontColor: color.optional(),
  }),
  z.object({
    type: z.literal("color_scale"),
    minColor: color,
    midColor: color.optional(),
    maxColor: color,
  }),
  z.object({ type: z.literal("data_bar"), color: color.optional() }),
  z.object({
    type: z.literal("top_bottom"),
    position: z.enum(["Top", "Bottom"]),
    rank: z.number().int().min(1).max(1_000),
    percent: z.boolean().optional(),
    fillColor: color.optional(),
  }),
  z.object({ type: z.literal("text_contains"), text: z.string().min(1).max(255), fillColor: color.optional(), fontColor: color.optional() }),
  z.object({ type: z.literal("blanks"), fillColor: color.optional() }),
  z.object({ type: z.literal("errors"), fillColor: color.optional() }),
  z.object({
    type: z.literal("custom_formula"),
    formula: z.string().min(1).max(1_000).describe("A formula that is TRUE for cells to format, relative to the range's top-left cell"),
    fillColor: color.optional(),
    fontColor: color.optional(),
  }),
]);

const addConditionalFormatInput = z.object({ address, rule: conditionalRule, explanation });

const createTableInput = z.object({
  address,
  hasHeaders: z.boolean(),
  name: z
    .string()
    .regex(/^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/, "a table name: letters, digits, _ and ., starting with a letter")
    .optional(),
  style: z.string().max(60).optional().describe('Built-in table style, e.g. "TableStyleMedium2"'),
  explanation,
});

const sortRangeInput = z.object({
  address,
  hasHeaders: z.boolean(),
  keys: z
    .array(
      z.object({
        column: z.string().regex(/^\$?[A-Za-z]{1,3}$/, "a column letter").describe("Sheet column letter inside the range, e.g. C"),
        ascending: z.boolean(),
      }),
    )
    .min(1)
    .max(3),
  explanation,
});

const filterRangeInput = z.object({
  address,
  column: z.string().regex(/^\$?[A-Za-z]{1,3}$/, "a column letter").describe("Sheet column letter to filter on"),
  criteria: z.discriminatedUnion("type", [
    z.object({ type: z.literal("values"), values: z.array(z.string().max(255)).min(1).max(1_000) }),
    z.object({
      type: z.literal("condition"),
      operator: z.enum(["GreaterThan", "GreaterThanOrEqual", "LessThan", "LessThanOrEqual", "EqualTo", "NotEqualTo", "Contains"]),
      value: z.union([z.string().max(255), z.number()]),
    }),
    z.object({ type: z.literal("top_items"), count: z.number().int().min(1).max(1_000) }),
    z.object({ type: z.literal("clear") }),
  ]),
  explanation,
});

const addChartInput = z.object({
  sourceAddress: address.describe("Data for the chart including the header row, e.g. Sheet1!A1:C13"),
  chartType: z.enum(["Line", "ColumnClustered", "BarClustered", "XYScatter", "Pie", "Area", "Doughnut", "ColumnStacked"]),
  title: z.string().max(255).optional(),
  seriesBy: z.enum(["Auto", "Columns", "Rows"]).optional(),
  anchor: z
    .string()
    .regex(/^\$?[A-Za-z]{1,3}\$?[0-9]{1,7}$/, "a cell address")
    .optional()
    .describe("Top-left cell where the chart goes, on the same sheet"),
  explanation,
});

export const EXCEL_TOOL_INPUTS = {
  write_range: writeRangeInput,
  format_range: formatRangeInput,
  add_conditional_format: addConditionalFormatInput,
  create_table: createTableInput,
  sort_range: sortRangeInput,
  filter_range: filterRangeInput,
  add_chart: addChartInput,
} as const;

export type ExcelToolName = keyof typeof EXCEL_TOOL_INPUTS;
export type ExcelToolInput<N extends ExcelToolName> = z.infer<(typeof EXCEL_TOOL_INPUTS)[N]>;

export function isExcelToolName(name: string): name is ExcelToolName {
  return Object.hasOwn(EXCEL_TOOL_INPUTS, name);
}

/**
 * The proposal tools offered to the model (none in read_only mode: see tools-for-request.ts).
 * Schemas are wrapped with zodSchema once, here: the SDK caches the JSON Schema on the wrapper,
 * whereas a bare zod schema is converted again on every model call (measurable per request).
 */
export const excelTools = {
  write_range: tool({
    description:
      "Propose writing constants or formulas into one range. The user approves before anything is written. Keep it to the cells the user asked about (at most 10,000 cells).",
    inputSchema: zodSchema(writeRangeInput),
  }),
  format_range: tool({
    description: "Propose number format, font, fill, alignment or column-width changes for one range.",
    inputSchema: zodSchema(formatRangeInput),
  }),
  add_conditional_format: tool({
    description: "Propose a conditional-formatting rule (value comparison, colour scale, data bar, top/bottom, text, blanks, errors, or formula) on one range.",
    inputSchema: zodSchema(addConditionalFormatInput),
  }),
  create_table: tool({
    description: "Propose converting one range into an Excel table.",
    inputSchema: zodSchema(createTableInput),
  }),
  sort_range: tool({
    description: "Propose sorting one range by up to three columns.",
    inputSchema: zodSchema(sortRangeInput),
  }),
  filter_range: tool({
    description: "Propose an AutoFilter on one column of a range (or clearing it).",
    inputSchema: zodSchema(filterRangeInput),
  }),
  add_chart: tool({
    description: "Propose adding a chart built from one source range.",
    inputSchema: zodSchema(addChartInput),
  }),
};

export type ExcelTools = typeof excelTools;
