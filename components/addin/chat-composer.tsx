"use client";

// The question box: Enter sends, Shift+Enter starts a new line; Stop while an answer streams.
// While rate-limited Send is off and says when it comes back; typing the next question is not.
import { useEffect, useRef, useState } from "react";
import { ArrowUp, Square } from "lucide-react";
import { Button } from "@/components/ui/button";

export function ChatComposer({
  busy,
  disabled,
  autoFocus = false,
  waitSeconds = 0,
  onSend,
  onStop,
}: {
  busy: boolean;
  disabled: boolean;
  autoFocus?: boolean;
  /** Seconds until sending is allowed again (rate-limited). */
  waitSeconds?: number;
  onSend: (text: string) => void;
  onStop: () => void;
}) {
  const [text, setText] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) box.current?.focus();
  }, [autoFocus]);

  function send() {
    const question = text.trim();
    if (!question || busy || disabled) return;
    onSend(question);
    setText("");
  }

  return (
    <div className="flex flex-col gap-2">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
        className="flex items-end gap-2"
      >
        <label htmlFor="addin-question" className="sr-only">
          Ask about your selection
        </label>
        <textarea
          id="addin-question"
          ref={box}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          placeholder="Ask about the selected cells…"
          className="max-h-40 min-h-10 flex-1 resize-none rounded-md border border-input bg-transparent px-3 py-2 text-sm shadow-xs outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring"
        />
        {busy ? (
          <Button type="button" size="icon" variant="outline" onClick={onStop} aria-label="Stop the answer" title="Stop the answer">
            <Square aria-hidden="true" />
          </Button>
        ) : (
          <Button
            type="submit"
            size="icon"
            disabled={disabled || !text.trim()}
            aria-label="Send"
            aria-describedby={waitSeconds > 0 ? "addin-send-wait" : undefined}
            title={waitSeconds > 0 ? `Send again in ${waitSeconds} s` : "Send (Enter)"}
          >
            <ArrowUp aria-hidden="true" />
          </Button>
        )}
      </form>
      {waitSeconds > 0 ? (
        <p id="addin-send-wait" className="text-xs text-muted-foreground" data-testid="send-countdown">
          Too many questions at once: you can send again in {waitSeconds} second{waitSeconds === 1 ? "" : "s"}.
        </p>
      ) : null}
    </div>
  );
}
