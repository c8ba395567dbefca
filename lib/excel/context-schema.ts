// The Excel context the add-in sends (the original add-in's shape), read liberally because add-ins
// already in the field send many variants: bare address strings, bare sheet names, zero counts,
// ragged rows, extra fields, multi-area selections. Only a context we cannot use at all, or one
// over the plan's cell limit, is refused — with a message that says what to do.

import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { readCulture } from "@/lib/excel/culture";
import { MAX_ROWS, parseAddress, rangeAddress } from "@/lib/excel/parse-address";
import type { CellValue, ExcelArea, ExcelContext, ParseExcelContextLimits, TableAnalysis } from "@/lib/excel/types";
import { readWholeAnalysis } from "@/lib/excel/whole-analysis";

const MAX_NAME_LENGTH = 255;
const MAX_ADDRESS_LENGTH = 10_000;
/** A sample is a few hundred rows; more numbers than this is not a sample. */
const MAX_SAMPLED_ROWS = 100_000;

/** Optional metadata: a wrong type is dropped, never an error. */
const name = z
  .string()
  .transform((s) => s.trim().slice(0, MAX_NAME_LENGTH))
  .optional()
  .catch(undefined);
const address = z
  .string()
  .max(MAX_ADDRESS_LENGTH)
  .transform((s) => s.trim())
  .optional()
  .catch(undefined);
const count = z.coerce.number().int().min(0).optional().catch(undefined);

/**
 * Rows are checked one level deep only: validating each of a million cells through zod would
 * cost more than the whole analysis. Cells are coerced later by `parseExcelContext`.
 */
const grid = z.array(z.unknown()).nullish();
const optionalGrid = grid.catch(undefined);

const rangeObject = z.object({
  address,
  values: grid,
  formulas: optionalGrid,
  numberFormat: optionalGrid,
  /** Some add-ins pluralise it. */
  numberFormats: optionalGrid,
  rowCount: count,
  columnCount: count,
  // --- Large selections (rows sampled; the whole range analysed by the add-in) ---
  sampledRows: z
    .array(z.number().int().min(1).max(MAX_ROWS))
    .max(MAX_SAMPLED_ROWS)
    .optional()
    .meta({
      description:
        "1-based sheet row of each row of `values` when only a sample of the range's rows is sent: strictly increasing, the first is the range's first row. `rowCount` stays the whole range's. Without `analysis`, figures are computed from the sample and the model is told so.",
    }),
  // Read strictly by `readWholeAnalysis` once the range's size is known; documented as its schema.
  analysis: z
    .unknown()
    .optional()
    .meta({ override: { $ref: "#/components/schemas/WholeRangeAnalysis" } }),
  // --- end large selections ---
});

const range = z.union([z.string().max(MAX_ADDRESS_LENGTH), rangeObject]);

/** The workbook's separators and date order; anything unusable is dropped (the values then decide). */
const culture = z
  .object({
    decimalSeparator: z.string().max(1).meta({ description: "`.` in en-US, `,` in de-DE." }),
    thousandsSeparator: z.string().max(1).meta({ description: "`,` in en-US, `.` in de-DE, a space in fr-FR; may be empty." }),
    dateOrder: z.enum(["MDY", "DMY", "YMD"]).meta({ description: "Order of day, month and year in the workbook's short dates." }),
  })
  .nullish()
  .catch(undefined)
  .meta({ description: "How the workbook writes numbers and dates, so text cells such as `3.504` or `05/03/2024` are read as the user means them." });
const named = z.union([z.string(), z.object({ name }).loose()]).nullish().catch(undefined);

/**
 * The context as the add-in sends it. Embed it in route body schemas
 * (`context: excelContextSchema.nullish()`), then pass the result to `parseExcelContext`.
 */
