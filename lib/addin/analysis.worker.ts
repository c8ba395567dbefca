// The large-selection analysis off the pane's UI thread: chunks of rows arrive as the pane reads
// them, and at the end the same function the server-side tests and the evaluation use builds the
// body (analysis of every cell + sample). Loaded only when a selection is large.
import { RowAccumulator } from "@/lib/excel/accumulate-rows";
import type { WorkerRequest, WorkerResponse } from "./analyse-whole-range";
import { buildLargeSelectionPayload } from "./large-selection-payload";

let meta: Extract<WorkerRequest, { type: "start" }>["meta"] | null = null;
let rows = new RowAccumulator();
/** A chunk that could not be taken: the analysis would miss rows, so finishing reports it. */
let failure: string | null = null;

function reply(message: WorkerResponse) {
  (self as unknown as { postMessage: (m: WorkerResponse) => void }).postMessage(message);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      meta = message.meta;
      rows = new RowAccumulator();
      failure = null;
    } else if (message.type === "chunk") {
      rows.add(message.chunk);
    } else if (failure) {
      reply({ type: "error", message: failure });
    } else if (meta) {
      const grids = rows.grids();
      reply({ type: "done", result: buildLargeSelectionPayload({ ...meta, ...grids }) });
    }
  } catch (error) {
    const text = error instanceof Error ? error.message : "The selection could not be analysed.";
    if (message.type === "finish") reply({ type: "error", message: text });
    else failure = text;
  }
};
