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

/** What a file's first bytes show it to be, whatever its name says. */
export type ContentKind = "zip" | "cfb" | "text" | "binary";

/** How much of the start of a file is looked at to tell text from binary. */
const SNIFF_BYTES = 64 * 1024;

/**
 * .xlsx is a zip archive (it starts "PK\x03\x04"); .xls is an OLE compound file (D0 CF 11 E0 A1 B1
 * 1A E1), as are password-protected workbooks of either kind; CSV is text. Text is recognised by
 * a UTF-16 byte-order mark, or by having no NUL bytes and almost no other control characters in
 * its first 64 KB (tabs, line breaks and form feeds are text).
 */
export function sniffContent(bytes: Uint8Array): ContentKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  const cfb = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= cfb.length && cfb.every((byte, i) => bytes[i] === byte)) return "cfb";
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return "text";
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return "binary";
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) control++;
  }
  return control > head.length / 100 ? "binary" : "text";
}

const CONTENT_NAME: Record<ContentKind, string> = {
  zip: "an .xlsx workbook (or another zip archive)",
  cfb: "an older .xls workbook, or a password-protected one",
  text: "plain text, such as CSV",
  binary: "not a spreadsheet Excel saves (it is neither a workbook nor text)",
};

/**
 * Why a file's content does not match its extension, or null when it does. Checked on the bytes
 * before parsing, so a renamed file gets a message saying what it really is and what to do
 * rather than the parser's error (or, worse, a zip read as a CSV full of gibberish).
 */
export function contentProblem(fileName: string, bytes: Uint8Array): string | null {
  const lower = fileName.toLowerCase();
  const expected: ContentKind = lower.endsWith(".xlsx") ? "zip" : lower.endsWith(".xls") ? "cfb" : "text";
  const found = sniffContent(bytes);
  if (found === expected) return null;
  const extension = expected === "zip" ? ".xlsx" : expected === "cfb" ? ".xls" : ".csv";
  const head = `“${fileName}” is named ${extension}, but its content is ${CONTENT_NAME[found]}.`;
  switch (found) {
    case "zip":
      return `${head} If it is an Excel workbook, rename it to end in .xlsx; otherwise open it in Excel and save it as .xlsx.`;
    case "cfb":
      return `${head} Open it in Excel, remove any password (File › Info › Protect Workbook), and save it as .xlsx.`;
    case "text":
      return `${head} If it is comma- or tab-separated data, rename it to end in .csv; otherwise open it in Excel and save it as .xlsx.`;
    case "binary":
      return `${head} Choose the workbook itself, or open the file in Excel and save it as .xlsx or .csv.`;
  }
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