export const excelContextSchema = z
  .object({
    selectedRange: range.nullish(),
    worksheet: named,
    workbook: named,
    areas: z.array(range).nullish(),
    // A few early add-ins sent the range itself as the context.
    address,
    values: grid,
    formulas: optionalGrid,
    numberFormat: optionalGrid,
    rowCount: count,
    columnCount: count,
    culture,
  })
  .loose()
  .meta({
    id: "ExcelContext",
    description:
      "The selection as the add-in reads it from Office.js. Read liberally: missing or extra fields, zero counts and ragged rows are not errors. More cells than the plan allows is a `bad_request` naming the limit.",
    examples: [
      {
        selectedRange: {
          address: "Sheet1!A1:C3",
          values: [
            ["Region", "Q1", "Q2"],
            ["North", 1200, 1350],
            ["South", 980, 1010],
          ],
          rowCount: 3,
          columnCount: 3,
        },
        worksheet: { name: "Sheet1" },
        workbook: { name: "Budget.xlsx" },
      },
    ],
  });

/**
 * The `context` field of a chat request body. The route takes it as is and `parseExcelContext`
 * reads it (so a wrong field gets its message, and a million cells are not validated twice);
 * the API description shows the shape it is read with, or a bare address string.
 */
export const excelContextField = z
  .unknown()
  .optional()
  .meta({
    override: {
      anyOf: [
        { $ref: "#/components/schemas/ExcelContext" },
        { type: "string", description: "A bare range address, e.g. `Sheet1!A1:C20`." },
        { type: "null" },
      ],
    },
  });

export type RawExcelContext = z.infer<typeof excelContextSchema>;
type RawRange = z.infer<typeof rangeObject>;

function nameOf(value: RawExcelContext["worksheet"]): string | null {
  if (typeof value === "string") return value.trim().slice(0, MAX_NAME_LENGTH) || null;
  return value?.name || null;
}

function toRange(value: string | RawRange | null | undefined): RawRange | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return { address: value.trim() };
  return value;
}

/** Rows as arrays: a flat list of scalars is one row, a scalar row becomes a one-cell row. */
function rowsOf(grid: unknown[] | null | undefined): unknown[][] {
  if (!grid || grid.length === 0) return [];
  let anyArray = false;
  for (let i = 0; i < grid.length; i++) {
    if (Array.isArray(grid[i])) {
      anyArray = true;
      break;
    }
  }
  if (!anyArray) return [grid];
  const rows: unknown[][] = new Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    const row = grid[i];
    rows[i] = Array.isArray(row) ? row : row === null || row === undefined ? [] : [row];
  }
  return rows;
}

function toCell(value: unknown): CellValue {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value as CellValue;
    case "number":
      return Number.isFinite(value) ? (value as number) : "#NUM!";
    case "bigint":
      return Number(value);
    case "undefined":
      return null;
    case "object":
      if (value === null) return null;
      // Rich values (entities, linked data types) are summarised, not dropped.
      try {
        return JSON.stringify(value).slice(0, 200);
      } catch {
        return String(value);
      }
    default:
      return String(value);
  }
}

/** Reuses a row untouched when every cell is already a CellValue (the common case, no copy). */
function cleanRow(row: unknown[]): CellValue[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    const t = typeof v;
    if (!(t === "string" || v === null || t === "boolean" || (t === "number" && Number.isFinite(v as number)))) {
      const out: CellValue[] = new Array(row.length);
      for (let j = 0; j < row.length; j++) out[j] = toCell(row[j]);
      return out;
    }
  }
  return row as CellValue[];
}

function cleanFormatRow(row: unknown[]): (string | null)[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v !== "string" && v !== null) {
      const out: (string | null)[] = new Array(row.length);
      for (let j = 0; j < row.length; j++) out[j] = typeof row[j] === "string" ? (row[j] as string) : null;
      return out;
    }
  }
  return row as (string | null)[];
}

/**
 * Office.js returns one format per cell, but a 1×1 `numberFormat` for a larger range is how some
 * add-ins say "the whole range has this format": it is expanded lazily by the reader.
 */
