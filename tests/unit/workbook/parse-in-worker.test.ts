// The page's side of the parse worker, with a stand-in worker: the bytes are moved (not copied),
// the answer comes back, and every way a parse can go wrong (a parser error, a file that stalls
// it, a reader that never loads, a crash, the user cancelling) ends the worker and says why.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkBook } from "xlsx";
import {
  LOAD_TIMEOUT_MS,
  parseInWorker,
  parseTimeoutMs,
  READER_UNAVAILABLE,
  timeoutMessage,
  UploadError,
  type ParseReply,
  type ParseRequest,
  type ParseWorker,
} from "@/lib/workbook/parse-in-worker";

class FakeWorker implements ParseWorker {
  onmessage: ((event: MessageEvent<ParseReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  received: { message: ParseRequest; transfer: Transferable[] } | null = null;
  terminated = false;
  postMessage(message: ParseRequest, transfer: Transferable[]) {
    this.received = { message, transfer };
  }
  terminate() {
    this.terminated = true;
  }
  reply(reply: ParseReply) {
    this.onmessage?.({ data: reply } as MessageEvent<ParseReply>);
  }
  crash() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
}

const WORKBOOK = { SheetNames: ["Sales"], Sheets: { Sales: { "!ref": "A1", A1: { t: "n", v: 1 } } } } as unknown as WorkBook;

function start(bytes = 1024, signal?: AbortSignal) {
  const worker = new FakeWorker();
  const data = new ArrayBuffer(bytes);
  const result = parseInWorker(data, "sales.xlsx", { signal, createWorker: () => worker });
  // Settle the promise's outcome into a value so a rejection is never left unhandled.
  const outcome = result.then(
    (workbook) => ({ workbook, error: null }),
    (error: unknown) => ({ workbook: null, error: error as Error }),
  );
  return { worker, data, outcome };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("parseInWorker", () => {
  it("moves the bytes to the worker and resolves with its workbook, then ends the worker", async () => {
    const { worker, data, outcome } = start();
    expect(worker.received?.message.fileName).toBe("sales.xlsx");
    expect(worker.received?.message.data).toBe(data);
    expect(worker.received?.transfer).toEqual([data]);
    worker.reply({ type: "started" });
    worker.reply({ type: "parsed", workbook: WORKBOOK });
    expect(await outcome).toEqual({ workbook: WORKBOOK, error: null });
    expect(worker.terminated).toBe(true);
  });

  it("turns a parser error into the message the user reads", async () => {
    const { worker, outcome } = start();
    worker.reply({ type: "started" });
    worker.reply({ type: "failed", message: "Unsupported ZIP file" });
    const { error } = await outcome;
    expect(error).toBeInstanceOf(UploadError);
    expect(error?.message).toBe("“sales.xlsx” could not be read as a spreadsheet (Unsupported ZIP file). Check that it opens in Excel, or export it again as .xlsx or .csv.");
    expect(worker.terminated).toBe(true);
  });

  it("stops a parse that runs past its time, and the clock starts once the parser is loaded", async () => {
    const bytes = 5 * 1024 * 1024;
    const limit = parseTimeoutMs(bytes);
    expect(limit).toBe(30_000);
    const { worker, outcome } = start(bytes);
    // Loading the parser's code took a while; that does not count against the file.
    await vi.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS - 1_000);
    worker.reply({ type: "started" });
    await vi.advanceTimersByTimeAsync(limit - 1);
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(UploadError);
    expect(error?.message).toBe(timeoutMessage("sales.xlsx", limit));
    expect(error?.message).toContain("took longer than 30 seconds, so it was stopped");
    expect(worker.terminated).toBe(true);
    // A late answer from the ended worker changes nothing.
    worker.reply({ type: "parsed", workbook: WORKBOOK });
    expect((await outcome).workbook).toBeNull();
  });

  it("allows 15 seconds plus 3 per started megabyte", () => {
    expect(parseTimeoutMs(100 * 1024)).toBe(18_000);
    expect(parseTimeoutMs(1024 * 1024)).toBe(18_000);
    expect(parseTimeoutMs(20 * 1024 * 1024)).toBe(75_000);
  });

  it("says the reader is unavailable when its code never arrives or fails to load", async () => {
    const never = start();
    await vi.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS);
    expect((await never.outcome).error?.message).toBe(READER_UNAVAILABLE);
    expect(never.worker.terminated).toBe(true);

    const failed = start();
    failed.worker.reply({ type: "unavailable" });
    expect((await failed.outcome).error?.message).toBe(READER_UNAVAILABLE);

    const script = start();
    script.worker.crash();
    expect((await script.outcome).error?.message).toBe(READER_UNAVAILABLE);
  });

  it("reports a worker that dies while parsing as an unreadable file", async () => {
    const { worker, outcome } = start();
    worker.reply({ type: "started" });
    worker.crash();
    expect((await outcome).error?.message).toContain("could not be read as a spreadsheet (the reader stopped while parsing it)");
    expect(worker.terminated).toBe(true);
  });

  it("cancels: the worker is ended and the promise rejects with an AbortError", async () => {
    const controller = new AbortController();
    const { worker, outcome } = start(1024, controller.signal);
    worker.reply({ type: "started" });
    controller.abort();
    const { error } = await outcome;
    expect(error?.name).toBe("AbortError");
    expect(worker.terminated).toBe(true);
  });

  it("does not start a worker for a read that was already cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const created = vi.fn(() => new FakeWorker());
    await expect(parseInWorker(new ArrayBuffer(8), "x.csv", { signal: controller.signal, createWorker: created })).rejects.toMatchObject({ name: "AbortError" });
    expect(created).not.toHaveBeenCalled();
  });
});
