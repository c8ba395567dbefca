// The one failure a KV adapter reports: the store could not do what was asked (unreachable,
// timed out, or answered with an error). Callers decide what that means through the KV-down
// policy (lib/limits/kv-down-policy.ts); the cause is kept for logs and never sent to clients.
import type { KvKind } from "./kv";

export class KvError extends Error {
  readonly kind: KvKind;

  constructor(kind: KvKind, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "KvError";
    this.kind = kind;
  }
}

export function isKvError(error: unknown): error is KvError {
  return error instanceof KvError;
}
