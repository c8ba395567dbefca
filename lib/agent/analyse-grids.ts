// The analysis an agent read returns for a range: the engine's view of the grid, exactly as it
// reads a selection, cut to the text budget a tool result may use. Pure, so it runs the same in a
// worker, in the page and under Node.
import { analyzeExcelContext, buildCompactContext, parseExcelContext } from "@/lib/excel";
import type { CellGrids, CellRect } from "./workbook-source";

/** Most cells a read or an analysis covers in full (the analysis engine's budget). */
export const MAX_ANALYSED_CELLS = 1_000_000;
/** What an analysis's text may use, in estimated tokens. */
const ANALYSIS_TOKENS = 1_500;

export interface GridAnalysisInput {
  sheet: string;
  address: string;
  grids: CellGrids;
  rect: CellRect;
}

export interface GridAnalysis {
  text: string;
  truncated: boolean;
}

export function analyseGrids({ sheet, address, grids, rect }: GridAnalysisInput): GridAnalysis {
  const context = parseExcelContext(
    {
      selectedRange: { address, values: grids.values, formulas: grids.formulas, numberFormat: grids.numberFormat, rowCount: rect.rowCount, columnCount: rect.columnCount },
      worksheet: { name: sheet },
    },
    { maxCells: MAX_ANALYSED_CELLS },
  );
  const compact = buildCompactContext(context, analyzeExcelContext(context), { tokenBudget: ANALYSIS_TOKENS });
  return { text: compact.text, truncated: compact.summary.truncated };
}
