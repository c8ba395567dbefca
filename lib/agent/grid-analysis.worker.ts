// An agent read's analysis off the page's UI thread: a range of up to a million cells takes the
// engine long enough to freeze the task pane. One request, one reply.
import { analyseGrids, type GridAnalysis, type GridAnalysisInput } from "./analyse-grids";

type Reply = { ok: true; analysis: GridAnalysis } | { ok: false; message: string };

self.onmessage = (event: MessageEvent<GridAnalysisInput>) => {
  let reply: Reply;
  try {
    reply = { ok: true, analysis: analyseGrids(event.data) };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : "The range could not be analysed." };
  }
  (self as unknown as { postMessage: (m: Reply) => void }).postMessage(reply);
};
