// One answer, two readers. Every chunk goes to the client's stream (while the client is
// connected) and to an assembler that builds the final message for storage. The answer is
// produced by a server-side task that does not depend on anyone reading the response: when the
// client disconnects — the Stop button, a closed task pane, a dropped network — `signal` fires so
// the producer stops spending tokens on an answer nobody reads, while the stored copy keeps what
// was produced so far.
import type { UIMessageChunk } from "ai";
import { MessageAssembler } from "./assemble-message";
import type { EmitChunk } from "./answer-outcome";
import type { ChatUIMessage } from "./chat-types";

export class ClientDisconnectedError extends Error {
  constructor() {
    super("the client disconnected");
    this.name = "ClientDisconnectedError";
  }
}

export interface SplitAnswerStream {
  /** What the client reads. */
  stream: ReadableStream<UIMessageChunk>;
  /** Sends a chunk to both readers. */
  emit: EmitChunk;
  /** Fires when the client disconnects (the request's signal, or the client cancelling the stream). */
  signal: AbortSignal;
  /** Ends the client's stream and returns the stored copy of the message. */
  end(): ChatUIMessage;
}

export function splitAnswerStream(input: {
  messageId: string;
  /** The request's signal: fires when the client disconnects. */
  signal?: AbortSignal;
  /** False for clients that only want the final answer (JSON): nothing is buffered for a reader. */
  toClient: boolean;
}): SplitAnswerStream {
  const client = new AbortController();
  const onRequestAbort = () => client.abort(new ClientDisconnectedError());
  if (input.signal?.aborted) onRequestAbort();
  else input.signal?.addEventListener("abort", onRequestAbort, { once: true });

  let clientOpen = input.toClient;
  let clientController!: ReadableStreamDefaultController<UIMessageChunk>;
  const assembler = new MessageAssembler(input.messageId);
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      clientController = controller;
      if (!clientOpen) controller.close();
    },
    cancel() {
      clientOpen = false;
      client.abort(new ClientDisconnectedError());
    },
  });

  return {
    stream,
    signal: client.signal,
    emit(chunk) {
      assembler.add(chunk);
      if (!clientOpen) return;
      try {
        clientController.enqueue(chunk);
      } catch {
        clientOpen = false;
      }
    },
    end() {
      input.signal?.removeEventListener("abort", onRequestAbort);
      if (clientOpen) {
        try {
          clientController.close();
        } catch {
          // the client went away at the last moment
        }
      }
      return assembler.message();
    },
  };
}
