// Types shared by the Excel context parser, the analysis engine and the compact-context builder.
// The prompt builder, the offline analyst and the dashboard playground code against these names,
// so they stay stable: add fields, do not rename them.

/** A cell as Office.js reports it; anything else the add-in sends is coerced to one of these. */
export type CellValue = string | number | boolean | null;

/** One rectangular block of cells, positioned on the sheet so formulas can cite real addresses. */
export interface ExcelArea {
  /** Sheet-qualified A1 address of the block, e.g. `Sheet1!B3:D20` or `'My Sheet'!A1:B2`. */
  address: string;
  /** Sheet name from the address (unquoted), or the worksheet name, or null when unknown. */
  sheet: string | null;
  /** 1-based sheet row of `values[0]`. */
  startRow: number;
  /** 1-based sheet column of `values[r][0]` (A = 1). */
  startColumn: number;
  /** Number of rows in `values`. */
  rowCount: number;
  /** Width of the widest row in `values` (rows may be ragged; missing cells read as null). */
  columnCount: number;
  values: CellValue[][];
  /** Same shape as `values` when the add-in sent formulas; null otherwise. */
  formulas: CellValue[][] | null;
  /** Same shape as `values` when the add-in sent number formats; null otherwise. */
  numberFormat: (string | null)[][] | null;
  /**
   * 1-based sheet row of each entry of `values` when the add-in sent a sample of the range's
   * rows (strictly increasing; the first is `startRow`); absent when the rows are contiguous.
   */
  sheetRows?: number[] | null;
}

/** How the workbook writes numbers and dates (Excel's application settings for its culture). */
export interface WorkbookCulture {
  /** `.` in en-US, `,` in de-DE. */
  decimalSeparator: string;
  /** `,` in en-US, `.` in de-DE, a space in fr-FR, `'` in de-CH; may be empty. */
  thousandsSeparator: string;
  /** Order of day, month and year in short dates: 03/25/2024 (MDY), 25.03.2024 (DMY), 2024-03-25 (YMD). */
  dateOrder: "MDY" | "DMY" | "YMD";
}

/** The Excel context after liberal parsing: one clean shape whatever the add-in version sent. */
export interface ExcelContext {
  /** The whole selection as reported (may be multi-area: `Sheet1!A1:B2,Sheet1!D1:D5`), or null. */
  address: string | null;
  sheet: string | null;
  workbook: string | null;
  /** Blocks that carry cells, in selection order; empty when only an address was sent. */
  areas: ExcelArea[];
  /** Cells actually received (sum of each area's rowCount × columnCount). */
  totalCells: number;
  /** Dimensions the add-in declared (`rowCount`/`columnCount`); may exceed what was sent. */
  declaredRowCount: number | null;
  declaredColumnCount: number | null;
  /**
   * The analysis of every cell of the range, computed by the add-in when it sent only a sample
   * of the rows (validated against the declared size); null or absent otherwise.
   */
  wholeAnalysis?: TableAnalysis | null;
  /** The workbook's separators and date order when the add-in sent them (unusable values are dropped). */
  culture?: WorkbookCulture | null;
}

export interface ParseExcelContextLimits {
  /** Most cells one request may carry for the caller's plan. */
  maxCells: number;
}

// ---------------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------------

/** Kind of a single cell after looking at its value and number format. */
export type CellKind = "number" | "currency" | "percent" | "date" | "text" | "boolean" | "empty" | "error";

/** Inferred type of a column: the dominant kind of its non-empty data cells. */
export type ColumnType = CellKind;

/**
 * What a column's numbers mean, which decides the figures that make sense: totals only for
 * additive measures; averages and distributions for non-additive ones (rates, percentages,
 * prices per unit, temperatures, scores); no statistics at all for identifiers and codes.
 */
export type ColumnRole =
  | "additive_measure"
  | "non_additive_measure"
  | "identifier"
  | "year"
  | "coordinate"
  | "date_time"
  | "category"
  | "text";

/** Overall character of a selection; drives the system prompt (the original add-in's types). */
export type DataType = "numerical" | "categorical" | "temporal" | "mixed" | "empty";

export interface NumericStats {
  count: number;
  sum: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  /** Sample standard deviation (Excel's STDEV.S); 0 when count < 2. */
  std: number;
  /** Quartiles by Excel's QUARTILE.INC method. */
  q1: number;
  q3: number;
}