function cleanFormats(grid: unknown[] | null | undefined): (string | null)[][] | null {
  const rows = rowsOf(grid);
  if (rows.length === 0) return null;
  for (let r = 0; r < rows.length; r++) rows[r] = cleanFormatRow(rows[r]);
  return rows as (string | null)[][];
}

function cleanFormulas(grid: unknown[] | null | undefined): CellValue[][] | null {
  const rows = rowsOf(grid);
  if (rows.length === 0) return null;
  for (let r = 0; r < rows.length; r++) rows[r] = cleanRow(rows[r]);
  return rows as CellValue[][];
}

interface PendingArea {
  rows: unknown[][];
  width: number;
  range: RawRange;
  /** Position from the selection's address when the area has none of its own. */
  fallbackIndex: number;
}

function widthOf(rows: unknown[][]): number {
  let width = 0;
  for (let r = 0; r < rows.length; r++) if (rows[r].length > width) width = rows[r].length;
  return width;
}

interface IssueLike {
  path: PropertyKey[];
  errors?: IssueLike[][];
}

/** Inside a union, the branch that got furthest names the field that is wrong. */
function deepestPath(issues: readonly IssueLike[], prefix: PropertyKey[] = []): PropertyKey[] {
  let best: PropertyKey[] = prefix;
  for (const issue of issues) {
    const here = [...prefix, ...issue.path];
    if (here.length > best.length) best = here;
    for (const branch of issue.errors ?? []) {
      const inner = deepestPath(branch, here);
      if (inner.length > best.length) best = inner;
    }
  }
  return best;
}

function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * Validates and normalises the context. Returns null when there is no context at all.
 * Throws `AppError("bad_request")` when it is unusable or carries more cells than `maxCells`.
 */
export function parseExcelContext(input: unknown, limits: ParseExcelContextLimits): ExcelContext | null {
  if (input === null || input === undefined) return null;
  const candidate = typeof input === "string" ? { selectedRange: input } : input;
  const parsed = excelContextSchema.safeParse(candidate);
  if (!parsed.success) {
    const path = deepestPath(parsed.error.issues);
    const where = path.length > 0 ? ` (${path.map(String).join(".")})` : "";
    throw new AppError(
      "bad_request",
      `The Excel context could not be read${where}: expected a selection with an address and a 2-D array of cell values.`,
    );
  }
  const raw = parsed.data;

  const selected: RawRange | null =
    toRange(raw.selectedRange) ??
    (raw.address !== undefined || raw.values
      ? { address: raw.address, values: raw.values, formulas: raw.formulas, numberFormat: raw.numberFormat, rowCount: raw.rowCount, columnCount: raw.columnCount }
      : null);
  const worksheet = nameOf(raw.worksheet);
  const workbook = nameOf(raw.workbook);
  const selectionAddress = selected?.address || null;
  const parsedSelection = selectionAddress ? parseAddress(selectionAddress) : null;

  // `areas` carries the cells of a multi-area selection; otherwise `selectedRange` does. Using
  // both would count the first area twice.
  const rawAreas = (raw.areas ?? []).map(toRange).filter((a): a is RawRange => a !== null);
  const areasWithCells = rawAreas.filter((a) => a.values && a.values.length > 0);
  const sources: RawRange[] = areasWithCells.length > 0 ? areasWithCells : selected?.values && selected.values.length > 0 ? [selected] : [];

  const pending: PendingArea[] = [];
  let totalCells = 0;
  for (let i = 0; i < sources.length; i++) {
    const rows = rowsOf(sources[i].values);
    const width = widthOf(rows);
    if (rows.length === 0 || width === 0) continue;
    totalCells += rows.length * width;
    pending.push({ rows, width, range: sources[i], fallbackIndex: i });
  }

  if (totalCells > limits.maxCells) {
    throw new AppError(
      "bad_request",
      `The selection has ${formatCount(totalCells)} cells; your plan allows at most ${formatCount(limits.maxCells)} cells per request. Select a smaller range.`,
      { details: { cells: totalCells, limit: limits.maxCells } },
    );
  }

  const areas: ExcelArea[] = pending.map((p) => {
    const own = p.range.address ? parseAddress(p.range.address) : null;
    const located = own?.areas[0] ?? parsedSelection?.areas[p.fallbackIndex] ?? parsedSelection?.areas[0] ?? null;
    const sheet = located?.sheet ?? worksheet;
    const startRow = located?.startRow ?? 1;
    const startColumn = located?.startColumn ?? 1;
    const values = p.rows as CellValue[][];
    for (let r = 0; r < values.length; r++) values[r] = cleanRow(p.rows[r]);
    const sheetRows = sampledRowsOf(p.range, values.length, startRow);
    const lastRow = sheetRows ? sheetRows[sheetRows.length - 1] : startRow + values.length - 1;
    return {
      address: rangeAddress(startRow, startColumn, lastRow, startColumn + p.width - 1, sheet),
      sheet,
      startRow,
      startColumn,
      rowCount: values.length,
      columnCount: p.width,
      values,
      formulas: cleanFormulas(p.range.formulas),
      numberFormat: cleanFormats(p.range.numberFormat ?? p.range.numberFormats),
      sheetRows,
    };
  });
  const wholeAnalysis = wholeAnalysisOf(selected, sources, areas);

  const culture = readCulture(raw.culture);
  return {
    address: selectionAddress ?? (areas.length > 0 ? areas.map((a) => a.address).join(",") : null),
    sheet: worksheet ?? parsedSelection?.sheet ?? areas[0]?.sheet ?? null,
    workbook,
    areas,
    totalCells,
    declaredRowCount: selected?.rowCount || null,
    declaredColumnCount: selected?.columnCount || null,
    wholeAnalysis,
    ...(culture ? { culture } : {}),
  };
}

