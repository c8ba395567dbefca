// Concrete next steps for the selection: formulas with real ranges (computed from where the data
// sits on the sheet, never assuming A1), charts that suit its shape, PivotTables for category ×
// figure data, and conditional formats for what the insights found. Suggested formulas pass the
// same formula policy as proposed edits: they echo the sheet's own formulas (IFERROR wrappers)
// and cell text (criteria), and a hostile sheet must not get a risky formula offered back.

import * as cc from "@/lib/excel/classify-cell";
import { cellAt, formulaAt, sheetRowOf } from "@/lib/excel/build-tables";
import { isAdditive, isMeasureRole } from "@/lib/excel/column-roles";
import type { ColumnWork } from "@/lib/excel/column-stats";
import { isMeasure, type TimeAxis } from "@/lib/excel/detect-trends";
import { civilMonth } from "@/lib/excel/civil-date";
import { isFormulaAllowed } from "@/lib/excel/formula/formula-policy";
import { cellAddress, rangeAddress } from "@/lib/excel/parse-address";
import type { ScannedTable } from "@/lib/excel/scan-table";
import type { ExcelChartType, Insight, Recommendation } from "@/lib/excel/types";

// Read once: transpiled imports are getters, too slow to call once per cell.
const { K_ERROR } = cc;

const MAX_FORMULAS = 5;

interface Frame {
  table: ScannedTable;
  /** Sheet row of the first row including the header. */
  topRow: number;
  firstDataRow: number;
  lastDataRow: number;
}

function label(c: ColumnWork): string {
  return c.analysis.header;
}

/** Measures by role, additive first: the main measure is the first one (never a code, month or year). */
function measuresOf(columns: ColumnWork[], axis: TimeAxis | null): ColumnWork[] {
  const measures = columns.filter((c) => isMeasure(c, axis));
  return [...measures.filter((c) => isAdditive(c.analysis.role)), ...measures.filter((c) => !isAdditive(c.analysis.role))];
}

/** Whether a whole-column formula would disagree with our figures (subtotal rows inside the range). */
function unsafeForWholeColumn(frame: Frame, c: ColumnWork): boolean {
  return frame.table.excludedRows.some((r) => r < frame.table.lastBodyRow) || c.analysis.numeric === null;
}

/** Column ranges for charts, header included; adjacent columns merge (`A1:C13`). */
function blockRange(frame: Frame, cols: ColumnWork[], firstRow = frame.topRow): string {
  const sorted = [...new Set(cols)].sort((a, b) => a.scan.source.sheetColumn - b.scan.source.sheetColumn);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].scan.source.sheetColumn === sorted[j].scan.source.sheetColumn + 1) j++;
    parts.push(rangeAddress(firstRow, sorted[i].scan.source.sheetColumn, frame.lastDataRow, sorted[j].scan.source.sheetColumn));
    i = j + 1;
  }
  return parts.join(",");
}

/** A criteria literal for SUMIFS/COUNTIF: quotes doubled, wildcards and operators escaped. */
function criterion(value: string): string {
  let v = value.replace(/[~*?]/g, (ch) => `~${ch}`);
  if (/^[=<>]/.test(v)) v = `=${v}`;
  return `"${v.replace(/"/g, '""')}"`;
}

function isCategory(c: ColumnWork): boolean {
  const a = c.analysis;
  return (a.type === "text" || a.type === "boolean") && a.role === "category" && a.distinct >= 2 && a.distinct <= 50 && a.distinct < a.count;
}

/** A numeric code with a handful of repeated values (sex 1/2, cylinders, segment): a way to group rows. */
function isCodeGroup(c: ColumnWork): boolean {
  const a = c.analysis;
  return a.role === "identifier" && a.numeric !== null && a.distinct >= 2 && a.distinct <= 10 && a.distinct < a.count && a.topValues.length > 0;
}

/** Grouping columns: text categories first, then small numeric codes. */
function categoriesOf(columns: ColumnWork[]): ColumnWork[] {
  return [...columns.filter(isCategory), ...columns.filter(isCodeGroup)];
}

function isLabel(c: ColumnWork): boolean {
  const a = c.analysis;
  return a.type === "text" && a.distinct === a.count && a.count >= 2;
}

function averageLength(c: ColumnWork): number {
  const top = c.analysis.topValues;
  if (top.length === 0) return 0;
  return top.reduce((n, t) => n + t.value.length, 0) / top.length;
}

