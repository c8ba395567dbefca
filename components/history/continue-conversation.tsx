"use client";

// Continuing a past conversation from the dashboard: the stored messages are loaded as chat
// messages and the next question is asked in the same conversation (the model sees what came
// before; the answer is stored with it). There is no workbook here, so questions are sent without
// a selection; proposed changes are shown as records, to apply in Excel or the playground.
import { useState } from "react";
import { LoaderCircle, MessageSquarePlus, SendHorizontal } from "lucide-react";
import { AnswerMarkdown } from "@/components/addin/answer-markdown";
import { FormError } from "@/components/auth/form-error";
import { AnswerMeta } from "@/components/chat/answer-meta";
import { ProposalSummary } from "@/components/chat/proposal-summary";
import { useChatSession } from "@/components/chat/use-chat-session";
import { Button } from "@/components/ui/button";
import { getConversationMessages } from "@/lib/addin/api-client";
import { sameOriginFetch, type ChatClientMessage } from "@/lib/chat-client/create-chat-transport";

function Continued({ id, history }: { id: string; history: ChatClientMessage[] }) {
  const [text, setText] = useState("");
  const [conversationId, setConversationId] = useState<string | null>(id);
  const session = useChatSession({ chatId: `continue-${id}`, initialMessages: history, conversationId, onConversationId: setConversationId, fetcher: sameOriginFetch });
  const known = new Set(history.map((m) => m.id));
  const added = session.messages.filter((m) => !known.has(m.id));
  const busy = session.status === "submitted" || session.status === "streaming";

  function send(event: React.FormEvent) {
    event.preventDefault();
    const question = text.trim();
    if (!question || busy) return;
    session.send(question, null);
    setText("");
  }

  return (
    <section aria-labelledby="continue-title" className="flex flex-col gap-3 rounded-xl border p-4" data-testid="continue-conversation">
      <h2 id="continue-title" className="font-semibold">
        Continue this conversation
      </h2>
      {added.length > 0 ? (
        <ol className="flex flex-col gap-3" aria-label="New messages">
          {added.map((message) => (
            <li key={message.id} className={message.role === "user" ? "self-end" : ""} data-testid={`continued-${message.role}`}>
              <span className="sr-only">{message.role === "user" ? "You asked:" : "The assistant answered:"}</span>
              {message.role === "user" ? (
                <p className="rounded-xl bg-primary px-3 py-2 text-sm whitespace-pre-wrap text-primary-foreground">
                  {message.parts.map((p) => (p.type === "text" ? p.text : "")).join("")}
                </p>
              ) : (
                <div className="flex flex-col gap-2 rounded-xl border bg-card p-3">
                  {message.parts.map((part, index) => {
                    // biome-ignore lint/suspicious/noArrayIndexKey: a text part has no id; parts are only ever appended, so the position identifies it
                    if (part.type === "text") return part.text ? <AnswerMarkdown key={index} text={part.text} /> : null;
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above, for the tool parts of a streamed answer
                    if (part.type.startsWith("tool-") || part.type === "dynamic-tool") return <ProposalSummary key={index} part={part} />;
                    return null;
                  })}
                  {message.metadata ? (
                    <AnswerMeta
                      model={message.metadata.model}
                      provider={message.metadata.provider}
                      cached={message.metadata.cached}
                      inputTokens={message.metadata.usage?.inputTokens}
                      outputTokens={message.metadata.usage?.outputTokens}
                      status={message.metadata.status}
                    />
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {session.status === "submitted" ? (
        <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
          <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> Thinking…
        </p>
      ) : null}
      <FormError id="continue-error" message={session.error?.message ?? null} />
      <form onSubmit={send} className="flex items-end gap-2">
        <label htmlFor="continue-question" className="sr-only">
          Your next question
        </label>
        <textarea
          id="continue-question"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Ask a follow-up question…"
          className="min-h-10 flex-1 resize-y rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring"
        />
        <Button type="submit" disabled={busy || !text.trim()}>
          <SendHorizontal aria-hidden="true" /> Send
        </Button>
      </form>
      <p className="text-xs text-muted-foreground">No workbook is attached here: to ask about cells, continue it in Excel from the add-in&apos;s history.</p>
    </section>
  );
}

export function ContinueConversation({ id }: { id: string }) {
  const [history, setHistory] = useState<ChatClientMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function start() {
    setError(null);
    setLoading(true);
    const result = await getConversationMessages(sameOriginFetch, id);
    setLoading(false);
    if (result.ok) setHistory(result.data as ChatClientMessage[]);
    else setError(result.error.message);
  }

  if (history) return <Continued id={id} history={history} />;
  return (
    <div className="flex flex-col items-start gap-2">
      <Button type="button" onClick={() => void start()} disabled={loading}>
        {loading ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <MessageSquarePlus aria-hidden="true" />}
        Continue this conversation
      </Button>
      <FormError id="continue-load-error" message={error} />
    </div>
  );
}
