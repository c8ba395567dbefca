// Agent mode: one answer made of several steps (model calls). The model asks to read the
// workbook (or proposes changes); the answer's stream ends with those tool calls; the client runs
// them, adds their results to the same answer and sends the conversation again; the server then
// continues THAT answer with the next step. This module decides what such a request may do:
//
// - The answer it continues must be the conversation's latest stored answer, with the same id
//   (the stream of every step names it): a result for another conversation, another user's, or
//   an older answer is refused.
// - Every tool result must answer a tool call that answer actually made (its stored parts), with
//   the same tool; a result for a call never made is a 400 and nothing is stored. Results for calls
//   already answered keep the stored copy: a client cannot rewrite what an earlier step read.
// - Each new result is checked against its tool's result schema (tool-results.ts, edit-outcome.ts)
//   and capped (cap-tool-result.ts) before it is stored or shown to the model.
// - Budgets: the plan's steps and tokens per answer (lib/limits/entitlements.ts). The last step
//   the budget allows offers no tools; a request past the budget gets no model call, and the
//   answer says why it stopped.
import type { UIMessage } from "ai";
import type { LastMessage } from "@/lib/db/messages";
import { AppError } from "@/lib/errors/app-error";
import { ENTITLEMENTS, type Plan } from "@/lib/limits/entitlements";
import { stripInvisibleCharacters } from "@/lib/ai/prompts/strip-invisible-characters";
import { capToolResult, MAX_TOOL_ERROR_CHARS } from "@/lib/ai/tools/cap-tool-result";
import { editOutcomeSchema } from "@/lib/ai/tools/edit-outcome";
import { isReadToolName } from "@/lib/ai/tools/read-tools";
import { READ_TOOL_RESULTS } from "@/lib/ai/tools/tool-results";

type Part = Record<string, unknown> & { type: string };

export interface AgentBudget {
  /** This request's step, from 1. */
  step: number;
  maxSteps: number;
  /** Tokens the answer's earlier steps used. */
  tokensUsed: number;
  maxTokens: number;
}

export interface AgentTurn {
  budget: AgentBudget;
  /** The stored answer this request continues, with the new results in place; null for a new question. */
  continues: { messageId: string; parts: Part[] } | null;
  /** Tool results this request adds (stored with the step); outcomes may also have been recorded before it. */
  newResults: number;
  /** The budget allows this step only: the model gets no tools. */
  lastStep: boolean;
  /** Set when the budget is spent: no model call, the answer says this. */
  ended: string | null;
}

export const RESULT_FOR_UNKNOWN_CALL = "A tool result answers a tool call this conversation's latest answer never made";

const isToolPart = (part: Part) => part.type.startsWith("tool-") || part.type === "dynamic-tool";

/** Model calls an answer took: each step starts with a `step-start` part. */
export function countSteps(parts: readonly unknown[]): number {
  return parts.filter((part) => (part as Part | null)?.type === "step-start").length;
}

function budgetFor(plan: Plan, stepsSoFar: number, tokensUsed: number): AgentBudget {
  const entitlement = ENTITLEMENTS[plan];
  return { step: stepsSoFar + 1, maxSteps: entitlement.stepsPerTurn, tokensUsed, maxTokens: entitlement.tokensPerTurn };
}

function endedBy(budget: AgentBudget): string | null {
  if (budget.step > budget.maxSteps) {
    return `I stopped here: this answer has taken ${budget.maxSteps} steps, the most one answer may take on your plan. Ask again to carry on from what was read so far.`;
  }
  if (budget.tokensUsed >= budget.maxTokens) {
    return `I stopped here: this answer has used ${budget.tokensUsed.toLocaleString("en-US")} tokens, the most one answer may use on your plan (${budget.maxTokens.toLocaleString("en-US")}). Ask again to carry on from what was read so far.`;
  }
  return null;
}

/**
 * A further step whose prompt alone would take the answer past its tokens: it is not sent (the
 * answer ends and says why). The first step of an answer is always sent.
 */
export function endIfPromptTooLarge(agent: AgentTurn, inputTokens: number): AgentTurn {
  const { budget } = agent;
  if (agent.ended || !agent.continues || budget.tokensUsed + inputTokens < budget.maxTokens) return agent;
  return {
    ...agent,
    lastStep: false,
    ended: `I stopped here: the next step would take this answer past ${budget.maxTokens.toLocaleString("en-US")} tokens, the most one answer may use on your plan (it has used ${budget.tokensUsed.toLocaleString("en-US")}). Ask again, about a smaller range, to carry on.`,
  };
}

/** The first step of an answer may always say this much, however large its prompt. */
const FIRST_STEP_MIN_OUTPUT = 256;

/**
 * The most output this step may produce: what is left of the answer's tokens after its prompt,
 * so no single step carries the answer past its budget (the first step may always answer briefly).
 */
export function stepOutputCap(agent: AgentTurn, inputTokens: number, ceiling: number): number {
  const left = agent.budget.maxTokens - agent.budget.tokensUsed - inputTokens;
  const floor = agent.continues ? 1 : FIRST_STEP_MIN_OUTPUT;
  return Math.min(ceiling, Math.max(floor, left));
}

