// Applies an approved proposal to the uploaded workbook (the browser copy), the same proposal
// shapes the add-in applies through Office.js. It keeps what it overwrites and returns the Undo
// record first thing, so a failure half-way can be rolled back too. Only what SheetJS can save
// is applied (see browser-support.ts); anything else throws with the reason. A proposal the
// shared checks refuse (a risky formula, named by its rule) throws before any cell is touched.
import type { CellObject, ColInfo, WorkBook, WorkSheet } from "xlsx";
import { checkBeforeApplying, type Proposal } from "@/lib/addin/edits/proposal";
import { columnNumber, type CellValue } from "@/lib/excel";
import { browserSupport } from "./browser-support";
import { cellDisplay } from "./read-grid";
import { proposalAddress, resolveTarget, type Target } from "./resolve-target";
import { rectAddress, usedRect, type SheetRect } from "./sheet-range";
import { cellKey, restoreSnapshot, snapshotRect, type WorkbookUndo } from "./undo-record";
import { compareForSort } from "./sort-order";

/** Keeps the cell's number format and style, as Excel does when a value is overwritten. */
function keepFormat(previous: CellObject | undefined): Partial<CellObject> {
  const kept: Partial<CellObject> = {};
  if (previous?.z !== undefined) kept.z = previous.z;
  if (previous?.s !== undefined) kept.s = previous.s;
  return kept;
}

/** A formula cell has no value until Excel calculates it; SheetJS then writes the formula alone. */
function formulaCell(formula: string, previous: CellObject | undefined): CellObject {
  return { ...keepFormat(previous), t: "z", f: formula.replace(/^=/, "") };
}

/** A constant, as Office.js would store it: "=…" text is a formula there too, null means empty. */
function valueCell(value: CellValue, previous: CellObject | undefined): CellObject | undefined {
  if (value === null || value === "") return previous?.z !== undefined || previous?.s !== undefined ? { ...keepFormat(previous), t: "z" } : undefined;
  if (typeof value === "string" && value.startsWith("=") && value.length > 1) return formulaCell(value, previous);
  if (typeof value === "number") return { ...keepFormat(previous), t: "n", v: value };
  if (typeof value === "boolean") return { ...keepFormat(previous), t: "b", v: value };
  return { ...keepFormat(previous), t: "s", v: value };
}

function setCell(sheet: WorkSheet, key: string, cell: CellObject | undefined) {
  if (cell) sheet[key] = cell;
  else delete sheet[key];
}

/** Grows the sheet's used-range marker to cover `rect`, as writing outside it does in Excel. */
function extendRef(sheet: WorkSheet, rect: SheetRect) {
  const used = usedRect(sheet);
  if (!used) {
    sheet["!ref"] = rectAddress(rect);
    return;
  }
  const top = Math.min(used.row, rect.row);
  const left = Math.min(used.column, rect.column);
  const bottom = Math.max(used.row + used.rowCount, rect.row + rect.rowCount);
  const right = Math.max(used.column + used.columnCount, rect.column + rect.columnCount);
  sheet["!ref"] = rectAddress({ row: top, column: left, rowCount: bottom - top, columnCount: right - left });
}

function writeRange(target: Target, input: Extract<Proposal, { toolName: "write_range" }>["input"]) {
  const { sheet, rect } = target;
  for (let r = 0; r < rect.rowCount; r++) {
    for (let c = 0; c < rect.columnCount; c++) {
      const key = cellKey(rect.row + r, rect.column + c);
      const previous = sheet[key] as CellObject | undefined;
      const cell = input.formulas ? formulaCell(String(input.formulas[r]?.[c] ?? ""), previous) : valueCell(input.values?.[r]?.[c] ?? null, previous);
      setCell(sheet, key, cell);
    }
  }
  extendRef(sheet, rect);
}

function setColumnWidths(sheet: WorkSheet, rect: SheetRect, width: (column: number) => number) {
  const cols: ColInfo[] = [...((sheet["!cols"] as ColInfo[] | undefined) ?? [])];
  for (let c = rect.column; c < rect.column + rect.columnCount; c++) cols[c] = { ...(cols[c] ?? {}), wch: width(c) };
  sheet["!cols"] = cols;
}

