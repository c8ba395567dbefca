// The Web Worker that reads one upload: a thin shell around parseUpload (parse-upload.ts). The
// parser is fetched only now, when a file is parsed, and runs here rather than on the page's
// thread; the page (parse-in-worker.ts) ends this worker after its answer or when it takes too long.
import type { ParseReply, ParseRequest } from "./parse-in-worker";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseReply): void;
};

scope.onmessage = async (event) => {
  const { data, fileName } = event.data;
  let parser: typeof import("./parse-upload");
  try {
    parser = await import("./parse-upload");
  } catch {
    scope.postMessage({ type: "unavailable" });
    return;
  }
  scope.postMessage({ type: "started" });
  try {
    // Posting copies the workbook (a structured clone); a value that cannot be copied throws here.
    scope.postMessage({ type: "parsed", workbook: parser.parseUpload(data, fileName) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : typeof error === "string" ? error : "";
    scope.postMessage({ type: "failed", message: reason || "the file is not in a format the reader knows" });
  }
};
