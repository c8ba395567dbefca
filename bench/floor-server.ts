// The benchmark's floor: a raw node:http server that answers every request with the same bytes
// the bare AI SDK route sends (captured from it), one SSE event per write, paced like the mock
// model (MOCK_MODEL_DELAY_MS before each text delta and before the end). Nothing can be faster
// on this machine, so it shows how much of the bare route's cost is Next.js and the AI SDK.
// Started by bench/run.ts: node --import tsx bench/floor-server.ts <port> <capture.json>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

interface Capture {
  headers: Record<string, string>;
  events: string[];
  delayMs: number;
}

const [portArg, capturePath] = process.argv.slice(2);
const capture = JSON.parse(readFileSync(capturePath, "utf8")) as Capture;
const isDelta = capture.events.map((event) => event.includes('"type":"text-delta"'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = createServer((request, response) => {
  request.resume();
  request.on("end", async () => {
    response.writeHead(200, capture.headers);
    let deltasSeen = false;
    for (let i = 0; i < capture.events.length; i++) {
      if (capture.delayMs > 0 && (isDelta[i] || (deltasSeen && !isDelta[i] && isDelta[i - 1]))) await sleep(capture.delayMs);
      if (isDelta[i]) deltasSeen = true;
      response.write(capture.events[i]);
    }
    response.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(portArg), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
