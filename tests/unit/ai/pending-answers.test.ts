// The answer lease: readers wait for an answer still being stored, here and (through the KV
// marker) on other instances; a lease whose instance stopped renewing it expires.
import { describe, expect, it } from "vitest";
import { ANSWER_LEASE_TTL_MS, answerRunning, answerStored, leaseAnswer } from "@/lib/ai/chat/pending-answers";
import { getKv } from "@/lib/kv/get-kv";

describe("answers still being stored", () => {
  it("a reader waits for the conversation's answer to be stored, then nothing is pending", async () => {
    const id = crypto.randomUUID();
    const lease = leaseAnswer(id);
    await lease.ready;
    expect(await answerRunning(id)).toBe(true);
    let store!: () => void;
    lease.releaseAfter(new Promise<void>((resolve) => (store = resolve)));
    let read: boolean | null = null;
    const waiting = answerStored(id.toUpperCase()).then((done) => (read = done));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(read).toBeNull();
    store();
    await waiting;
    expect(read).toBe(true);
    expect(await answerRunning(id)).toBe(false);
    expect(await getKv().get(`answering:${id}`)).toBeNull();
  });

  it("a failed store releases its readers and other conversations never wait", async () => {
    const id = crypto.randomUUID();
    const lease = leaseAnswer(id);
    lease.releaseAfter(Promise.reject(new Error("database down")));
    await expect(answerStored(id)).resolves.toBe(true);
    const started = Date.now();
    expect(await answerStored(crypto.randomUUID())).toBe(true);
    expect(await answerStored(null)).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("an answer another instance is storing is waited for through the KV marker, which expires with its instance", async () => {
    const id = crypto.randomUUID();
    // What another instance's lease looks like from here: only the marker in the shared KV.
    await getKv().set(`answering:${id}`, { since: Date.now() }, { ttlMs: ANSWER_LEASE_TTL_MS });
    expect(await answerRunning(id)).toBe(true);
    setTimeout(() => void getKv().del(`answering:${id}`), 300);
    const started = Date.now();
    expect(await answerStored(id)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // A marker nobody renews (its instance died) stops counting once its TTL has passed.
    await getKv().set(`answering:${id}`, { since: Date.now() }, { ttlMs: 200 });
    expect(await answerRunning(id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await answerRunning(id)).toBe(false);
  });
});
