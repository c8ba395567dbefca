// The page's side of reading an upload: the bytes go to a fresh Web Worker that runs the parser
// (parse-upload.worker.ts), and only the parsed data comes back, copied by the browser. The
// page's thread stays free while a large or hostile file is parsed; if the parser takes longer
// than the file's size can explain, the worker is ended and the user told why. One worker per
// file, ended after its answer, so nothing a file does inside the parser outlives it.
import type { WorkBook } from "xlsx";
import { unreadableMessage } from "./workbook-file";

export interface ParseRequest {
  data: ArrayBuffer;
  fileName: string;
}

export type ParseReply =
  /** The parser is loaded and has the bytes: the parsing clock starts. */
  | { type: "started" }
  | { type: "parsed"; workbook: WorkBook }
  | { type: "failed"; message: string }
  /** The parser's code could not be fetched (offline, a deploy replaced the chunk). */
  | { type: "unavailable" };

/** The part of a Worker used here, so tests can stand in for the browser's. */
export interface ParseWorker {
  onmessage: ((event: MessageEvent<ParseReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: ParseRequest, transfer: Transferable[]): void;
  terminate(): void;
}

/** How long the parser's code may take to arrive before the reader is declared unavailable. */
export const LOAD_TIMEOUT_MS = 30_000;

/**
 * How long parsing may take: 15 seconds, plus 3 per started megabyte (75 seconds at the 20 MB
 * limit). Real workbooks parse at several megabytes a second; a file that needs far longer than
 * its size explains is damaged or built to stall the reader, such as a small .xlsx whose
 * compressed sheet unpacks to hundreds of megabytes.
 */
export function parseTimeoutMs(bytes: number): number {
  return 15_000 + Math.ceil(bytes / (1024 * 1024)) * 3_000;
}

export const READER_UNAVAILABLE = "The spreadsheet reader could not be loaded. Check your connection and try again.";

export function timeoutMessage(fileName: string, ms: number): string {
  return `Reading “${fileName}” took longer than ${Math.round(ms / 1000)} seconds, so it was stopped. The file may be damaged or made to stall spreadsheet readers; open it in Excel and save it again, or export the sheet you need as CSV.`;
}

/** A reason the upload cannot be shown, worded for the user. */
export class UploadError extends Error {}

function createParseWorker(): ParseWorker {
  return new Worker(new URL("./parse-upload.worker.ts", import.meta.url), { type: "module", name: "parse-upload" }) as ParseWorker;
}

export function parseInWorker(
  data: ArrayBuffer,
  fileName: string,
  { signal, createWorker = createParseWorker }: { signal?: AbortSignal; createWorker?: () => ParseWorker } = {},
): Promise<WorkBook> {
  return new Promise<WorkBook>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("The read was cancelled.", "AbortError"));
      return;
    }
    const worker = createWorker();
    const parseMs = parseTimeoutMs(data.byteLength);
    let started = false;
    let timer = setTimeout(() => finish(new UploadError(READER_UNAVAILABLE)), LOAD_TIMEOUT_MS);

    function finish(outcome: WorkBook | Error) {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
      worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    function onAbort() {
      finish(new DOMException("The read was cancelled.", "AbortError"));
    }

    worker.onmessage = (event) => {
      const reply = event.data;
      switch (reply.type) {
        case "started":
          started = true;
          clearTimeout(timer);
          timer = setTimeout(() => finish(new UploadError(timeoutMessage(fileName, parseMs))), parseMs);
          return;
        case "parsed":
          return finish(reply.workbook);
        case "failed":
          return finish(new UploadError(unreadableMessage(fileName, reply.message)));
        case "unavailable":
          return finish(new UploadError(READER_UNAVAILABLE));
      }
    };
    // The worker's script failed to load, or it died while parsing (out of memory).
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish(new UploadError(started ? unreadableMessage(fileName, "the reader stopped while parsing it") : READER_UNAVAILABLE));
    };
    worker.onmessageerror = () => finish(new UploadError(unreadableMessage(fileName, "its contents could not be passed to the page")));
    signal?.addEventListener("abort", onAbort, { once: true });
    // The bytes are moved to the worker, not copied.
    worker.postMessage({ data, fileName }, [data]);
  });
}
