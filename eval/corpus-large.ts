// Hook for large selections: cases that reach the server the way the task pane sends a
// selection too big to send whole (its own summary of every cell plus a sample). Append
// `EvalCase` entries here (kind "large_selection"); the scorecard and `npm run eval` pick them
// up, and the fast subset runs those marked `fast`.
import type { EvalCase } from "./corpus";

export const LARGE_SELECTION_CASES: EvalCase[] = [];
