// A conversation opened from History: which it is, the space it belongs to (where its next
// questions go, whatever space was chosen before), and, when someone else started it, that it
// can be read here but not continued: the chat route lets only a conversation's author add to it.
import Link from "next/link";
import { Eye, MessagesSquare } from "lucide-react";
import type { OpenedConversation } from "./playground-space";

export function OpenedConversationNotice({ opened, hasWorkbook }: { opened: OpenedConversation; hasWorkbook: boolean }) {
  const where = opened.workspace ? `in ${opened.workspace.name}` : "in your personal space";
  const count = opened.messages.length;
  return (
    <section aria-labelledby="opened-title" className="flex flex-col gap-1 rounded-xl border bg-muted/40 p-4 text-sm" data-testid="opened-conversation">
      <h2 id="opened-title" className="flex items-center gap-2 font-semibold">
        {opened.readOnly ? <Eye aria-hidden="true" className="size-4 shrink-0" /> : <MessagesSquare aria-hidden="true" className="size-4 shrink-0" />}
        <span className="min-w-0 break-words">{opened.title}</span>
      </h2>
      <p className="text-muted-foreground">
        Started by {opened.author} {where} · {count} message{count === 1 ? "" : "s"} ·{" "}
        <Link href={`/dashboard/history/${opened.id}`} className="underline underline-offset-4 hover:text-foreground">
          Read it in History
        </Link>
      </p>
      {opened.readOnly ? (
        <p data-testid="opened-read-only">
          Read only: {opened.author} started this conversation, and only its author can add to it. Start a new conversation {where} to ask your own
          questions.
        </p>
      ) : hasWorkbook ? null : (
        <p>Open a workbook to continue it: the assistant sees the range you pick, and the answers are saved {where}.</p>
      )}
    </section>
  );
}
