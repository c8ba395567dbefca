// Answers common aggregate questions about a selection without AI: "What is the average delay
// for flights from ORD?", "total sales in 2024", "how many orders from Berlin", "top 5 products
// by revenue", "compare price by region". It finds the figure asked for (sum, average, count,
// min, max, median; top/bottom N; per-group comparison; trend), the column it is about and the
// filters named in the question (category values, a year or a month), computes the exact
// figure from every cell, and writes the Excel formula that reproduces it with the sheet's real
// ranges (SUMIFS, AVERAGEIFS, COUNTIFS, MINIFS, MAXIFS…), checked by the formula policy.
// Totals follow the column's role: a "total" of temperatures is answered with their average.

import * as cc from "@/lib/excel/classify-cell";
import { buildTables, cellAt } from "@/lib/excel/build-tables";
import { headerWords, isAdditive, isMeasureRole } from "@/lib/excel/column-roles";
import { DEFAULT_CULTURE } from "@/lib/excel/culture";
import { detectTotals } from "@/lib/excel/detect-totals";
import { formatForType, formatNumber } from "@/lib/excel/format-value";
import { isFormulaAllowed } from "@/lib/excel/formula/formula-policy";
import { scanTable, type ColumnScan, type ScannedTable } from "@/lib/excel/scan-table";
import type { ColumnAnalysis, ExcelAnalysis, ExcelContext } from "@/lib/excel/types";

const { monthNumber, setCulture, K_BOOLEAN, K_CURRENCY, K_DATE, K_NUMBER, K_PERCENT, K_TEXT } = cc;

export type QuestionAggregate = "sum" | "average" | "count" | "min" | "max" | "median" | "top" | "bottom" | "compare" | "trend";

export interface QuestionAnswer {
  aggregate: QuestionAggregate;
  /** The exact figure (sum, average…), or null for lists (top N, comparisons, trends). */
  value: number | null;
  /** The figure as shown, rounded once. */
  display: string | null;
  /** One or more sentences answering the question, plain text. */
  text: string;
  /** Excel formula reproducing the figure with the sheet's ranges; null when none fits. */
  formula: string | null;
  /** Header of the column the figure is about, when there is one. */
  column: string | null;
  /** Rows that matched the filters. */
  rows: number;
  /** Filters applied, e.g. `origin = ORD`, `date in 2001`. */
  filters: string[];
}

interface Filter {
  describe: string;
  criteria: string[];
  /** Excel boolean test for FILTER(), e.g. `(D2:D100="ORD")`. */
  test: string;
  matches: (r: number) => boolean;
}

interface Column {
  scan: ColumnScan;
  analysis: ColumnAnalysis;
}

const STOP = new Set(["the", "a", "an", "of", "for", "in", "on", "at", "by", "per", "to", "from", "is", "are", "was", "what", "whats", "which", "how", "and", "with", "me", "show", "give", "tell", "all", "each", "do", "does"]);

function words(text: string): string[] {
  return headerWords(text)
    .split(/[^a-z0-9äöüßéèàçñ]+/)
    .filter((w) => w.length > 0);
}

