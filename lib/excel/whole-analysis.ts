// The analysis of every cell of a large range, computed by the add-in (or the playground) and
// sent next to a sample of its rows. The server cannot recompute it (it only has the sample), so
// it is untrusted input read strictly: every number finite, every text capped and stripped of
// invisible characters, every count consistent with the range's declared size, every range and
// formula inside the range and passing the formula safety check. Anything off refuses the
// request with a message naming the field; nothing is silently believed.
//
// `toWholeAnalysis` is the client half: it trims an engine analysis to the wire shape.

import { z } from "zod";
import { stripInvisibleCharacters } from "@/lib/ai/prompts/strip-invisible-characters";
import { AppError } from "@/lib/errors/app-error";
import { checkFormula } from "@/lib/excel/formula/formula-policy";
import { tokenizeFormula } from "@/lib/excel/formula/tokenize-formula";
import { formatNumber } from "@/lib/excel/format-value";
import { columnLetter, parseAddress, parseAreaAddress, quoteSheetName, rangeAddress } from "@/lib/excel/parse-address";
import type { ColumnAnalysis, Insight, Recommendation, TableAnalysis } from "@/lib/excel/types";

/** Wire version; a client sending another one gets a clear refusal, not a misread. */
const VERSION = 2;
/** Columns described at most (the prompt shows far fewer); wider ranges describe their first ones. */
const WHOLE_ANALYSIS_MAX_COLUMNS = 200;
const MAX_INSIGHTS = 12;
const MAX_RECOMMENDATIONS = 12;
const MAX_TOP_VALUES = 5;
const MAX_ERROR_TYPES = 16;
const MAX_EXAMPLES = 10;
const HEADER_CHARS = 255;
const VALUE_CHARS = 200;
const MESSAGE_CHARS = 400;
const FORMULA_CHARS = 1_000;
/** Total and subtotal rows listed at most (a long report may have one per group). */
const MAX_TOTAL_ROWS = 10_000;

/** A string capped at `max` characters after removing invisible ones; 4× longer is refused. */
const text = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => stripInvisibleCharacters(s).slice(0, max));
const int = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const finite = z.number(); // zod refuses NaN and ±Infinity
const row = z.number().int().min(1).max(1_048_576);
const letters = z.string().regex(/^[A-Z]{1,3}$/);
const severity = z.enum(["info", "warning", "critical"]);
const cellKind = z.enum(["number", "currency", "percent", "date", "text", "boolean", "empty", "error"]);
const isoDate = z.string().regex(/^-?\d{4,6}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/);
const cellValue = z.union([text(VALUE_CHARS), finite, z.boolean(), z.null()]);
const cellExample = z.object({ address: z.string().max(12), value: cellValue }).strict();

const numericStats = z.object({ count: int, sum: finite, min: finite, max: finite, mean: finite, median: finite, std: finite.min(0), q1: finite, q3: finite }).strict();
const dateStats = z.object({ count: int, min: isoDate, max: isoDate, minSerial: finite, maxSerial: finite, spanDays: finite.min(0) }).strict();

const column = z
  .object({
    index: int,
    column: letters,
    header: text(HEADER_CHARS),
    type: cellKind,
    role: z.enum(["additive_measure", "non_additive_measure", "identifier", "year", "coordinate", "date_time", "category", "text"]),
    numbersAsText: int,
    kindCounts: z.object({ number: int, currency: int, percent: int, date: int, text: int, boolean: int, empty: int, error: int }).strict(),
    cells: int,
    count: int,
    missing: int,
    errors: int,
    errorsByType: z.record(z.string().max(16), int).refine((r) => Object.keys(r).length <= MAX_ERROR_TYPES, `at most ${MAX_ERROR_TYPES} error types`),
    distinct: int,
    distinctCapped: z.boolean(),
    topValues: z.array(z.object({ value: text(VALUE_CHARS), count: int }).strict()).max(MAX_TOP_VALUES),
    numeric: numericStats.nullable(),
    date: dateStats.nullable(),
    numberFormat: text(HEADER_CHARS).nullable(),
    currencySymbol: z.string().max(4).nullable(),
    dataRange: z.string().max(24),
  })
  .strict();

