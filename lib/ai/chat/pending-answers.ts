// Read-your-writes for answers. An answer is stored just after its last chunk is sent, so a
// client that reads the conversation (or asks its next question) the moment the stream ends
// could otherwise overtake the write: the history would miss the answer, or the next question
// would be stored before it. This process remembers the answers it is still storing, per
// conversation, and those readers wait for them (bounded, so a stuck write never hangs a read).
const pending = new Map<string, Promise<unknown>>();

/** Wait at most this long for an answer still being stored. */
const MAX_WAIT_MS = 5_000;

export function trackAnswerStore(conversationId: string, storing: Promise<unknown>): void {
  const settled = storing.catch(() => undefined);
  pending.set(conversationId, settled);
  void settled.then(() => {
    if (pending.get(conversationId) === settled) pending.delete(conversationId);
  });
}

/** Resolves once the answer this process is storing for the conversation (if any) is stored. */
export function answerStored(conversationId: string | null | undefined): Promise<void> | null {
  if (!conversationId) return null;
  const storing = pending.get(conversationId.toLowerCase());
  if (!storing) return null;
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    storing.then(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, MAX_WAIT_MS);
      timer.unref?.();
    }),
  ]).finally(() => clearTimeout(timer));
}