function chart(
  chartType: "line" | "column" | "bar" | "scatter" | "pie",
  range: string,
  cols: ColumnWork[],
  message: string,
): Recommendation {
  const excel: Record<typeof chartType, ExcelChartType> = {
    line: "Line",
    column: "ColumnClustered",
    bar: "BarClustered",
    scatter: "XYScatter",
    pie: "Pie",
  };
  return { kind: "chart", chartType, excelChartType: excel[chartType], range, columns: cols.map((c) => c.analysis.column), message };
}

function formula(text: string, cols: ColumnWork[], message: string): Recommendation {
  return { kind: "formula", formula: text, columns: [...new Set(cols.map((c) => c.analysis.column))], message };
}

function errorFormulas(frame: Frame, columns: ColumnWork[], insights: Insight[]): Recommendation[] {
  const errorInsight = insights.find((i) => i.kind === "errors");
  if (errorInsight?.kind !== "errors") return [];
  const out: Recommendation[] = [];
  // Wrap the actual formula behind the first error of (up to) two columns, when the add-in sent
  // formulas: #N/A from a lookup gets IFNA, anything else IFERROR.
  for (const first of columns.filter((c) => c.analysis.errors > 0).slice(0, 2)) {
    for (let r = frame.table.bodyStart; r < frame.table.rows; r++) {
      if (first.scan.kinds[r] !== K_ERROR) continue;
      const f = formulaAt(first.scan.source, r);
      const address = cellAddress(sheetRowOf(frame.table.source, r), first.scan.source.sheetColumn);
      if (typeof f === "string" && f.startsWith("=") && f.length > 1 && !/^=\s*IF(ERROR|NA)\(/i.test(f)) {
        const inner = f.slice(1);
        const value = String(cellAt(first.scan.source, r) ?? "").trim().toUpperCase();
        const useIfna = value === "#N/A" && /(V|H|X)LOOKUP|MATCH/i.test(inner);
        out.push(
          formula(
            useIfna ? `=IFNA(${inner},"Not found")` : `=IFERROR(${inner},"")`,
            [first],
            useIfna
              ? `The lookup in ${address} finds no match; IFNA shows "Not found" instead of #N/A. Fill it down column ${first.analysis.column}.`
              : `Wrap the formula in ${address} with IFERROR so ${value || "errors"} show as blanks; fill it down column ${first.analysis.column}.`,
          ),
        );
      }
      break;
    }
  }
  const dataBlock = blockRange(frame, columns, frame.firstDataRow);
  if (!dataBlock.includes(",")) {
    out.push(formula(`=SUMPRODUCT(--ISERROR(${dataBlock}))`, columns, `Counts the error cells in ${dataBlock} (${errorInsight.count} now), to track the clean-up.`));
  }
  const numericWithErrors = columns.find((c) => c.analysis.numeric !== null && c.analysis.errors > 0 && isMeasureRole(c.analysis.role));
  if (numericWithErrors) {
    const additive = isAdditive(numericWithErrors.analysis.role);
    out.push(
      formula(
        `=AGGREGATE(${additive ? 9 : 1},6,${numericWithErrors.analysis.dataRange})`,
        [numericWithErrors],
        `${additive ? "Sums" : "Averages"} ${label(numericWithErrors)} while skipping its ${numericWithErrors.analysis.errors} error cells (${additive ? "SUM" : "AVERAGE"} would return an error).`,
      ),
    );
  }
  return out;
}

function formulas(frame: Frame, columns: ColumnWork[], axis: TimeAxis | null, insights: Insight[]): Recommendation[] {
  const out: Recommendation[] = [...errorFormulas(frame, columns, insights)];
  const measures = measuresOf(columns, axis);
  const categories = categoriesOf(columns);
  const measure = measures[0];
  const category = categories[0];

  if (category && measure && category.analysis.topValues.length > 0) {
    const top = category.analysis.topValues[0];
    const crit = category.analysis.numeric ? top.value : top.value.length <= 40 ? criterion(top.value) : `"${top.value.slice(0, 40).replace(/"/g, '""')}*"`;
    const agg = isAdditive(measure.analysis.role) ? "SUMIFS" : "AVERAGEIFS";
    out.push(
      formula(
        `=${agg}(${measure.analysis.dataRange},${category.analysis.dataRange},${crit})`,
        [measure, category],
        `${agg === "SUMIFS" ? "Total" : "Average"} ${label(measure)} for ${label(category)} "${top.value}"; change the criterion for other ${label(category)} values.`,
      ),
    );
  }

  if (axis?.basis === "date_column" && axis.column?.analysis.date && measure) {
    const last = axis.column.analysis.date.maxSerial;
    const { y, m } = civilMonth(last);
    const d = axis.column.analysis.dataRange;
    const additive = isAdditive(measure.analysis.role);
    const fn = additive ? "SUMIFS" : "AVERAGEIFS";
    const what = `${additive ? "Total" : "Average"} ${label(measure)}`;
    // Yearly data gets the latest year, other data the latest month.
    out.push(
      axis.period === "year"
        ? formula(
            `=${fn}(${measure.analysis.dataRange},${d},">="&DATE(${y},1,1),${d},"<"&DATE(${y + 1},1,1))`,
            [measure, axis.column],
            `${what} for the latest year in the data (${y}); change the years to see others.`,
          )
        : formula(
            `=${fn}(${measure.analysis.dataRange},${d},">="&DATE(${y},${m},1),${d},"<"&EDATE(DATE(${y},${m},1),1))`,
            [measure, axis.column],
            `${what} for the latest month in the data (${y}-${String(m).padStart(2, "0")}); change the DATE to see other months.`,
          ),
    );
  }

  if (axis && axis.column === null && axis.periods.length >= 2) {
    const first = axis.periods[0];
    const last = axis.periods[axis.periods.length - 1];
    const row = frame.firstDataRow;
    const a = cellAddress(row, first.scan.source.sheetColumn);
    const b = cellAddress(row, last.scan.source.sheetColumn);
    out.push(
      formula(
        `=IFERROR((${b}-${a})/${a},"")`,
        [first, last],
        `Change from ${axis.labels[0]} to ${axis.labels[axis.labels.length - 1]} for row ${row} (format as %); fill down for every row.`,
      ),
    );
    const contiguous = axis.periods.every((c, i) => i === 0 || c.scan.source.sheetColumn === axis.periods[i - 1].scan.source.sheetColumn + 1);
    if (contiguous) {
      const additive = axis.periods.every((c) => isAdditive(c.analysis.role));
      out.push(
        formula(
          `=${additive ? "SUM" : "AVERAGE"}(${rangeAddress(row, first.scan.source.sheetColumn, row, last.scan.source.sheetColumn)})`,
          axis.periods,
          `Row ${additive ? "total" : "average"} across ${axis.labels[0]}–${axis.labels[axis.labels.length - 1]} for row ${row}; fill down for every row.`,
        ),
      );
    }
  } else if (measure && !unsafeForWholeColumn(frame, measure)) {
    const outlierInsight = insights.find((i) => i.kind === "outliers" && i.column === measure.analysis.column);
    const hasErrors = measure.analysis.errors > 0;
    if (!hasErrors) {
      if (isAdditive(measure.analysis.role)) out.push(formula(`=SUM(${measure.analysis.dataRange})`, [measure], `Total of ${label(measure)}.`));
      out.push(
        outlierInsight
          ? formula(`=MEDIAN(${measure.analysis.dataRange})`, [measure], `Typical ${label(measure)}; the median is not pulled by the outliers the way AVERAGE is.`)
          : formula(`=AVERAGE(${measure.analysis.dataRange})`, [measure], `Average ${label(measure)}.`),
      );
    } else {
      out.push(formula(`=AGGREGATE(1,6,${measure.analysis.dataRange})`, [measure], `Average ${label(measure)} ignoring its error cells.`));
    }
  }

  if (measures.length >= 2 && !(axis && axis.column === null) && !measures.slice(0, 2).some((c) => unsafeForWholeColumn(frame, c))) {
    const [x, y] = measures;
    out.push(formula(`=CORREL(${x.analysis.dataRange},${y.analysis.dataRange})`, [x, y], `How closely ${label(x)} and ${label(y)} move together (−1 to 1).`));
  }

  if (!measure && category) {
    const top = category.analysis.topValues[0];
    const crit = category.analysis.type === "boolean" || category.analysis.numeric ? top.value : criterion(top.value);
    const range = category.analysis.dataRange;
    out.push(formula(`=COUNTIF(${range},${crit})/COUNTA(${range})`, [category], `Share of ${label(category)} answers that are "${top.value}" (format as %).`));
    const other = categories.find((c) => c !== category && c.analysis.type === "text");
    if (other) {
      const o = other.analysis.topValues[0];
      out.push(
        formula(
          `=COUNTIFS(${range},${crit},${other.analysis.dataRange},${criterion(o.value)})`,
          [category, other],
          `How many "${top.value}" answers come from ${label(other)} "${o.value}"; vary both criteria for a cross-tab.`,
        ),
      );
    }
    const booleans = columns.filter((c) => c.analysis.type === "boolean" && c !== category);
    if (booleans[0]) {
      const br = booleans[0].analysis.dataRange;
      out.push(formula(`=COUNTIF(${br},TRUE)/COUNTA(${br})`, [booleans[0]], `Share of TRUE in ${label(booleans[0])} (format as %).`));
    }
  }

  const sparse = [...columns].filter((c) => c.analysis.missing > 0 && c.analysis.missing < c.analysis.cells).sort((a, b) => b.analysis.missing - a.analysis.missing)[0];
  if (sparse && sparse.analysis.missing / sparse.analysis.cells >= 0.1) {
    out.push(formula(`=COUNTBLANK(${sparse.analysis.dataRange})`, [sparse], `Blank cells left to fill in ${label(sparse)}.`));
  }
  return out.filter((r) => r.kind !== "formula" || isFormulaAllowed(r.formula)).slice(0, MAX_FORMULAS);
}

function charts(frame: Frame, columns: ColumnWork[], axis: TimeAxis | null): Recommendation[] {
  const out: Recommendation[] = [];
  const measures = measuresOf(columns, axis);
  const labels = columns.filter(isLabel);
  const categories = categoriesOf(columns);

  if (axis && axis.column === null) {
    const series = labels[0] ?? categories[0];
    const cols = series ? [series, ...axis.periods] : axis.periods;
    out.push(
      chart(
        "line",
        blockRange(frame, cols),
        cols,
        `Line chart of ${axis.labels[0]}–${axis.labels[axis.labels.length - 1]}${series ? ` with one line per ${label(series)}` : ""}, to compare the trends.`,
      ),
    );
    if (series && series.analysis.distinct <= 12) {
      out.push(chart("column", blockRange(frame, cols), cols, `Clustered column chart to compare ${label(series)} period by period.`));
    }
    return out;
  }
  if (axis?.column && measures.length > 0) {
    const cols = [axis.column, ...measures.slice(0, 3)];
    out.push(chart("line", blockRange(frame, cols), cols, `Line chart of ${measures.slice(0, 3).map(label).join(", ")} over ${label(axis.column)}.`));
    return out;
  }
  const measure = measures[0];
  const labelColumn = labels[0];
  if (labelColumn && measure) {
    const n = labelColumn.analysis.distinct;
    const numeric = measure.analysis.numeric;
    if (n <= 6 && numeric !== null && numeric.min >= 0 && isAdditive(measure.analysis.role)) {
      out.push(chart("pie", blockRange(frame, [labelColumn, measure]), [labelColumn, measure], `Pie chart of each ${label(labelColumn)}'s share of ${label(measure)} (${n} slices).`));
    }
    if (n <= 30) {
      const horizontal = n > 12 || averageLength(labelColumn) > 12;
      const cols = [labelColumn, ...measures.slice(0, 3)];
      out.push(
        chart(horizontal ? "bar" : "column", blockRange(frame, cols), cols, `${horizontal ? "Bar" : "Column"} chart comparing ${measures.slice(0, 3).map(label).join(", ")} by ${label(labelColumn)}.`),
      );
    }
  } else if (categories[0] && measure) {
    const cat = categories[0];
    out.push(
      chart(
        cat.analysis.distinct > 12 ? "bar" : "column",
        blockRange(frame, [cat, measure]),
        [cat, measure],
        `${cat.analysis.distinct > 12 ? "Bar" : "Column"} chart of ${isAdditive(measure.analysis.role) ? "total" : "average"} ${label(measure)} per ${label(cat)} — build it from the PivotTable below so each ${label(cat)} appears once.`,
      ),
    );
  }
  if (measures.length >= 2 && !labelColumn && !(categories[0] && measure)) {
    const [x, y] = measures;
    out.push(chart("scatter", blockRange(frame, [x, y]), [x, y], `Scatter chart of ${label(y)} against ${label(x)} to see whether they are related.`));
  }
  if (!measure && categories.length > 0) {
    const cat = categories[0];
    out.push(
      chart(
        "bar",
        blockRange(frame, [cat]),
        [cat],
        `Bar chart of how many rows fall in each ${label(cat)} (${cat.analysis.distinct} options) — count them with COUNTIF or a PivotTable first.`,
      ),
    );
  }
  return out;
}

function pivots(frame: Frame, columns: ColumnWork[], axis: TimeAxis | null): Recommendation[] {
  const measures = measuresOf(columns, axis);
  const categories = categoriesOf(columns);
  const range = blockRange(frame, columns);
  if (range.includes(",") || !frame.table.hasHeader) return [];
  const out: Recommendation[] = [];
  const category = categories[0];
  const measure = measures[0];
  if (category && measure) {
    const aggregation = isAdditive(measure.analysis.role) ? "sum" : "average";
    out.push({
      kind: "pivot_table",
      rows: category.analysis.header,
      values: measure.analysis.header,
      aggregation,
      range,
      message: `PivotTable of ${aggregation === "sum" ? "total" : "average"} ${label(measure)} by ${label(category)} (${category.analysis.distinct} groups)${categories[1] ? `; add ${label(categories[1])} as columns for a cross-tab` : ""}.`,
    });
  } else if (axis?.basis === "date_column" && axis.column && measure) {
    const additive = isAdditive(measure.analysis.role);
    out.push({
      kind: "pivot_table",
      rows: axis.column.analysis.header,
      values: measure.analysis.header,
      aggregation: additive ? "sum" : "average",
      range,
      message: `PivotTable of ${additive ? "total" : "average"} ${label(measure)} by ${label(axis.column)}, grouped by ${axis.period === "year" ? "year" : "month"}.`,
    });
  } else if (category) {
    out.push({
      kind: "pivot_table",
      rows: category.analysis.header,
      values: category.analysis.header,
      aggregation: "count",
      range,
      message: `PivotTable counting rows per ${label(category)}${categories[1] ? `, with ${label(categories[1])} as columns` : ""}.`,
    });
  }
  return out;
}

function conditionalFormats(frame: Frame, columns: ColumnWork[], axis: TimeAxis | null, insights: Insight[]): Recommendation[] {
  const out: Recommendation[] = [];
  const errorsFound = insights.find((i) => i.kind === "errors");
  const dataBlock = blockRange(frame, columns, frame.firstDataRow);
  if (errorsFound) out.push({ kind: "conditional_format", rule: "highlight_errors", range: dataBlock, message: `Highlight the error cells in ${dataBlock} so they are easy to find.` });
  const outlier = insights.find((i) => i.kind === "outliers");
  if (outlier?.kind === "outliers") {
    const c = columns.find((x) => x.analysis.column === outlier.column);
    if (c) out.push({ kind: "conditional_format", rule: "highlight_outliers", range: c.analysis.dataRange, message: `Highlight the ${outlier.count} outlier${outlier.count === 1 ? "" : "s"} in ${label(c)}.` });
  }
  if (axis && axis.column === null && axis.periods.length >= 3) {
    const block = blockRange(frame, axis.periods, frame.firstDataRow);
    out.push({ kind: "conditional_format", rule: "color_scale", range: block, message: `Colour scale on ${block} to spot strong and weak periods at a glance.` });
  }
  const blanks = insights.find((i) => i.kind === "missing_data" && i.ratio >= 0.1 && i.ratio < 1);
  if (blanks) out.push({ kind: "conditional_format", rule: "highlight_blanks", range: dataBlock, message: `Highlight blank cells in ${dataBlock} to see where data is missing.` });
  return out.slice(0, 2);
}

export function recommend(table: ScannedTable, columns: ColumnWork[], axis: TimeAxis | null, insights: Insight[]): Recommendation[] {
  if (table.rows - table.bodyStart === 0 || columns.every((c) => c.analysis.count === 0)) return [];
  const topRow = table.source.startRow;
  // Ranges stop before trailing total rows, so a suggested SUM does not count them twice.
  const frame: Frame = {
    table,
    topRow,
    firstDataRow: sheetRowOf(table.source, table.bodyStart),
    lastDataRow: sheetRowOf(table.source, Math.max(table.bodyStart, table.lastBodyRow)),
  };
  return [...formulas(frame, columns, axis, insights), ...charts(frame, columns, axis), ...pivots(frame, columns, axis), ...conditionalFormats(frame, columns, axis, insights)];
}

