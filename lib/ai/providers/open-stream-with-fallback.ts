// The ordered fallback chain of AI providers. Providers are tried in order; a provider is
// skipped while its circuit breaker is open. An attempt FAILS OVER to the next provider only
// while nothing has been streamed: a connection error, a 429, a 5xx, or no first token within
// the chain's timeout. Once the first piece of an answer (text, reasoning or a tool call) has
// arrived the attempt is committed: a later failure ends that answer as incomplete — switching
// providers mid-answer would splice two different answers together without the user knowing.
//
// The parts read before the commit are buffered and replayed, so nothing is lost.
import { APICallError, type streamText, type TextStreamPart, type ToolSet } from "ai";
import type { CircuitBreaker } from "./circuit-breaker";
import type { ChainProvider, ProviderChain } from "./provider-types";

export type FailureReason = "timeout" | "rate_limited" | "server_error" | "connection" | "rejected" | "circuit_open" | "error";

export interface AttemptFailure {
  provider: string;
  modelId: string;
  reason: FailureReason;
  /** HTTP status from the provider, when there was one. */
  status?: number;
  /** For logs only: provider error text is never sent to clients. */
  message: string;
  elapsedMs: number;
}

/** What `streamText` returns for these tools: one attempt's result. */
export type StreamResult<TOOLS extends ToolSet> = ReturnType<typeof streamText<TOOLS>>;

export interface OpenedStream<TOOLS extends ToolSet> {
  provider: ChainProvider;
  breaker: CircuitBreaker;
  result: StreamResult<TOOLS>;
  /** Milliseconds from the first attempt's start to the first streamed content. */
  firstTokenMs: number;
  /** The next part; aborts the attempt when none arrives within the chain's timeout. */
  next(): Promise<IteratorResult<TextStreamPart<TOOLS>>>;
  /** True once `next` gave up waiting (the answer then ends as incomplete). */
  readonly stalled: boolean;
  /** Stops the provider call (client gone, or a mid-stream failure). */
  abort(reason?: unknown): void;
}

export interface FallbackOutcome<TOOLS extends ToolSet> {
  opened: OpenedStream<TOOLS> | null;
  failures: AttemptFailure[];
  /** The caller's signal fired (the client left) before any provider streamed. */
  aborted: boolean;
}

class ProviderTimeoutError extends Error {
  constructor(readonly timeoutMs: number, phase: "first token" | "next token") {
    super(`no ${phase} within ${timeoutMs} ms`);
    this.name = "ProviderTimeoutError";
  }
}

/** Content that commits an attempt: the user could see it. */
function isCommitting<TOOLS extends ToolSet>(part: TextStreamPart<TOOLS>): boolean {
  switch (part.type) {
    case "text-delta":
    case "reasoning-delta":
      return part.text.length > 0;
    case "tool-input-start":
    case "tool-call":
    case "finish":
      return true;
    default:
      return false;
  }
}

function classifyFailure(error: unknown, timedOut: boolean): { reason: FailureReason; status?: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (timedOut || error instanceof ProviderTimeoutError) return { reason: "timeout", message };
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) return { reason: "connection", message };
    if (status === 429) return { reason: "rate_limited", status, message };
    if (status === 408 || status === 504) return { reason: "timeout", status, message };
    if (status >= 500) return { reason: "server_error", status, message };
    return { reason: "rejected", status, message };
  }
  if (/fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket|network|terminated/i.test(message)) {
    return { reason: "connection", message };
  }
  return { reason: "error", message };
}

/**
 * Whether a failure says something about the provider's health. A 400/413/422 is about this
 * request (say, a prompt too long for the model): it fails over but does not trip the breaker.
 */
function countsAgainstProvider(failure: { reason: FailureReason; status?: number }): boolean {
  return !(failure.reason === "rejected" && (failure.status === 400 || failure.status === 413 || failure.status === 422));
}

