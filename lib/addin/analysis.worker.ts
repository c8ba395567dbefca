// The large-selection analysis off the pane's UI thread: chunks of rows arrive as the pane reads
// them, and at the end the same function the server-side tests and the evaluation use builds the
// body (analysis of every cell + sample). Loaded only when a selection is large.
import { RowAccumulator } from "@/lib/excel/accumulate-rows";
import type { WorkerRequest, WorkerResponse } from "./analyse-whole-range";
import { buildLargeSelectionPayload } from "./large-selection-payload";

let meta: Extract<WorkerRequest, { type: "start" }>["meta"] | null = null;
let rows = new RowAccumulator();

function reply(message: WorkerResponse) {
  (self as unknown as { postMessage: (m: WorkerResponse) => void }).postMessage(message);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      meta = message.meta;
      rows = new RowAccumulator();
    } else if (message.type === "chunk") {
      rows.add(message.chunk);
    } else if (meta) {
      const grids = rows.grids();
      reply({ type: "done", result: buildLargeSelectionPayload({ ...meta, ...grids }) });
    }
  } catch (error) {
    reply({ type: "error", message: error instanceof Error ? error.message : "The selection could not be analysed." });
  }
};
