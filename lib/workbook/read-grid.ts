// Cells of an uploaded sheet in the shape Office.js reports them (and the chat API reads):
// values (numbers, text, booleans, "" for empty, "#N/A"-style error text), formulas ("=…" where a
// cell has one, otherwise the value) and number format codes ("General" where none).
import type { CellObject, WorkSheet } from "xlsx";
import { columnLetter, type CellValue } from "@/lib/excel";
import { loadedSheetJs } from "./sheetjs";
import type { SheetRect } from "./sheet-range";

export interface Grid {
  values: CellValue[][];
  formulas: CellValue[][];
  numberFormat: string[][];
}

/** SheetJS stores errors as Excel's internal codes when the file gave no display text. */
const ERROR_TEXT = new Map<number, string>([
  [0x00, "#NULL!"],
  [0x07, "#DIV/0!"],
  [0x0f, "#VALUE!"],
  [0x17, "#REF!"],
  [0x1d, "#NAME?"],
  [0x24, "#NUM!"],
  [0x2a, "#N/A"],
  [0x2b, "#GETTING_DATA"],
]);

/**
 * A cell's value. A formula written in the browser has no value until Excel calculates it, so
 * it reads as empty here (its formula is in the formulas grid).
 */
export function cellValue(cell: CellObject | undefined): CellValue {
  if (!cell) return "";
  switch (cell.t) {
    case "n":
      return typeof cell.v === "number" && Number.isFinite(cell.v) ? cell.v : "";
    case "s":
      return typeof cell.v === "string" ? cell.v : String(cell.v ?? "");
    case "b":
      return Boolean(cell.v);
    case "e":
      return cell.w?.startsWith("#") ? cell.w : (ERROR_TEXT.get(Number(cell.v)) ?? "#VALUE!");
    case "d":
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v ?? "");
    default:
      return "";
  }
}

function cellFormula(cell: CellObject | undefined): CellValue {
  if (cell?.f) return `=${cell.f}`;
  return cellValue(cell);
}

/** The text Excel would display, for previews: the formatted value, or the formula when it has no value yet. */
export function cellDisplay(cell: CellObject | undefined): string {
  if (!cell) return "";
  if (cell.f && (cell.v === undefined || cell.t === "z")) return `=${cell.f}`;
  if (cell.w !== undefined) return cell.w;
  // Only cells whose format an edit changed lack their text; SheetJS is loaded by then (the
  // playground loads it with the first file), and until it is the plain number is shown.
  const ssf = loadedSheetJs()?.SSF;
  if (ssf && cell.t === "n" && typeof cell.v === "number" && cell.z !== undefined) {
    try {
      return ssf.format(cell.z, cell.v);
    } catch {
      // An unusual format code SheetJS cannot render: fall back to the plain number.
    }
  }
  const value = cellValue(cell);
  return typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value);
}

/** Sheet-local A1 addresses for a rectangle's columns, computed once per read. */
function columnNames(rect: SheetRect): string[] {
  return Array.from({ length: rect.columnCount }, (_, c) => columnLetter(rect.column + c + 1));
}

export function readGrid(sheet: WorkSheet, rect: SheetRect, rows?: readonly number[]): Grid {
  const columns = columnNames(rect);
  const offsets = rows ?? Array.from({ length: rect.rowCount }, (_, r) => r);
  const values: CellValue[][] = new Array(offsets.length);
  const formulas: CellValue[][] = new Array(offsets.length);
  const numberFormat: string[][] = new Array(offsets.length);
  for (let i = 0; i < offsets.length; i++) {
    const rowNumber = rect.row + offsets[i] + 1;
    const v: CellValue[] = new Array(columns.length);
    const f: CellValue[] = new Array(columns.length);
    const z: string[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const cell = sheet[`${columns[c]}${rowNumber}`] as CellObject | undefined;
      v[c] = cellValue(cell);
      f[c] = cellFormula(cell);
      z[c] = typeof cell?.z === "string" ? cell.z : "General";
    }
    values[i] = v;
    formulas[i] = f;
    numberFormat[i] = z;
  }
  return { values, formulas, numberFormat };
}
