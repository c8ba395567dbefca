// Shrinks a selection into prompt text that fits a token budget: where it is, per-column
// statistics, a sample of rows (first, evenly spaced, last) and the main findings. It steps down
// through fixed levels of detail until the estimate fits, so the same selection always yields the
// same text, and the summary says exactly what was sent.

import { analyzeExcelContext } from "@/lib/excel/analyze-selection";
import { buildTables, cellAt, sheetRowOf, type TableSource } from "@/lib/excel/build-tables";
import { classifyCell, excelSerialToIso } from "@/lib/excel/classify-cell";
import { isAdditive, isMeasureRole, roleLabel } from "@/lib/excel/column-roles";
import { describeCulture } from "@/lib/excel/culture";
import { estimateTokens } from "@/lib/excel/estimate-tokens";
import { formatForType, formatNumber } from "@/lib/excel/format-value";
import type {
  CellValue,
  ColumnAnalysis,
  CompactContext,
  CompactContextOptions,
  CompactContextSummary,
  FigureCoverage,
  ExcelAnalysis,
  ExcelContext,
  TableAnalysis,
} from "@/lib/excel/types";

/** Default prompt budget for the selection, in estimated tokens. */
export const DEFAULT_TOKEN_BUDGET = 3_000;

interface Level {
  /** Data rows shown from the start, evenly spaced through the middle, and from the end. */
  head: number;
  middle: number;
  tail: number;
  /** Longest cell text shown before it is cut with "…". */
  cellChars: number;
  /** Columns shown in statistics and rows. */
  columns: number;
  /** Full statistics (quartiles, std, top values) or the short form. */
  fullStats: boolean;
  findings: number;
}

/** From richest to leanest; the first level that fits the budget is used. */
const LEVELS: Level[] = [
  { head: 12, middle: 10, tail: 6, cellChars: 48, columns: 40, fullStats: true, findings: 8 },
  { head: 10, middle: 8, tail: 4, cellChars: 32, columns: 30, fullStats: true, findings: 6 },
  { head: 8, middle: 6, tail: 3, cellChars: 24, columns: 24, fullStats: true, findings: 5 },
  { head: 6, middle: 4, tail: 2, cellChars: 20, columns: 20, fullStats: false, findings: 4 },
  { head: 5, middle: 3, tail: 2, cellChars: 16, columns: 16, fullStats: false, findings: 3 },
  { head: 4, middle: 2, tail: 1, cellChars: 14, columns: 12, fullStats: false, findings: 2 },
  { head: 3, middle: 1, tail: 1, cellChars: 12, columns: 8, fullStats: false, findings: 1 },
  { head: 2, middle: 0, tail: 1, cellChars: 10, columns: 5, fullStats: false, findings: 0 },
  { head: 1, middle: 0, tail: 0, cellChars: 8, columns: 3, fullStats: false, findings: 0 },
];

/**
 * Cell and label text on one line, unable to fake a column or a row: backslashes, pipes and
 * every kind of line break are escaped, other control characters become spaces.
 */
