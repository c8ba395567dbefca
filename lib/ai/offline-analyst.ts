// The offline analyst: answers when no AI provider is configured, or when every provider failed
// (and the user is told so). It is not a model and never pretends to be one: the first line says
// plainly that no AI model answered and why, then it gives what the analysis engine computed
// from the real cells — column statistics, what stands out, formulas and charts that fit, with
// real ranges — in markdown, ordered by what the user asked for. Same input, same answer.
//
// Everything taken from the sheet (headers, values, sheet names) is escaped for markdown, so a
// cell cannot inject a link or an image (an image URL would leak data when rendered).
import { answerQuestion, type ColumnAnalysis, type CompactContext, type ExcelAnalysis, type ExcelContext, type Recommendation } from "@/lib/excel";
import type { Intent } from "./prompts/detect-intent";
import { stripInvisibleCharacters } from "./prompts/strip-invisible-characters";

export const OFFLINE_PROVIDER = "offline";
export const OFFLINE_MODEL = "offline-analyst";

export type OfflineReason = { kind: "not_configured" } | { kind: "providers_failed"; providers: string[] };

export interface OfflineAnswerInput {
  intent: Intent;
  reason: OfflineReason;
  context: ExcelContext | null;
  analysis: ExcelAnalysis | null;
  compact?: CompactContext | null;
  /** The user's question: a common aggregate ("average delay from ORD") is answered first, with its formula. */
  question?: string;
}

const PROVIDER_LABELS: Record<string, string> = {
  azure: "Azure OpenAI",
  openai: "OpenAI",
  compatible: "the OpenAI-compatible model server",
  mock: "the mock model",
};

const MAX_COLUMNS = 15;
const MAX_INSIGHTS = 8;

