// The chat connection both chat surfaces use, the Excel task pane and the dashboard playground:
// useChat's DefaultChatTransport over POST /api/chat (the AI SDK UI message stream), with what
// each question carries besides the messages (the selection's context and the conversation it
// continues), the conversation id the server names, and a refused request read from the API's
// error envelope instead of the raw body useChat would report.
//
// What differs between the surfaces is how a request is authorized, and that comes in as the
// fetcher: the pane's adds a bearer token or API key, the playground's sends the session cookie.
import { DefaultChatTransport, type UIMessage } from "ai";
import type { Fetcher } from "@/lib/addin/api-client";
import { errorFromThrown, readApiError, type ApiError } from "@/lib/addin/api-error";
import type { ExcelContextPayload } from "@/lib/addin/context-payload";
import type { ChatMessageMetadata } from "@/lib/ai/chat/chat-types";

/**
 * Chat messages as the clients hold them. Tool parts stay untyped here: they are read by their
 * `tool-<name>` type and validated again before anything reaches a workbook
 * (lib/addin/edits/proposal.ts).
 */
export type ChatClientMessage = UIMessage<ChatMessageMetadata>;

const CHAT_API = "/api/chat";

/** The dashboard's fetch: same origin, with the session cookie. */
export const sameOriginFetch: Fetcher = (input, init) => fetch(input, { ...init, credentials: "same-origin" });

interface ChatTransportOptions {
  /** Sends every request; it decides how the request is authorized. */
  fetcher: Fetcher;
  /** The conversation a reopened chat continues; null or absent starts a new one. */
  conversationId?: string | null;
  /** The server named the conversation (a new one, or the one continued). */
  onConversationId?: (id: string) => void;
  /** Start the conversation in this workspace (null or absent: the personal space). */
  workspaceId?: string | null;
  /**
   * The read tools this client runs on its workbook (agent mode), declared with every request;
   * absent, the server offers none and the chat works as it always did.
   */
  capabilities?: { tools: readonly string[] };
}

export interface ChatConnection {
  transport: DefaultChatTransport<ChatClientMessage>;
  /** What the next question sends about the selection (null: nothing). */
  setContext(context: ExcelContextPayload | null): void;
  /** The conversation the next question continues, or null for a new one. */
  readonly conversationId: string | null;
  /** For useChat's onFinish: an answer carries its conversation id in its metadata too. */
  handleFinish(event: { message: ChatClientMessage; isAbort: boolean }): void;
  /** For useChat's onError: the API's error for a refused request or a network failure, else the stream's. */
  describeError(error: Error): ApiError;
  /**
   * The chat was left (another conversation, a new one, the pane closed): an answer still in
   * flight can no longer name a conversation, so it cannot pull the next chat back to its own.
   * `open` undoes it (React mounts, unmounts and mounts again in development).
   */
  close(): void;
  open(): void;
}

const ANSWER_FAILED = "The answer failed. Try again.";

export function createChatTransport(options: ChatTransportOptions): ChatConnection {
  let context: ExcelContextPayload | null = null;
  let conversationId = options.conversationId ?? null;
  let closed = false;
  let lastError: ApiError | null = null;

  const adopt = (id: string) => {
    if (closed || id === conversationId) return;
    conversationId = id;
    options.onConversationId?.(id);
  };

  const chatFetch: Fetcher = async (input, init) => {
    let response: Response;
    try {
      response = await options.fetcher(input, init);
    } catch (error) {
      lastError = errorFromThrown(error);
      throw error;
    }
    if (!response.ok) {
      lastError = await readApiError(response.clone());
      return response;
    }
    lastError = null;
    const id = response.headers.get("x-conversation-id");
    if (id) adopt(id);
    return response;
  };

  const transport = new DefaultChatTransport<ChatClientMessage>({
    api: CHAT_API,
    fetch: chatFetch,
    prepareSendMessagesRequest: ({ id, messages }) => ({
      body: {
        id,
        messages,
        context: context ?? undefined,
        conversationId: conversationId ?? undefined,
        workspaceId: options.workspaceId ?? undefined,
        capabilities: options.capabilities,
      },
    }),
  });

  return {
    transport,
    setContext(next) {
      context = next;
    },
    get conversationId() {
      return conversationId;
    },
    handleFinish({ message, isAbort }) {
      // A stopped answer names nothing new (its response header already did). useChat reports
      // the stop of a chat that was left to the current chat's callbacks, so adopting here would
      // pull a fresh chat back into the conversation it just left.
      if (isAbort) return;
      const id = message.metadata?.conversationId;
      if (id) adopt(id);
    },
    describeError(error) {
      return lastError ?? { status: 0, code: "unknown", message: error.message || ANSWER_FAILED };
    },
    close() {
      closed = true;
    },
    open() {
      closed = false;
    },
  };
}
