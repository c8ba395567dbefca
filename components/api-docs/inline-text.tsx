// The few inline marks the API description uses — `code` and **bold** — rendered as elements,
// never as HTML, so nothing in the text can inject markup.
import { Fragment, type ReactNode } from "react";

function inline(piece: string): ReactNode {
  if (piece.startsWith("`") && piece.endsWith("`") && piece.length > 1) {
    return <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em] break-words">{piece.slice(1, -1)}</code>;
  }
  if (piece.startsWith("**") && piece.endsWith("**") && piece.length > 3) return <strong>{piece.slice(2, -2)}</strong>;
  return piece;
}

export function InlineText({ text }: { text: string }) {
  const pieces = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).filter(Boolean);
  return (
    <>
      {pieces.map((piece, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed text, never reordered; the same piece may occur twice
        <Fragment key={index}>{inline(piece)}</Fragment>
      ))}
    </>
  );
}

/** Paragraphs separated by blank lines; single line breaks join into one paragraph. */
export function Prose({ text, className }: { text: string; className?: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one fixed text, never reordered
          <p key={index} className={className}>
            <InlineText text={paragraph} />
          </p>
        ))}
    </>
  );
}
