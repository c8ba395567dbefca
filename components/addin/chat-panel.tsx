"use client";

// The conversation: the shared chat session (components/chat/use-chat-session.ts) with the pane's
// authorized fetch (bearer token or API key), the selection added to each question, errors read
// from the API's envelope (rate limits and quotas become the upgrade prompt), and each proposed
// change shown as an edit card — applied at once in `auto` write mode when the answer is
// complete (see EditCard). What happened to a proposal goes back to the model as the tool's
// output. While rate-limited, Send waits out Retry-After with a countdown, and questions that
// got no answer are marked "Not sent" with a Retry. What is left of the quota comes with every
// answer (X-Quota) and shows as a quiet line once little is left.
import { useCallback, useEffect, useRef, useState } from "react";
import { LoaderCircle } from "lucide-react";
import { useChatSession } from "@/components/chat/use-chat-session";
import { StepBudget } from "@/components/chat/step-budget";
import { Button } from "@/components/ui/button";
import type { Fetcher } from "@/lib/addin/api-client";
import { officeWorkbookSource } from "@/lib/addin/agent/office-workbook-source";
import { lowQuotaLine, parseQuotaHeader, type QuotaLeft } from "@/lib/addin/quota";
import type { SelectionSummary } from "@/lib/addin/context-payload";
import type { Proposal } from "@/lib/addin/edits/proposal";
import type { WriteMode } from "@/lib/addin/write-mode";
import type { ChatClientMessage } from "@/lib/chat-client/create-chat-transport";
import { ChatComposer } from "./chat-composer";
import { LimitNotice } from "./limit-notice";
import { MessageView } from "./message-view";
import { SelectionChip } from "./selection-chip";
import { useCountdown } from "./use-countdown";
import { useEditCards, type EditOutcome } from "./use-edit-cards";
import type { SelectionState } from "./use-selection-context";

const SUGGESTIONS = ["Summarize this data", "Add a total row with formulas", "Which chart fits this data?", "Are there outliers or missing values?"];

export interface ChatPanelProps {
  chatId: string;
  initialMessages: ChatClientMessage[];
  conversationId: string | null;
  /** The workspace new conversations start in (null: personal). */
  workspaceId?: string | null;
  fetcher: Fetcher;
  selection: SelectionState;
  onRefreshSelection: () => void;
  /** Stops analysing every cell of a large selection (a sample is sent instead). */
  onCancelSelection: () => void;
  writeMode: WriteMode;
  inExcel: boolean;
  isGuest: boolean;
  onConversationId: (id: string) => void;
  onSignIn: () => void;
  /** What is left of the quota, for the quiet line when low. */
  quota: QuotaLeft | null;
  /** A chat answer said what is left (X-Quota). */
  onQuota: (quota: QuotaLeft) => void;
  /** Put focus in the question box when the panel appears (right after signing in). */
  autoFocus?: boolean;
}

