// Reading an uploaded .xlsx/.xls/.csv into SheetJS's workbook shape. A pure, synchronous
// function over the file's bytes: the playground runs it in a Web Worker
// (parse-upload.worker.ts), so an untrusted file is parsed off the page's thread and away from
// its objects; tests call it directly.
import { read, type WorkBook } from "xlsx";
import { contentProblem, MAX_UPLOAD_BYTES } from "./workbook-file";

/** A reason the file cannot be used, worded for the user; anything else thrown is the parser's own error. */
export class UnreadableUpload extends Error {}

/**
 * CSV is text in whatever encoding the program that wrote it chose: UTF-8 (with or without a
 * byte-order mark), UTF-16 with a mark (Excel's "Unicode text"), or, from Excel on Windows,
 * the ANSI code page, Windows-1252 in Western locales. Bytes that are not valid UTF-8 are read
 * as Windows-1252 rather than turned into replacement characters.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return new TextDecoder("windows-1252").decode(body);
  }
}

/**
 * SheetJS files each sheet with `Sheets[name] = sheet`. For a sheet named `__proto__` that
 * replaces the object's prototype instead of adding a property, so the sheet would vanish when
 * the worker's answer is copied to the page, and code there reading `Sheets["__proto__"]` would
 * reach `Object.prototype` itself. Every listed sheet becomes an own property here; a name with
 * no sheet behind it gets an empty one rather than whatever `Object.prototype` holds under it.
 */
function ownSheets(workbook: WorkBook): WorkBook["Sheets"] {
  const sheets: WorkBook["Sheets"] = {};
  const hidden = Object.getPrototypeOf(workbook.Sheets) as WorkBook["Sheets"][string] | null;
  for (const name of workbook.SheetNames) {
    const sheet = Object.hasOwn(workbook.Sheets, name)
      ? workbook.Sheets[name]
      : name === "__proto__" && hidden && hidden !== Object.prototype
        ? hidden
        : undefined;
    Object.defineProperty(sheets, name, { value: sheet ?? {}, enumerable: true, writable: true, configurable: true });
  }
  return sheets;
}

/**
 * Parses the file's bytes. Formulas and number formats are kept (the analysis reads dates and
 * currencies from the formats, as it does for Office.js); dates stay Excel serial numbers.
 * The result holds data only (no functions, no shared prototypes), so it survives the structured
 * clone that carries it from the worker to the page unchanged.
 */
export function parseUpload(data: ArrayBuffer, fileName: string): WorkBook {
  if (data.byteLength === 0) throw new UnreadableUpload("it is empty");
  if (data.byteLength > MAX_UPLOAD_BYTES) throw new UnreadableUpload("it is larger than the upload limit");
  const bytes = new Uint8Array(data);
  // SheetJS reads whatever it recognises regardless of the name; a file that is not what its
  // name says is refused instead (the page checks this too, before the worker starts).
  if (contentProblem(fileName, bytes)) throw new UnreadableUpload("its content does not match its file extension");
  const workbook = fileName.toLowerCase().endsWith(".csv")
    ? // SheetJS picks the delimiter (comma, semicolon, tab, pipe, or a `sep=` first line).
      read(decodeCsv(bytes), { type: "string", cellFormula: true, cellNF: true, cellDates: false, raw: false })
    : // sheetStubs keeps formula cells that have no stored value yet (a file this playground saved).
      read(bytes, { type: "array", cellFormula: true, cellNF: true, cellDates: false, cellStyles: true, sheetStubs: true });
  if (workbook.SheetNames.length === 0) throw new UnreadableUpload("it has no sheets");
  return { ...workbook, Sheets: ownSheets(workbook) };
}
