// What the model will see of a selection, computed in the pane with the same code the server
// runs (lib/excel): the compact context text and its estimated tokens, so the chip can show
// exactly what is sent before the user asks.
import { analyzeExcelContext, buildCompactContext, parseExcelContext, type CompactContext, type ExcelAnalysis } from "@/lib/excel";
import type { ExcelContextPayload } from "./context-payload";

export interface SelectionPreview {
  /** The compact text the prompt's data section is built from. */
  text: string;
  estimatedTokens: number;
  truncated: boolean;
  /** Size of the JSON the pane posts, in bytes. */
  payloadBytes: number;
  /** What the server will build from the payload, for the estimate of everything a question sends. */
  compact: CompactContext;
  analysis: ExcelAnalysis;
}

export function previewSelection(payload: ExcelContextPayload): SelectionPreview {
  const json = JSON.stringify(payload);
  const context = parseExcelContext(payload, { maxCells: Number.MAX_SAFE_INTEGER });
  const analysis = analyzeExcelContext(context);
  const compact = buildCompactContext(context, analysis);
  return {
    text: compact.text,
    estimatedTokens: compact.summary.estimatedTokens,
    truncated: compact.summary.truncated,
    payloadBytes: new TextEncoder().encode(json).length,
    compact,
    analysis,
  };
}
