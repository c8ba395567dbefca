// What the playground analysed and what a question sends, said exactly, for the notice shown
// when a range is too large to send whole: the analysis covers every cell (in the browser),
// the request carries that analysis plus a sample of rows (the add-in's rule), and the model
// reads part of the sample as text plus the statistics of every cell. Numbers come from the request itself.
import type { CompactContextSummary } from "@/lib/excel";
import type { BuiltPayload } from "@/lib/workbook/context-payload";
import { formatBytes } from "@/lib/workbook/workbook-file";

const n = (value: number) => value.toLocaleString("en-US");
const rowsWord = (count: number) => `${n(count)} row${count === 1 ? "" : "s"}`;

export interface SentDescription {
  /** True when the range is too large to send whole, so a question carries a sample: the notice is shown. */
  partial: boolean;
  analysed: string;
  sent: string;
  model: string;
}

/** Sheet rows as runs: [1,2,3,7,9,10] → "1–3", "7", "9–10". */
function runs(rows: number[]): { first: number; last: number }[] {
  const out: { first: number; last: number }[] = [];
  for (const row of rows) {
    const run = out[out.length - 1];
    if (run && run.last + 1 === row) run.last = row;
    else out.push({ first: row, last: row });
  }
  return out;
}

const span = (run: { first: number; last: number }) => (run.first === run.last ? `row ${n(run.first)}` : `rows ${n(run.first)}–${n(run.last)}`);

/** Which sheet rows were sent, e.g. "rows 1–161, 160 rows spread evenly between them and rows 99,921–100,000". */
export function describeSampledRows(sheetRows: number[]): string {
  const parts = runs(sheetRows);
  if (parts.length <= 3) return parts.map(span).join(", ");
  const first = parts[0];
  const last = parts[parts.length - 1];
  const between = sheetRows.length - (first.last - first.first + 1) - (last.last - last.first + 1);
  return `${span(first)}, ${rowsWord(between)} spread evenly between ${n(first.last + 1)} and ${n(last.first - 1)}, and ${span(last)}`;
}

export function describeSent({ address, rowCount, columnCount, built, compact }: { address: string; rowCount: number; columnCount: number; built: BuiltPayload; compact: CompactContextSummary }): SentDescription {
  const { summary, payload } = built;
  const analysed = `Analysed: all ${n(summary.cells)} cells of ${address} (${rowsWord(rowCount)} × ${n(columnCount)} columns), here in your browser. The statistics, insights and chart above cover every row.`;
  const sampledRows = payload.selectedRange?.sampledRows;
  const sent = summary.sampled
    ? `Sent with each question: ${n(summary.sentCells)} of the ${n(summary.cells)} cells (${formatBytes(summary.bytes)}) — ${rowsWord(summary.sentRows)} of ${n(rowCount)}${sampledRows ? ` (sheet ${describeSampledRows(sampledRows)})` : ""}${summary.sentColumns < columnCount ? `, and the first ${n(summary.sentColumns)} of ${n(columnCount)} columns` : ""}, with the range's full size${payload.selectedRange?.analysis ? " and the statistics of every cell" : ""}.`
    : `Sent with each question: all ${n(summary.cells)} cells (${formatBytes(summary.bytes)}).`;
  // A large range carries the analysis of every cell (computed here); only an old-style sample would not.
  const statsFrom = compact.coverage.basis === "sample" ? `computed from a sample of ${rowsWord(compact.coverage.analysedRows)}` : "computed from every row";
  const of = summary.sampled ? `the ${rowsWord(summary.sentRows)} sent` : `the range's ${rowsWord(compact.totalRows)}`;
  const shownOf = summary.sampled ? summary.sentRows : compact.totalRows;
  const model = `The model reads ${compact.rowsSampled < shownOf ? `${n(compact.rowsSampled)} of ${of}` : `all ${of}`} as text${compact.columnsIncluded < compact.totalColumns ? ` (${n(compact.columnsIncluded)} of ${n(compact.totalColumns)} columns)` : ""}, plus each column's statistics ${statsFrom} — about ${n(compact.estimatedTokens)} tokens.`;
  return { partial: summary.sampled, analysed, sent, model };
}
