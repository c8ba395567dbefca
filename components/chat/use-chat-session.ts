"use client";

// One conversation with the assistant, as the task pane and the dashboard playground hold it:
// useChat over the shared chat connection (lib/chat-client/create-chat-transport.ts), the error
// to show when a question fails, and what the user did with a proposed change — sent back to the
// model as the tool's output and stored at once, so a reopened conversation shows it decided.
import { useCallback, useEffect, useRef, useState } from "react";
import { useChat } from "@ai-sdk/react";
import { recordOutcome, type Fetcher } from "@/lib/addin/api-client";
import type { ApiError } from "@/lib/addin/api-error";
import type { ExcelContextPayload } from "@/lib/addin/context-payload";
import type { Proposal } from "@/lib/addin/edits/proposal";
import type { EditOutcome } from "@/lib/ai/tools/edit-outcome";
import { createChatTransport, type ChatClientMessage } from "@/lib/chat-client/create-chat-transport";

interface ChatSessionOptions {
  /** useChat's id; a new one is a new chat. */
  chatId: string;
  /** A reopened conversation's messages. */
  initialMessages?: ChatClientMessage[];
  /** The conversation the chat continues, or null for a new one (read when the chat starts). */
  conversationId: string | null;
  /** The server named the conversation. */
  onConversationId: (id: string) => void;
  /** Sends every request (how it is authorized differs between the pane and the dashboard). */
  fetcher: Fetcher;
  /** An answer ended: completed, stopped or failed. */
  onAnswer?: (message: ChatClientMessage) => void;
  /** The workspace a new conversation starts in (read when the chat starts; null: personal). */
  workspaceId?: string | null;
}

export function useChatSession(options: ChatSessionOptions) {
  const { chatId, initialMessages, conversationId } = options;
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  // One connection per chat, as useChat keeps one Chat per id. The one left behind is closed,
  // so an answer still in flight there cannot name a conversation for the chat that replaced it.
  const connect = () =>
    createChatTransport({
      fetcher: (input, init) => latest.current.fetcher(input, init),
      conversationId,
      workspaceId: latest.current.workspaceId ?? null,
      onConversationId: (id) => latest.current.onConversationId(id),
    });
  const [current, setCurrent] = useState(() => ({ chatId, connection: connect() }));
  let connection = current.connection;
  if (current.chatId !== chatId) {
    connection = connect();
    setCurrent({ chatId, connection });
  }
  useEffect(() => {
    connection.open();
    return () => connection.close();
  }, [connection]);

  const [error, setError] = useState<ApiError | null>(null);
  const chat = useChat<ChatClientMessage>({
    id: chatId,
    messages: initialMessages,
    transport: connection.transport,
    onError: (caught) => setError(connection.describeError(caught)),
    onFinish: (event) => {
      latest.current.onAnswer?.(event.message);
      connection.handleFinish(event);
    },
  });

  const { sendMessage, addToolOutput } = chat;
  const send = useCallback(
    (text: string, context: ExcelContextPayload | null) => {
      setError(null);
      connection.setContext(context);
      void sendMessage({ text });
    },
    [connection, sendMessage],
  );

  const messages = useRef(chat.messages);
  useEffect(() => {
    messages.current = chat.messages;
  });

  /** `messageId` is the answer that proposed the change; found from the proposal when not given. */
  const reportOutcome = useCallback(
    (proposal: Proposal, outcome: EditOutcome, messageId?: string) => {
      void addToolOutput({ tool: proposal.toolName, toolCallId: proposal.toolCallId, output: outcome });
      // Best effort: the next question carries the outcome again.
      const answerId =
        messageId ?? messages.current.find((m) => m.parts.some((p) => "toolCallId" in p && p.toolCallId === proposal.toolCallId))?.id;
      const id = connection.conversationId;
      if (id && answerId) void recordOutcome(latest.current.fetcher, id, { messageId: answerId, toolCallId: proposal.toolCallId, outcome });
    },
    [addToolOutput, connection],
  );

  const clearError = useCallback(() => setError(null), []);

  /** Sends the unanswered question again (after a rate limit or a failed request), with the same selection. */
  const { regenerate } = chat;
  const retry = useCallback(() => {
    setError(null);
    void regenerate();
  }, [regenerate]);

  return { messages: chat.messages, status: chat.status, stop: chat.stop, send, retry, reportOutcome, error, clearError };
}
