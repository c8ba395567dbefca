// Answers still being produced or stored, across instances. An answer is stored just after its
// last chunk is sent, so a client that reads the conversation (or asks its next question) the
// moment the stream ends could otherwise overtake the write — on this instance or on another one
// behind the same load balancer. So a turn takes a lease on its conversation before its question
// is stored, and gives it back once the answer is stored:
//
// - in this process, a promise readers wait on (no round trip);
// - in the KV, a marker with a short TTL that the answering instance keeps renewing, so readers
//   on other instances wait too, and an instance that dies mid-answer stops renewing it: its
//   marker expires, and a question left without an answer and without a lease was interrupted
//   (lib/ai/chat/get-conversation-detail.ts stores it so).
//
// Waits are bounded, so a stuck write never hangs a read.
import { getKv } from "@/lib/kv/get-kv";
import { logger } from "@/lib/observability/logger";

const pending = new Map<string, Promise<unknown>>();

/** Wait at most this long for an answer still being produced or stored. */
const MAX_WAIT_MS = 5_000;
/** How often a reader on another instance looks at the marker again. */
const POLL_MS = 100;
/** The marker's TTL: how long after an instance dies its answer counts as interrupted. */
export const ANSWER_LEASE_TTL_MS = 15_000;
/** Renewed at this interval while the answer runs. */
const RENEW_MS = 5_000;
/** No answer runs longer than this (the provider timeouts end it well before). */
const MAX_LEASE_MS = 15 * 60_000;

const leaseKey = (conversationId: string) => `answering:${conversationId.toLowerCase()}`;

export interface AnswerLease {
  /** Resolves once the marker is in the KV (never rejects: without a KV, only this process knows). */
  ready: Promise<void>;
  /** Releases the lease once `storing` settles (the answer stored, or given up). */
  releaseAfter(storing: Promise<unknown>): void;
}

/** Takes the conversation's lease for one turn: call before its question is stored. */
export function leaseAnswer(conversationId: string): AnswerLease {
  const id = conversationId.toLowerCase();
  const kv = getKv();
  const key = leaseKey(id);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  pending.set(id, released);
  const renew = () => kv.set(key, { since: Date.now() }, { ttlMs: ANSWER_LEASE_TTL_MS });
  const ready = renew().then(
    () => undefined,
    (error: Error) => logger.warn({ conversationId: id, err: error.message }, "answer lease not written to the KV"),
  );
  const renewing = setInterval(() => void renew().catch(() => {}), RENEW_MS);
  renewing.unref?.();
  const ceiling = setTimeout(() => clearInterval(renewing), MAX_LEASE_MS);
  ceiling.unref?.();
  let done = false;
  return {
    ready,
    releaseAfter(storing) {
      if (done) return;
      done = true;
      void storing
        .catch(() => undefined)
        .then(async () => {
          clearInterval(renewing);
          clearTimeout(ceiling);
          await ready;
          await kv.del(key).catch(() => {});
        })
        .finally(() => {
          if (pending.get(id) === released) pending.delete(id);
          release();
        });
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * Waits (bounded) for the answer of this conversation that this or another instance is still
 * producing or storing. Resolves to true when none is running any more, false when one still is
 * after the wait — or the KV cannot tell.
 */
export async function answerStored(conversationId: string | null | undefined): Promise<boolean> {
  if (!conversationId) return true;
  const id = conversationId.toLowerCase();
  const deadline = Date.now() + MAX_WAIT_MS;
  const local = pending.get(id);
  if (local) {
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      local.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), MAX_WAIT_MS);
        timer.unref?.();
      }),
    ]).finally(() => clearTimeout(timer));
    if (!finished) return false;
  }
  return (await leaseHeld(id, deadline)) === false;
}

/** Whether another instance holds the lease, polling until `deadline`; null when the KV cannot tell. */
async function leaseHeld(id: string, deadline: number): Promise<boolean | null> {
  const kv = getKv();
  for (;;) {
    let held: boolean;
    try {
      held = (await kv.get(leaseKey(id))) !== null;
    } catch {
      return null;
    }
    if (!held || Date.now() >= deadline) return held;
    await sleep(POLL_MS);
  }
}

/** Whether an answer to this conversation runs now on any instance (null: the KV cannot tell). */
export function answerRunning(conversationId: string): Promise<boolean | null> {
  const id = conversationId.toLowerCase();
  if (pending.has(id)) return Promise.resolve(true);
  return leaseHeld(id, 0);
}