const message = text(MESSAGE_CHARS);
const insight = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("missing_data"), severity, message, column: letters.nullable(), header: text(HEADER_CHARS).nullable(), missing: int, ratio: z.number().min(0).max(1) }).strict(),
  z
    .object({ kind: z.literal("outliers"), severity, message, column: letters, header: text(HEADER_CHARS), count: int, lowerFence: finite, upperFence: finite, examples: z.array(cellExample).max(MAX_EXAMPLES) })
    .strict(),
  z.object({ kind: z.literal("high_variability"), severity, message, column: letters, header: text(HEADER_CHARS), cv: finite.min(0) }).strict(),
  z.object({ kind: z.literal("duplicates"), severity, message, count: int, exampleRows: z.array(row).max(MAX_EXAMPLES) }).strict(),
  z
    .object({
      kind: z.literal("trend"),
      severity,
      message,
      basis: z.enum(["date_column", "month_column", "year_column", "month_headers", "period_headers"]),
      direction: z.enum(["up", "down", "flat"]),
      changePercent: finite.nullable(),
      series: text(HEADER_CHARS),
      aggregation: z.enum(["total", "average"]),
      from: text(64),
      to: text(64),
    })
    .strict(),
  z
    .object({ kind: z.literal("errors"), severity, message, count: int, byType: z.record(z.string().max(16), int), examples: z.array(cellExample).max(MAX_EXAMPLES) })
    .strict(),
  z.object({ kind: z.literal("mixed_types"), severity, message, column: letters, header: text(HEADER_CHARS), count: int }).strict(),
  z
    .object({ kind: z.literal("numbers_as_text"), severity, message, column: letters, header: text(HEADER_CHARS), count: int, examples: z.array(cellExample).max(MAX_EXAMPLES) })
    .strict(),
  z.object({ kind: z.literal("totals"), severity, message, rows: z.array(row).max(MAX_TOTAL_ROWS), basis: z.enum(["label", "formula", "subtotal"]) }).strict(),
]);

const rangeText = z.string().max(400);
const recommendation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("formula"), message, formula: z.string().max(FORMULA_CHARS), columns: z.array(letters).max(WHOLE_ANALYSIS_MAX_COLUMNS) }).strict(),
  z
    .object({
      kind: z.literal("chart"),
      message,
      chartType: z.enum(["line", "column", "bar", "scatter", "pie"]),
      excelChartType: z.enum(["Line", "ColumnClustered", "BarClustered", "XYScatter", "Pie"]),
      range: rangeText,
      columns: z.array(letters).max(WHOLE_ANALYSIS_MAX_COLUMNS),
    })
    .strict(),
  z
    .object({ kind: z.literal("pivot_table"), message, rows: text(HEADER_CHARS), values: text(HEADER_CHARS), aggregation: z.enum(["sum", "average", "count"]), range: rangeText })
    .strict(),
  z
    .object({ kind: z.literal("conditional_format"), message, range: rangeText, rule: z.enum(["highlight_outliers", "highlight_errors", "highlight_blanks", "color_scale"]) })
    .strict(),
]);

/** The wire shape of `selectedRange.analysis`. */
export const wholeAnalysisSchema = z
  .object({
    version: z.literal(VERSION),
    hasHeader: z.boolean(),
    headerRow: row.nullable(),
    firstDataRow: row,
    lastDataRow: row,
    rowCount: int,
    totalRows: z.array(row).max(MAX_TOTAL_ROWS),
    columnCount: int,
    totalCells: int,
    missingCells: int,
    errorCells: int,
    duplicateRows: int,
    dataType: z.enum(["numerical", "categorical", "temporal", "mixed", "empty"]),
    columns: z.array(column).max(WHOLE_ANALYSIS_MAX_COLUMNS),
    insights: z.array(insight).max(MAX_INSIGHTS),
    recommendations: z.array(recommendation).max(MAX_RECOMMENDATIONS),
  })
  .strict()
  .meta({
    id: "WholeRangeAnalysis",
    description:
      "The analysis of every cell of a range too large to send, computed by the add-in with the same engine the server runs. Sent with a sample of the rows (`sampledRows`); checked strictly against the range's declared size.",
  });

