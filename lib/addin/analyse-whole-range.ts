// Feeds a large range to the analysis worker chunk by chunk and waits for the body it builds.
// Where workers do not exist (tests under Node), the same code runs in-thread.
import { RowAccumulator, type RowChunk } from "@/lib/excel/accumulate-rows";
import { buildLargeSelectionPayload, type LargeSelectionInput, type LargeSelectionResult } from "./large-selection-payload";

export type RangeMeta = Omit<LargeSelectionInput, "values" | "formulas" | "numberFormat">;

export type WorkerRequest = { type: "start"; meta: RangeMeta } | { type: "chunk"; chunk: RowChunk } | { type: "finish" };
export type WorkerResponse = { type: "done"; result: LargeSelectionResult } | { type: "error"; message: string };

export interface WholeRangeAnalysis {
  add(chunk: RowChunk): void;
  finish(): Promise<LargeSelectionResult>;
  /** Stops the work and frees the worker; a pending finish() rejects. */
  cancel(): void;
}

function inThread(meta: RangeMeta): WholeRangeAnalysis {
  const rows = new RowAccumulator();
  return {
    add: (chunk) => rows.add(chunk),
    finish: async () => buildLargeSelectionPayload({ ...meta, ...rows.grids() }),
    cancel: () => undefined,
  };
}

export function analyseWholeRange(meta: RangeMeta): WholeRangeAnalysis {
  if (typeof Worker === "undefined") return inThread(meta);
  const worker = new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module", name: "selection-analysis" });
  let settle: { resolve: (r: LargeSelectionResult) => void; reject: (e: Error) => void } | null = null;
  const post = (message: WorkerRequest) => worker.postMessage(message);
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === "done") settle?.resolve(message.result);
    else settle?.reject(new Error(message.message));
    worker.terminate();
  };
  worker.onerror = (event) => {
    settle?.reject(new Error(event.message || "The selection could not be analysed."));
    worker.terminate();
  };
  post({ type: "start", meta });
  return {
    add: (chunk) => post({ type: "chunk", chunk }),
    finish: () =>
      new Promise((resolve, reject) => {
        settle = { resolve, reject };
        post({ type: "finish" });
      }),
    cancel: () => {
      worker.terminate();
      settle?.reject(new DOMException("The analysis was cancelled.", "AbortError"));
    },
  };
}
