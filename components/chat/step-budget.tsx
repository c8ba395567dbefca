"use client";

// How far an answer that works in steps has got, and what its budget leaves: "Step 3 of 8 · 5
// steps and 41,200 tokens left". The server sends the numbers with each step (the answer's
// metadata); nothing is shown for an answer that took one step without reading the workbook.

/** The answer's progress as its metadata carries it (`agent`). */
interface AgentProgress {
  step: number;
  maxSteps: number;
  tokensUsed: number;
  maxTokens: number;
}

function progressOf(metadata: unknown): AgentProgress | null {
  const agent = (metadata as { agent?: Partial<AgentProgress> } | null | undefined)?.agent;
  if (!agent) return null;
  const { step, maxSteps, tokensUsed, maxTokens } = agent;
  return [step, maxSteps, tokensUsed, maxTokens].every((n) => typeof n === "number" && Number.isFinite(n))
    ? { step: step as number, maxSteps: maxSteps as number, tokensUsed: tokensUsed as number, maxTokens: maxTokens as number }
    : null;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function stepBudgetLine(metadata: unknown, working: boolean): string | null {
  const agent = progressOf(metadata);
  if (!agent || agent.maxSteps <= 0) return null;
  const stepsLeft = Math.max(0, agent.maxSteps - agent.step);
  const tokensLeft = Math.max(0, agent.maxTokens - agent.tokensUsed);
  const left = `${stepsLeft} ${stepsLeft === 1 ? "step" : "steps"} and ${count(tokensLeft)} tokens left`;
  return working ? `Step ${agent.step} of ${agent.maxSteps} · ${left}` : `${agent.step} of ${agent.maxSteps} steps used · ${left}`;
}

/** `metadata`: an answer's metadata (the pane's and the dashboard's messages carry the same). */
export function StepBudget({ metadata, working }: { metadata: unknown; working: boolean }) {
  const line = stepBudgetLine(metadata, working);
  if (!line) return null;
  return (
    <p className="text-[11px] text-muted-foreground" data-testid="step-budget" aria-live="polite">
      {line}
    </p>
  );
}
