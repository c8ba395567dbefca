// A tool result is spreadsheet data sent by the client: however large the client made it, the
// server keeps (and the model sees) at most MAX_TOOL_RESULT_CHARS of it. A longer result is cut:
// replaced by a marker that says so, how long it was, and its beginning — never silently shortened.
// Deterministic, and a cut result passes through unchanged, so capping again (a later step of the
// same turn, a client sending the stored copy back) gives the same prompt and cache key.
import { cutResultSchema, type CutResult } from "./tool-results";

/** About 10,000 tokens: a 2,000-cell read with short values fits. */
export const MAX_TOOL_RESULT_CHARS = 40_000;

export function isCutResult(output: unknown): output is CutResult {
  return cutResultSchema.safeParse(output).success;
}

export function capToolResult(output: unknown, maxChars = MAX_TOOL_RESULT_CHARS): { output: unknown; cut: boolean } {
  if (isCutResult(output)) return { output, cut: true };
  const json = JSON.stringify(output) ?? "null";
  if (json.length <= maxChars) return { output, cut: false };
  const cut: CutResult = {
    cut: true,
    totalChars: json.length,
    keptChars: maxChars,
    partial: json.slice(0, maxChars),
    note: `This result was ${json.length.toLocaleString("en-US")} characters; the server kept the first ${maxChars.toLocaleString("en-US")}. Read a smaller range, or use analyze_range for figures over every cell.`,
  };
  return { output: cut, cut: true };
}

/** Longest error text a client may report for a failed read. */
export const MAX_TOOL_ERROR_CHARS = 1_000;