export type WholeAnalysis = z.infer<typeof wholeAnalysisSchema>;

/** Where the analysed range sits on its sheet (1-based, header row included). */
export interface WholeAnalysisRange {
  sheet: string | null;
  startRow: number;
  startColumn: number;
  rowCount: number;
  columnCount: number;
}

/** Trims an engine analysis of a whole range to what is sent (the first columns, capped lists). */
export function toWholeAnalysis(table: TableAnalysis): WholeAnalysis {
  const columns = table.columns.slice(0, WHOLE_ANALYSIS_MAX_COLUMNS).map((c) => ({ ...c, topValues: c.topValues.slice(0, MAX_TOP_VALUES) }));
  const shown = new Set(columns.map((c) => c.column));
  return {
    version: VERSION,
    hasHeader: table.hasHeader,
    headerRow: table.headerRow,
    firstDataRow: table.firstDataRow,
    lastDataRow: table.lastDataRow,
    rowCount: table.rowCount,
    totalRows: table.totalRows.slice(0, MAX_TOTAL_ROWS),
    columnCount: table.columnCount,
    totalCells: table.totalCells,
    missingCells: table.missingCells,
    errorCells: table.errorCells,
    duplicateRows: table.duplicateRows,
    dataType: table.dataType,
    columns,
    insights: table.insights.slice(0, MAX_INSIGHTS),
    recommendations: table.recommendations.filter((r) => !("columns" in r) || r.columns.every((c) => shown.has(c))).slice(0, MAX_RECOMMENDATIONS),
  } as WholeAnalysis;
}

class Invalid extends Error {}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Invalid(what);
}

const EPS = 1e-9;
const le = (a: number, b: number) => a <= b + EPS * Math.max(1, Math.abs(a), Math.abs(b));

function insideRange(address: string, range: WholeAnalysisRange): boolean {
  const parsed = parseAddress(address);
  if (!parsed || parsed.areas.length === 0) return false;
  const lastRow = range.startRow + range.rowCount - 1;
  const lastColumn = range.startColumn + range.columnCount - 1;
  return parsed.areas.every(
    (a) =>
      (a.sheet === null || a.sheet === range.sheet) &&
      a.startRow >= range.startRow &&
      a.endRow <= lastRow &&
      a.startColumn >= range.startColumn &&
      a.endColumn <= lastColumn,
  );
}

/** A suggested formula must pass the safety check and read only cells of the range. */
function checkSuggestedFormula(formula: string, range: WholeAnalysisRange): boolean {
  if (!formula.startsWith("=") || checkFormula(formula).length > 0) return false;
  const { tokens, error } = tokenizeFormula(formula);
  if (error) return false;
  for (const token of tokens) {
    if ("prefix" in token && token.prefix) return false;
    if (token.kind === "structured" || token.kind === "bracketed") return false;
    if (token.kind === "name" && /^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$/i.test(token.text)) {
      const area = parseAreaAddress(token.text.replace(/\$/g, ""));
      if (!area || !insideRange(rangeAddress(area.startRow, area.startColumn, area.endRow, area.endColumn), range)) return false;
    }
  }
  return true;
}