/** Appended when a step stops at the answer's remaining tokens. */
export function stepCutShortNote(budget: AgentBudget): string {
  return `\n\nThis answer stopped early: it reached the ${budget.maxTokens.toLocaleString("en-US")} tokens one answer may use on your plan. Ask again, about a smaller range, to carry on.`;
}

/** A new question in agent mode: step 1 of a fresh answer. */
export function startAgentTurn(plan: Plan): AgentTurn {
  const budget = budgetFor(plan, 0, 0);
  return { budget, continues: null, newResults: 0, lastStep: budget.maxSteps <= 1, ended: null };
}

/**
 * A request whose last message is an answer with tool results: the next step of that answer.
 * `stored` is the conversation's latest stored message (null when the conversation is new or
 * not the caller's). Throws bad_request for anything that is not a step of that answer.
 */
export function continueAgentTurn(input: { plan: Plan; answer: UIMessage; stored: LastMessage | null }): AgentTurn {
  const { answer, stored } = input;
  if (stored?.role !== "assistant" || stored.id !== answer.id) {
    throw new AppError(
      "bad_request",
      `${RESULT_FOR_UNKNOWN_CALL}: answer "${String(answer.id).slice(0, 100)}" is not the latest answer stored in this conversation. Send tool results with the conversation they belong to, right after the answer that asked for them.`,
    );
  }
  const { parts, added } = mergeToolResults(stored.parts as Part[], answer.parts as unknown as Part[]);
  // The step continues the answer's last step, which must have ended with tool calls that now
  // have results (new ones, or outcomes the client already recorded). Sending the same step twice
  // finds a newer last step, and is refused here.
  const lastStep = parts.slice(parts.map((part) => part.type).lastIndexOf("step-start") + 1).filter(isToolPart);
  if (added === 0 && !lastStep.some((part) => part.state === "output-available")) {
    throw new AppError("bad_request", "Nothing to continue: the answer's last step carries no new tool result. Add the result of each of its tool calls (addToolOutput), then send.");
  }
  const pending = lastStep.filter((part) => isReadToolName(toolNameOf(part)) && part.state === "input-available");
  if (pending.length > 0) {
    const first = pending[0];
    throw new AppError("bad_request", `Send the result of every read the answer asked for: ${toolNameOf(first)} (call "${String(first.toolCallId)}") has none.`);
  }
  const budget = budgetFor(input.plan, countSteps(parts), stored.inputTokens + stored.outputTokens);
  const ended = endedBy(budget);
  return { budget, continues: { messageId: stored.id, parts }, newResults: added, lastStep: !ended && budget.step >= budget.maxSteps, ended };
}

function toolNameOf(part: Part): string {
  return part.type === "dynamic-tool" ? String(part.toolName) : part.type.slice("tool-".length);
}

/**
 * The stored answer's parts with the client's results for its pending tool calls filled in,
 * each checked and capped. Every tool part the client sends must match a stored call (same id,
 * same tool).
 */
export function mergeToolResults(storedParts: readonly Part[], clientParts: readonly Part[]): { parts: Part[]; added: number } {
  const parts = storedParts.map((part) => ({ ...part }));
  const byCallId = new Map<string, Part>();
  for (const part of parts) if (isToolPart(part) && typeof part.toolCallId === "string") byCallId.set(part.toolCallId, part);
  let added = 0;
  for (const sent of clientParts) {
    if (!sent || typeof sent !== "object" || typeof sent.type !== "string" || !isToolPart(sent)) continue;
    const callId = typeof sent.toolCallId === "string" ? sent.toolCallId : "";
    const target = byCallId.get(callId);
    if (!target || toolNameOf(target) !== toolNameOf(sent)) {
      throw new AppError("bad_request", `${RESULT_FOR_UNKNOWN_CALL}: ${toolNameOf(sent).slice(0, 60)} call "${callId.slice(0, 100)}".`);
    }
    // Only calls still waiting for a result take one; what is stored stays (the server's refusal of
    // a proposal, an earlier step's result).
    if (target.state !== "input-available") continue;
    if (sent.state === "output-available") {
      target.state = "output-available";
      target.output = checkedOutput(toolNameOf(target), sent.output, callId);
      added++;
    } else if (sent.state === "output-error") {
      const text = typeof sent.errorText === "string" ? sent.errorText : "The client could not run this tool.";
      target.state = "output-error";
      target.errorText = stripInvisibleCharacters(text).slice(0, MAX_TOOL_ERROR_CHARS);
      added++;
    }
  }
  return { parts, added };
}

function checkedOutput(toolName: string, output: unknown, callId: string): unknown {
  if (isReadToolName(toolName)) {
    const parsed = READ_TOOL_RESULTS[toolName].safeParse(output);
    if (!parsed.success) throw invalidResult(toolName, callId, parsed.error.issues[0]);
    return capToolResult(parsed.data).output;
  }
  const parsed = editOutcomeSchema.safeParse(output);
  if (!parsed.success) throw invalidResult(toolName, callId, parsed.error.issues[0]);
  return parsed.data;
}

function invalidResult(toolName: string, callId: string, issue: { path: PropertyKey[]; message: string } | undefined): AppError {
  const where = issue?.path.length ? issue.path.map(String).join(".") : "result";
  return new AppError(
    "bad_request",
    `The result of ${toolName} (call "${callId.slice(0, 100)}") does not match its schema: ${where}: ${issue?.message ?? "invalid"}. See docs/api.md, "Agent mode".`,
  );
}
