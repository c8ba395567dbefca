// Reads a picked or dropped file into memory with progress, so a 20 MB upload shows how far it
// got instead of a frozen page. Aborting (a new file, leaving the page) stops the read.
import { UploadError } from "@/lib/workbook/parse-in-worker";

export function readFileWithProgress(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    const abort = () => reader.abort();
    signal?.addEventListener("abort", abort, { once: true });
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    reader.onload = () => {
      signal?.removeEventListener("abort", abort);
      onProgress(1);
      resolve(reader.result as ArrayBuffer);
    };
    reader.onerror = () => {
      signal?.removeEventListener("abort", abort);
      reject(new UploadError("The file could not be read. It may have been moved, or the browser was denied access."));
    };
    reader.onabort = () => reject(new DOMException("The read was cancelled.", "AbortError"));
    reader.readAsArrayBuffer(file);
  });
}

/** Lets the browser paint (a progress step) before a long synchronous step such as analysing a range. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