function checkColumn(c: ColumnAnalysis, i: number, a: WholeAnalysis, range: WholeAnalysisRange): void {
  const at = `columns.${i}`;
  expect(c.index === i, `${at}.index must be ${i}`);
  expect(c.column === columnLetter(range.startColumn + i), `${at}.column must be ${columnLetter(range.startColumn + i)}`);
  expect(c.cells === a.rowCount - a.totalRows.length, `${at}.cells must equal rowCount less the total rows`);
  expect(c.count + c.missing === c.cells, `${at}.count + missing must equal cells`);
  const kinds = Object.values(c.kindCounts).reduce((s, n) => s + n, 0);
  expect(kinds === c.cells && c.kindCounts.empty === c.missing && c.kindCounts.error === c.errors, `${at}.kindCounts must add up to cells, missing and errors`);
  expect(Object.values(c.errorsByType).reduce((s, n) => s + n, 0) === c.errors, `${at}.errorsByType must add up to errors`);
  expect(c.distinct <= c.count, `${at}.distinct cannot exceed count`);
  expect(c.numbersAsText <= c.count, `${at}.numbersAsText cannot exceed count`);
  expect(c.topValues.every((t) => t.count >= 1 && t.count <= c.count), `${at}.topValues counts must be within count`);
  const letter = c.column;
  // The data range stops before trailing total rows.
  const end = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(c.dataRange);
  const endRow = end ? Number(end[4]) : 0;
  expect(
    end !== null && end[1] === letter && end[3] === letter && Number(end[2]) === a.firstDataRow && endRow >= a.firstDataRow && endRow <= Math.max(a.firstDataRow, a.lastDataRow) && endRow >= a.lastDataRow - a.totalRows.length,
    `${at}.dataRange must span the data rows`,
  );
  const s = c.numeric;
  if (s) {
    expect(s.count >= 1 && s.count <= c.count, `${at}.numeric.count must be within count`);
    expect(le(s.min, s.q1) && le(s.q1, s.median) && le(s.median, s.q3) && le(s.q3, s.max), `${at}.numeric must satisfy min ≤ q1 ≤ median ≤ q3 ≤ max`);
    expect(le(s.min, s.mean) && le(s.mean, s.max), `${at}.numeric.mean must lie between min and max`);
    const bound = s.count * Math.max(Math.abs(s.min), Math.abs(s.max));
    expect(Math.abs(s.sum) <= bound * (1 + 1e-6) + EPS, `${at}.numeric.sum is impossible for its count, min and max`);
    expect(Math.abs(s.sum - s.mean * s.count) <= 1e-6 * Math.max(1, Math.abs(s.sum)), `${at}.numeric.mean must equal sum / count`);
  }
  const d = c.date;
  if (d) {
    expect(d.count >= 1 && d.count <= c.count, `${at}.date.count must be within count`);
    expect(le(d.minSerial, d.maxSerial), `${at}.date.minSerial cannot exceed maxSerial`);
  }
}

function checkInsight(insight: Insight, i: number, a: WholeAnalysis, range: WholeAnalysisRange, letters: Set<string>): void {
  const at = `insights.${i}`;
  if ("column" in insight && insight.column !== null) expect(letters.has(insight.column), `${at}.column must be a column of the range`);
  if ("examples" in insight) expect(insight.examples.every((e) => insideRange(e.address, range)), `${at}.examples must be cells of the range`);
  if (insight.kind === "duplicates") {
    expect(insight.count <= a.duplicateRows, `${at}.count cannot exceed duplicateRows`);
    expect(insight.exampleRows.every((r) => r >= a.firstDataRow && r <= a.lastDataRow), `${at}.exampleRows must be data rows`);
  }
  if (insight.kind === "missing_data") expect(insight.missing <= a.missingCells, `${at}.missing cannot exceed missingCells`);
  if (insight.kind === "errors") expect(insight.count <= a.errorCells, `${at}.count cannot exceed errorCells`);
  if (insight.kind === "outliers" || insight.kind === "mixed_types" || insight.kind === "numbers_as_text") expect(insight.count <= a.rowCount, `${at}.count cannot exceed rowCount`);
  if (insight.kind === "totals") expect(insight.rows.every((r) => a.totalRows.includes(r)), `${at}.rows must be listed in totalRows`);
}

function checkRecommendation(r: Recommendation, i: number, range: WholeAnalysisRange, letters: Set<string>): void {
  const at = `recommendations.${i}`;
  if (r.kind === "formula") expect(checkSuggestedFormula(r.formula, range), `${at}.formula must pass the formula safety check and read only cells of the range`);
  else expect(insideRange(r.range, range), `${at}.range must lie inside the range`);
  if ("columns" in r) expect(r.columns.every((c) => letters.has(c)), `${at}.columns must be columns of the range`);
}

