"use client";

// One conversation with the assistant, as the task pane and the dashboard playground hold it:
// useChat over the shared chat connection (lib/chat-client/create-chat-transport.ts), the error
// to show when a question fails, and what the user did with a proposed change — sent back to the
// model as the tool's output and stored at once, so a reopened conversation shows it decided.
import { useCallback, useEffect, useRef, useState } from "react";
import { useChat } from "@ai-sdk/react";
import { shouldContinueTurn } from "@/lib/agent/continue-turn";
import { analyseOffThread } from "@/lib/agent/analyse-off-thread";
import { runReadTool } from "@/lib/agent/run-read-tool";
import type { WorkbookSource } from "@/lib/agent/workbook-source";
import { recordOutcome, type Fetcher } from "@/lib/addin/api-client";
import { isReadToolName, READ_TOOL_NAMES } from "@/lib/ai/tools/read-tools";
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
  /** Agent mode: the workbook the read tools run on (null while there is none). Read when a call arrives. */
  agent?: { source: () => WorkbookSource | null };
}

const AGENT_CAPABILITIES = { tools: READ_TOOL_NAMES };
const STOPPED = "Stopped by the user before this finished.";

function readFailure(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "The workbook could not be read.";
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
      capabilities: latest.current.agent ? AGENT_CAPABILITIES : undefined,
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
  /** Set by Stop, cleared by the next question: nothing continues by itself in between. */
  const stopped = useRef(false);
  const [reading, setReading] = useState<ReadonlySet<string>>(() => new Set());
  const addOutput = useRef<(typeof chat)["addToolOutput"] | null>(null);

  const runRead = async (toolName: string, toolCallId: string, input: unknown) => {
    const add = addOutput.current;
    if (!add) return;
    setReading((ids) => new Set(ids).add(toolCallId));
    try {
      const source = latest.current.agent?.source() ?? null;
      if (!source) throw new Error("There is no workbook open to read.");
      if (!isReadToolName(toolName)) throw new Error(`This client does not run ${toolName}.`);
      const output = await runReadTool(source, toolName, input, { analyse: analyseOffThread });
      if (stopped.current) void add({ state: "output-error", tool: toolName, toolCallId, errorText: STOPPED });
      else void add({ tool: toolName, toolCallId, output });
    } catch (caught) {
      void add({ state: "output-error", tool: toolName, toolCallId, errorText: stopped.current ? STOPPED : readFailure(caught) });
    } finally {
      setReading((ids) => {
        const next = new Set(ids);
        next.delete(toolCallId);
        return next;
      });
    }
  };

  const chat = useChat<ChatClientMessage>({
    id: chatId,
    messages: initialMessages,
    transport: connection.transport,
    onError: (caught) => setError(connection.describeError(caught)),
    onFinish: (event) => {
      latest.current.onAnswer?.(event.message);
      connection.handleFinish(event);
    },
    // Not awaited: the stream goes on while the workbook is read, and the output is added after.
    onToolCall: ({ toolCall }) => {
      if (latest.current.agent && isReadToolName(toolCall.toolName)) void runRead(toolCall.toolName, toolCall.toolCallId, toolCall.input);
    },
    sendAutomaticallyWhen: ({ messages }) => Boolean(latest.current.agent) && !stopped.current && shouldContinueTurn(messages),
  });

  const { sendMessage, addToolOutput } = chat;
  useEffect(() => {
    addOutput.current = addToolOutput;
  }, [addToolOutput]);
  const send = useCallback(
    (text: string, context: ExcelContextPayload | null) => {
      setError(null);
      stopped.current = false;
      connection.setContext(context);
      void sendMessage({ text });
    },
    [connection, sendMessage],
  );

  /** Ends the answer now: the stream stops, a running read reports the stop, and nothing continues. */
  const { stop: stopStream } = chat;
  const stop = useCallback(async () => {
    stopped.current = true;
    await stopStream();
  }, [stopStream]);

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
    stopped.current = false;
    void regenerate();
  }, [regenerate]);

  /** True while the answer goes on: streaming, or reading the workbook between two steps. */
  const working = chat.status === "submitted" || chat.status === "streaming" || reading.size > 0;

  return { messages: chat.messages, status: chat.status, working, reading, stop, send, retry, reportOutcome, error, clearError };
}
