"use client";

// The analysis of the chosen range, computed in the browser with the same engine the server
// uses (lib/excel), plus the exact context a question would send and the compact text the model
// would receive. Large ranges take a moment, so the work runs after a paint with a busy state.
import { useEffect, useState } from "react";
import type { WorkBook } from "xlsx";
import { analyzeExcelContext, buildCompactContext, parseExcelContext, type CompactContext, type ExcelAnalysis } from "@/lib/excel";
import { buildContextPayload, type BuiltPayload } from "@/lib/workbook/context-payload";
import { detectCulture } from "@/lib/workbook/detect-culture";
import { readGrid, type Grid } from "@/lib/workbook/read-grid";
import { rectAddress, type SheetRect } from "@/lib/workbook/sheet-range";
import { nextPaint } from "./read-file";

/** The browser analyses at most this many cells (the engine's own budget is 1,000,000 in < 1 s). */
const LOCAL_MAX_CELLS = 2_000_000;

export interface RangeAnalysis {
  grid: Grid;
  analysis: ExcelAnalysis;
  sent: BuiltPayload;
  /** What the model receives about the sent context (the server builds the same text). */
  compact: CompactContext;
}

export type AnalysisState = { status: "idle" } | { status: "working" } | { status: "ready"; result: RangeAnalysis } | { status: "error"; message: string };

function analyse(workbook: WorkBook, workbookName: string, sheetName: string, rect: SheetRect): RangeAnalysis {
  const sheet = workbook.Sheets[sheetName];
  const grid = readGrid(sheet, rect);
  const limits = { maxCells: LOCAL_MAX_CELLS };
  const context = parseExcelContext(
    {
      selectedRange: {
        address: rectAddress(rect, sheetName),
        values: grid.values,
        formulas: grid.formulas,
        numberFormat: grid.numberFormat,
        rowCount: rect.rowCount,
        columnCount: rect.columnCount,
      },
      worksheet: { name: sheetName },
      workbook: { name: workbookName },
    },
    limits,
  );
  const analysis = analyzeExcelContext(context);
  // A large range sends this analysis of every cell with a sample, as the add-in does.
  const sent = buildContextPayload({ workbookName, sheetName, sheet, rect, grid, analysis, culture: detectCulture() });
  const sentContext = sent.summary.sampled ? parseExcelContext(sent.payload, limits) : context;
  const sentAnalysis = sent.summary.sampled ? analyzeExcelContext(sentContext) : analysis;
  return { grid, analysis, sent, compact: buildCompactContext(sentContext, sentAnalysis) };
}

export function useRangeAnalysis(input: { workbook: WorkBook | null; workbookName: string; sheetName: string; rect: SheetRect | null; version: number }): AnalysisState {
  const { workbook, workbookName, sheetName, rect, version } = input;
  const [state, setState] = useState<AnalysisState>({ status: "idle" });

  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the workbook's cells, which change in place when an edit is applied
  useEffect(() => {
    if (!workbook || !rect) {
      setState({ status: "idle" });
      return;
    }
    const cells = rect.rowCount * rect.columnCount;
    if (cells > LOCAL_MAX_CELLS) {
      setState({
        status: "error",
        message: `This range has ${cells.toLocaleString("en-US")} cells; the playground analyses at most ${LOCAL_MAX_CELLS.toLocaleString("en-US")}. Enter a smaller range.`,
      });
      return;
    }
    let cancelled = false;
    setState({ status: "working" });
    void nextPaint().then(() => {
      if (cancelled) return;
      try {
        const result = analyse(workbook, workbookName, sheetName, rect);
        if (!cancelled) setState({ status: "ready", result });
      } catch (error) {
        if (!cancelled) setState({ status: "error", message: error instanceof Error ? error.message : "The range could not be analysed." });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [workbook, workbookName, sheetName, rect, version]);

  return state;
}
