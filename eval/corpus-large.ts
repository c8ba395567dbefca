// Large selections: cases that reach the server the way the task pane sends a selection too big
// to send whole — its own analysis of every cell plus a sample of rows with their real sheet row
// numbers, built by the same function the pane's worker uses. The reference figures are still
// computed by the evaluator over every row, so a figure taken from the sample would be wrong,
// and a range that stops at the sample's end is caught by `mustNotSay`.
import { buildLargeSelectionPayload } from "@/lib/addin/large-selection-payload";
import type { EvalCase, ReferenceTable } from "./corpus";
import { isoToSerial } from "./corpus";
import type { Raw } from "./data";

const OWN = { source: "Generated for this evaluation (eval/corpus-large.ts), deterministic", licence: "Same as this repository" };
const ROWS = 200_000;
const REGIONS = ["North", "South", "East", "West", "Central"];

/** 200,000 orders: a date (one day per 200 rows from 2023-03-15), a region, units and an amount. */
function orders(): ReferenceTable {
  const rows: Raw[][] = [];
  let seed = 12345;
  const start = Date.UTC(2023, 2, 15);
  for (let i = 0; i < ROWS; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const units = 1 + ((seed >>> 8) % 40);
    const price = 5 + ((seed >>> 16) % 120);
    const day = new Date(start + Math.floor(i / 200) * 86_400_000).toISOString().slice(0, 10);
    rows.push([day, REGIONS[i % REGIONS.length], units, units * price]);
  }
  return { headers: ["Order date", "Region", "Units", "Amount"], rows };
}

let cached: { reference: ReferenceTable; context: Record<string, unknown> } | null = null;

/** Built once: the grid as Excel holds it (date serials with a date format), then the pane's body. */
function largeOrders() {
  if (cached) return cached;
  const reference = orders();
  const values: Raw[][] = [reference.headers, ...reference.rows.map((r) => [isoToSerial(r[0] as string), r[1], r[2], r[3]])];
  const numberFormat = values.map((_, i) => (i === 0 ? ["General", "General", "General", "General"] : ["yyyy-mm-dd", "General", "0", "#,##0"]));
  const { payload } = buildLargeSelectionPayload({ workbook: "Orders.xlsx", sheet: "Orders", startRow: 1, startColumn: 1, values, numberFormat });
  cached = { reference, context: payload as unknown as Record<string, unknown> };
  return cached;
}

export const LARGE_SELECTION_CASES: EvalCase[] = [
  {
    id: "large-orders-200k",
    title: "200,000 orders selected in the task pane (analysis of every cell + a sample)",
    kind: "large_selection",
    ...OWN,
    fast: true,
    context: () => largeOrders().context,
    reference: () => largeOrders().reference,
    roles: { "Order date": "date_time", Region: "category", Units: "additive_measure", Amount: "additive_measure" },
    questions: [
      { question: "What is the total amount?", expected: (t) => t.rows.reduce((s, r) => s + (r[3] as number), 0), formulaHas: ["SUM(D2:D200001)"] },
      { question: "What is the average amount?", expected: (t) => t.rows.reduce((s, r) => s + (r[3] as number), 0) / t.rows.length, formulaHas: ["AVERAGE(D2:D200001)"] },
      { question: "What is the highest number of units?", expected: (t) => t.rows.reduce((m, r) => Math.max(m, r[2] as number), 0) },
    ],
    mustSay: ["D2:D200001", "cover all 200,000 data rows"],
    // A sample's range or a sample called whole.
    mustNotSay: ["D2:D401", "Statistics cover every cell"],
  },
];