export interface DateStats {
  count: number;
  /** ISO dates (`yyyy-mm-dd`, or with time when a time part exists). */
  min: string;
  max: string;
  /** Excel serial numbers of min and max (1900 date system). */
  minSerial: number;
  maxSerial: number;
  spanDays: number;
}

export interface TopValue {
  value: string;
  count: number;
}

export interface ColumnAnalysis {
  /** 0-based position of the column in the analysed table. */
  index: number;
  /** Sheet column letter, e.g. `C` — real, not assumed to start at A. */
  column: string;
  /** Header text, or `Column C` when the table has no header row. */
  header: string;
  type: ColumnType;
  /** What the values mean (from the header, the number format and the values). */
  role: ColumnRole;
  /**
   * Text cells that hold a number ("1,200" typed as text), which Excel's SUM and AVERAGE skip;
   * counted when the sheet has real numbers too (0 for an all-text paste such as a CSV).
   */
  numbersAsText: number;
  /** Non-empty data cells per kind (the type is the dominant one). */
  kindCounts: Record<CellKind, number>;
  /** Data cells (header excluded). */
  cells: number;
  /** Non-empty data cells. */
  count: number;
  /** Empty data cells (null, "" or whitespace). */
  missing: number;
  errors: number;
  /** Error cells by error text, e.g. `{"#N/A": 3, "#DIV/0!": 1}`. */
  errorsByType: Record<string, number>;
  /** Distinct non-empty values of every type (text case-sensitive, numbers and dates by value). */
  distinct: number;
  /** True when there were too many values to count exactly: `distinct` is then an estimate (±10%). */
  distinctCapped: boolean;
  /** Most frequent non-empty values, most frequent first (at most 5). */
  topValues: TopValue[];
  /** For number, currency and percent columns (also error-type columns whose other cells are numbers). */
  numeric: NumericStats | null;
  /** For date columns (also error-type columns whose other cells are dates). */
  date: DateStats | null;
  /** Most common number format among the data cells, when the add-in sent formats. */
  numberFormat: string | null;
  /** Currency symbol seen in values or formats (`$`, `€`, `£`…), for currency columns. */
  currencySymbol: string | null;
  /** Data cells of this column as a sheet-local range, e.g. `C2:C20`. */
  dataRange: string;
}

export type InsightSeverity = "info" | "warning" | "critical";

interface InsightBase {
  severity: InsightSeverity;
  /** One short sentence a user can read. */
  message: string;
}

export interface CellExample {
  /** Sheet-local cell address, e.g. `C14`. */
  address: string;
  value: CellValue;
}

export type Insight =
  | (InsightBase & {
      kind: "missing_data";
      /** Column letter, or null for the whole table. */
      column: string | null;
      header: string | null;
      missing: number;
      /** Share of cells missing, 0..1. */
      ratio: number;
    })
  | (InsightBase & {
      kind: "outliers";
      column: string;
      header: string;
      count: number;
      lowerFence: number;
      upperFence: number;
      examples: CellExample[];
    })
  | (InsightBase & {
      kind: "high_variability";
      column: string;
      header: string;
      /** Coefficient of variation, std / |mean|. */
      cv: number;
    })
  | (InsightBase & {
      kind: "duplicates";
      /** Data rows that repeat an earlier row exactly. */
      count: number;
      /** Sheet row numbers of the first few repeats. */
      exampleRows: number[];
    })
  | (InsightBase & {
      kind: "trend";
      /**
       * What the time axis is: a date column, a column of month names, a year column, month
       * names in the header row (Jan..Dec), or other period headers (Q1..Q4, 2021..2024).
       */
      basis: "date_column" | "month_column" | "year_column" | "month_headers" | "period_headers";
      direction: "up" | "down" | "flat";
      /** Change from the first to the last period, in percent; null when the start is 0. */
      changePercent: number | null;
      /** The series measured: a numeric column header, or `Total` across rows. */
      series: string;
      /** What is compared per period: the total (additive measures) or the average (rates, prices, temperatures…). */
      aggregation: "total" | "average";
      from: string;
      to: string;
    })
  | (InsightBase & {
      kind: "errors";
      count: number;
      byType: Record<string, number>;
      examples: CellExample[];
    })
  | (InsightBase & {
      kind: "numbers_as_text";
      column: string;
      header: string;
      /** Text cells holding numbers. */
      count: number;
      examples: CellExample[];
    })
  | (InsightBase & {
      kind: "totals";
      /** Sheet rows recognised as totals or subtotals, left out of every statistic. */
      rows: number[];
      /** How they were recognised: a total label, a SUM/SUBTOTAL formula, or "All …" rows equal to the sum of the others. */
      basis: "label" | "formula" | "subtotal";
    })
  | (InsightBase & {
      kind: "mixed_types";
      column: string;
      header: string;
      /** Non-empty cells that do not match the column's type. */
      count: number;
    });

