// Public API of the Excel context module: parse what the add-in sends, analyse it without AI,
// and shrink it into a prompt-sized text. Import from `@/lib/excel`, not from the files inside.

export type * from "@/lib/excel/types";

export { excelContextSchema, parseExcelContext } from "@/lib/excel/context-schema";
export {
  parseAddress,
  parseAreaAddress,
  columnLetter,
  columnNumber,
  cellAddress,
  rangeAddress,
  quoteSheetName,
  type ParsedArea,
} from "@/lib/excel/parse-address";
export { classifyCell, classifyNumberFormat, excelSerialToIso, isExcelError } from "@/lib/excel/classify-cell";
export { analyzeExcelContext } from "@/lib/excel/analyze-selection";
export { answerQuestion } from "@/lib/excel/answer-question";
export { buildCompactContext, DEFAULT_TOKEN_BUDGET } from "@/lib/excel/compact-context";
export { estimateTokens } from "@/lib/excel/estimate-tokens";
export { intersectRect, type CellRect } from "@/lib/excel/cell-rect";