function formatRange(target: Target, input: Extract<Proposal, { toolName: "format_range" }>["input"]) {
  const { sheet, rect } = target;
  if (input.numberFormat !== undefined) {
    for (let r = 0; r < rect.rowCount; r++) {
      for (let c = 0; c < rect.columnCount; c++) {
        const key = cellKey(rect.row + r, rect.column + c);
        const previous = sheet[key] as CellObject | undefined;
        // Only cells that exist: SheetJS does not save a format on an empty cell.
        if (previous) {
          const { w: _staleText, ...rest } = previous;
          sheet[key] = { ...rest, z: input.numberFormat };
        }
      }
    }
  }
  if (input.columnWidth !== undefined) setColumnWidths(sheet, rect, () => input.columnWidth as number);
  if (input.autofitColumns) {
    const used = usedRect(sheet);
    setColumnWidths(sheet, rect, (column) => {
      let longest = 0;
      const rows = used ? { from: used.row, to: used.row + used.rowCount } : { from: rect.row, to: rect.row + rect.rowCount };
      for (let r = rows.from; r < rows.to; r++) longest = Math.max(longest, cellDisplay(sheet[cellKey(r, column)] as CellObject | undefined).length);
      return Math.min(255, Math.max(8, longest + 2));
    });
  }
}

function sortRange(target: Target, input: Extract<Proposal, { toolName: "sort_range" }>["input"]) {
  const { sheet, rect } = target;
  const first = input.hasHeaders ? 1 : 0;
  const keys = input.keys.map((key) => ({ offset: columnNumber(key.column.replace(/\$/g, "").toUpperCase()) - 1 - rect.column, ascending: key.ascending }));
  for (const key of keys) {
    if (key.offset < 0 || key.offset >= rect.columnCount) throw new Error("A sort column lies outside the range.");
  }
  const rows: (CellObject | undefined)[][] = [];
  for (let r = first; r < rect.rowCount; r++) {
    const row: (CellObject | undefined)[] = [];
    for (let c = 0; c < rect.columnCount; c++) row.push(sheet[cellKey(rect.row + r, rect.column + c)] as CellObject | undefined);
    rows.push(row);
  }
  // Array.prototype.sort is stable, as Excel's sort is.
  rows.sort((a, b) => {
    for (const key of keys) {
      const order = compareForSort(a[key.offset], b[key.offset], key.ascending);
      if (order !== 0) return order;
    }
    return 0;
  });
  for (const [i, row] of rows.entries()) {
    for (const [c, cell] of row.entries()) setCell(sheet, cellKey(rect.row + first + i, rect.column + c), cell);
  }
}

/** Applies `proposal` and returns what Undo needs. Throws (with the workbook unchanged) when it cannot. */
export function applyToWorkbook(workbook: WorkBook, proposal: Proposal, activeSheet: string): WorkbookUndo {
  checkBeforeApplying(proposal);
  const support = browserSupport(proposal, workbook, activeSheet);
  if (!support.applicable) throw new Error(support.reason);
  const target = resolveTarget(workbook, proposalAddress(proposal), activeSheet);
  const undo = snapshotRect(workbook, target.sheetName, target.rect, target.address);
  try {
    switch (proposal.toolName) {
      case "write_range":
        writeRange(target, proposal.input);
        break;
      case "format_range":
        formatRange(target, proposal.input);
        break;
      case "sort_range":
        sortRange(target, proposal.input);
        break;
      default:
        throw new Error("This change cannot be applied to the browser copy.");
    }
  } catch (error) {
    restoreSnapshot(workbook, undo);
    throw error;
  }
  return undo;
}

/** Puts back what an applied edit overwrote. */
export function undoInWorkbook(workbook: WorkBook, undo: WorkbookUndo): void {
  restoreSnapshot(workbook, undo);
}
