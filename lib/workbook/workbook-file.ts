// The playground's rules for an uploaded file (which files, how large, what the user is told),
// and writing the edited copy back as .xlsx. Reading happens in a Web Worker: parse-upload.ts.
import type { WorkBook } from "xlsx";
import { loadSheetJs } from "./sheetjs";

/** Files larger than this are refused before reading: SheetJS holds the whole workbook in memory. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const ACCEPTED_EXTENSIONS = [".xlsx", ".xls", ".csv"] as const;

function hasAcceptedExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const trim = (n: number) => n.toFixed(1).replace(/\.0$/, "");
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KB`;
  return `${trim(bytes / (1024 * 1024))} MB`;
}

/** Why a picked file is refused before it is read (type, size, empty), or null when it may be read. */
export function uploadProblem(file: { name: string; size: number }): string | null {
  if (!hasAcceptedExtension(file.name)) {
    return `“${file.name}” is not a spreadsheet this playground reads. Choose an .xlsx, .xls or .csv file.`;
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    return `“${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_UPLOAD_BYTES)}. Save the sheet you need on its own, or export it as CSV.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  return null;
}

/** What the user reads when a file could not be parsed; `detail` is the reader's reason, shortened. */
export function unreadableMessage(fileName: string, detail?: string): string {
  const reason = detail ? ` (${detail.slice(0, 120)})` : "";
  return `“${fileName}” could not be read as a spreadsheet${reason}. Check that it opens in Excel, or export it again as .xlsx or .csv.`;
}

/**
 * The workbook as .xlsx bytes; formulas written in the browser carry no value and Excel
 * calculates them on open. SheetJS is loaded into the page on first use (it is never used here
 * to read an upload; that happens in the worker).
 */
export async function workbookToXlsx(workbook: WorkBook): Promise<ArrayBuffer> {
  const { write } = await loadSheetJs();
  return write(workbook, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer;
}

/** "sales.csv" → "sales (edited).xlsx". */
export function editedFileName(fileName: string): string {
  const base = fileName.replace(/\.(xlsx|xls|csv)$/i, "") || "workbook";
  return `${base} (edited).xlsx`;
}
