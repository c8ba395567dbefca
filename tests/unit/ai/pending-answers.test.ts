import { describe, expect, it } from "vitest";
import { answerStored, trackAnswerStore } from "@/lib/ai/chat/pending-answers";

describe("answers still being stored", () => {
  it("a reader waits for the conversation's answer to be stored, then nothing is pending", async () => {
    const id = crypto.randomUUID();
    let store!: () => void;
    const storing = new Promise<void>((resolve) => (store = resolve));
    trackAnswerStore(id, storing);
    let read = false;
    const waiting = answerStored(id.toUpperCase())!.then(() => (read = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBe(false);
    store();
    await waiting;
    expect(read).toBe(true);
    expect(answerStored(id)).toBeNull();
  });

  it("a failed store releases its readers and other conversations never wait", async () => {
    const id = crypto.randomUUID();
    trackAnswerStore(id, Promise.reject(new Error("database down")));
    await expect(answerStored(id)).resolves.toBeUndefined();
    expect(answerStored(crypto.randomUUID())).toBeNull();
    expect(answerStored(null)).toBeNull();
  });
});
