"use client";

// One chat message. The user's question with the selection it was sent with; the assistant's
// answer as safe markdown, its proposed changes as edit cards, and — shared with the dashboard
// (components/chat) — who answered (a model, the offline analyst, the cache) and what the
// server says it sent to the model.
import { Bot, RotateCw, User } from "lucide-react";
import { AnswerMeta } from "@/components/chat/answer-meta";
import { ContextSent } from "@/components/chat/context-sent";
import { AgentStep } from "@/components/chat/agent-step";
import { StepBudget } from "@/components/chat/step-budget";
import { messageBlocks } from "@/lib/agent/change-set";
import { toolNameOf } from "@/lib/agent/continue-turn";
import type { SelectionSummary } from "@/lib/addin/context-payload";
import { readProposalPart, type Proposal, type ProposalPart } from "@/lib/addin/edits/proposal";
import { isReadToolName } from "@/lib/ai/tools/read-tools";
import type { WriteMode } from "@/lib/addin/write-mode";
import type { ChatClientMessage } from "@/lib/chat-client/create-chat-transport";
import { AnswerMarkdown } from "./answer-markdown";
import { ChangeSetCard, type ChangeSetActions } from "./change-set-card";
import { EditCard } from "./edit-card";
import { cardKey, type CardState } from "./use-edit-cards";

export interface EditActions extends ChangeSetActions {
  cards: Record<string, CardState>;
  writeMode: WriteMode;
  inExcel: boolean;
  /** Apply this message's proposals without asking (auto write mode). */
  autoApply: boolean;
  onApply: (key: string, proposal: Proposal, automatic?: boolean) => void;
  onReject: (key: string, proposal: Proposal) => void;
  onUndo: (key: string, proposal: Proposal) => void;
}

function count(n: number) {
  return n.toLocaleString("en-US");
}

/** Who answered (model, offline analyst, cache) and what the server says it sent about the selection. */
function AnswerFooter({ metadata }: { metadata: ChatClientMessage["metadata"] }) {
  if (!metadata) return null;
  return (
    <div className="flex flex-col gap-1">
      <AnswerMeta
        model={metadata.model}
        provider={metadata.provider}
        cached={metadata.cached}
        inputTokens={metadata.usage?.inputTokens}
        outputTokens={metadata.usage?.outputTokens}
        status={metadata.status}
      />
      <StepBudget metadata={metadata} working={false} />
      {metadata.context?.address ? (
        <div data-testid="sent-context">
          <ContextSent summary={metadata.context} />
        </div>
      ) : null}
    </div>
  );
}

/** A part that proposes a change (a tool call that is not one of the read tools). */
function isProposalPart(part: { type: string }): boolean {
  if (!(part.type.startsWith("tool-") || part.type === "dynamic-tool")) return false;
  return !isReadToolName(toolNameOf(part));
}

function proposalId(part: ProposalPart): string {
  return part.status === "ready" ? part.proposal.toolCallId : part.toolCallId;
}

export function MessageView({
  message,
  streaming,
  sentSelection,
  edits,
  notSent,
}: {
  message: ChatClientMessage;
  streaming: boolean;
  sentSelection: SelectionSummary | null | undefined;
  edits: EditActions;
  /** The question got no answer (the request failed); `retry` on the last one, off while rate-limited. */
  notSent?: { retry: (() => void) | null; waitSeconds: number };
}) {
  if (message.role === "user") {
    const text = message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
    return (
      <div className="flex justify-end gap-2" data-testid="user-message">
        <div className="flex max-w-[85%] flex-col items-end gap-1">
          <p className="rounded-lg bg-primary px-3 py-2 text-sm whitespace-pre-wrap break-words text-primary-foreground">{text}</p>
          {sentSelection ? (
            <span className="text-[11px] text-muted-foreground">
              with {sentSelection.address} ({count(sentSelection.cellCount)} cells)
            </span>
          ) : null}
          {notSent ? (
            <p className="flex items-center gap-1 text-[11px] text-destructive" data-testid="not-sent">
              Not sent
              {notSent.retry ? (
                <>
                  {" — "}
                  <button
                    type="button"
                    onClick={notSent.retry}
                    disabled={notSent.waitSeconds > 0}
                    title={notSent.waitSeconds > 0 ? `You can retry in ${notSent.waitSeconds} s` : "Send this question again"}
                    className="inline-flex items-center gap-0.5 rounded-sm font-medium underline underline-offset-2 focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none disabled:no-underline disabled:opacity-60"
                  >
                    <RotateCw aria-hidden="true" className="size-3" />
                    Retry
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        <User aria-hidden="true" className="mt-2 size-4 shrink-0 text-muted-foreground" />
      </div>
    );
  }

  return (
    <div className="flex gap-2" data-testid="assistant-message">
      <Bot aria-hidden="true" className="mt-1 size-4 shrink-0 text-primary" />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        {messageBlocks(message.parts, isProposalPart).map((block) => {
          if (block.kind === "part") {
            const { part, index } = block;
            if (part.type === "text") return part.text ? <AnswerMarkdown key={index} text={part.text} /> : null;
            const tool = toolNameOf(part);
            if (isReadToolName(tool)) return <AgentStep key={index} tool={tool} part={part} />;
            return null;
          }
          const members = block.members.flatMap(({ part }) => {
            const proposal = readProposalPart(part);
            return proposal ? [{ key: cardKey(message.id, proposalId(proposal)), part: proposal }] : [];
          });
          if (members.length === 1) {
            const { key, part } = members[0];
            return (
              <EditCard
                key={key}
                part={part}
                state={edits.cards[key]}
                writeMode={edits.writeMode}
                inExcel={edits.inExcel}
                streaming={streaming}
                autoApply={edits.autoApply}
                onApply={(p, automatic) => edits.onApply(key, p, automatic)}
                onReject={(p) => edits.onReject(key, p)}
                onUndo={(p) => edits.onUndo(key, p)}
              />
            );
          }
          return (
            <ChangeSetCard
              key={`${message.id}:${block.key}`}
              parts={members}
              cards={edits.cards}
              writeMode={edits.writeMode}
              inExcel={edits.inExcel}
              streaming={streaming}
              autoApply={edits.autoApply}
              onApplySet={edits.onApplySet}
              onRejectSet={edits.onRejectSet}
              onUndoSet={edits.onUndoSet}
            />
          );
        })}
        {!streaming ? <AnswerFooter metadata={message.metadata} /> : null}
      </div>
    </div>
  );
}
