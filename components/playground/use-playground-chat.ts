"use client";

// The playground's conversation: the shared chat session (components/chat/use-chat-session.ts)
// with the browser session's cookie, the range's context added to each question, and a fresh
// conversation when the user opens another file or asks for one. In agent mode the assistant reads
// the uploaded workbook itself (lib/workbook/sheetjs-workbook-source.ts), step by step.
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { useChatSession } from "@/components/chat/use-chat-session";
import { sameOriginFetch } from "@/lib/chat-client/create-chat-transport";
import { sheetJsWorkbookSource } from "@/lib/workbook/sheetjs-workbook-source";

export function usePlaygroundChat(open: { workbook: WorkBook | null; activeSheet: string }) {
  const [chatId, setChatId] = useState(() => crypto.randomUUID());
  const [conversationId, setConversationId] = useState<string | null>(null);
  const current = useRef(open);
  useEffect(() => {
    current.current = open;
  });
  const session = useChatSession({
    chatId,
    conversationId,
    onConversationId: setConversationId,
    fetcher: sameOriginFetch,
    agent: {
      source: () => {
        const { workbook } = current.current;
        return workbook ? sheetJsWorkbookSource(workbook, () => current.current.activeSheet) : null;
      },
    },
  });
  const { stop, clearError } = session;

  /** A new conversation (another file, or the user asked for one). */
  const reset = useCallback(() => {
    void stop();
    setConversationId(null);
    clearError();
    setChatId(crypto.randomUUID());
  }, [stop, clearError]);

  return {
    messages: session.messages,
    status: session.status,
    working: session.working,
    stop,
    /** What the user did with a proposal: the tool's output for the next question, and stored now. */
    reportOutcome: session.reportOutcome,
    send: session.send,
    reset,
    error: session.error?.message ?? null,
    conversationId,
  };
}
