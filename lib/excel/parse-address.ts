// A1 addresses in both directions: read what Office.js reports (sheet-qualified, quoted, absolute,
// multi-area, whole rows/columns) and write the ranges our recommended formulas cite.

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** One rectangle of an address, 1-based and inclusive. */
export interface ParsedArea {
  sheet: string | null;
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

export interface ParsedAddress {
  /** Sheet of the first area (unquoted), or null when the address has none. */
  sheet: string | null;
  areas: ParsedArea[];
}

/** `1 → A`, `28 → AB`; formulas must cite the real columns of the selection. */
export function columnLetter(column: number): string {
  let n = Math.floor(column);
  if (n < 1) return "A";
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `AB → 28`; case-insensitive, returns 0 for anything that is not letters. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i) | 0x20; // lower-case
    if (code < 97 || code > 122) return 0;
    n = n * 26 + (code - 96);
  }
  return n;
}

/** `(14, 3) → C14`. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** Sheet names that are not plain identifiers must be quoted in formulas (`'My Sheet'!A1`). */
export function quoteSheetName(sheet: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(sheet);
  // A name that reads like a cell (`A1`, `R1C1`) also needs quotes.
  const looksLikeCell = /^[A-Za-z]{1,3}[0-9]+$/.test(sheet) || /^R[0-9]*C[0-9]*$/i.test(sheet);
  if (plain && !looksLikeCell) return sheet;
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** `(2, 3, 20, 3) → C2:C20`; a single cell stays `C2`; with a sheet, `Sheet1!C2:C20`. */
export function rangeAddress(
  startRow: number,
  startColumn: number,
  endRow: number,
  endColumn: number,
  sheet?: string | null,
): string {
  const first = cellAddress(startRow, startColumn);
  const local = startRow === endRow && startColumn === endColumn ? first : `${first}:${cellAddress(endRow, endColumn)}`;
  return sheet ? `${quoteSheetName(sheet)}!${local}` : local;
}

/** Splits on commas that are outside quoted sheet names. */
function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted; // `''` inside a name toggles twice, which is harmless
    else if (ch === "," && !quoted) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COLUMN_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?([0-9]{1,7})$/;

interface Ref {
  row: number | null;
  column: number | null;
}

function parseRef(text: string): Ref | null {
  let m = CELL_RE.exec(text);
  if (m) return { row: Number(m[2]), column: columnNumber(m[1]) };
  m = COLUMN_RE.exec(text);
  if (m) return { row: null, column: columnNumber(m[1]) };
  m = ROW_RE.exec(text);
  if (m) return { row: Number(m[1]), column: null };
  return null;
}

/** Reads one area (`'My Sheet'!$A$1:B2`, `Sheet1!C:C`, `3:5`, `A1`); null when unreadable. */
export function parseAreaAddress(text: string): ParsedArea | null {
  let rest = text.trim();
  let sheet: string | null = null;
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    let rawSheet = rest.slice(0, bang).trim();
    rest = rest.slice(bang + 1).trim();
    if (rawSheet.startsWith("'") && rawSheet.endsWith("'") && rawSheet.length >= 2) {
      rawSheet = rawSheet.slice(1, -1).replace(/''/g, "'");
    }
    // An external reference such as `[Book1.xlsx]Sheet1` keeps only the sheet.
    const bracket = rawSheet.lastIndexOf("]");
    if (rawSheet.startsWith("[") && bracket > 0) rawSheet = rawSheet.slice(bracket + 1);
    sheet = rawSheet.length > 0 ? rawSheet : null;
  }
  const colon = rest.indexOf(":");
  const a = parseRef(colon >= 0 ? rest.slice(0, colon) : rest);
  const b = colon >= 0 ? parseRef(rest.slice(colon + 1)) : a;
  if (!a || !b) return null;
  // `A1`-style refs must pair with refs of the same kind, except that whole columns/rows pair up.
  const startRow = a.row ?? 1;
  const endRow = b.row ?? MAX_ROWS;
  const startColumn = a.column ?? 1;
  const endColumn = b.column ?? MAX_COLUMNS;
  if ((a.row === null) !== (b.row === null) || (a.column === null) !== (b.column === null)) return null;
  if (startRow < 1 || startColumn < 1 || endRow > MAX_ROWS || endColumn > MAX_COLUMNS) return null;
  return {
    sheet,
    startRow: Math.min(startRow, endRow),
    startColumn: Math.min(startColumn, endColumn),
    endRow: Math.max(startRow, endRow),
    endColumn: Math.max(startColumn, endColumn),
  };
}

/** Reads a whole address; areas without a sheet inherit the previous area's. Null when no area reads. */
export function parseAddress(address: string): ParsedAddress | null {
  const areas: ParsedArea[] = [];
  let sheet: string | null = null;
  for (const part of splitAreas(address)) {
    const area = parseAreaAddress(part);
    if (!area) continue;
    if (area.sheet === null) area.sheet = sheet;
    else sheet = area.sheet;
    areas.push(area);
  }
  if (areas.length === 0) return null;
  return { sheet: areas[0].sheet, areas };
}
