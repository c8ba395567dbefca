// Analysis of an Excel selection without AI (docs/architecture.md): column types and statistics,
// overall data type, insights and recommendations. One pass over the cells, then work on typed
// arrays, so a million-cell selection takes a few hundred milliseconds.

import { buildTables, sheetRowOf } from "@/lib/excel/build-tables";
import { DEFAULT_CULTURE, cultureFor } from "@/lib/excel/culture";
import { setCulture } from "@/lib/excel/classify-cell";
import { detectTotals } from "@/lib/excel/detect-totals";
import { analyzeColumns, isNumericType, type ColumnWork } from "@/lib/excel/column-stats";
import { countDuplicateRows, detectInsights } from "@/lib/excel/detect-insights";
import { detectTimeAxis, detectTrends, isMeasure, type TimeAxis } from "@/lib/excel/detect-trends";
import { formatNumber } from "@/lib/excel/format-value";
import { quoteSheetName } from "@/lib/excel/parse-address";
import { recommend } from "@/lib/excel/recommend";
import { scanTable, type ScannedTable } from "@/lib/excel/scan-table";
import type { DataType, ExcelAnalysis, ExcelContext, Insight, InsightSeverity, TableAnalysis } from "@/lib/excel/types";
import type { TableSource } from "@/lib/excel/build-tables";

const MAX_INSIGHTS = 12;
const SEVERITY_ORDER: Record<InsightSeverity, number> = { critical: 0, warning: 1, info: 2 };

function dataTypeOf(columns: ColumnWork[], axis: TimeAxis | null): DataType {
  // Error columns count as what their other cells are.
  const used = columns.filter((c) => c.baseType !== "empty" && c.baseType !== "error");
  if (used.length === 0) return columns.some((c) => c.analysis.type === "error") ? "mixed" : "empty";
  const measures = columns.filter((c) => isMeasure(c, axis));
  if (axis && (axis.column === null || measures.length > 0)) return "temporal";
  const numeric = used.filter((c) => isNumericType(c.baseType)).length;
  const dates = used.filter((c) => c.baseType === "date").length;
  if (dates > 0 && dates + numeric === used.length && numeric > 0) return "temporal";
  if (dates === used.length) return "temporal";
  const ratio = numeric / used.length;
  if (ratio >= 0.7) return "numerical";
  if (ratio <= 0.3) return "categorical";
  return "mixed";
}

function summarise(t: Omit<TableAnalysis, "summary" | "insights" | "recommendations">, qualified: string): string {
  if (t.rowCount === 0 || t.dataType === "empty") return `No data in ${qualified}.`;
  const headers = t.columns.map((c) => c.header);
  const shown = headers.length > 6 ? `${headers.slice(0, 5).join(", ")}, … ${headers[headers.length - 1]}` : headers.join(", ");
  const rows = `${formatNumber(t.rowCount)} ${t.rowCount === 1 ? "row" : "rows"}`;
  const cols = `${t.columnCount} ${t.columnCount === 1 ? "column" : "columns"}`;
  const headerNote = t.hasHeader ? ` (${shown})` : " (no header row)";
  return `${rows} × ${cols}${headerNote} of ${t.dataType} data from ${qualified}.`;
}

function analyzeTable(source: TableSource): TableAnalysis {
  const table: ScannedTable = scanTable(source);
  const totals = detectTotals(table);
  const columns = analyzeColumns(table);
  const axis = detectTimeAxis(table, columns);
  const duplicates = countDuplicateRows(table);
  const insights: Insight[] = [...(totals ? [totals] : []), ...detectInsights(table, columns, duplicates), ...detectTrends(table, columns, axis)]
    .map((insight, i) => ({ insight, i }))
    .sort((a, b) => SEVERITY_ORDER[a.insight.severity] - SEVERITY_ORDER[b.insight.severity] || a.i - b.i)
    .slice(0, MAX_INSIGHTS)
    .map(({ insight }) => insight);
  const recommendations = recommend(table, columns, axis, insights);

  let missingCells = 0;
  let errorCells = 0;
  for (const c of columns) {
    missingCells += c.analysis.missing;
    errorCells += c.analysis.errors;
  }
  const rowCount = table.rows - table.bodyStart;
  const base = {
    address: source.address,
    sheet: source.sheet,
    hasHeader: table.hasHeader,
    headerRow: table.hasHeader ? source.startRow : null,
    firstDataRow: sheetRowOf(source, table.bodyStart),
    lastDataRow: sheetRowOf(source, table.rows - 1),
    rowCount,
    totalRows: table.excludedRows.map((r) => sheetRowOf(source, r)),
    columnCount: columns.length,
    totalCells: table.rows * columns.length,
    missingCells,
    errorCells,
    duplicateRows: duplicates.count,
    columns: columns.map((c) => c.analysis),
    dataType: dataTypeOf(columns, axis),
  };
  const sheet = source.sheet;
  const qualified = sheet ? source.address.split(",").map((a) => `${quoteSheetName(sheet)}!${a}`).join(",") : source.address;
  return { ...base, insights, recommendations, summary: summarise(base, qualified) };
}

function emptyAnalysis(context: ExcelContext | null): ExcelAnalysis {
  const where = context?.address ? ` in ${context.address}` : "";
  return {
    address: context?.address ?? "",
    sheet: context?.sheet ?? null,
    hasHeader: false,
    headerRow: null,
    firstDataRow: 0,
    lastDataRow: 0,
    rowCount: 0,
    totalRows: [],
    columnCount: 0,
    totalCells: 0,
    missingCells: 0,
    errorCells: 0,
    duplicateRows: 0,
    columns: [],
    dataType: "empty",
    insights: [],
    recommendations: [],
    summary: context?.address ? `No cell values were sent${where}.` : "No data selected.",
    tables: [],
    culture: context?.culture ?? DEFAULT_CULTURE,
    cultureSource: context?.culture ? "workbook" : "default",
  };
}

/**
 * Analyses every table in the selection; the primary one (the first area, joined with areas on
 * the same rows) is spread at the top level so most callers never look at `tables`.
 */
export function analyzeExcelContext(context: ExcelContext | null): ExcelAnalysis {
  if (!context || context.areas.length === 0) return emptyAnalysis(context);
  // Text numbers and dates are read in the workbook's culture (sent, or seen in the values).
  const { culture, source } = cultureFor(context);
  // A large range: the add-in analysed every cell; the sample it sent would only mislead.
  if (context.wholeAnalysis) return { ...context.wholeAnalysis, tables: [context.wholeAnalysis], culture, cultureSource: source };
  setCulture(culture);
  try {
    const tables = buildTables(context).map(analyzeTable);
    return { ...tables[0], tables, culture, cultureSource: source };
  } finally {
    setCulture(DEFAULT_CULTURE);
  }
}
