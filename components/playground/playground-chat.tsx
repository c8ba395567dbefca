"use client";

// The conversation about the range: what will be sent, the messages (answers as safe markdown,
// proposed edits as cards), and the composer. The log is marked busy while an answer streams so
// screen readers read it once it is complete, and a status line says what is happening.
import Link from "next/link";
import { Fragment, useEffect, useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { ArrowUp, Eye, LoaderCircle, MessageSquarePlus, Square, Users } from "lucide-react";
import { AnswerMarkdown } from "@/components/addin/answer-markdown";
import { FormError } from "@/components/auth/form-error";
import { AgentStep } from "@/components/chat/agent-step";
import { AnswerMeta } from "@/components/chat/answer-meta";
import { StepBudget } from "@/components/chat/step-budget";
import { ContextSent } from "@/components/chat/context-sent";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { messageBlocks } from "@/lib/agent/change-set";
import { toolNameOf } from "@/lib/agent/continue-turn";
import { readProposalPart, type Proposal } from "@/lib/addin/edits/proposal";
import { isReadToolName } from "@/lib/ai/tools/read-tools";
import type { ChatClientMessage } from "@/lib/chat-client/create-chat-transport";
import type { useWorkbookEdits } from "./use-workbook-edits";
import { WorkbookChangeSet } from "./workbook-change-set";
import { WorkbookEditCard } from "./workbook-edit-card";

const SUGGESTIONS = ["Summarize this data", "Which formulas would help here?", "Which chart fits this data?", "Are there outliers or missing values?"];

type Edits = ReturnType<typeof useWorkbookEdits>;

/** A part that proposes a change (a tool call that is not one of the read tools). */
function isProposalPart(part: { type: string }): boolean {
  return (part.type.startsWith("tool-") || part.type === "dynamic-tool") && !isReadToolName(toolNameOf(part));
}

function AssistantMessage({ message, workbook, activeSheet, version, edits }: { message: ChatClientMessage; workbook: WorkBook; activeSheet: string; version: number; edits: Edits }) {
  const meta = message.metadata;
  return (
    <div className="flex w-full flex-col gap-2 rounded-xl border bg-card p-3 text-card-foreground">
      {messageBlocks(message.parts, isProposalPart).map((block) => {
        if (block.kind === "part") {
          const { part, index } = block;
          if (part.type === "text") return <AnswerMarkdown key={index} text={part.text} />;
          const tool = toolNameOf(part);
          return isReadToolName(tool) ? <AgentStep key={index} tool={tool} part={part} /> : null;
        }
        const ready: Proposal[] = [];
        const others = block.members.map(({ part }) => {
          const read = readProposalPart(part);
          if (!read) return null;
          if (read.status === "streaming") {
            return (
              <p key={read.toolCallId} className="text-xs text-muted-foreground">
                Preparing a proposed change…
              </p>
            );
          }
          if (read.status === "refused") {
            return (
              <p key={read.toolCallId} className="rounded-lg border border-dashed p-2 text-xs text-muted-foreground">
                A proposed change was refused: {read.reason}
              </p>
            );
          }
          ready.push(read.proposal);
          return null;
        });
        const proposals = ready;
        if (proposals.length === 1) {
          const proposal = proposals[0];
          others.push(
            <WorkbookEditCard
              key={proposal.toolCallId}
              proposal={proposal}
              workbook={workbook}
              activeSheet={activeSheet}
              version={version}
              state={edits.edits[proposal.toolCallId]}
              canUndo={edits.canUndo(proposal.toolCallId)}
              onApply={(preview) => edits.apply(proposal, preview)}
              onUndo={() => edits.undo(proposal)}
              onReject={(preview) => edits.reject(proposal, preview)}
            />,
          );
        } else if (proposals.length > 1) {
          others.push(<WorkbookChangeSet key={block.key} proposals={proposals} workbook={workbook} activeSheet={activeSheet} version={version} edits={edits} />);
        }
        return <Fragment key={`${message.id}:${block.key}`}>{others}</Fragment>;
      })}
      <StepBudget metadata={meta} working={false} />
      {meta?.status || meta?.provider ? (
        <AnswerMeta
          model={meta.model}
          provider={meta.provider}
          cached={meta.cached}
          inputTokens={meta.usage?.inputTokens}
          outputTokens={meta.usage?.outputTokens}
          status={meta.status}
        />
      ) : null}
      {meta?.context ? <ContextSent summary={meta.context} /> : null}
    </div>
  );
}

export function PlaygroundChat({
  messages,
  status,
  working,
  error,
  conversationId,
  spaceName,
  readOnly,
  problem,
  workbook,
  activeSheet,
  version,
  edits,
  contextPreview,
  onSend,
  onStop,
  onNewConversation,
  newConversationLabel,
}: {
  messages: ChatClientMessage[];
  status: "submitted" | "streaming" | "ready" | "error";
  /** The answer goes on: streaming, or reading the workbook between two steps. */
  working: boolean;
  error: string | null;
  conversationId: string | null;
  /** The workspace the conversation belongs to (null: personal). */
  spaceName: string | null;
  /** Someone else's conversation: shown, not continued. */
  readOnly: boolean;
  /** Why the range cannot be sent, if it cannot. */
  problem: string | null;
  workbook: WorkBook;
  activeSheet: string;
  version: number;
  edits: Edits;
  contextPreview: React.ReactNode;
  onSend: (text: string) => void;
  onStop: () => void;
  onNewConversation: () => void;
  newConversationLabel: string;
}) {
  const [draft, setDraft] = useState("");
  const bottom = useRef<HTMLDivElement>(null);
  const busy = working;
  const canSend = !busy && !problem && !readOnly && draft.trim().length > 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs to follow the conversation: each streamed part and status change scrolls to the end
  useEffect(() => {
    if (messages.length > 0) bottom.current?.scrollIntoView({ block: "nearest" });
  }, [messages, status]);

  function submit(text: string) {
    const question = text.trim();
    if (!question || busy || problem || readOnly) return;
    onSend(question);
    setDraft("");
  }

  const statusText =
    status === "submitted"
      ? "Sending your question…"
      : status === "streaming"
        ? "The assistant is answering…"
        : working
          ? "Reading the workbook for the assistant…"
          : messages.length > 0 && status === "ready"
            ? "The answer is complete."
            : "";

  return (
    <div className="flex flex-col gap-4">
      <p className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="chat-space">
        {spaceName ? <Users aria-hidden="true" className="size-4 shrink-0" /> : null}
        {spaceName
          ? `${messages.length > 0 ? "This conversation is" : "New conversations are"} shared in ${spaceName}: its members can read it, and its admins' policies apply.`
          : `${messages.length > 0 ? "This conversation is" : "New conversations are"} in your personal space: only you can read it.`}
      </p>
      {contextPreview}
      {/* The log is a container around the list, not the list itself: a role on the <ol> would
          take away its list semantics and leave the <li> items without a list. It is present
          before the first message, so screen readers are already listening when one arrives. */}
      <div role="log" aria-label="Conversation" aria-busy={busy} aria-live="polite" data-testid="chat-log">
        {messages.length > 0 ? (
          <ol className="flex flex-col gap-4">
            {messages.map((message) => (
              <li key={message.id} className={message.role === "user" ? "flex flex-col items-end" : "flex flex-col"} data-testid={`chat-${message.role}`}>
                <span className="sr-only">{message.role === "user" ? "You asked:" : "The assistant answered:"}</span>
                {message.role === "user" ? (
                  <div className="max-w-[min(100%,40rem)] rounded-xl bg-primary px-3 py-2 text-sm whitespace-pre-wrap text-primary-foreground">
                    {message.parts.map((part) => (part.type === "text" ? part.text : "")).join("")}
                  </div>
                ) : (
                  <AssistantMessage message={message} workbook={workbook} activeSheet={activeSheet} version={version} edits={edits} />
                )}
              </li>
            ))}
          </ol>
        ) : null}
      </div>
      <div ref={bottom} />
      {busy ? <StepBudget metadata={messages[messages.length - 1]?.metadata} working /> : null}
      <p role="status" className="text-sm text-muted-foreground" data-testid="chat-status">
        {busy ? <LoaderCircle aria-hidden="true" className="mr-1.5 inline size-4 animate-spin align-text-bottom" /> : null}
        {statusText}
      </p>
      <FormError id="chat-error" message={error} />
      {problem ? <FormError id="chat-problem" message={problem} /> : null}

      {readOnly ? (
        <div className="flex flex-col items-start gap-2 rounded-xl border border-dashed p-4 text-sm" data-testid="chat-read-only">
          <p className="flex items-center gap-2">
            <Eye aria-hidden="true" className="size-4 shrink-0" />
            Read only: another member started this conversation, and only its author can continue it.
          </p>
          <Button type="button" variant="outline" onClick={onNewConversation}>
            <MessageSquarePlus aria-hidden="true" />
            {newConversationLabel}
          </Button>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit(draft);
          }}
          className="flex flex-col gap-2"
        >
          <Label htmlFor="playground-question">Ask about this range</Label>
          <Textarea
            id="playground-question"
            value={draft}
            maxLength={8_000}
            rows={2}
            placeholder="e.g. What is the total revenue per region?"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                submit(draft);
              }
            }}
            aria-describedby="playground-question-help"
          />
          <p id="playground-question-help" className="text-xs text-muted-foreground">
            Enter sends, Shift+Enter adds a line.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            {busy ? (
              <Button type="button" variant="outline" onClick={onStop}>
                <Square aria-hidden="true" />
                Stop
              </Button>
            ) : (
              <Button type="submit" disabled={!canSend}>
                <ArrowUp aria-hidden="true" />
                Send
              </Button>
            )}
            {messages.length > 0 && !busy ? (
              <Button type="button" variant="ghost" onClick={onNewConversation}>
                <MessageSquarePlus aria-hidden="true" />
                {newConversationLabel}
              </Button>
            ) : null}
            {conversationId && messages.length > 0 ? (
              <Link href={`/dashboard/history/${conversationId}`} className="text-sm text-muted-foreground underline underline-offset-4 hover:text-foreground">
                Saved in History
              </Link>
            ) : null}
          </div>
        </form>
      )}
      {messages.length === 0 && !readOnly ? (
        <div className="flex flex-col gap-2">
          <p className="text-xs text-muted-foreground">Or start with:</p>
          <ul className="flex flex-wrap gap-2">
            {SUGGESTIONS.map((suggestion) => (
              <li key={suggestion}>
                <Button type="button" size="sm" variant="outline" disabled={busy || Boolean(problem)} onClick={() => submit(suggestion)}>
                  {suggestion}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