function check(a: WholeAnalysis, range: WholeAnalysisRange): void {
  const lastRow = range.startRow + range.rowCount - 1;
  expect(a.columnCount === range.columnCount, `columnCount must equal the range's ${range.columnCount} columns`);
  expect(a.headerRow === (a.hasHeader ? range.startRow : null), "headerRow must be the range's first row when hasHeader, else null");
  expect(a.firstDataRow === range.startRow + (a.hasHeader ? 1 : 0), "firstDataRow must follow the header");
  expect(a.lastDataRow === lastRow, `lastDataRow must be the range's last row (${lastRow})`);
  expect(a.rowCount === range.rowCount - (a.hasHeader ? 1 : 0), "rowCount must equal the range's rows without the header");
  expect(a.totalCells === range.rowCount * range.columnCount, "totalCells must equal rowCount × columnCount of the range");
  expect(a.columns.length === Math.min(range.columnCount, WHOLE_ANALYSIS_MAX_COLUMNS), `columns must describe the first ${Math.min(range.columnCount, WHOLE_ANALYSIS_MAX_COLUMNS)} columns`);
  expect(a.missingCells <= a.totalCells && a.errorCells <= a.totalCells, "missingCells and errorCells cannot exceed totalCells");
  expect(a.duplicateRows < Math.max(1, a.rowCount), "duplicateRows must be fewer than rowCount");
  expect(a.totalRows.length < Math.max(1, a.rowCount) && a.totalRows.every((r, i) => r >= a.firstDataRow && r <= a.lastDataRow && (i === 0 || r > a.totalRows[i - 1])), "totalRows must be increasing data rows, fewer than rowCount");
  let missing = 0;
  let errors = 0;
  a.columns.forEach((c, i) => {
    checkColumn(c, i, a, range);
    missing += c.missing;
    errors += c.errors;
  });
  const complete = a.columns.length === a.columnCount;
  expect(complete ? missing === a.missingCells : missing <= a.missingCells, "missingCells must add up over the columns");
  expect(complete ? errors === a.errorCells : errors <= a.errorCells, "errorCells must add up over the columns");
  const letters = new Set(a.columns.map((c) => c.column));
  for (const [i, insight] of a.insights.entries()) checkInsight(insight, i, a, range, letters);
  for (const [i, r] of a.recommendations.entries()) checkRecommendation(r, i, range, letters);
}

function describeRange(range: WholeAnalysisRange): string {
  return rangeAddress(range.startRow, range.startColumn, range.startRow + range.rowCount - 1, range.startColumn + range.columnCount - 1);
}

function summaryOf(a: WholeAnalysis, range: WholeAnalysisRange): string {
  const local = describeRange(range);
  const qualified = range.sheet ? `${quoteSheetName(range.sheet)}!${local}` : local;
  if (a.rowCount === 0 || a.dataType === "empty") return `No data in ${qualified}.`;
  const headers = a.columns.map((c) => c.header);
  const shown = headers.length > 6 ? `${headers.slice(0, 5).join(", ")}, … ${headers[headers.length - 1]}` : headers.join(", ");
  const rows = `${formatNumber(a.rowCount)} ${a.rowCount === 1 ? "row" : "rows"}`;
  const cols = `${a.columnCount} ${a.columnCount === 1 ? "column" : "columns"}`;
  return `${rows} × ${cols}${a.hasHeader ? ` (${shown})` : " (no header row)"} of ${a.dataType} data from ${qualified}.`;
}

/**
 * Validates `selectedRange.analysis` against the range it describes and returns it as the
 * engine's table analysis. Throws `AppError("bad_request")` naming what is wrong.
 */
export function readWholeAnalysis(input: unknown, range: WholeAnalysisRange): TableAnalysis {
  const parsed = wholeAnalysisSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ["selectedRange", "analysis", ...(issue?.path ?? [])].map(String).join(".");
    throw new AppError("bad_request", `The selection's analysis could not be read (${path}): ${issue?.message ?? "invalid"}.`);
  }
  const a = parsed.data;
  try {
    check(a, range);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    throw new AppError("bad_request", `The selection's analysis does not match the selection (${describeRange(range)}): ${error.message}.`);
  }
  const { version: _version, ...rest } = a;
  return { ...rest, address: describeRange(range), sheet: range.sheet, summary: summaryOf(a, range) } as TableAnalysis;
}
