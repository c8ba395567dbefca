// Runs an agent read's analysis in a worker where the page has workers, so the pane stays
// responsive while a large range is analysed; elsewhere (Node, tests) in the calling thread.
import { analyseGrids, type GridAnalysis, type GridAnalysisInput } from "./analyse-grids";

export function analyseOffThread(input: GridAnalysisInput): Promise<GridAnalysis> {
  if (typeof Worker === "undefined") return Promise.resolve(analyseGrids(input));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./grid-analysis.worker.ts", import.meta.url), { type: "module", name: "range-analysis" });
    worker.onmessage = (event: MessageEvent<{ ok: true; analysis: GridAnalysis } | { ok: false; message: string }>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.analysis);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "The range could not be analysed."));
    };
    worker.postMessage(input);
  });
}
