// What Undo needs after an edit was applied. Plain data (no Excel proxies: those die with
// their Excel.run), so a record outlives the request that made it.
import type { RangeSnapshot } from "./range-snapshot";

export type UndoRecord =
  /** Put back what the snapshot holds (writes, formats, sorts). */
  | { kind: "restore"; snapshot: RangeSnapshot }
  | { kind: "conditional_format"; sheetName: string; address: string; id: string }
  /** Convert the table back to a range, then restore the formatting its style painted over. */
  | { kind: "table"; sheetName: string; tableName: string; snapshot: RangeSnapshot | null }
  /** Remove the filter, then re-apply the one that was there before (if any). */
  | { kind: "filter"; sheetName: string; previous: { address: string; criteria: (Excel.FilterCriteria | null)[] } | null }
  | { kind: "chart"; sheetName: string; chartName: string }
  | { kind: "none"; reason: string };