// --- Large selections: sampled rows and the add-in's analysis of every cell ---

function badSample(message: string): AppError {
  return new AppError("bad_request", `The Excel context's sampledRows ${message}.`);
}

/**
 * The sheet rows of a sampled area: one per row sent, strictly increasing, starting at the
 * area's first row and ending inside its declared size. Null when the rows are contiguous.
 */
function sampledRowsOf(range: RawRange, rows: number, startRow: number): number[] | null {
  const sampled = range.sampledRows;
  if (!sampled) return null;
  if (sampled.length !== rows) throw badSample(`has ${formatCount(sampled.length)} entries for ${formatCount(rows)} rows of values; send one sheet row per row`);
  if (sampled[0] !== startRow) throw badSample(`must start at the range's first row (${startRow})`);
  for (let i = 1; i < sampled.length; i++) {
    if (sampled[i] <= sampled[i - 1]) throw badSample("must be strictly increasing");
  }
  const declared = range.rowCount;
  const last = sampled[sampled.length - 1];
  if (declared && last > startRow + declared - 1) throw badSample(`names row ${last}, past the range's ${formatCount(declared)} rows`);
  return sampled;
}

/** The validated whole-range analysis, sent on `selectedRange` for a single-area selection. */
function wholeAnalysisOf(selected: RawRange | null, sources: RawRange[], areas: ExcelArea[]): TableAnalysis | null {
  if (!selected || selected.analysis === undefined || selected.analysis === null) return null;
  if (sources.length !== 1 || sources[0] !== selected || areas.length !== 1) {
    throw new AppError("bad_request", "The selection's analysis is accepted only with the cells of a single-area selection in selectedRange.");
  }
  const area = areas[0];
  if (!selected.rowCount || !selected.columnCount) {
    throw new AppError("bad_request", "A selection sent with its analysis must declare rowCount and columnCount (the whole range's size).");
  }
  return readWholeAnalysis(selected.analysis, {
    sheet: area.sheet,
    startRow: area.startRow,
    startColumn: area.startColumn,
    rowCount: selected.rowCount,
    columnCount: selected.columnCount,
  });
}
// --- end large selections ---
