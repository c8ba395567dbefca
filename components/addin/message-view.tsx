"use client";

// One chat message. The user's question with the selection it was sent with; the assistant's
// answer as safe markdown, its proposed changes as edit cards, and what the server says it
// sent to the model (or that the offline analysis answered, or that the answer was cached).
import { Bot, CloudOff, Database, User } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { SelectionSummary } from "@/lib/addin/context-payload";
import { readProposalPart, type Proposal } from "@/lib/addin/edits/proposal";
import type { WriteMode } from "@/lib/addin/write-mode";
import { AnswerMarkdown } from "./answer-markdown";
import { EditCard } from "./edit-card";
import type { PaneMessage } from "./pane-message";
import { cardKey, type CardState } from "./use-edit-cards";

export interface EditActions {
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

function SentContext({ metadata }: { metadata: PaneMessage["metadata"] }) {
  const context = metadata?.context;
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-[11px] text-muted-foreground">
      {metadata?.offline ? (
        <Badge variant="outline" className="gap-1">
          <CloudOff aria-hidden="true" /> Offline analysis, no AI model
        </Badge>
      ) : null}
      {metadata?.cached ? (
        <Badge variant="outline" className="gap-1">
          <Database aria-hidden="true" /> Cached answer
        </Badge>
      ) : null}
      {context && context.address ? (
        <span data-testid="sent-context">
          Sent {context.address}: {count(context.totalRows)} rows × {count(context.totalColumns)} columns
          {context.rowsSampled > 0 && context.rowsSampled < context.totalRows ? `, ${count(context.rowsSampled)} sample rows` : ""}, ~{count(context.estimatedTokens)} tokens
          {context.truncated ? " (summarized)" : ""}
        </span>
      ) : null}
    </div>
  );
}

export function MessageView({
  message,
  streaming,
  sentSelection,
  edits,
}: {
  message: PaneMessage;
  streaming: boolean;
  sentSelection: SelectionSummary | null | undefined;
  edits: EditActions;
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
        </div>
        <User aria-hidden="true" className="mt-2 size-4 shrink-0 text-muted-foreground" />
      </div>
    );
  }

  return (
    <div className="flex gap-2" data-testid="assistant-message">
      <Bot aria-hidden="true" className="mt-1 size-4 shrink-0 text-primary" />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        {message.parts.map((part, index) => {
          if (part.type === "text") return part.text ? <AnswerMarkdown key={index} text={part.text} /> : null;
          const proposal = readProposalPart(part);
          if (!proposal) return null;
          const key = cardKey(message.id, proposal.status === "ready" ? proposal.proposal.toolCallId : proposal.toolCallId);
          return (
            <EditCard
              key={key}
              part={proposal}
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
        })}
        {!streaming ? <SentContext metadata={message.metadata} /> : null}
      </div>
    </div>
  );
}