/** Office.js `Excel.ChartType` names, so the add-in can create the chart as recommended. */
export type ExcelChartType = "Line" | "ColumnClustered" | "BarClustered" | "XYScatter" | "Pie";

export type Recommendation =
  | {
      kind: "formula";
      message: string;
      /** Ready to paste, with ranges computed from the real address, e.g. `=AVERAGE(B2:B20)`. */
      formula: string;
      /** Column letters the formula reads. */
      columns: string[];
    }
  | {
      kind: "chart";
      message: string;
      chartType: "line" | "column" | "bar" | "scatter" | "pie";
      excelChartType: ExcelChartType;
      /** Source range including headers, e.g. `A1:A13,C1:C13`. */
      range: string;
      columns: string[];
    }
  | {
      kind: "pivot_table";
      message: string;
      /** Header of the row field (categorical). */
      rows: string;
      /** Header of the value field (numeric). */
      values: string;
      aggregation: "sum" | "average" | "count";
      /** Source range including the header row. */
      range: string;
    }
  | {
      kind: "conditional_format";
      message: string;
      /** Sheet-local range to format. */
      range: string;
      rule: "highlight_outliers" | "highlight_errors" | "highlight_blanks" | "color_scale";
    };

/** Analysis of one table (one area, or side-by-side areas sharing the same rows). */
export interface TableAnalysis {
  /** Sheet-local address(es) analysed, e.g. `A1:M5` or `A1:A20,C1:C20`. */
  address: string;
  sheet: string | null;
  hasHeader: boolean;
  /** Sheet row of the header, or null when there is none. */
  headerRow: number | null;
  /** Sheet rows of the first and last data row (equal to headerRow + 1 .. end). */
  firstDataRow: number;
  lastDataRow: number;
  /** Data rows (header excluded; total and subtotal rows included). */
  rowCount: number;
  /** Sheet rows of totals and subtotals, kept out of the statistics. */
  totalRows: number[];
  columnCount: number;
  totalCells: number;
  missingCells: number;
  errorCells: number;
  duplicateRows: number;
  columns: ColumnAnalysis[];
  dataType: DataType;
  insights: Insight[];
  recommendations: Recommendation[];
  /** One sentence, e.g. "12 rows × 13 columns (Region, Jan…Dec) of numerical data from Sheet1!A1:M13". */
  summary: string;
}

/** Analysis of the whole context: the primary table's fields at the top level, plus every table. */
export interface ExcelAnalysis extends TableAnalysis {
  /** The separators and date order text cells were read with, and where they came from. */
  culture: WorkbookCulture;
  cultureSource: "workbook" | "detected" | "default";
  /** `tables[0]` is the primary table (same as the top level); further entries are other areas. */
  tables: TableAnalysis[];
}

// ---------------------------------------------------------------------------------------------
// Compact context
// ---------------------------------------------------------------------------------------------

export interface CompactContextOptions {
  /** Estimated tokens the text may use (default 3,000). */
  tokenBudget?: number;
}

/** What the figures describe: every cell of the selection, or a sample of its rows. */
export interface FigureCoverage {
  basis: "every_cell" | "sample";
  /** Who computed them: the server from the cells it received, or the add-in from every cell. */
  computedBy: "server" | "add-in";
  /** Data rows in the whole selection (header excluded). */
  dataRows: number;
  /** Data rows the figures were computed from. */
  analysedRows: number;
}

/** Exactly what was sent to the model, so the answer and the UI can say so. */
export interface CompactContextSummary {
  address: string | null;
  sheet: string | null;
  workbook: string | null;
  totalCells: number;
  totalRows: number;
  totalColumns: number;
  rowsSampled: number;
  columnsIncluded: number;
  estimatedTokens: number;
  /** True when anything (rows, columns, cell text, statistics) was left out or shortened. */
  truncated: boolean;
  coverage: FigureCoverage;
}

export interface CompactContext {
  text: string;
  summary: CompactContextSummary;
}
