// Realistic sales selections in the add-in's context shape, for the benchmarks: a date column as
// Excel serials, text dimensions, integer units, currency and percent columns with their number
// formats, a few blanks — what Office.js returns for a real sales sheet. Deterministic (seeded
// PRNG) so every run measures the same cells.

export const SALES_HEADERS = ["Date", "Region", "Product", "Sales Rep", "Channel", "Units", "Unit Price", "Revenue", "Cost", "Margin"];

const REGIONS = ["North", "South", "East", "West", "Central"];
const PRODUCTS = ["Widget", "Gadget", "Gizmo", "Doohickey", "Sprocket", "Flange", "Bracket", "Valve"];
const REPS = ["Alice Moreau", "Bob Chen", "Carla Diaz", "Dev Patel", "Eva Novak", "Femi Adeyemi", "Gus Larsen", "Hana Sato"];
const CHANNELS = ["Online", "Retail", "Partner"];
const FORMATS = ["yyyy-mm-dd", "General", "General", "General", "General", "#,##0", "$#,##0.00", "$#,##0.00", "$#,##0.00", "0.0%"];

/** mulberry32: a tiny, fast, seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SalesContextOptions {
  /** Data rows (the header row comes on top). */
  rows: number;
  /** Send numberFormat for every cell, as the add-in does (default true). */
  numberFormats?: boolean;
  seed?: number;
}

/** A selection of `rows` data rows × 10 columns (plus the header row), in the add-in's shape. */
export function salesContext(options: SalesContextOptions) {
  const random = prng(options.seed ?? 42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const start = 45_292; // 2024-01-01 as an Excel serial
  const values: (string | number)[][] = [SALES_HEADERS];
  for (let r = 0; r < options.rows; r++) {
    const units = 1 + Math.floor(random() * 200);
    const price = Math.round((5 + random() * 95) * 100) / 100;
    const revenue = Math.round(units * price * 100) / 100;
    const cost = Math.round(revenue * (0.45 + random() * 0.35) * 100) / 100;
    const margin = revenue > 0 ? Math.round(((revenue - cost) / revenue) * 1000) / 1000 : 0;
    values.push([
      start + Math.floor((r * 365) / Math.max(1, options.rows)),
      pick(REGIONS),
      pick(PRODUCTS),
      random() < 0.01 ? "" : pick(REPS), // a few blanks, as real sheets have
      pick(CHANNELS),
      units,
      price,
      revenue,
      cost,
      margin,
    ]);
  }
  const rowCount = values.length;
  return {
    selectedRange: {
      address: `Sales!A1:J${rowCount}`,
      values,
      ...(options.numberFormats === false
        ? {}
        : { numberFormat: values.map((_, r) => (r === 0 ? SALES_HEADERS.map(() => "General") : FORMATS.slice())) }),
      rowCount,
      columnCount: SALES_HEADERS.length,
    },
    worksheet: { name: "Sales" },
    workbook: { name: "Sales 2024.xlsx" },
  };
}