export async function openStreamWithFallback<TOOLS extends ToolSet>(input: {
  chain: ProviderChain;
  /** The client's signal: when it fires, stop without failing over. */
  signal: AbortSignal;
  /** Starts one attempt (a streamText call) on `provider` with the attempt's signal. */
  start: (provider: ChainProvider, signal: AbortSignal) => StreamResult<TOOLS>;
  now?: () => number;
}): Promise<FallbackOutcome<TOOLS>> {
  const { chain, signal } = input;
  const now = input.now ?? (() => performance.now());
  const failures: AttemptFailure[] = [];
  const startedAt = now();

  for (const provider of chain.providers) {
    if (signal.aborted) return { opened: null, failures, aborted: true };
    const breaker = chain.breakers.get(provider.name);
    if (!breaker.tryAcquire()) {
      failures.push({ provider: provider.name, modelId: provider.modelId, reason: "circuit_open", message: "circuit breaker open", elapsedMs: 0 });
      continue;
    }

    const attempt = new AbortController();
    const onClientAbort = () => attempt.abort(signal.reason);
    signal.addEventListener("abort", onClientAbort, { once: true });
    const attemptStarted = now();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
      timedOut = true;
      attempt.abort(new ProviderTimeoutError(chain.timeoutMs, "first token"));
    }, chain.timeoutMs);

    const buffered: TextStreamPart<TOOLS>[] = [];
    let failure: { reason: FailureReason; status?: number; message: string } | null = null;
    let reader: ReadableStreamDefaultReader<TextStreamPart<TOOLS>> | undefined;
    let result: StreamResult<TOOLS> | undefined;
    try {
      result = input.start(provider, attempt.signal);
      reader = result.stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          failure = timedOut ? classifyFailure(null, true) : { reason: "error", message: "the stream ended without an answer" };
          break;
        }
        if (value.type === "error") {
          failure = classifyFailure(value.error, timedOut);
          break;
        }
        if (value.type === "abort") {
          failure = signal.aborted ? null : classifyFailure(attempt.signal.reason, timedOut);
          break;
        }
        buffered.push(value);
        if (isCommitting(value)) break;
      }
    } catch (error) {
      failure = signal.aborted ? null : classifyFailure(error, timedOut);
    } finally {
      clearTimeout(timer);
      timer = undefined;
    }

    const committed = buffered.length > 0 && isCommitting(buffered[buffered.length - 1]) && failure === null && !signal.aborted;
    // A committed attempt has read a part, so result and reader are set: the last two checks are for the compiler.
    if (!committed || !result || !reader) {
      signal.removeEventListener("abort", onClientAbort);
      attempt.abort(new Error("attempt abandoned"));
      await reader?.cancel().catch(() => undefined);
      if (signal.aborted) {
        breaker.release();
        return { opened: null, failures, aborted: true };
      }
      const f = failure ?? { reason: "error" as const, message: "no answer" };
      if (countsAgainstProvider(f)) breaker.recordFailure(`${f.reason}${f.status ? ` ${f.status}` : ""}`);
      else breaker.release();
      failures.push({ provider: provider.name, modelId: provider.modelId, ...f, elapsedMs: Math.round(now() - attemptStarted) });
      continue;
    }

    const firstTokenMs = Math.round(now() - startedAt);
    const activeReader = reader;
    let stalled = false;
    const opened: OpenedStream<TOOLS> = {
      provider,
      breaker,
      result,
      firstTokenMs,
      get stalled() {
        return stalled;
      },
      async next() {
        const replay = buffered.shift();
        if (replay) return { done: false, value: replay };
        const idle = setTimeout(() => {
          stalled = true;
          attempt.abort(new ProviderTimeoutError(chain.timeoutMs, "next token"));
        }, chain.timeoutMs);
        try {
          const read = await activeReader.read();
          if (read.done) signal.removeEventListener("abort", onClientAbort);
          return read;
        } finally {
          clearTimeout(idle);
        }
      },
      abort(reason?: unknown) {
        signal.removeEventListener("abort", onClientAbort);
        attempt.abort(reason ?? new Error("aborted"));
        void activeReader.cancel().catch(() => undefined);
      },
    };
    return { opened, failures, aborted: false };
  }
  return { opened: null, failures, aborted: signal.aborted };
}
