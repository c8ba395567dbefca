// Runs the analysis engine, the compact context, the prompt's data section and the offline
// analyst over every case, and scores what they say against figures computed here from the
// reference table (plain arithmetic, never the engine's own code):
// - figures: count, mean, min, max, median of every measure, the sum of additive measures, the
//   first and last date of date columns, distinct counts of every column, and the answers to the
//   case's questions — correct, wrong or missing;
// - roles: the engine's role of each column against the expected one;
// - suggestions: each suggested formula passes the formula policy, reads ranges inside the
//   selection, and does not total what must not be totalled;
// - forbidden statistics: a sum, total or "total per period" trend of a non-additive measure,
//   or any statistic of an identifier, code, year or coordinate, anywhere in the engine's
//   output, the compact context, the data section or the offline answer.
import { buildOfflineAnswer } from "@/lib/ai/offline-analyst";
import { buildDataSection } from "@/lib/ai/prompts/build-data-section";
import {
  analyzeExcelContext,
  answerQuestion,
  buildCompactContext,
  DEFAULT_TOKEN_BUDGET,
  parseExcelContext,
  type ColumnAnalysis,
  type ColumnRole,
  type ExcelAnalysis,
  type ExcelContext,
} from "@/lib/excel";
import { isFormulaAllowed } from "@/lib/excel/formula/formula-policy";
import type { EvalCase, ReferenceTable } from "./corpus";
import type { Raw } from "./data";

export interface FigureResult {
  what: string;
  expected: number | string;
  actual: number | string | null;
  status: "correct" | "wrong" | "missing";
}

export interface CaseResult {
  id: string;
  title: string;
  kind: EvalCase["kind"];
  source: string;
  licence: string;
  rows: number;
  columns: number;
  ms: number;
  figures: { correct: number; wrong: number; missing: number; details: FigureResult[] };
  roles: { right: number; wrong: { column: string; expected: ColumnRole; actual: ColumnRole | null }[] };
  suggestions: { total: number; sensible: number; problems: string[] };
  forbidden: string[];
  findings: { expected: string[]; missing: string[] };
  says: { missing: string[]; unwanted: string[] };
  /** Estimated tokens of the compact context, and whether it stayed within the 3,000 budget. */
  compactTokens: number;
  compactWithinBudget: boolean;
}

export interface Scorecard {
  generatedAt: string;
  subset: "full" | "fast";
  cases: number;
  datasets: number;
  figures: { correct: number; wrong: number; missing: number };
  roles: { right: number; wrong: number };
  suggestions: { total: number; sensible: number };
  forbidden: number;
  findingsMissing: number;
  saysMissing: number;
  saysUnwanted: number;
  overBudget: number;
  results: CaseResult[];
}

const LIMITS = { maxCells: 5_000_000 };

function close(a: number, b: number): boolean {
  if (a === b) return true;
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= 1e-9 * scale;
}

function numbers(t: ReferenceTable, j: number): number[] {
  return t.rows.map((r) => r[j]).filter((v): v is number => typeof v === "number");
}

