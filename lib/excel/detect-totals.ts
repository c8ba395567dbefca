// Finds total and subtotal rows so nothing is counted twice: a row labelled "Total" (or "Grand
// total", "Summe", "Gesamt"…) at the end of the table, a SUM/SUBTOTAL/AGGREGATE formula over the
// rows above it, and rows labelled "All …" / "Total …" / "Subtotal" whose figures equal the sum
// of the other rows. Those rows get the kind K_EXCLUDED in every column, which keeps them out
// of every statistic, outlier test, trend and duplicate check; a finding names them.

import * as cc from "@/lib/excel/classify-cell";
import { cellAt, formulaAt } from "@/lib/excel/build-tables";
import { columnLetter } from "@/lib/excel/parse-address";
import type { ColumnScan, ScannedTable } from "@/lib/excel/scan-table";
import type { Insight } from "@/lib/excel/types";

const { K_BOOLEAN, K_CURRENCY, K_EMPTY, K_EXCLUDED, K_NUMBER, K_PERCENT, K_TEXT } = cc;

const TOTAL_LABEL = /^(?:grand[\s-]*|sub[\s-]*)?totals?\b|^(?:sum|summe|gesamt|gesamtsumme|insgesamt|zwischensumme|total g[ée]n[ée]ral|totale|totaal|suma)\b/i;
const ALL_LABEL = /^all\b/i;
/** A label that is nothing but "Total" (or "Grand total:", "Summe"…). */
const PLAIN_TOTAL = /^(?:grand[\s-]*)?totals?\s*:?$|^(?:sum|summe|gesamt|gesamtsumme|insgesamt|total g[ée]n[ée]ral|totale|totaal|suma)\s*:?$/i;
const SUM_FORMULA = /^=\s*(?:SUM\(|SUBTOTAL\(\s*(?:9|109)\s*,\s*|AGGREGATE\(\s*9\s*,\s*\d+\s*,\s*)\$?([A-Z]{1,3})\$?(\d+)\s*:\s*\$?([A-Z]{1,3})\$?(\d+)\s*\)$/i;

type Basis = "label" | "formula" | "subtotal";

function isNumericKind(k: number): boolean {
  return k === K_NUMBER || k === K_CURRENCY || k === K_PERCENT;
}

/** Rows whose own formula sums the rows above it in the same column. */
function formulaTotals(table: ScannedTable): Set<number> {
  const rows = new Set<number>();
  for (const c of table.columns) {
    if (!c.source.area.formulas) continue;
    const letter = columnLetter(c.source.sheetColumn);
    for (let r = table.bodyStart; r < table.rows; r++) {
      const f = formulaAt(c.source, r);
      if (typeof f !== "string" || f.length < 8 || f.charCodeAt(0) !== 61) continue;
      const m = SUM_FORMULA.exec(f.replace(/\s+/g, ""));
      if (!m) continue;
      const sheetRow = table.source.startRow + r;
      const from = Number(m[2]);
      const to = Number(m[4]);
      if (m[1].toUpperCase() === letter && m[3].toUpperCase() === letter && to < sheetRow && to > from) rows.add(r);
    }
  }
  return rows;
}

/** Rows per text column whose label matches; only distinct values are tested, then rows. */
function labelled(table: ScannedTable, c: ColumnScan, re: RegExp): number[] {
  if (!c.textIds || c.kindCounts[K_TEXT] === 0) return [];
  const matched = new Set<string>();
  for (const key of c.textKeys) if (key.length <= 60 && re.test(key.trim())) matched.add(key);
  if (matched.size === 0) return [];
  const out: number[] = [];
  for (let r = table.bodyStart; r < table.rows; r++) {
    if (c.kinds[r] === K_TEXT && matched.has(cellAt(c.source, r) as string)) out.push(r);
  }
  return out;
}

/** Whether, for some numeric column, the candidate rows add up to the rest of the rows. */
function sumsToTheRest(table: ScannedTable, candidates: number[], excluded: Set<number>): boolean {
  const isCandidate = new Uint8Array(table.rows);
  for (const r of candidates) isCandidate[r] = 1;
  for (const c of table.columns) {
    if (c.kindCounts[K_NUMBER] + c.kindCounts[K_CURRENCY] + c.kindCounts[K_PERCENT] < 2 || c.kindCounts[K_PERCENT] > 0) continue;
    let inside = 0;
    let outside = 0;
    let insideCount = 0;
    let outsideCount = 0;
    for (let r = table.bodyStart; r < table.rows; r++) {
      if (!isNumericKind(c.kinds[r]) || excluded.has(r)) continue;
      if (isCandidate[r]) {
        inside += c.nums[r];
        insideCount++;
      } else {
        outside += c.nums[r];
        outsideCount++;
      }
    }
    if (insideCount === 0 || outsideCount <= insideCount || outside === 0) continue;
    if (Math.abs(inside - outside) <= Math.abs(outside) * 1e-3) return true;
  }
  return false;
}

function lastFilledRow(table: ScannedTable): number {
  let r = table.rows - 1;
  while (r >= table.bodyStart && table.rowFilled[r] === 0) r--;
  return r;
}

function exclude(table: ScannedTable, rows: number[]): void {
  for (const r of rows) {
    for (const c of table.columns) {
      const k = c.kinds[r];
      if (k === K_EXCLUDED) continue;
      c.kindCounts[k]--;
      if ((k === K_TEXT || k === K_BOOLEAN) && c.textIds) {
        const v = cellAt(c.source, r);
        const id = c.textIds.get(k === K_BOOLEAN ? (c.nums[r] === 1 ? "TRUE" : "FALSE") : (v as string));
        if (id !== undefined) c.textCounts[id]--;
      } else if (k !== K_EMPTY) {
        const v = cellAt(c.source, r);
        if (typeof v === "string" && isNumericKind(k)) c.textNumbers--;
        else if (typeof v === "number") c.typedNumbers--;
      }
      c.kinds[r] = K_EXCLUDED;
    }
    table.rowFilled[r] = 0;
  }
}

function describeRows(sheetRows: number[]): string {
  const shown = sheetRows.slice(0, 4).join(", ");
  return sheetRows.length > 4 ? `${shown} …` : shown;
}

/**
 * Marks total and subtotal rows in the scanned table (in place) and returns the finding, or
 * null when there are none.
 */
export function detectTotals(table: ScannedTable): Insight | null {
  if (table.rows - table.bodyStart < 3) return null;
  const found = new Map<number, Basis>();
  for (const r of formulaTotals(table)) found.set(r, "formula");

  const last = lastFilledRow(table);
  let firstLabel = "";
  for (const c of table.columns) {
    const totals = labelled(table, c, TOTAL_LABEL);
    const all = labelled(table, c, ALL_LABEL);
    if (totals.length === 0 && all.length === 0) continue;
    // A "Total" on the last filled row (or rows) is the grand total.
    const trailing: number[] = [];
    for (let i = totals.length - 1; i >= 0; i--) {
      const r = totals[i];
      const expected = trailing.length === 0 ? last : trailing[trailing.length - 1] - 1;
      if (r !== expected) break;
      trailing.push(r);
    }
    // "Total" alone is a total; "Total Wine & More" on the last row only when its figures add up.
    const plainLabel = trailing.length > 0 && trailing.every((r) => PLAIN_TOTAL.test(String(cellAt(c.source, r)).trim()));
    if (trailing.length > 0 && !plainLabel && !sumsToTheRest(table, trailing, new Set(found.keys()))) trailing.length = 0;
    for (const r of trailing) if (!found.has(r)) found.set(r, "label");
    if (trailing.length > 0 && !firstLabel) firstLabel = String(cellAt(c.source, trailing[0])).trim();
    const excludedSoFar = new Set(found.keys());
    const middle = totals.filter((r) => !excludedSoFar.has(r));
    for (const group of [middle, all]) {
      if (group.length === 0) continue;
      if (sumsToTheRest(table, group, excludedSoFar)) {
        for (const r of group) if (!found.has(r)) found.set(r, "subtotal");
        if (!firstLabel) firstLabel = String(cellAt(c.source, group[0])).trim();
      }
    }
  }
  if (found.size === 0) return null;
  const rows = [...found.keys()].sort((a, b) => a - b);
  exclude(table, rows);
  table.excludedRows = rows;
  let lastBody = table.rows - 1;
  while (lastBody > table.bodyStart && (found.has(lastBody) || table.rowFilled[lastBody] === 0)) lastBody--;
  table.lastBodyRow = lastBody;

  const sheetRows = rows.map((r) => table.source.startRow + r);
  const bases = new Set(found.values());
  const basis: Basis = bases.has("subtotal") ? "subtotal" : bases.has("formula") ? "formula" : "label";
  const what =
    basis === "subtotal"
      ? `${rows.length === 1 ? "Row" : `${rows.length} rows`} ${describeRows(sheetRows)} ${rows.length === 1 ? "is a subtotal" : "are subtotals"}${firstLabel ? ` (“${firstLabel.slice(0, 30)}”)` : ""} equal to the sum of the other rows`
      : basis === "formula"
        ? `${rows.length === 1 ? "Row" : "Rows"} ${describeRows(sheetRows)} ${rows.length === 1 ? "is a total" : "are totals"} (a SUM formula over the rows above)`
        : `${rows.length === 1 ? "Row" : "Rows"} ${describeRows(sheetRows)} ${rows.length === 1 ? "is a total" : "are totals"}${firstLabel ? ` (“${firstLabel.slice(0, 30)}”)` : ""}`;
  return {
    kind: "totals",
    severity: "info",
    message: `${what}; left out of every figure here so nothing is counted twice. Keep them out of SUM ranges and PivotTables too.`,
    rows: sheetRows,
    basis,
  };
}
