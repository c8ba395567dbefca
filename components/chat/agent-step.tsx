"use client";

// One step of an answer that reads the workbook (agent mode): what is being read and why it was
// asked for (the tool's input, in words), a spinner while it runs, and once done what came back,
// with the exact input and the (capped) result one click away. The task pane, the playground and
// history show steps with this one component.
import { CircleAlert, CircleCheck, LoaderCircle, Search } from "lucide-react";
import { describeStepInput, describeStepOutput } from "@/lib/agent/describe-step";
import type { ReadToolName } from "@/lib/ai/tools/read-tools";

/** Characters of a result shown in the details; the model's copy is capped on the server. */
const SHOWN_CHARS = 2_000;

export interface StepPart {
  type: string;
  state?: unknown;
  input?: unknown;
  output?: unknown;
  errorText?: unknown;
}

function json(value: unknown): string {
  const s = JSON.stringify(value, null, 1) ?? "";
  return s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS)}… (${(s.length - SHOWN_CHARS).toLocaleString("en-US")} more characters)` : s;
}

export function AgentStep({ tool, part }: { tool: ReadToolName; part: StepPart }) {
  const running = part.state === "input-streaming" || part.state === "input-available";
  const failed = part.state === "output-error";
  const label = part.state === "input-streaming" ? "Preparing the next step…" : describeStepInput(tool, part.input);
  const result = part.state === "output-available" ? describeStepOutput(tool, part.output) : null;
  return (
    <div className="flex gap-2 rounded-md border border-dashed px-2 py-1.5 text-xs" data-testid="agent-step" data-tool={tool} data-state={String(part.state ?? "")}>
      {running ? (
        <LoaderCircle aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 animate-spin text-muted-foreground" />
      ) : failed ? (
        <CircleAlert aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-destructive" />
      ) : part.state === "output-available" ? (
        <CircleCheck aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-primary" />
      ) : (
        <Search aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-muted-foreground" />
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="break-words" data-testid="agent-step-label">
          {label}
          {running ? "…" : ""}
        </p>
        {result ? (
          <p className="text-muted-foreground break-words" data-testid="agent-step-result">
            {result}
          </p>
        ) : null}
        {failed ? (
          <p className="text-destructive break-words" data-testid="agent-step-error">
            {String(part.errorText ?? "This step failed.")}
          </p>
        ) : null}
        {part.state === "output-available" || failed ? (
          <details className="text-muted-foreground">
            <summary className="cursor-pointer select-none">Details</summary>
            <pre className="mt-1 max-h-48 overflow-auto rounded bg-muted p-1.5 text-[11px] whitespace-pre-wrap break-all">
              {`Input: ${json(part.input)}${part.state === "output-available" ? `\nResult: ${json(part.output)}` : ""}`}
            </pre>
          </details>
        ) : null}
      </div>
    </div>
  );
}