function median(sorted: number[]): number {
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

function distinctOf(t: ReferenceTable, j: number): number {
  const seen = new Set<string>();
  for (const r of t.rows) {
    const v: Raw = r[j];
    if (v === null || v === "") continue;
    seen.add(typeof v === "number" ? `n${v}` : `s${String(v).trim()}`);
  }
  return seen.size;
}

/** `2024-03-05`, `2001-01-01T06:55`: the reference form of a date (minutes, as the engine shows them). */
function isoMinute(v: string): string {
  const s = v.length > 16 ? v.slice(0, 16) : v;
  return s.endsWith("T00:00") ? s.slice(0, 10) : s;
}

function figure(details: FigureResult[], what: string, expected: number | string, actual: number | string | null | undefined): void {
  if (actual === null || actual === undefined) details.push({ what, expected, actual: null, status: "missing" });
  else if (typeof expected === "number" && typeof actual === "number") details.push({ what, expected, actual, status: close(expected, actual) ? "correct" : "wrong" });
  else details.push({ what, expected, actual, status: expected === actual ? "correct" : "wrong" });
}

function columnFigures(details: FigureResult[], t: ReferenceTable, j: number, role: ColumnRole, c: ColumnAnalysis | undefined): void {
  const h = t.headers[j];
  if (!c) {
    details.push({ what: `${h}: column`, expected: h, actual: null, status: "missing" });
    return;
  }
  figure(details, `${h}: distinct`, distinctOf(t, j), c.distinct);
  if (role === "additive_measure" || role === "non_additive_measure") {
    const xs = numbers(t, j).sort((a, b) => a - b);
    if (xs.length === 0) return;
    const sum = xs.reduce((a, b) => a + b, 0);
    figure(details, `${h}: count`, xs.length, c.numeric?.count);
    figure(details, `${h}: mean`, sum / xs.length, c.numeric?.mean);
    figure(details, `${h}: min`, xs[0], c.numeric?.min);
    figure(details, `${h}: max`, xs[xs.length - 1], c.numeric?.max);
    figure(details, `${h}: median`, median(xs), c.numeric?.median);
    if (role === "additive_measure") figure(details, `${h}: sum`, sum, c.numeric?.sum);
  } else if (role === "date_time") {
    const dates = t.rows.map((r) => r[j]).filter((v): v is string => typeof v === "string").map(isoMinute).sort();
    if (dates.length === 0) return;
    figure(details, `${h}: first date`, dates[0], c.date?.min ?? null);
    figure(details, `${h}: last date`, dates[dates.length - 1], c.date?.max ?? null);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Statistics that must never appear for a column of this role, found in any of the texts. */
function forbiddenFor(column: ColumnAnalysis, expected: ColumnRole | undefined, texts: { where: string; text: string }[], analysis: ExcelAnalysis): string[] {
  const out: string[] = [];
  // Judged by what the column truly is (the case's expected role), not by what the engine thinks.
  const c = { ...column, role: expected ?? column.role };
  if (c.role === "additive_measure") return out;
  const h = escapeRegExp(c.header);
  const range = escapeRegExp(c.dataRange);
  const patterns: { re: RegExp; what: string }[] = [
    { re: new RegExp(`(SUM|SUMIFS|SUMPRODUCT)\\(${range}[,)]|AGGREGATE\\(9,\\d+,${range}\\)`), what: "a SUM formula" },
    { re: new RegExp(`${h}\\s*\\((total|monthly total|daily total)`), what: "a total per period" },
    { re: new RegExp(`(total|sum) of ${h}\\b`, "i"), what: "a total" },
    { re: new RegExp(`sum of “${h}”|sum of "${h}"`), what: "a summed PivotTable" },
  ];
  if (c.role === "identifier" || c.role === "year" || c.role === "coordinate") {
    // Grouping by a code (its range as a criteria range) is fine; averaging the code is not.
    patterns.push({ re: new RegExp(`(AVERAGE|AVERAGEIFS|MEDIAN|STDEV|STDEV\\.S|MIN|MAX|MINIFS|MAXIFS)\\(${range}[,)]|CORREL\\([^)]*${range}`), what: "a statistic formula" });
    patterns.push({ re: new RegExp(`(average|mean|median) ${h}\\b`, "i"), what: "an average" });
    patterns.push({ re: new RegExp(`${h} \\([A-Z]+\\) has \\d+ outlier`), what: "outliers" });
  }
  for (const { where, text } of texts) {
    for (const { re, what } of patterns) if (re.test(text)) out.push(`${where}: ${what} of ${c.header} (${c.role})`);
    // The compact context's statistics line for the column.
    const line = text.split("\n").find((l) => l.startsWith(`- ${c.column} "`));
    if (line) {
      if (/\bsum=/.test(line)) out.push(`${where}: sum= for ${c.header} (${c.role})`);
      if ((c.role === "identifier" || c.role === "year" || c.role === "coordinate") && /\b(mean|median|std|q1|q3)=/.test(line)) out.push(`${where}: statistics for ${c.header} (${c.role})`);
    }
    // The offline analyst's column table.
    const row = text.split("\n").find((l) => l.startsWith(`| ${c.column} · `));
    if (row) {
      if (/· sum /.test(row) || /\| min .*sum/.test(row)) out.push(`${where}: sum in the column table for ${c.header} (${c.role})`);
      if ((c.role === "identifier" || c.role === "year" || c.role === "coordinate") && /\bmean\b|\bmedian\b/.test(row)) out.push(`${where}: statistics in the column table for ${c.header} (${c.role})`);
    }
  }
  for (const i of analysis.insights) {
    if (i.kind === "trend" && i.series === c.header && i.aggregation === "total") out.push(`insight: total trend of ${c.header} (${c.role})`);
    if (i.kind === "trend" && i.series === c.header && i.changePercent !== null) out.push(`insight: % change of ${c.header} (${c.role})`);
  }
  for (const r of analysis.recommendations) if (r.kind === "pivot_table" && r.values === c.header && r.aggregation === "sum") out.push(`recommendation: summed PivotTable of ${c.header}`);
  return out;
}

function suggestionProblems(analysis: ExcelAnalysis, context: ExcelContext): { total: number; problems: string[] } {
  const problems: string[] = [];
  let total = 0;
  const area = context.areas[0];
  // A large selection arrives as a sample: the selection's real size is the declared one.
  const lastRow = area ? area.startRow + (context.declaredRowCount ?? area.rowCount) - 1 : 0;
  for (const r of analysis.recommendations) {
    if (r.kind !== "formula") continue;
    total++;
    if (!isFormulaAllowed(r.formula)) problems.push(`refused by the formula policy: ${r.formula}`);
    for (const m of r.formula.matchAll(/\b([A-Z]{1,3})(\d+)\b/g)) {
      const row = Number(m[2]);
      if (row > lastRow || (area && row < area.startRow)) problems.push(`reads outside the selection: ${r.formula}`);
    }
  }
  return { total, problems };
}

export function evaluateCase(c: EvalCase): CaseResult {
  const started = performance.now();
  const context = parseExcelContext(c.context(), LIMITS);
  if (!context) throw new Error(`${c.id}: no context`);
  const analysis = analyzeExcelContext(context);
  const compact = buildCompactContext(context, analysis);
  const section = buildDataSection({ compact, analysis });
  const offline = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context, analysis, compact });
  const ms = performance.now() - started;
  const t = c.reference();

  const details: FigureResult[] = [];
  const wrongRoles: CaseResult["roles"]["wrong"] = [];
  let rolesRight = 0;
  for (const [header, role] of Object.entries(c.roles)) {
    const col = analysis.columns.find((x) => x.header === header);
    if (col?.role === role) rolesRight++;
    else wrongRoles.push({ column: header, expected: role, actual: col?.role ?? null });
    const j = t.headers.indexOf(header);
    if (j >= 0) columnFigures(details, t, j, role, col);
  }

  const texts = [
    { where: "engine", text: [analysis.summary, ...analysis.insights.map((i) => i.message), ...analysis.recommendations.map((r) => `${"formula" in r ? r.formula : ""} ${r.message}`)].join("\n") },
    { where: "compact context", text: compact.text },
    { where: "data section", text: section.text },
    { where: "offline answer", text: offline },
  ];
  for (const q of c.questions ?? []) {
    const answer = answerQuestion(q.question, context, analysis);
    const expected = q.expected(t);
    figure(details, `Q: ${q.question}`, expected, answer?.value ?? null);
    for (const part of q.formulaHas ?? []) {
      if (!answer?.formula?.includes(part)) details.push({ what: `Q: ${q.question} — formula has ${part}`, expected: part, actual: answer?.formula ?? null, status: answer?.formula ? "wrong" : "missing" });
      else details.push({ what: `Q: ${q.question} — formula has ${part}`, expected: part, actual: answer.formula, status: "correct" });
    }
    const text = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context, analysis, compact, question: q.question });
    // The answer comes before the overview.
    if (answer && text.indexOf(answer.formula ?? answer.text.slice(0, 20)) > text.indexOf("| Column |")) {
      details.push({ what: `Q: ${q.question} — answered before the overview`, expected: "before", actual: "after", status: "wrong" });
    }
    texts.push({ where: `offline answer to "${q.question}"`, text });
  }

  const forbidden = analysis.columns.flatMap((col) => forbiddenFor(col, c.roles[col.header], texts, analysis));
  const suggestions = suggestionProblems(analysis, context);
  const kinds = new Set(analysis.insights.map((i) => i.kind));
  const all = texts.map((x) => x.text).join("\n");
  const correct = details.filter((d) => d.status === "correct").length;
  return {
    id: c.id,
    title: c.title,
    kind: c.kind,
    source: c.source,
    licence: c.licence,
    rows: analysis.rowCount,
    columns: analysis.columnCount,
    ms: Math.round(ms),
    figures: { correct, wrong: details.filter((d) => d.status === "wrong").length, missing: details.filter((d) => d.status === "missing").length, details },
    roles: { right: rolesRight, wrong: wrongRoles },
    suggestions: { total: suggestions.total, sensible: suggestions.total - new Set(suggestions.problems).size, problems: suggestions.problems },
    forbidden,
    findings: { expected: c.findings ?? [], missing: (c.findings ?? []).filter((k) => !kinds.has(k)) },
    says: { missing: (c.mustSay ?? []).filter((s) => !all.includes(s)), unwanted: (c.mustNotSay ?? []).filter((s) => all.includes(s)) },
    compactTokens: compact.summary.estimatedTokens,
    compactWithinBudget: compact.summary.estimatedTokens <= DEFAULT_TOKEN_BUDGET,
  };
}

export function evaluate(cases: EvalCase[], subset: Scorecard["subset"]): Scorecard {
  const results = cases.map(evaluateCase);
  const sum = (f: (r: CaseResult) => number) => results.reduce((a, r) => a + f(r), 0);
  return {
    generatedAt: new Date().toISOString(),
    subset,
    cases: results.length,
    datasets: results.filter((r) => r.kind === "dataset").length,
    figures: { correct: sum((r) => r.figures.correct), wrong: sum((r) => r.figures.wrong), missing: sum((r) => r.figures.missing) },
    roles: { right: sum((r) => r.roles.right), wrong: sum((r) => r.roles.wrong.length) },
    suggestions: { total: sum((r) => r.suggestions.total), sensible: sum((r) => r.suggestions.sensible) },
    forbidden: sum((r) => r.forbidden.length),
    findingsMissing: sum((r) => r.findings.missing.length),
    saysMissing: sum((r) => r.says.missing.length),
    saysUnwanted: sum((r) => r.says.unwanted.length),
    overBudget: results.filter((r) => !r.compactWithinBudget).length,
    results,
  };
}