/** Text from the sheet, safe inside markdown prose and table cells. */
export function markdownText(value: string, maxChars = 80): string {
  let text = stripInvisibleCharacters(value).replace(/\s+/g, " ").trim();
  if (text.length > maxChars) text = `${text.slice(0, maxChars - 1)}…`;
  // Only what could start a link or image, raw HTML, emphasis or a table cell; user text never
  // starts a line here, so block syntax (#, -, >) cannot trigger.
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`);
}

/** A formula or range as inline code, with a fence that its own backticks cannot close. */
function code(text: string): string {
  const clean = stripInvisibleCharacters(text).replace(/\s*\n\s*/g, " ");
  return clean.includes("`") ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const decimals = abs !== 0 && abs < 1 ? 4 : 2;
  return n.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

function formatFor(column: ColumnAnalysis, n: number): string {
  switch (column.type) {
    case "currency":
      return `${n < 0 ? "-" : ""}${markdownText(column.currencySymbol ?? "$", 3)}${Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case "percent":
      return `${num(n * 100)}%`;
    default:
      return num(n);
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function header(reason: OfflineReason): string {
  if (reason.kind === "not_configured") {
    return "> **No AI model answered this.** No AI provider is configured on this server, so this is the built-in offline analysis, computed directly from your cells.";
  }
  const names = [...new Set(reason.providers.map((p) => PROVIDER_LABELS[p] ?? p))];
  const list = names.length === 0 ? "The AI service" : names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `> **No AI model answered this.** ${list} ${names.length > 1 ? "were" : "was"} unavailable just now, so this is the built-in offline analysis, computed directly from your cells. Ask again in a moment for a full answer.`;
}

/** Figures the column's role allows: sums only of additive measures, nothing of codes. */
function columnSummary(c: ColumnAnalysis): string {
  const distinct = `${c.distinct.toLocaleString("en-US")}${c.distinctCapped ? "+" : ""} distinct`;
  if (c.numeric && (c.role === "additive_measure" || c.role === "non_additive_measure")) {
    const s = c.numeric;
    const sum = c.role === "additive_measure" ? ` · sum ${formatFor(c, s.sum)}` : "";
    return `min ${formatFor(c, s.min)} · max ${formatFor(c, s.max)} · mean ${formatFor(c, s.mean)} · median ${formatFor(c, s.median)}${sum}`;
  }
  if (c.numeric && (c.role === "year" || c.role === "coordinate")) return `${String(c.numeric.min)} → ${String(c.numeric.max)} · ${distinct}`;
  if (c.numeric) {
    const top = c.topValues[0];
    return top && top.count > 1 ? `code · ${distinct}; most common ${markdownText(top.value, 30)} (${top.count})` : `code · ${distinct}`;
  }
  if (c.date) return `${c.date.min} → ${c.date.max} (${plural(c.date.spanDays, "day")})`;
  if (c.type === "empty") return "empty";
  const top = c.topValues[0];
  return top && top.count > 1 ? `${distinct}; most common “${markdownText(top.value, 30)}” (${top.count})` : distinct;
}

function columnTable(analysis: ExcelAnalysis): string[] {
  const columns = analysis.columns.slice(0, MAX_COLUMNS);
  const lines = ["| Column | Type | Values | Blank | Summary |", "|---|---|--:|--:|---|"];
  for (const c of columns) {
    lines.push(`| ${c.column} · ${markdownText(c.header, 40)} | ${c.type} | ${c.count.toLocaleString("en-US")} | ${c.missing.toLocaleString("en-US")} | ${columnSummary(c)} |`);
  }
  if (analysis.columns.length > columns.length) lines.push("", `_…and ${plural(analysis.columns.length - columns.length, "more column")}._`);
  return lines;
}

function recommendationLine(r: Recommendation): string {
  switch (r.kind) {
    case "formula":
      return `- ${code(r.formula)} — ${markdownText(r.message, 200)}`;
    case "chart":
      return `- **${r.chartType[0].toUpperCase()}${r.chartType.slice(1)} chart** of ${code(r.range)} — ${markdownText(r.message, 200)}`;
    case "pivot_table":
      return `- **Pivot table**: ${r.aggregation} of “${markdownText(r.values, 40)}” by “${markdownText(r.rows, 40)}” from ${code(r.range)} — ${markdownText(r.message, 200)}`;
    case "conditional_format":
      return `- **Conditional format** on ${code(r.range)} — ${markdownText(r.message, 200)}`;
  }
}

type SectionName = "insights" | "formulas" | "charts" | "formatting";

const SECTION_ORDER: Record<Intent, SectionName[]> = {
  formula_help: ["formulas", "insights", "charts", "formatting"],
  visualization: ["charts", "insights", "formulas", "formatting"],
  formatting: ["formatting", "insights", "formulas", "charts"],
  analysis: ["insights", "formulas", "charts", "formatting"],
  general: ["insights", "formulas", "charts", "formatting"],
};

function sections(analysis: ExcelAnalysis, intent: Intent): string[] {
  const recs = analysis.recommendations;
  const byKind = {
    formulas: recs.filter((r) => r.kind === "formula"),
    charts: recs.filter((r) => r.kind === "chart" || r.kind === "pivot_table"),
    formatting: recs.filter((r) => r.kind === "conditional_format"),
  };
  const out: string[] = [];
  for (const name of SECTION_ORDER[intent]) {
    if (name === "insights") {
      const insights = analysis.insights.slice(0, MAX_INSIGHTS);
      out.push("", "**What stands out**");
      if (insights.length === 0) out.push("- Nothing unusual: no missing values, outliers, duplicates or errors were found.");
      for (const insight of insights) out.push(`- ${insight.severity === "info" ? "" : "⚠️ "}${markdownText(insight.message, 300)}`);
      continue;
    }
    const list = byKind[name];
    if (list.length === 0) {
      if (intent === "formatting" && name === "formatting") {
        out.push("", "**Formatting**", "- No formatting issue stood out. Use Home › Conditional Formatting to highlight values, or Format Cells (Ctrl+1) for number formats.");
      }
      continue;
    }
    const title = name === "formulas" ? "**Formulas that fit**" : name === "charts" ? "**Charts and summaries**" : "**Formatting that would help**";
    out.push("", title, ...list.map(recommendationLine));
  }
  return out;
}

function whatWasAnalysed(context: ExcelContext, analysis: ExcelAnalysis): string | null {
  const declared = context.declaredRowCount;
  const received = context.areas.reduce((n, a) => n + a.rowCount, 0);
  // A large selection analysed whole by the add-in: the figures are every cell's, the rows a sample.
  if (context.wholeAnalysis) {
    return `_Figures cover all ${plural(analysis.totalCells, "cell")} in the selection (computed by the add-in from every cell); ${plural(received, "row")} were sent as a sample._`;
  }
  if (declared && declared > received) {
    return `_The add-in sent ${plural(received, "row")} of the ${plural(declared, "row")} selected; the figures cover those rows._`;
  }
  return `_Figures cover all ${plural(analysis.totalCells, "cell")} in the selection._`;
}

const NO_DATA_TIPS: Record<Intent, string> = {
  formula_help:
    "Select the cells your formula should work on and ask again: the offline analysis suggests formulas with the real ranges (SUM, AVERAGE, COUNTIF, XLOOKUP and more). For a lookup, `=XLOOKUP(value, lookup_range, return_range)` (Microsoft 365) or `=INDEX(return_range, MATCH(value, lookup_range, 0))` works in every version.",
  visualization:
    "Select the data to chart, including its header row, and ask again: the offline analysis recommends a chart type and the exact range. In Excel: Insert › Recommended Charts.",
  formatting:
    "Select the cells to format and ask again. In Excel: Format Cells (Ctrl+1) for number formats, Home › Conditional Formatting for rules and colour scales.",
  analysis:
    "Select the range to analyse, including its header row, and ask again: the offline analysis computes statistics, finds missing values, outliers, duplicates and trends, and suggests formulas and charts.",
  general: "Select the cells your question is about and ask again: the offline analysis reads them and reports what it finds.",
};

/** The offline answer as markdown. */
export function buildOfflineAnswer(input: OfflineAnswerInput): string {
  const lines = [header(input.reason), ""];
  const analysis = input.analysis;
  if (!input.context || !analysis || analysis.columnCount === 0 || analysis.dataType === "empty") {
    lines.push(input.context ? "The selection has no data in it." : "No cells were sent with this question.", "", NO_DATA_TIPS[input.intent]);
    return lines.join("\n");
  }
  const answer = input.question ? answerQuestion(input.question, input.context, analysis) : null;
  if (answer) {
    lines.push("**Your question**", markdownText(answer.text, 1_500));
    if (answer.formula) lines.push("", `In Excel: ${code(answer.formula)}`);
    lines.push("");
  }
  lines.push(`**${markdownText(analysis.summary, 300)}**`, "");
  lines.push(...columnTable(analysis));
  lines.push(...sections(analysis, input.intent));
  if (analysis.tables.length > 1) {
    lines.push("", `**Other selected areas**`);
    for (const table of analysis.tables.slice(1, 4)) lines.push(`- ${markdownText(table.summary, 300)}`);
  }
  const note = whatWasAnalysed(input.context, analysis);
  if (note) lines.push("", note);
  return lines.join("\n");
}

/** Splits an answer into stream deltas of a few words, as a model would send them. */
export function chunkAnswer(text: string, wordsPerChunk = 3): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) chunks.push(words.slice(i, i + wordsPerChunk).join(""));
  return chunks;
}
