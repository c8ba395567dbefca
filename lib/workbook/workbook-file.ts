// Reading an uploaded .xlsx/.xls/.csv with SheetJS, and writing the edited copy back as .xlsx.
import { read, write, type WorkBook } from "xlsx";

/** Files larger than this are refused before reading: SheetJS holds the whole workbook in memory. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const ACCEPTED_EXTENSIONS = [".xlsx", ".xls", ".csv"] as const;

export function hasAcceptedExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * Parses the file's bytes. Formulas and number formats are kept (the analysis reads dates and
 * currencies from the formats, as it does for Office.js); dates stay Excel serial numbers.
 */
export function parseWorkbook(data: ArrayBuffer, fileName: string): WorkBook {
  const isCsv = fileName.toLowerCase().endsWith(".csv");
  const bytes = new Uint8Array(data);
  if (isCsv) {
    // CSV is text: decode as UTF-8 (dropping a byte-order mark) so accented text survives.
    const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
    return read(text, { type: "string", cellFormula: true, cellNF: true, cellDates: false, raw: false });
  }
  // sheetStubs keeps formula cells that have no stored value yet (a file this playground saved).
  return read(bytes, { type: "array", cellFormula: true, cellNF: true, cellDates: false, cellStyles: true, sheetStubs: true });
}

/** The workbook as .xlsx bytes; formulas written in the browser carry no value and Excel calculates them on open. */
export function workbookToXlsx(workbook: WorkBook): ArrayBuffer {
  return write(workbook, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer;
}

/** "sales.csv" → "sales (edited).xlsx". */
export function editedFileName(fileName: string): string {
  const base = fileName.replace(/\.(xlsx|xls|csv)$/i, "") || "workbook";
  return `${base} (edited).xlsx`;
}
