// What the user reads about a step of an answer that reads the workbook: what is being read (the
// tool's input, in words), and once done, what came back in a few words. Shared by the task pane,
// the playground and history, so a step reads the same everywhere.
import type { ReadToolName } from "@/lib/ai/tools/read-tools";

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function text(value: unknown, max = 80): string {
  const s = typeof value === "string" ? value : "";
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The step as it runs, e.g. "Reading Data!A1:C20 (values and formulas)". */
export function describeStepInput(tool: ReadToolName, input: unknown): string {
  const i = (input ?? {}) as Record<string, unknown>;
  switch (tool) {
    case "list_sheets":
      return "Listing the workbook's sheets, tables and named ranges";
    case "read_range": {
      const include = Array.isArray(i.include) && i.include.length > 0 ? (i.include as string[]) : ["values"];
      const what = include.map((x) => (x === "numberFormat" ? "number formats" : x)).join(" and ");
      return `Reading ${text(i.address) || "a range"} (${what})`;
    }
    case "find_cells":
      return `Finding “${text(i.query, 60)}” in ${typeof i.sheet === "string" && i.sheet ? text(i.sheet, 60) : "every sheet"}${i.matchCase ? ", matching case" : ""}`;
    case "analyze_range":
      return `Analysing every cell of ${text(i.address) || "a range"}`;
  }
}

/** What came back, e.g. "3 sheets, 1 table, 2 named ranges". Null when the output is not one this client knows. */
export function describeStepOutput(tool: ReadToolName, output: unknown): string | null {
  const o = (output ?? {}) as Record<string, unknown>;
  if (o.cut === true) return "The result was too long and was cut before the model read it.";
  switch (tool) {
    case "list_sheets": {
      const sheets = Array.isArray(o.sheets) ? (o.sheets as { tables?: unknown[] }[]) : null;
      if (!sheets) return null;
      const tables = sheets.reduce((n, s) => n + (Array.isArray(s.tables) ? s.tables.length : 0), 0);
      const names = Array.isArray(o.namedRanges) ? o.namedRanges.length : 0;
      return `${plural(sheets.length, "sheet")}, ${plural(tables, "table")}, ${plural(names, "named range")}`;
    }
    case "read_range": {
      if (typeof o.rowCount !== "number" || typeof o.columnCount !== "number") return null;
      const size = `${count(o.rowCount)} × ${count(o.columnCount)} cells`;
      if (o.complete !== false) return size;
      return `${size}: more than one read returns, so the model got an analysis of every cell and the cells of ${text(o.sampleAddress) || "the first rows"}`;
    }
    case "find_cells": {
      if (!Array.isArray(o.matches)) return null;
      return o.more ? `The first ${count(o.matches.length)} matches (there are more)` : o.matches.length === 0 ? "No match" : plural(o.matches.length, "match", "matches");
    }
    case "analyze_range":
      return typeof o.rowCount === "number" && typeof o.columnCount === "number" ? `Analysed ${count(o.rowCount * o.columnCount)} cells` : null;
  }
}