export function ChatPanel(props: ChatPanelProps) {
  const { chatId, initialMessages, fetcher, selection, writeMode, inExcel } = props;
  const [includeSelection, setIncludeSelection] = useState(true);
  const pendingSelection = useRef<SelectionSummary | null>(null);
  const [sentSelections, setSentSelections] = useState<Record<string, SelectionSummary | null>>({});
  /** Answers that arrived in this session: only these may be auto-applied, never reopened history. */
  const [liveAnswers, setLiveAnswers] = useState<ReadonlySet<string>>(() => new Set());
  const bottom = useRef<HTMLDivElement>(null);
  const inExcelRef = useRef(inExcel);
  useEffect(() => {
    inExcelRef.current = inExcel;
  }, [inExcel]);

  // Every chat answer says what is left of the quota; the pane keeps the latest.
  const onQuota = props.onQuota;
  const quotaFetcher = useCallback<Fetcher>(
    async (input, init) => {
      const response = await fetcher(input, init);
      const quota = parseQuotaHeader(response.headers.get("x-quota"));
      if (quota) onQuota(quota);
      return response;
    },
    [fetcher, onQuota],
  );

  const session = useChatSession({
    chatId,
    initialMessages,
    conversationId: props.conversationId,
    workspaceId: props.workspaceId ?? null,
    onConversationId: props.onConversationId,
    fetcher: quotaFetcher,
    onAnswer: (message) => setLiveAnswers((ids) => new Set(ids).add(message.id)),
    // Agent mode: the model may read the workbook itself, step by step (lib/agent).
    agent: { source: () => (inExcelRef.current ? officeWorkbookSource() : null) },
  });
  const { messages, status, stop, error: apiError, reportOutcome: report } = session;

  const refreshSelection = props.onRefreshSelection;
  const reportOutcome = useCallback(
    (proposal: Proposal, outcome: EditOutcome, messageId: string) => {
      // Stored now, not only with the next question: the pane may be closed before there is one.
      report(proposal, outcome, messageId);
      // The cells just changed under the selection: what the next question sends must too.
      if (outcome.status !== "rejected") refreshSelection();
    },
    [report, refreshSelection],
  );
  const edits = useEditCards(reportOutcome);
  // Between two steps of an answer the pane reads the workbook: the answer is still going on.
  const busy = session.working;
  const waitLeft = useCountdown(apiError?.code === "rate_limited" ? apiError.retryAfterSeconds : undefined);
  const waiting = waitLeft > 0;

  // Questions after the last answer got none when the request failed: each is marked, the last retried.
  const unanswered = new Set<string>();
  if (apiError && !busy) {
    for (let i = messages.length - 1; i >= 0 && messages[i].role === "user"; i--) unanswered.add(messages[i].id);
  }
  const lastUnanswered = [...messages].reverse().find((m) => unanswered.has(m.id))?.id;
  const lowLine = lowQuotaLine(props.quota);

  // The selection each question was sent with, shown under it.
  useEffect(() => {
    const last = [...messages].reverse().find((m) => m.role === "user");
    if (last && !(last.id in sentSelections)) {
      const sent = pendingSelection.current;
      pendingSelection.current = null;
      setSentSelections((all) => ({ ...all, [last.id]: sent }));
    }
  }, [messages, sentSelections]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs to follow the conversation: each new message, streamed part and status change scrolls to the end
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [messages, status]);

  function send(text: string) {
    const ready = selection.status === "ready" ? selection : null;
    pendingSelection.current = includeSelection && ready ? ready.read.summary : null;
    session.send(text, includeSelection && ready ? ready.read.payload : null);
  }

  const streamingId = status === "streaming" ? messages[messages.length - 1]?.id : undefined;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {/* Scrolls: focusable and named, so keyboard users can scroll it and find it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrolling region must take focus, and be a named region, for keyboard users to find and scroll it */}
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-3 outline-none focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:ring-inset" tabIndex={0} role="region" aria-label="Messages" aria-live="polite" aria-busy={busy}>
        {messages.length === 0 ? (
          <div className="flex flex-col gap-3 pt-4">
            <p className="text-sm text-muted-foreground">Select cells in Excel, then ask a question about them.</p>
            <div className="flex flex-wrap gap-2">
              {SUGGESTIONS.map((s) => (
                <Button key={s} type="button" size="sm" variant="outline" className="h-auto py-1 text-xs whitespace-normal" disabled={busy} onClick={() => send(s)}>
                  {s}
                </Button>
              ))}
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-4">
            {messages.map((message) => (
              <MessageView
                key={message.id}
                message={message}
                streaming={message.id === streamingId}
                sentSelection={sentSelections[message.id]}
                notSent={
                  unanswered.has(message.id)
                    ? { retry: message.id === lastUnanswered ? session.retry : null, waitSeconds: waitLeft }
                    : undefined
                }
                edits={{
                  cards: edits.cards,
                  writeMode,
                  inExcel,
                  // Auto mode applies proposals of answers that arrived in this session, once complete.
                  autoApply: writeMode === "auto" && inExcel && liveAnswers.has(message.id) && message.id !== streamingId,
                  onApply: (key, p, automatic) => void edits.apply(key, p, automatic),
                  onReject: edits.reject,
                  onUndo: (key, p) => void edits.undo(key, p),
                  onApplySet: (members, automatic) => void edits.applySet(members, automatic),
                  onRejectSet: edits.rejectSet,
                  onUndoSet: (members) => void edits.undoSet(members),
                }}
              />
            ))}
            {busy ? <StepBudget metadata={messages[messages.length - 1]?.metadata} working /> : null}
            {status === "submitted" ? (
              <p role="status" className="flex items-center gap-2 text-xs text-muted-foreground">
                <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin" /> Thinking…
              </p>
            ) : null}
          </div>
        )}
        {apiError ? (
          <div className="pt-3">
            <LimitNotice error={apiError} isGuest={props.isGuest} onSignIn={props.onSignIn} />
          </div>
        ) : null}
        <div ref={bottom} />
      </div>
      <div className="flex flex-col gap-2 border-t p-3">
        <SelectionChip state={selection} include={includeSelection} onIncludeChange={setIncludeSelection} onRefresh={props.onRefreshSelection} onCancel={props.onCancelSelection} writeMode={writeMode} />
        {lowLine ? (
          <p className="text-xs text-muted-foreground" data-testid="quota-line">
            {lowLine}
          </p>
        ) : null}
        <ChatComposer busy={busy} disabled={waiting} waitSeconds={waitLeft} autoFocus={props.autoFocus} onSend={send} onStop={() => void stop()} />
      </div>
    </div>
  );
}