function escapeCellText(text: string, maxChars: number): { text: string; cut: boolean } {
  let s = text;
  let cut = false;
  if (s.length > maxChars) {
    s = `${s.slice(0, Math.max(1, maxChars - 1))}…`;
    cut = true;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
  if (/[\\|\r\n\u2028\u2029\u0085\u0000-\u001f\u007f]/.test(s)) {
    s = s
      .replace(/\\/g, "\\\\")
      .replace(/\|/g, "\\|")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks (vertical tab and form feed too) become \n
      .replace(/\r\n|[\r\n\u2028\u2029\u0085\u000b\u000c]/g, "\\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: any other control character becomes a space
      .replace(/[\u0000-\u001f\u007f]/g, " ");
  }
  return { text: s, cut };
}

function plainNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}

function renderCell(value: CellValue, format: string | null, column: ColumnAnalysis | undefined, maxChars: number): { text: string; cut: boolean } {
  if (value === null) return { text: "", cut: false };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", cut: false };
  if (typeof value === "number") {
    const { kind } = classifyCell(value, format);
    if (kind === "date") return { text: excelSerialToIso(value), cut: false };
    if (kind === "percent") return { text: `${plainNumber(value * 100)}%`, cut: false };
    if (kind === "currency") return { text: `${column?.currencySymbol ?? "$"}${plainNumber(value)}`, cut: false };
    if (column?.type === "date" && Number.isInteger(value)) return { text: excelSerialToIso(value), cut: false };
    return { text: plainNumber(value), cut: false };
  }
  return escapeCellText(value, maxChars);
}

function q(text: string): string {
  return `"${escapeCellText(text, 60).text.replace(/"/g, "'")}"`;
}

/** Round once, to the precision shown: years and codes plain, measures as the column shows them. */
function formatStat(n: number, c: ColumnAnalysis): string {
  if (c.role === "year" || c.role === "identifier") return plainNumber(n);
  if (c.role === "coordinate") return String(Number(n.toFixed(6)));
  return formatForType(n, c.type, c.currencySymbol);
}

/**
 * One column's figures, as its role allows: sums only for additive measures; averages and
 * spread for non-additive ones; for identifiers and codes only counts and frequent values; for
 * years and coordinates their range.
 */
function statsLine(c: ColumnAnalysis, full: boolean): string {
  const role = c.role === c.type ? "" : `, ${roleLabel(c.role)}`;
  const head = `${c.column} ${q(c.header)} ${c.type}${c.currencySymbol ? ` (${c.currencySymbol})` : ""}${role}:`;
  const parts: string[] = [`n=${c.count}`];
  if (c.missing > 0) parts.push(`blank=${c.missing}`);
  if (c.errors > 0) {
    const byType = Object.entries(c.errorsByType)
      .map(([t, n]) => `${t}×${n}`)
      .join(" ");
    parts.push(`errors=${c.errors}${full ? ` (${byType})` : ""}`);
  }
  if (c.numbersAsText > 0) parts.push(`numbers stored as text=${c.numbersAsText}`);
  const fmt = (n: number) => formatStat(n, c);
  if (c.numeric && isMeasureRole(c.role)) {
    const s = c.numeric;
    parts.push(`min=${fmt(s.min)}`, `max=${fmt(s.max)}`, `mean=${fmt(s.mean)}`);
    if (full) parts.push(`median=${fmt(s.median)}`, `std=${fmt(s.std)}`, `q1=${fmt(s.q1)}`, `q3=${fmt(s.q3)}`);
    if (full && isAdditive(c.role)) parts.push(`sum=${fmt(s.sum)}`);
  } else if (c.numeric && (c.role === "year" || c.role === "coordinate")) {
    parts.push(`min=${fmt(c.numeric.min)}`, `max=${fmt(c.numeric.max)}`);
  } else if (c.date) {
    parts.push(`from=${c.date.min}`, `to=${c.date.max}`);
  }
  if (c.type !== "empty" && c.type !== "error") parts.push(`distinct=${formatNumber(c.distinct)}${c.distinctCapped ? "+" : ""}`);
  const top = c.topValues.slice(0, full ? 5 : 2);
  const showTop = c.type === "text" || c.type === "boolean" || full || c.role === "identifier";
  if (top.length > 0 && showTop && !(c.numeric && c.distinct > 10)) {
    const anyRepeat = top.some((t) => t.count > 1);
    if (anyRepeat || c.type === "boolean") parts.push(`top=${top.map((t) => `${escapeCellText(t.value, 24).text}×${t.count}`).join(", ")}`);
  }
  return `- ${head} ${parts.join("; ")}`;
}

/** Data-row indexes (0-based within the data rows) to show: first, evenly spaced, last. */
function sampleRows(dataRows: number, level: Level): number[] {
  const want = level.head + level.middle + level.tail;
  if (dataRows <= want) return Array.from({ length: dataRows }, (_, i) => i);
  const picked = new Set<number>();
  for (let i = 0; i < level.head; i++) picked.add(i);
  for (let i = 0; i < level.tail; i++) picked.add(dataRows - 1 - i);
  const start = level.head;
  const end = dataRows - level.tail; // exclusive
  for (let k = 1; k <= level.middle; k++) picked.add(start + Math.floor((k * (end - start)) / (level.middle + 1)));
  return [...picked].sort((a, b) => a - b);
}

interface Rendered {
  text: string;
  rowsSampled: number;
  columnsIncluded: number;
  truncated: boolean;
}

/** Which rows the figures describe: every cell (here or in the add-in) or a sample of the rows. */
function coverageOf(context: ExcelContext, analysis: ExcelAnalysis, source: TableSource | null): FigureCoverage {
  const header = analysis.hasHeader ? 1 : 0;
  if (context.wholeAnalysis) return { basis: "every_cell", computedBy: "add-in", dataRows: analysis.rowCount, analysedRows: analysis.rowCount };
  // The range's real height: up to its last sampled row, or the declared size of a single area.
  const span = source?.sheetRows ? source.sheetRows[source.sheetRows.length - 1] - source.startRow + 1 : 0;
  const declared = Math.max(span, context.areas.length === 1 ? (context.declaredRowCount ?? 0) : 0);
  const sent = source?.rowCount ?? 0;
  const sampled = source !== null && declared > sent;
  if (sampled) return { basis: "sample", computedBy: "server", dataRows: Math.max(0, declared - header), analysedRows: analysis.rowCount };
  return { basis: "every_cell", computedBy: "server", dataRows: analysis.rowCount, analysedRows: analysis.rowCount };
}

function coverageHeading(coverage: FigureCoverage): string {
  if (coverage.basis === "sample") {
    return `figures from a SAMPLE of ${formatNumber(coverage.analysedRows)} of ${formatNumber(coverage.dataRows)} data rows, not the whole selection`;
  }
  if (coverage.computedBy === "add-in") return `figures over all ${formatNumber(coverage.dataRows)} data rows, computed by the add-in from every cell`;
  return `figures over all ${formatNumber(coverage.dataRows)} data rows`;
}

function render(context: ExcelContext, analysis: ExcelAnalysis, source: TableSource | null, level: Level, coverage: FigureCoverage): Rendered {
  const lines: string[] = [];
  let truncated = false;
  const where = [
    context.workbook ? `Workbook: ${q(context.workbook)}` : null,
    context.sheet ? `Sheet: ${q(context.sheet)}` : null,
    context.address ? `Selection: ${escapeCellText(context.address, 200).text}` : null,
  ].filter(Boolean);
  if (where.length > 0) lines.push(where.join(" | "));

  const table: TableAnalysis = analysis;
  if (!source || table.columnCount === 0) {
    lines.push(analysis.summary);
    return { text: lines.join("\n"), rowsSampled: 0, columnsIncluded: 0, truncated: false };
  }
  lines.push(`Table: ${table.summary}`);
  if (analysis.cultureSource !== "default") lines.push(`Text numbers and dates read as: ${describeCulture(analysis.culture)} (${analysis.cultureSource === "workbook" ? "the workbook's settings" : "seen in the values"}).`);
  if (table.totalRows.length > 0) lines.push(`Total/subtotal rows left out of the statistics: ${table.totalRows.slice(0, 8).join(", ")}${table.totalRows.length > 8 ? " …" : ""}.`);
  const shownColumns = Math.min(level.columns, table.columnCount);
  if (shownColumns < table.columnCount) truncated = true;
  const columns = table.columns.slice(0, shownColumns);

  lines.push(`Columns (${shownColumns < table.columnCount ? `first ${shownColumns} of ${table.columnCount}; ` : ""}${coverageHeading(coverage)}):`);
  for (const c of columns) lines.push(statsLine(c, level.fullStats));
  if (!level.fullStats) truncated = true;

  // Rows: sheet row number first, then one cell per shown column, `|`-separated. The rows come
  // from what was sent (all rows, or the add-in's sample), labelled with their real sheet rows.
  const bodyStart = table.hasHeader ? 1 : 0;
  const sentDataRows = Math.max(0, source.rowCount - bodyStart);
  const picks = sampleRows(sentDataRows, level);
  const rowsShown = picks.length + (table.hasHeader ? 1 : 0);
  const totalRows = coverage.dataRows + (table.hasHeader ? 1 : 0);
  if (rowsShown < totalRows) truncated = true;
  lines.push(
    `Rows (${formatNumber(rowsShown)} of ${formatNumber(totalRows)}; first column is the sheet row; "|" separates cells, "\\|" and "\\n" inside a cell are a literal pipe and line break):`,
  );
  lines.push(`row | ${columns.map((c) => c.column).join(" | ")}`);
  const renderRow = (r: number): string => {
    const cells: string[] = [];
    for (let j = 0; j < columns.length; j++) {
      const col = source.columns[j];
      const fmtRow = col.area.numberFormat;
      const format = fmtRow ? (fmtRow.length === 1 && fmtRow[0].length === 1 ? fmtRow[0][0] : (fmtRow[r]?.[col.offset] ?? null)) : null;
      const out = renderCell(cellAt(col, r), format, table.columns[j], level.cellChars);
      if (out.cut) truncated = true;
      cells.push(out.text);
    }
    return `${sheetRowOf(source, r)} | ${cells.join(" | ")}`;
  };
  if (table.hasHeader) lines.push(renderRow(0));
  const omitted = (n: number) => {
    if (n > 0) lines.push(`… ${formatNumber(n)} ${n === 1 ? "row" : "rows"} omitted …`);
  };
  let previous = table.firstDataRow - 1;
  for (const i of picks) {
    const sheetRow = sheetRowOf(source, bodyStart + i);
    omitted(sheetRow - previous - 1);
    lines.push(renderRow(bodyStart + i));
    previous = sheetRow;
  }
  if (picks.length > 0) omitted(table.lastDataRow - previous);

  const findings = analysis.insights.slice(0, level.findings);
  if (findings.length < analysis.insights.length) truncated = true;
  if (findings.length > 0) {
    lines.push("Findings:");
    for (const f of findings) lines.push(`- ${escapeCellText(f.message, 300).text}`);
  }
  if (analysis.tables.length > 1) {
    lines.push("Other selected areas (statistics only):");
    for (const t of analysis.tables.slice(1, 1 + Math.max(1, level.findings))) lines.push(`- ${escapeCellText(t.summary, 300).text}`);
    truncated = true;
  }
  return { text: lines.join("\n"), rowsSampled: rowsShown, columnsIncluded: shownColumns, truncated };
}

/** Cuts text to a budget as a last resort (a budget too small for even the leanest level). */
function hardCut(text: string, budget: number): string {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (estimateTokens(text.slice(0, mid)) + 1 <= budget) lo = mid;
    else hi = mid - 1;
  }
  const cut = text.slice(0, lo);
  const lastLine = cut.lastIndexOf("\n");
  return `${lastLine > 0 ? cut.slice(0, lastLine) : cut}\n…`;
}

