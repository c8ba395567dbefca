"use client";

// One past conversation, reread: the questions as typed, the answers as safe markdown (no raw
// HTML, no images, links shown as text), proposed edits as plain descriptions, and what was sent
// about the selection each time. It can be exported as JSON or deleted.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { ArrowLeft, Download, FileSpreadsheet, Trash2 } from "lucide-react";
import { AnswerMarkdown } from "@/components/addin/answer-markdown";
import { FormError } from "@/components/auth/form-error";
import { AnswerMeta } from "@/components/chat/answer-meta";
import { ContextSent } from "@/components/chat/context-sent";
import { ProposalSummary } from "@/components/chat/proposal-summary";
import { ConfirmAction } from "@/components/dashboard/confirm-action";
import { downloadBlob } from "@/components/dashboard/fetch-api";
import { formatDateTime } from "@/components/dashboard/format-date";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { deleteConversation, getConversation, type ConversationDetail, type HistoryMessage } from "./history-client";

type Load = { status: "loading" } | { status: "ready"; detail: ConversationDetail } | { status: "error"; message: string; missing: boolean };

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "conversation";
}

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
            if (p.type === "text" && typeof p.text === "string") return <AnswerMarkdown key={index} text={p.text} />;
            if (typeof p.type === "string" && (p.type.startsWith("tool-") || p.type === "dynamic-tool")) return <ProposalSummary key={index} part={p as { type: string }} />;
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
      {user && message.context ? <ContextSent summary={message.context} /> : null}
      <time dateTime={message.createdAt} className="text-xs text-muted-foreground">
        {formatDateTime(message.createdAt)}
      </time>
    </li>
  );
}

export function ConversationView({ id }: { id: string }) {
  const router = useRouter();
  const [load, setLoad] = useState<Load>({ status: "loading" });

  const fetchDetail = useCallback(async () => {
    const result = await getConversation(id);
    setLoad(result.ok ? { status: "ready", detail: result.data } : { status: "error", message: result.message, missing: result.status === 404 });
  }, [id]);

  useEffect(() => {
    void fetchDetail();
  }, [fetchDetail]);

  if (load.status === "loading") {
    return (
      <div aria-busy="true" aria-label="Loading the conversation" className="flex flex-col gap-3">
        <Skeleton className="h-8 w-64 max-w-full" />
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (load.status === "error") {
    return (
      <div className="flex flex-col items-start gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{load.missing ? "Conversation not found" : "Conversation"}</h1>
        <FormError id="conversation-error" message={load.missing ? "It may have been deleted, or kept for fewer days than its age." : load.message} />
        <div className="flex gap-2">
          {load.missing ? null : (
            <Button size="sm" variant="outline" onClick={() => void fetchDetail()}>
              Try again
            </Button>
          )}
          <Button asChild size="sm" variant="outline">
            <Link href="/dashboard/history">Back to history</Link>
          </Button>
        </div>
      </div>
    );
  }

  const { conversation, messages } = load.detail;

  function exportJson() {
    const file = new Blob([JSON.stringify(load.status === "ready" ? load.detail : null, null, 2)], { type: "application/json" });
    downloadBlob(file, `conversation-${conversation.createdAt.slice(0, 10)}-${slug(conversation.title)}.json`);
  }

  async function remove() {
    const result = await deleteConversation(id);
    if (!result.ok) return `Not deleted: ${result.message}`;
    router.push("/dashboard/history");
    router.refresh();
    return null;
  }

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
            <span>Started {formatDateTime(conversation.createdAt)}</span>
          </p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button variant="outline" size="sm" onClick={exportJson}>
            <Download aria-hidden="true" />
            Export JSON
          </Button>
          <ConfirmAction
            trigger={
              <Button variant="outline" size="sm" className="text-destructive">
                <Trash2 aria-hidden="true" />
                Delete
              </Button>
            }
            title="Delete this conversation?"
            description={`“${conversation.title}” and its messages are deleted for good.`}
            confirmLabel="Delete conversation"
            onConfirm={remove}
          />
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
    </article>
  );
}
