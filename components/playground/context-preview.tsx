// Exactly what a question sends about the range, before it is sent: the cells in the request,
// whether rows were sampled (the add-in's rule), and the compact text the model receives — the
// server builds the same text from the same cells with the same code.
import type { CompactContext } from "@/lib/excel";
import type { PayloadSummary } from "@/lib/workbook/context-payload";
import { CHAT_MAX_BODY_BYTES } from "@/lib/ai/chat/request-schemas";
import { formatBytes } from "@/lib/workbook/workbook-file";

const n = (value: number) => value.toLocaleString("en-US");

/** The request body must stay under the chat route's cap, with room for the conversation. */
const CONTEXT_BYTE_BUDGET = CHAT_MAX_BODY_BYTES - 256 * 1024;

export function contextProblem(sent: PayloadSummary, maxCells: number): string | null {
  if (sent.sentCells > maxCells) return `The request would carry ${n(sent.sentCells)} cells; your plan allows ${n(maxCells)} per question. Choose a smaller range.`;
  if (sent.bytes > CONTEXT_BYTE_BUDGET) return `The cells come to ${formatBytes(sent.bytes)}; a question can carry at most ${formatBytes(CONTEXT_BYTE_BUDGET)}. Choose a smaller range or fewer columns.`;
  return null;
}

export function ContextPreview({ address, sent, compact }: { address: string; sent: PayloadSummary; compact: CompactContext }) {
  const s = compact.summary;
  return (
    <details className="group rounded-xl border bg-muted/30 text-sm" data-testid="context-preview">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-2 gap-y-1 rounded-xl px-3 py-2 outline-none focus-visible:ring-[3px] focus-visible:ring-ring [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ›
        </span>
        <span className="font-medium">What will be sent:</span>
        <span className="text-muted-foreground">
          <span className="font-mono">{address}</span>, {n(sent.sentCells)} cells{sent.sampled ? ` sampled from ${n(sent.cells)}` : ""}; the model gets {s.rowsSampled < s.totalRows ? `${n(s.rowsSampled)} of ${n(s.totalRows)} rows` : `all ${n(s.totalRows)} rows`} and statistics, ≈{n(s.estimatedTokens)} tokens
        </span>
      </summary>
      <div className="flex flex-col gap-3 border-t px-3 py-3">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-muted-foreground">Cells in the range</dt>
          <dd>{n(sent.cells)}</dd>
          <dt className="text-muted-foreground">Cells in the request</dt>
          <dd>
            {n(sent.sentCells)} ({n(sent.sentRows)} rows × {n(sent.sentColumns)} columns, {formatBytes(sent.bytes)})
            {sent.sampled ? "; over 50,000 cells, so the header and rows spread over the range are sent, as the Excel add-in does" : ""}
          </dd>
          <dt className="text-muted-foreground">Rows the model sees</dt>
          <dd>
            {n(s.rowsSampled)} of {n(s.totalRows)}
          </dd>
          <dt className="text-muted-foreground">Columns the model sees</dt>
          <dd>
            {n(s.columnsIncluded)} of {n(s.totalColumns)}
          </dd>
          <dt className="text-muted-foreground">Estimated tokens</dt>
          <dd>
            ≈{n(s.estimatedTokens)}
            {s.truncated ? " (shortened to fit the budget)" : ""}
          </dd>
        </dl>
        <p className="text-xs text-muted-foreground">
          The text below is what the model receives about the range. With personal-data redaction on (Settings), emails, phone, card and IBAN numbers in it are masked on the server first.
        </p>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: scrolls when long; focusable and a named region, so it can be found and scrolled from the keyboard */}
        <pre tabIndex={0} role="region" aria-label="The text the model receives" className="max-h-72 overflow-auto rounded-md border bg-background p-2 font-mono text-[11px] leading-relaxed whitespace-pre-wrap outline-none focus-visible:ring-[3px] focus-visible:ring-ring">
          {compact.text}
        </pre>
      </div>
    </details>
  );
}