/**
 * Prompt-sized text for the selection and a summary of exactly what it contains. Pass the
 * analysis when you already have it; otherwise it is computed.
 */
export function buildCompactContext(
  context: ExcelContext | null,
  analysis?: ExcelAnalysis | null,
  options: CompactContextOptions = {},
): CompactContext {
  const budget = Math.max(1, Math.floor(options.tokenBudget ?? DEFAULT_TOKEN_BUDGET));
  const base: Omit<CompactContextSummary, "rowsSampled" | "columnsIncluded" | "estimatedTokens" | "truncated" | "coverage"> = {
    address: context?.address ?? null,
    sheet: context?.sheet ?? null,
    workbook: context?.workbook ?? null,
    totalCells: context?.totalCells ?? 0,
    totalRows: 0,
    totalColumns: 0,
  };
  if (!context) {
    const text = "No Excel selection was sent.";
    const coverage: FigureCoverage = { basis: "every_cell", computedBy: "server", dataRows: 0, analysedRows: 0 };
    return { text, summary: { ...base, rowsSampled: 0, columnsIncluded: 0, estimatedTokens: estimateTokens(text), truncated: false, coverage } };
  }
  const full = analysis ?? analyzeExcelContext(context);
  const source = context.areas.length > 0 ? buildTables(context)[0] : null;
  base.totalColumns = full.columnCount;

  const coverage = coverageOf(context, full, source);
  base.totalRows = full.columnCount > 0 ? coverage.dataRows + (full.hasHeader ? 1 : 0) : 0;
  let rendered = render(context, full, source, LEVELS[0], coverage);
  let tokens = estimateTokens(rendered.text);
  for (const level of LEVELS.slice(1)) {
    if (tokens <= budget) break;
    rendered = render(context, full, source, level, coverage);
    tokens = estimateTokens(rendered.text);
  }
  let { text, truncated } = rendered;
  if (tokens > budget) {
    text = hardCut(text, budget);
    tokens = estimateTokens(text);
    truncated = true;
  }
  return {
    text,
    summary: {
      ...base,
      rowsSampled: rendered.rowsSampled,
      columnsIncluded: rendered.columnsIncluded,
      estimatedTokens: tokens,
      truncated,
      coverage,
    },
  };
}
