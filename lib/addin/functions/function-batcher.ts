// The pane's side of the in-cell functions: cells that recalculate together are collected for a
// moment and sent as batches of up to 50 calls to POST /api/v1/functions (a few batches at a
// time), and every result is remembered for the session, so Excel's own recalculations (opening
// the workbook, F9, a volatile neighbour) are answered here without reaching the network.
// Identical calls waiting at the same time share one request. Errors are not remembered: a cell
// over a limit computes when it is recalculated after the limit resets.
// Every call belongs to the space the pane works in when Excel makes it (the personal space, or a
// workspace): a batch carries one space (`workspaceId` in the body, none for personal), and what
// the session remembers is kept per space, so switching spaces never shows the other space's
// results.
import type { Fetcher } from "@/lib/addin/api-client";

const MAX_BATCH_CALLS = 50;
/** How long calls gather before a batch leaves: long enough for Excel to hand over a whole column. */
const GATHER_MS = 25;
/** Batches in flight at once. */
const PARALLEL_BATCHES = 3;
/** Results remembered for the session (oldest forgotten first). */
const MEMO_LIMIT = 20_000;

export type CellValue = string | number | boolean;

export type BatchOutcome = { ok: true; value: CellValue; cached: boolean } | { ok: false; code: string; message: string };

interface Waiting {
  key: string;
  /** The workspace the call is made in; null for the personal space. */
  workspaceId: string | null;
  name: string;
  args: unknown[];
  settle: ((outcome: BatchOutcome) => void)[];
}

export interface FunctionBatcherOptions {
  fetcher: Fetcher;
  /** The workspace the pane works in now (null: the personal space); read at every call. */
  workspace?: () => string | null;
  /** Defaults to setTimeout (tests pass their own). */
  schedule?: (run: () => void, ms: number) => void;
}

/** The session memo's key: the space, the function and its arguments as JSON (Excel passes plain values). */
function callKey(workspaceId: string | null, name: string, args: unknown[]): string {
  return JSON.stringify([workspaceId, name.toUpperCase(), args]);
}

export class FunctionBatcher {
  private readonly memo = new Map<string, CellValue>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly queue: Waiting[] = [];
  private timer = false;
  private inFlight = 0;
  /** Requests sent to the server (the pane's diagnostics and tests read it). */
  requests = 0;

  constructor(private readonly options: FunctionBatcherOptions) {}

  call(name: string, args: unknown[]): Promise<BatchOutcome> {
    const workspaceId = this.options.workspace?.() ?? null;
    const key = callKey(workspaceId, name, args);
    const remembered = this.memo.get(key);
    if (remembered !== undefined) return Promise.resolve({ ok: true, value: remembered, cached: true });
    return new Promise((resolve) => {
      const existing = this.waiting.get(key);
      if (existing) {
        existing.settle.push(resolve);
        return;
      }
      const entry: Waiting = { key, workspaceId, name, args, settle: [resolve] };
      this.waiting.set(key, entry);
      this.queue.push(entry);
      this.arm();
    });
  }

  /** Forgets remembered results (after signing in as someone else). */
  clear(): void {
    this.memo.clear();
  }

  private arm() {
    if (this.timer) return;
    this.timer = true;
    (this.options.schedule ?? ((run, ms) => setTimeout(run, ms)))(() => {
      this.timer = false;
      this.pump();
    }, GATHER_MS);
  }

  private pump() {
    while (this.inFlight < PARALLEL_BATCHES && this.queue.length > 0) {
      const batch = this.nextBatch();
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** Up to MAX_BATCH_CALLS waiting calls of the first one's space, in the order they came. */
  private nextBatch(): Waiting[] {
    const space = this.queue[0].workspaceId;
    let run = 0;
    while (run < this.queue.length && run < MAX_BATCH_CALLS && this.queue[run].workspaceId === space) run++;
    if (run === MAX_BATCH_CALLS || run === this.queue.length) return this.queue.splice(0, run);
    // The space changed while calls were waiting: this batch takes only the first space's.
    const batch: Waiting[] = [];
    for (let i = 0; i < this.queue.length && batch.length < MAX_BATCH_CALLS; ) {
      if (this.queue[i].workspaceId === space) batch.push(...this.queue.splice(i, 1));
      else i++;
    }
    return batch;
  }

  private async send(batch: Waiting[]) {
    const settle = (entry: Waiting, outcome: BatchOutcome) => {
      this.waiting.delete(entry.key);
      if (outcome.ok) this.remember(entry.key, outcome.value);
      for (const resolve of entry.settle) resolve(outcome);
    };
    this.requests++;
    let body: unknown;
    let status = 0;
    try {
      const response = await this.options.fetcher("/api/v1/functions", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          calls: batch.map((entry, i) => ({ id: String(i), name: entry.name, args: entry.args })),
          ...(batch[0].workspaceId ? { workspaceId: batch[0].workspaceId } : {}),
        }),
      });
      status = response.status;
      body = await response.json().catch(() => null);
    } catch (error) {
      const message = error instanceof Error && error.name === "SessionExpiredError" ? "Your session ended. Sign in again in the AI Assistant pane." : "The AI Assistant could not be reached. Recalculate to try again.";
      for (const entry of batch) settle(entry, { ok: false, code: "unauthorized", message });
      return;
    }
    const results = (body as { results?: unknown } | null)?.results;
    if (status !== 200 || !Array.isArray(results)) {
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      const outcome: BatchOutcome = { ok: false, code: error?.code ?? "internal", message: error?.message ?? `The AI Assistant answered ${status}. Recalculate to try again.` };
      for (const entry of batch) settle(entry, outcome);
      return;
    }
    const byId = new Map<string, Record<string, unknown>>();
    for (const result of results) if (result && typeof result === "object") byId.set(String((result as { id?: unknown }).id), result as Record<string, unknown>);
    batch.forEach((entry, i) => {
      const result = byId.get(String(i));
      const value = result?.value;
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        settle(entry, { ok: true, value, cached: result?.cached === true });
        return;
      }
      const error = result?.error as { code?: string; message?: string } | undefined;
      settle(entry, { ok: false, code: error?.code ?? "internal", message: error?.message ?? "No result came back for this cell. Recalculate to try again." });
    });
  }

  private remember(key: string, value: CellValue) {
    if (this.memo.size >= MEMO_LIMIT) {
      const oldest = this.memo.keys().next().value;
      if (oldest !== undefined) this.memo.delete(oldest);
    }
    this.memo.set(key, value);
  }
}
