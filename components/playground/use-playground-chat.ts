"use client";

// The playground's conversation: the shared chat session (components/chat/use-chat-session.ts)
// with the browser session's cookie, the range's context added to each question, and a fresh
// conversation when the user opens another file, asks for one, or picks another space. In agent
// mode the assistant reads the uploaded workbook itself (lib/workbook/sheetjs-workbook-source.ts),
// step by step.
//
// A new conversation starts in the chosen space (`workspaceId`, sent exactly as the pane sends
// it); a conversation opened from History goes on in its own space, whichever is chosen.
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { useChatSession } from "@/components/chat/use-chat-session";
import { sameOriginFetch, type ChatClientMessage } from "@/lib/chat-client/create-chat-transport";
import { sheetJsWorkbookSource } from "@/lib/workbook/sheetjs-workbook-source";
import type { OpenedConversation } from "./playground-space";

interface Conversation {
  chatId: string;
  /** Null until the server names a new conversation. */
  conversationId: string | null;
  /** The space it belongs to (null: personal). */
  workspaceId: string | null;
  initialMessages?: ChatClientMessage[];
}

const fresh = (workspaceId: string | null): Conversation => ({ chatId: crypto.randomUUID(), conversationId: null, workspaceId });

const reopened = (opened: OpenedConversation): Conversation => ({
  chatId: `playground-${opened.id}`,
  conversationId: opened.id,
  workspaceId: opened.workspace?.id ?? null,
  initialMessages: opened.messages,
});

export function usePlaygroundChat(open: { workbook: WorkBook | null; activeSheet: string; workspaceId: string | null; opened: OpenedConversation | null }) {
  const { workspaceId, opened } = open;
  const [conversation, setConversation] = useState<Conversation>(() => (opened ? reopened(opened) : fresh(workspaceId)));
  // Another space chosen, or another conversation opened (the page read the URL again): the chat
  // starts over there. Adjusted while rendering, so no question goes out to the old space.
  const source = opened ? `conversation:${opened.id}` : `space:${workspaceId ?? ""}`;
  const [shown, setShown] = useState(source);
  let current = conversation;
  if (shown !== source) {
    current = opened ? reopened(opened) : fresh(workspaceId);
    setShown(source);
    setConversation(current);
  }

  const latest = useRef(open);
  useEffect(() => {
    latest.current = open;
  });
  const onConversationId = useCallback((id: string) => {
    setConversation((c) => (c.conversationId === id ? c : { ...c, conversationId: id }));
  }, []);
  const session = useChatSession({
    chatId: current.chatId,
    initialMessages: current.initialMessages,
    conversationId: current.conversationId,
    workspaceId: current.workspaceId,
    onConversationId,
    fetcher: sameOriginFetch,
    agent: {
      source: () => {
        const { workbook } = latest.current;
        return workbook ? sheetJsWorkbookSource(workbook, () => latest.current.activeSheet) : null;
      },
    },
  });
  const { stop, clearError } = session;

  /** A new conversation in the chosen space (another file, or the user asked for one). */
  const reset = useCallback(() => {
    void stop();
    clearError();
    setConversation(fresh(latest.current.workspaceId));
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
    conversationId: current.conversationId,
    /** The space this conversation belongs to (null: personal). */
    workspaceId: current.workspaceId,
    /** The conversation opened from History is still the one shown. */
    reopened: opened !== null && current.conversationId === opened.id,
  };
}
