// Analysis scaling: how long the server's work on a selection takes (read the context, analyse
// it, build the compact context) at 10k, 100k and 1M cells, and how many tokens the compact
// context costs. Run alone with `./node_modules/.bin/tsx bench/analysis-scaling.ts`; `npm run
// bench` runs it too and records the 1M figures as analysis_1m_ms / analysis_1m_tokens.
//
// Each size gets one warm-up run (JIT) and then the median of several timed runs; a fresh
// context is generated outside the timer for every run, because reading normalises it in place.
import { pathToFileURL } from "node:url";
import { analyzeExcelContext, buildCompactContext, parseExcelContext } from "@/lib/excel";
import { salesContext, SALES_HEADERS } from "./sales-data";

export interface ScalingResult {
  cells: number;
  rows: number;
  columns: number;
  runs: number;
  /** Medians in ms. */
  parseMs: number;
  analyzeMs: number;
  compactMs: number;
  totalMs: number;
  /** Slowest timed run (total), for honesty about variance. */
  maxTotalMs: number;
  compactTokens: number;
  compactChars: number;
  truncated: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value: number) => Math.round(value * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

function measureOnce(cells: number) {
  const rows = Math.max(1, Math.round(cells / SALES_HEADERS.length) - 1); // minus the header row
  const raw = salesContext({ rows });
  gc?.();
  const t0 = performance.now();
  const context = parseExcelContext(raw, { maxCells: Number.MAX_SAFE_INTEGER });
  const t1 = performance.now();
  const analysis = analyzeExcelContext(context);
  const t2 = performance.now();
  const compact = buildCompactContext(context, analysis);
  const t3 = performance.now();
  return { rows: rows + 1, parse: t1 - t0, analyze: t2 - t1, compact: t3 - t2, total: t3 - t0, compactResult: compact };
}

export function runAnalysisScaling(options: { sizes?: number[]; runs?: number } = {}): ScalingResult[] {
  const sizes = options.sizes ?? [10_000, 100_000, 1_000_000];
  const runs = options.runs ?? 5;
  const results: ScalingResult[] = [];
  for (const cells of sizes) {
    measureOnce(cells); // warm-up
    const samples = Array.from({ length: runs }, () => measureOnce(cells));
    const last = samples[samples.length - 1];
    results.push({
      cells: last.rows * SALES_HEADERS.length,
      rows: last.rows,
      columns: SALES_HEADERS.length,
      runs,
      parseMs: round(median(samples.map((s) => s.parse))),
      analyzeMs: round(median(samples.map((s) => s.analyze))),
      compactMs: round(median(samples.map((s) => s.compact))),
      totalMs: round(median(samples.map((s) => s.total))),
      maxTotalMs: round(Math.max(...samples.map((s) => s.total))),
      compactTokens: last.compactResult.summary.estimatedTokens,
      compactChars: last.compactResult.text.length,
      truncated: last.compactResult.summary.truncated,
    });
  }
  return results;
}

export function scalingTable(results: ScalingResult[]): string {
  const lines = [
    "| cells | rows × cols | read ms | analyse ms | compact ms | total ms (median) | max ms | compact tokens |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.cells.toLocaleString("en-US")} | ${r.rows.toLocaleString("en-US")} × ${r.columns} | ${r.parseMs} | ${r.analyzeMs} | ${r.compactMs} | ${r.totalMs} | ${r.maxTotalMs} | ${r.compactTokens} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = runAnalysisScaling();
  console.log(scalingTable(results));
}
