// One past conversation, reread: the questions as typed, the answers as safe markdown (no raw
// HTML, no images, links shown as text), the steps that read the workbook with their stored
// results, proposed edits as plain descriptions, and what was sent about the selection each time. Rendered on the server from the user's own rows; it can be
// exported as JSON or deleted (ConversationActions), opened in the playground, and continued
// (ContinueConversation) by its author: a workspace member reads another member's conversation
// but cannot add to it (the chat route refuses), so for them it is read only.
import Link from "next/link";
import { ArrowLeft, FileSpreadsheet, FlaskConical } from "lucide-react";
import { AnswerMarkdown } from "@/components/addin/answer-markdown";
import { FormError } from "@/components/auth/form-error";
import { AgentStep, type StepPart } from "@/components/chat/agent-step";
import { AnswerMeta } from "@/components/chat/answer-meta";
import { ContextSent } from "@/components/chat/context-sent";
import { ProposalSummary } from "@/components/chat/proposal-summary";
import { LocalDateTime } from "@/components/dashboard/local-date-time";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { Button } from "@/components/ui/button";
import { toolNameOf } from "@/lib/agent/continue-turn";
import { getConversationDetail } from "@/lib/ai/chat/get-conversation-detail";
import { isReadToolName } from "@/lib/ai/tools/read-tools";
import type { DbClaims } from "@/lib/db/with-rls";
import type { CompactContextSummary } from "@/lib/excel";
import { ContinueConversation } from "./continue-conversation";
import { ConversationActions } from "./conversation-actions";
import type { HistoryMessage } from "./history-client";

function Message({ message }: { message: HistoryMessage }) {
  const user = message.role === "user";
  return (
    <li className={user ? "flex flex-col items-end gap-1" : "flex flex-col gap-2"} data-testid={`history-message-${message.role}`}>
      <span className="sr-only">{user ? "You asked:" : "The assistant answered:"}</span>
      {user ? (
        <div className="max-w-[min(100%,42rem)] rounded-xl bg-primary px-3 py-2 text-sm whitespace-pre-wrap text-primary-foreground">{message.text}</div>
      ) : (
        <div className="flex w-full flex-col gap-2 rounded-xl border bg-card p-3 text-card-foreground">
          {message.parts.map((part, index) => {
            const p = part as { type?: string; text?: string };
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a stored message, shown as they are and never reordered
            if (p.type === "text" && typeof p.text === "string") return <AnswerMarkdown key={index} text={p.text} />;
            if (typeof p.type === "string" && (p.type.startsWith("tool-") || p.type === "dynamic-tool")) {
              // A step that read the workbook (agent mode): what was read and its stored, capped result.
              const tool = toolNameOf(p as { type: string });
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              if (isReadToolName(tool)) return <AgentStep key={index} tool={tool} part={p as StepPart} />;
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              return <ProposalSummary key={index} part={p as { type: string }} />;
            }
            return null;
          })}
          <AnswerMeta
            model={message.model}
            provider={message.provider}
            cached={message.cached}
            inputTokens={message.usage.inputTokens}
            outputTokens={message.usage.outputTokens}
            status={message.status}
          />
        </div>
      )}
      {/* Stored by the chat route from the compact context it sent, so it has that shape. */}
      {user && message.context ? <ContextSent summary={message.context as CompactContextSummary} /> : null}
      <LocalDateTime iso={message.createdAt} className="text-xs text-muted-foreground" />
    </li>
  );
}

export async function ConversationView({ id, claims }: { id: string; claims: DbClaims }) {
  const load = await loadSection(getConversationDetail({ claims, id }));
  if (!load.ok || !load.data) {
    const missing = load.ok;
    return (
      <div className="flex flex-col items-start gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{missing ? "Conversation not found" : "Conversation"}</h1>
        {missing ? (
          <FormError id="conversation-error" message="It may have been deleted, or kept for fewer days than its age." />
        ) : (
          <SectionError id="conversation-error" message={load.message} />
        )}
        <Button asChild size="sm" variant="outline">
          <Link href="/dashboard/history">Back to history</Link>
        </Button>
      </div>
    );
  }

  const { conversation, messages } = load.data;
  const mine = conversation.author.id === claims.sub;

  return (
    <article aria-labelledby="conversation-title" className="flex flex-col gap-5">
      <Link href="/dashboard/history" className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring">
        <ArrowLeft aria-hidden="true" className="size-4" />
        All conversations
      </Link>
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 id="conversation-title" className="text-2xl font-semibold tracking-tight break-words">
            {conversation.title}
          </h1>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
            {conversation.workbook ? (
              <span className="inline-flex min-w-0 items-center gap-1">
                <FileSpreadsheet aria-hidden="true" className="size-4 shrink-0" />
                <span className="break-all">{conversation.workbook}</span>
              </span>
            ) : null}
            <span>
              Started <LocalDateTime iso={conversation.createdAt} />
            </span>
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-2">
          <ConversationActions id={conversation.id} title={conversation.title} createdAt={conversation.createdAt} />
          <Button asChild size="sm" variant="outline">
            <Link href={`/dashboard/playground?conversation=${encodeURIComponent(conversation.id)}`} data-testid="open-in-playground">
              <FlaskConical aria-hidden="true" />
              Open in the playground
            </Link>
          </Button>
        </div>
      </header>
      {messages.length === 0 ? (
        <p className="rounded-xl border border-dashed p-6 text-sm text-muted-foreground">This conversation has no messages.</p>
      ) : (
        <ol className="flex flex-col gap-5" aria-label="Messages">
          {messages.map((message) => (
            <Message key={message.id} message={message} />
          ))}
        </ol>
      )}
      {mine ? (
        <ContinueConversation id={conversation.id} />
      ) : (
        <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground" data-testid="conversation-read-only">
          Read only: {conversation.author.displayName ?? conversation.author.email ?? "another member"} started this conversation in a shared workspace, and only its author can continue it.
        </p>
      )}
    </article>
  );
}