function stem(w: string): string {
  return w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

function aggregateOf(q: string): { aggregate: QuestionAggregate; n: number } | null {
  let m = /\b(?:top|highest|largest|biggest|best|most)\s+(\d{1,3})\b/.exec(q);
  if (m) return { aggregate: "top", n: Number(m[1]) };
  m = /\b(?:bottom|lowest|smallest|worst|least)\s+(\d{1,3})\b/.exec(q);
  if (m) return { aggregate: "bottom", n: Number(m[1]) };
  if (/\b(average|mean|avg)\b/.test(q)) return { aggregate: "average", n: 0 };
  if (/\bmedian\b/.test(q)) return { aggregate: "median", n: 0 };
  // "the highest number of units" asks for a maximum, not a count.
  m = /\b(highest|largest|biggest|greatest|maximum|max|lowest|smallest|fewest|minimum|min)\s+number of\b/.exec(q);
  if (m) return { aggregate: /^(lowest|smallest|fewest|minimum|min)$/.test(m[1]) ? "min" : "max", n: 0 };
  if (/\b(how many|count|number of)\b/.test(q)) return { aggregate: "count", n: 0 };
  if (/\b(compare|comparison|versus|vs\.?|by each|per each|breakdown|broken down)\b/.test(q)) return { aggregate: "compare", n: 0 };
  if (/\b(trend|over time|growing|declining|evolve|evolution)\b/.test(q)) return { aggregate: "trend", n: 0 };
  if (/\b(sum|total|totals|altogether|in total)\b/.test(q)) return { aggregate: "sum", n: 0 };
  if (/\b(max|maximum|highest|largest|biggest|longest|latest|most)\b/.test(q)) return { aggregate: "max", n: 0 };
  if (/\b(min|minimum|lowest|smallest|shortest|earliest|least)\b/.test(q)) return { aggregate: "min", n: 0 };
  return null;
}

/** The column whose header words best match the question (measures only when asked). */
function bestColumn(qWords: Set<string>, columns: Column[], accept: (c: Column) => boolean): Column | null {
  let best: Column | null = null;
  let bestScore = 0;
  for (const c of columns) {
    if (!accept(c)) continue;
    const hw = words(c.analysis.header).filter((w) => !STOP.has(w));
    if (hw.length === 0) continue;
    const hits = hw.filter((w) => qWords.has(stem(w))).length;
    const score = hits / hw.length + hits;
    if (hits > 0 && score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function criterion(value: string): string {
  let v = value.replace(/[~*?]/g, (ch) => `~${ch}`);
  if (/^[=<>]/.test(v)) v = `=${v}`;
  return `"${v.replace(/"/g, '""')}"`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const FROM_HEADER = /\b(origin|from|source|depart|departure|start|sender)\b/;
const TO_HEADER = /\b(dest|destination|to|arrival|arrive|end|target|recipient)\b/;

/** Category values named in the question, at most one per column, the longest first. */
function valueFilters(question: string, columns: Column[]): Filter[] {
  const found: { column: Column; value: string; at: number }[] = [];
  for (const c of columns) {
    const { scan, analysis } = c;
    if (analysis.type !== "text" || !scan.textIds || analysis.role === "text") continue;
    let best: { value: string; at: number } | null = null;
    for (let id = 0; id < scan.textKeys.length; id++) {
      if (scan.textCounts[id] <= 0) continue;
      const value = scan.textKeys[id].trim();
      if (value.length < 2 || value.length > 40) continue;
      const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(value)}($|[^\\p{L}\\p{N}])`, "iu");
      const m = re.exec(question);
      if (m && (!best || value.length > best.value.length)) best = { value, at: m.index + m[1].length };
    }
    if (best) found.push({ column: c, ...best });
  }
  // The same value in two columns (ORD as origin and destination): the preposition or the
  // header named in the question decides; otherwise the left-most column.
  const byValue = new Map<string, typeof found>();
  for (const f of found) {
    const key = f.value.toLowerCase();
    byValue.set(key, [...(byValue.get(key) ?? []), f]);
  }
  const chosen: typeof found = [];
  const qLower = question.toLowerCase();
  for (const group of byValue.values()) {
    if (group.length === 1) {
      chosen.push(group[0]);
      continue;
    }
    const before = qLower.slice(Math.max(0, group[0].at - 12), group[0].at);
    const prefer = /\bfrom\s+$/.test(before) ? FROM_HEADER : /\b(to|into)\s+$/.test(before) ? TO_HEADER : null;
    const named = group.find((f) => words(f.column.analysis.header).some((w) => qLower.includes(w) && w.length > 2));
    chosen.push((prefer && group.find((f) => prefer.test(headerWords(f.column.analysis.header)))) || named || group[0]);
  }
  return chosen.slice(0, 3).map(({ column, value }) => {
    const { scan, analysis } = column;
    const lower = value.toLowerCase();
    return {
      describe: `${analysis.header} = ${value}`,
      criteria: [analysis.dataRange, criterion(value)],
      test: `(${analysis.dataRange}=${criterion(value)})`,
      matches: (r: number) => scan.kinds[r] === K_TEXT && String(cellAt(scan.source, r)).trim().toLowerCase() === lower,
    };
  });
}

/** A numeric code or year named with its header: "sex 2", "segment = 1", "cluster is 3", "year 2000". */
function codeFilters(question: string, columns: Column[]): Filter[] {
  const out: Filter[] = [];
  const q = question.toLowerCase();
  for (const c of columns) {
    const { analysis, scan } = c;
    if ((analysis.role !== "identifier" && analysis.role !== "year") || analysis.numeric === null) continue;
    const header = headerWords(analysis.header);
    if (header.length < 2) continue;
    const m = new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(header)}\\s*(?:=|is|of)?\\s*(-?\\d+(?:\\.\\d+)?)\\b`).exec(q);
    if (!m) continue;
    const value = Number(m[1]);
    out.push({
      describe: `${analysis.header} = ${m[1]}`,
      criteria: [analysis.dataRange, m[1]],
      test: `(${analysis.dataRange}=${m[1]})`,
      matches: (r) => (scan.kinds[r] === K_NUMBER || scan.kinds[r] === K_CURRENCY || scan.kinds[r] === K_PERCENT) && scan.nums[r] === value,
    });
  }
  return out.slice(0, 2);
}

/** "in 2001", "in March 2024", "during 2019": a date range on the date column, or a year column value. */
function periodFilter(question: string, columns: Column[]): Filter | null {
  const m = /\b(?:in|during|for|of)\s+(?:([a-z]{3,9})\s+)?((?:19|20)\d{2})\b/i.exec(question);
  if (!m) return null;
  const year = Number(m[2]);
  const month = m[1] ? monthNumber(m[1]) : 0;
  const dateColumn = columns.find((c) => c.analysis.type === "date" && c.analysis.date);
  if (dateColumn) {
    const from = Date.UTC(year, month ? month - 1 : 0, 1) / 86_400_000 + 25_569;
    const to = Date.UTC(month ? year : year + 1, month ? month : 0, 1) / 86_400_000 + 25_569;
    const range = dateColumn.analysis.dataRange;
    const start = `DATE(${year},${month || 1},1)`;
    const end = month ? `EDATE(${start},1)` : `DATE(${year + 1},1,1)`;
    const { kinds, nums } = dateColumn.scan;
    return {
      describe: `${dateColumn.analysis.header} in ${month ? `${m[1]} ` : ""}${year}`,
      criteria: [range, `">="&${start}`, range, `"<"&${end}`],
      test: `(${range}>=${start})*(${range}<${end})`,
      matches: (r) => kinds[r] === K_DATE && nums[r] >= from && nums[r] < to,
    };
  }
  const yearColumn = columns.find((c) => c.analysis.role === "year");
  if (yearColumn && !month) {
    const { kinds, nums } = yearColumn.scan;
    return {
      describe: `${yearColumn.analysis.header} = ${year}`,
      criteria: [yearColumn.analysis.dataRange, String(year)],
      test: `(${yearColumn.analysis.dataRange}=${year})`,
      matches: (r) => kinds[r] === K_NUMBER && nums[r] === year,
    };
  }
  return null;
}

function isNumberKind(k: number): boolean {
  return k === K_NUMBER || k === K_CURRENCY || k === K_PERCENT;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
}

function show(n: number, c: ColumnAnalysis | null): string {
  if (!c) return formatNumber(n, 0);
  if (c.role === "year" || c.role === "identifier") return String(n);
  return formatForType(n, c.type, c.currencySymbol);
}

function allowed(formula: string | null): string | null {
  return formula && isFormulaAllowed(formula) ? formula : null;
}

/** A large selection: the figures of every cell come from the add-in's analysis, not from the sample. */
function answerFromWholeAnalysis(aggregate: QuestionAggregate, analysis: ExcelAnalysis, m: ColumnAnalysis | null, filters: Filter[]): QuestionAnswer {
  const base = { filters: filters.map((f) => f.describe), column: m?.header ?? null };
  const dataRows = analysis.rowCount - analysis.totalRows.length;
  const range = m?.dataRange ?? analysis.columns[0]?.dataRange ?? "";
  const stats = m?.numeric ?? null;
  const plain = filters.length === 0;
  const exact = (value: number, formula: string, text: string): QuestionAnswer => ({ ...base, aggregate, value, display: show(value, m), rows: dataRows, formula: allowed(formula), text });
  if (plain && aggregate === "count") {
    // COUNT counts numbers and dates, as Excel does.
    const numbers = m ? (m.numeric?.count ?? m.date?.count ?? 0) : 0;
    return m
      ? { ...exact(numbers, `=COUNT(${range})`, `${m.header} has ${formatNumber(numbers, 0)} values in ${formatNumber(dataRows, 0)} rows.`), display: formatNumber(numbers, 0) }
      : { ...exact(dataRows, `=ROWS(${range})`, `There are ${formatNumber(dataRows, 0)} rows.`), display: formatNumber(dataRows, 0) };
  }
  if (plain && m && stats) {
    const over = `over all ${formatNumber(stats.count, 0)} values`;
    if (aggregate === "sum" && isAdditive(m.role)) return exact(stats.sum, `=SUM(${range})`, `The total ${m.header} is ${show(stats.sum, m)} (${over}).`);
    if (aggregate === "sum" || aggregate === "average") {
      const note = aggregate === "sum" ? ` ${m.header} is not something that adds up (a rate, price, score or measurement), so its average is the meaningful figure.` : "";
      return { ...exact(stats.mean, `=AVERAGE(${range})`, `The average ${m.header} is ${show(stats.mean, m)} ${over}.${note}`), aggregate: "average" };
    }
    if (aggregate === "min") return exact(stats.min, `=MIN(${range})`, `The lowest ${m.header} is ${show(stats.min, m)} (${over}).`);
    if (aggregate === "max") return exact(stats.max, `=MAX(${range})`, `The highest ${m.header} is ${show(stats.max, m)} (${over}).`);
    if (aggregate === "median") return exact(stats.median, `=MEDIAN(${range})`, `The median ${m.header} is ${show(stats.median, m)} ${over}.`);
  }
  // Filters, rankings, comparisons and trends need every row, and only a sample reached the
  // server: say so, and give the formula that computes it in Excel where there is one.
  const criteria = filters.flatMap((f) => f.criteria).join(",");
  const formula =
    !m || filters.length === 0
      ? null
      : aggregate === "sum" && isAdditive(m.role)
        ? `=SUMIFS(${range},${criteria})`
        : aggregate === "sum" || aggregate === "average"
          ? `=AVERAGEIFS(${range},${criteria})`
          : aggregate === "count"
            ? `=COUNTIFS(${criteria})`
            : aggregate === "min"
              ? `=MINIFS(${range},${criteria})`
              : aggregate === "max"
                ? `=MAXIFS(${range},${criteria})`
                : null;
  const safe = allowed(formula);
  return {
    ...base,
    aggregate,
    value: null,
    display: null,
    rows: dataRows,
    formula: safe,
    text: `This selection is too large to send whole: the add-in sent the figures of every cell and a sample of the rows, so this cannot be computed exactly here.${safe ? ` In Excel, ${safe} gives it over all ${formatNumber(dataRows, 0)} rows.` : ""}`,
  };
}

/**
 * The answer to a common aggregate question, or null when the question is not one (the offline
 * analyst then gives its overview only).
 */
export function answerQuestion(question: string, context: ExcelContext | null, analysis: ExcelAnalysis | null): QuestionAnswer | null {
  if (!context || !analysis || context.areas.length === 0 || analysis.columnCount === 0 || question.length > 2_000) return null;
  const q = question.toLowerCase();
  const asked = aggregateOf(q);
  if (!asked) return null;
  setCulture(analysis.culture);
  let table: ScannedTable;
  try {
    table = scanTable(buildTables(context)[0]);
    detectTotals(table);
  } finally {
    setCulture(DEFAULT_CULTURE);
  }
  if (table.columns.length !== analysis.columns.length) return null;
  const columns: Column[] = table.columns.map((scan, i) => ({ scan, analysis: analysis.columns[i] }));
  const qWords = new Set(words(q).map(stem));
  const filters = [...valueFilters(question, columns), ...codeFilters(question, columns)];
  const period = periodFilter(question, columns);
  if (period && !filters.some((f) => f.criteria[0] === period.criteria[0])) filters.push(period);
  const filteredColumns = new Set(filters.map((f) => f.criteria[0]));
  const measure =
    bestColumn(qWords, columns, (c) => isMeasureRole(c.analysis.role) && c.analysis.numeric !== null && !filteredColumns.has(c.analysis.dataRange)) ??
    (asked.aggregate === "count" ? null : bestColumn(qWords, columns, (c) => c.analysis.date !== null && (asked.aggregate === "min" || asked.aggregate === "max")));
  if (!measure && asked.aggregate !== "count") return null;
  // Only a sample of the rows is here (the add-in analysed every cell of a large selection):
  // answer from its whole-range figures when they hold the answer, else give the formula only.
  if (context.wholeAnalysis) return answerFromWholeAnalysis(asked.aggregate, analysis, measure?.analysis ?? null, filters);

  const rows: number[] = [];
  for (let r = table.bodyStart; r < table.rows; r++) {
    if (table.rowFilled[r] === 0) continue;
    if (filters.every((f) => f.matches(r))) rows.push(r);
  }
  const where = filters.length > 0 ? ` for ${filters.map((f) => f.describe).join(", ")}` : "";
  const criteria = filters.flatMap((f) => f.criteria).join(",");
  const base = { filters: filters.map((f) => f.describe), column: measure?.analysis.header ?? null };

  if (asked.aggregate === "count") {
    const n = measure ? rows.filter((r) => isNumberKind(measure.scan.kinds[r]) || measure.scan.kinds[r] === K_DATE).length : rows.length;
    const range = measure?.analysis.dataRange ?? columns[0].analysis.dataRange;
    const formula = filters.length > 0 ? `=COUNTIFS(${criteria})` : measure ? `=COUNT(${range})` : `=ROWS(${range})`;
    return { ...base, aggregate: "count", value: n, display: formatNumber(n, 0), rows: rows.length, formula: allowed(formula), text: `There ${n === 1 ? "is" : "are"} ${formatNumber(n, 0)} ${n === 1 ? "row" : "rows"}${where}.` };
  }
  if (!measure) return null;
  const m = measure.analysis;
  const values: number[] = [];
  const valueRows: number[] = [];
  const wantDate = m.date !== null;
  for (const r of rows) {
    const k = measure.scan.kinds[r];
    if (wantDate ? k === K_DATE : isNumberKind(k)) {
      values.push(measure.scan.nums[r]);
      valueRows.push(r);
    }
  }
  if (values.length === 0) {
    return { ...base, aggregate: asked.aggregate, value: null, display: null, rows: 0, formula: null, text: `No rows${where} have a value in ${m.header}.` };
  }
  const ifs = (fn: string, plain: string) => (filters.length > 0 ? `=${fn}(${m.dataRange},${criteria})` : `=${plain}(${m.dataRange})`);
  const countNote = `${formatNumber(values.length, 0)} ${values.length === 1 ? "value" : "values"}`;

  switch (asked.aggregate) {
    case "sum":
    case "average": {
      // A total of rates, prices or temperatures means nothing: answer with their average.
      const additive = isAdditive(m.role);
      const sum = values.reduce((a, b) => a + b, 0);
      if (asked.aggregate === "sum" && additive) {
        return { ...base, aggregate: "sum", value: sum, display: show(sum, m), rows: values.length, formula: allowed(ifs("SUMIFS", "SUM")), text: `The total ${m.header}${where} is ${show(sum, m)} (${countNote}).` };
      }
      const mean = sum / values.length;
      const note = asked.aggregate === "sum" ? ` ${m.header} is not something that adds up (a rate, price, score or measurement), so its average is the meaningful figure.` : "";
      return { ...base, aggregate: "average", value: mean, display: show(mean, m), rows: values.length, formula: allowed(ifs("AVERAGEIFS", "AVERAGE")), text: `The average ${m.header}${where} is ${show(mean, m)} over ${countNote}.${note}` };
    }
    case "min":
    case "max": {
      // A loop, not Math.min(...values): a million arguments overflow the call stack.
      let v = values[0];
      for (const x of values) if (asked.aggregate === "min" ? x < v : x > v) v = x;
      const at = valueRows[values.indexOf(v)];
      const word = asked.aggregate === "min" ? "lowest" : "highest";
      const shown = wantDate ? cc.excelSerialToIso(v) : show(v, m);
      return {
        ...base,
        aggregate: asked.aggregate,
        value: v,
        display: shown,
        rows: values.length,
        formula: allowed(ifs(asked.aggregate === "min" ? "MINIFS" : "MAXIFS", asked.aggregate === "min" ? "MIN" : "MAX")),
        text: `The ${word} ${m.header}${where} is ${shown} (row ${table.source.startRow + at}, among ${countNote}).`,
      };
    }
    case "median": {
      const v = median(values);
      const formula = filters.length > 0 ? `=MEDIAN(FILTER(${m.dataRange},${filters.map((f) => f.test).join("*")}))` : `=MEDIAN(${m.dataRange})`;
      return { ...base, aggregate: "median", value: v, display: show(v, m), rows: values.length, formula: allowed(formula), text: `The median ${m.header}${where} is ${show(v, m)} over ${countNote}.` };
    }
    case "top":
    case "bottom": {
      const n = Math.max(1, Math.min(asked.n, 20, values.length));
      const order = valueRows.map((r, i) => ({ r, v: values[i] })).sort((a, b) => (asked.aggregate === "top" ? b.v - a.v : a.v - b.v)).slice(0, n);
      const labelColumn = columns.find((c) => c.analysis.type === "text" && c.analysis.role !== "category" && c !== measure) ?? columns.find((c) => c.analysis.type === "text" && c !== measure);
      const items = order.map(({ r, v }) => {
        const label = labelColumn ? String(cellAt(labelColumn.scan.source, r) ?? "").trim() : "";
        return `${label ? `${label}: ` : ""}${show(v, m)} (row ${table.source.startRow + r})`;
      });
      const fn = asked.aggregate === "top" ? "LARGE" : "SMALL";
      const formula = filters.length > 0 ? `=${fn}(FILTER(${m.dataRange},${filters.map((f) => f.test).join("*")}),SEQUENCE(${n}))` : `=${fn}(${m.dataRange},SEQUENCE(${n}))`;
      return { ...base, aggregate: asked.aggregate, value: null, display: null, rows: values.length, formula: allowed(formula), text: `${asked.aggregate === "top" ? "Highest" : "Lowest"} ${n} ${m.header}${where}: ${items.join("; ")}.` };
    }
    case "compare": {
      const group = bestColumn(qWords, columns, (c) => c.analysis.role === "category" && c.scan.textIds !== null) ?? columns.find((c) => c.analysis.role === "category" && c.scan.textIds !== null);
      if (!group) return null;
      const additive = isAdditive(m.role);
      const sums = new Map<string, { sum: number; n: number }>();
      for (let i = 0; i < valueRows.length; i++) {
        const k = group.scan.kinds[valueRows[i]];
        if (k !== K_TEXT && k !== K_BOOLEAN) continue;
        const key = String(cellAt(group.scan.source, valueRows[i])).trim();
        const e = sums.get(key) ?? { sum: 0, n: 0 };
        e.sum += values[i];
        e.n++;
        sums.set(key, e);
      }
      const list = [...sums.entries()].map(([k, e]) => ({ k, v: additive ? e.sum : e.sum / e.n, n: e.n })).sort((a, b) => b.v - a.v);
      if (list.length === 0) return null;
      const shown = list.slice(0, 8).map((e) => `${e.k} ${show(e.v, m)} (${formatNumber(e.n, 0)})`);
      const fn = additive ? "SUMIFS" : "AVERAGEIFS";
      const formula = `=${fn}(${m.dataRange},${group.analysis.dataRange},${criterion(list[0].k)}${criteria ? `,${criteria}` : ""})`;
      return {
        ...base,
        aggregate: "compare",
        value: null,
        display: null,
        rows: values.length,
        formula: allowed(formula),
        text: `${additive ? "Total" : "Average"} ${m.header} by ${group.analysis.header}${where}, highest first: ${shown.join("; ")}${list.length > 8 ? `; and ${list.length - 8} more` : ""}.`,
      };
    }
    case "trend": {
      const trend = analysis.insights.find((i) => i.kind === "trend" && i.series === m.header);
      if (!trend) return null;
      return { ...base, aggregate: "trend", value: null, display: null, rows: values.length, formula: null, text: trend.message };
    }
  }
}
