"use client";

// The playground's conversation: useChat over POST /api/chat (the AI SDK UI message stream),
// with the range's context added to each request and the conversation id the server assigns.
// @ai-sdk/react carries its own `ai` 6 while the server streams with `ai` 7: the wire protocol is
// the same, the TypeScript types are not, so messages are typed with @ai-sdk/react's UIMessage
// (as the add-in does, components/addin/pane-message.ts) and the ai 7 transport is cast.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useChat, type UIMessage } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { readApiResponse } from "@/components/auth/post-json";
import { recordOutcome } from "@/lib/addin/api-client";
import type { ExcelContextPayload } from "@/lib/addin/context-payload";
import type { Proposal } from "@/lib/addin/edits/proposal";
import type { EditOutcome } from "@/lib/ai/tools/edit-outcome";
import type { ChatMessageMetadata } from "@/lib/ai/chat/chat-types";

export type PlaygroundMessage = UIMessage<ChatMessageMetadata>;

const NETWORK = "Could not reach the server. Check your connection and try again.";

export function usePlaygroundChat() {
  const [chatId, setChatId] = useState(() => crypto.randomUUID());
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const context = useRef<ExcelContextPayload | null>(null);
  const lastError = useRef<string | null>(null);
  const conversationRef = useRef<string | null>(null);

  const chatFetch = useCallback(async (input: RequestInfo | URL, init?: RequestInit) => {
    let response: Response;
    try {
      response = await fetch(input, { ...init, credentials: "same-origin" });
    } catch (caught) {
      lastError.current = NETWORK;
      throw caught;
    }
    if (!response.ok) {
      const result = await readApiResponse(response.clone());
      lastError.current = result.ok ? `The server answered ${response.status}.` : result.message;
    } else {
      lastError.current = null;
      const id = response.headers.get("x-conversation-id");
      if (id) {
        conversationRef.current = id;
        setConversationId(id);
      }
    }
    return response;
  }, []);

  const transport = useMemo(
    () =>
      new DefaultChatTransport({
        api: "/api/chat",
        credentials: "same-origin",
        fetch: chatFetch as typeof fetch,
        prepareSendMessagesRequest: ({ id, messages }) => ({
          body: { id, messages, context: context.current ?? undefined, conversationId: conversationRef.current ?? undefined },
        }),
      }),
    [chatFetch],
  );

  const chat = useChat<PlaygroundMessage>({
    id: chatId,
    transport,
    onError: (caught) => setError(lastError.current ?? caught.message ?? "The answer failed. Try again."),
    onFinish: ({ message }) => {
      const id = message.metadata?.conversationId;
      if (id && id !== conversationRef.current) {
        conversationRef.current = id;
        setConversationId(id);
      }
    },
  });

  const send = useCallback(
    (text: string, payload: ExcelContextPayload) => {
      setError(null);
      context.current = payload;
      void chat.sendMessage({ text });
    },
    [chat],
  );

  const messagesRef = useRef(chat.messages);
  useEffect(() => {
    messagesRef.current = chat.messages;
  });
  const { addToolOutput } = chat;

  /**
   * What the user did with a proposal: the tool's output for the next question, and stored now
   * (best effort), so the conversation reopens with the proposal decided even if no question follows.
   */
  const reportOutcome = useCallback(
    (proposal: Proposal, outcome: EditOutcome) => {
      void addToolOutput({ tool: proposal.toolName, toolCallId: proposal.toolCallId, output: outcome });
      const answer = messagesRef.current.find((m) => m.parts.some((p) => "toolCallId" in p && p.toolCallId === proposal.toolCallId));
      const id = conversationRef.current;
      if (id && answer) {
        void recordOutcome((input, init) => fetch(input, { ...init, credentials: "same-origin" }), id, {
          messageId: answer.id,
          toolCallId: proposal.toolCallId,
          outcome,
        });
      }
    },
    [addToolOutput],
  );

  /** A new conversation (another file, or the user asked for one). */
  const reset = useCallback(() => {
    void chat.stop();
    conversationRef.current = null;
    setConversationId(null);
    setError(null);
    setChatId(crypto.randomUUID());
  }, [chat]);

  return {
    messages: chat.messages,
    status: chat.status,
    stop: chat.stop,
    reportOutcome,
    send,
    reset,
    error,
    conversationId,
  };
}
