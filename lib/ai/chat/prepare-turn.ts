// The first step of a chat turn, before anything is stored or any model called: the question and
// the selection, read under the user's preferences, analysed, and built into the prompt whose
// size the quota needs.
//
// One database read for a signed-in user: preferences, and the conversation the turn continues
// (its existence and last message; the 404 or duplicate question it may mean is applied when the
// question is stored). It starts first and runs while the messages are validated (the database
// works apart from this thread). The preferences decide what leaves the building: with PII
// redaction on, emails, phone numbers, card numbers and IBANs are masked in the question and the
// selection before the analysis, the prompt, the cache key and what is stored.
import { randomUUID } from "node:crypto";
import { safeValidateUIMessages, type ToolSet, type UIMessage } from "ai";
import { analyzeExcelContext, buildCompactContext, parseExcelContext, type CompactContext, type ExcelAnalysis, type ExcelContext } from "@/lib/excel";
import type { UserPrincipal } from "@/lib/auth/principal";
import { billingEnabled } from "@/lib/billing/billing-mode";
import { readTurn, type TurnState } from "@/lib/db/chat-turns";
import { DEFAULT_PREFERENCES } from "@/lib/db/profiles";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Plan } from "@/lib/limits/entitlements";
import { redactExcelContext, redactMessages } from "@/lib/privacy/redact-pii";
import { buildPrompt, textOf, type ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import type { ToolAccess } from "@/lib/ai/prompts/build-system-prompt";
import { detectIntent } from "@/lib/ai/prompts/detect-intent";
import { stripInvisibleCharacters } from "@/lib/ai/prompts/strip-invisible-characters";
import { getProviderChain } from "@/lib/ai/providers/get-provider-chain";
import { preferProvider } from "@/lib/ai/providers/prefer-provider";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import type { ReadToolName } from "@/lib/ai/tools/read-tools";
import { allChatTools, declaredReadTools, toolsForRequest } from "@/lib/ai/tools/tools-for-request";
import { allowedProviders, withWorkspacePolicies } from "@/lib/workspaces/chat-workspace";
import { resolveChatWorkspace } from "@/lib/workspaces/resolve-chat-workspace";
import { continueAgentTurn, endIfPromptTooLarge, RESULT_FOR_UNKNOWN_CALL, startAgentTurn, stepOutputCap, type AgentTurn } from "./agent-turn";
import { chatPlanFor, maxCellsFor } from "./chat-plan";
import type { ChatInput, PreparedChat } from "./chat-turn-types";
import { estimateTurnInputTokens } from "./estimate-turn-tokens";
import { answerStored } from "./pending-answers";
import { MAX_MESSAGE_CHARS } from "./request-schemas";
import { conversationNotFound, planConversation, type PlannedConversation } from "./resolve-conversation";
import { serviceTypeFor } from "./service-type";
import { MAX_OUTPUT_TOKENS } from "./stream-answer";

type Selection = { context: ExcelContext | null; analysis: ExcelAnalysis | null; compact: CompactContext | null };

export interface PreparedTurn {
  /** What the hooks are told. */
  chat: PreparedChat;
  /** A signed-in user's conversation: the one planned for this turn, and what the database says of it. */
  conversation: { principal: UserPrincipal; planned: PlannedConversation; state: TurnState } | null;
  /** The conversation as the client sent it (redacted when the user asked for that). */
  messages: UIMessage[];
  /** The prompt as far as it is known now: final, unless `historyToCome`. */
  prompt: ChatPrompt;
  /** The tools the model is offered, and what the instructions say about them. */
  tools: ToolSet | undefined;
  access: ToolAccess;
  /** The read tools offered (agent mode); empty for clients that declared none. */
  reading: ReadToolName[];
  /** A JSON client continuing a stored conversation: its history is read once its question is stored. */
  historyToCome: boolean;
}

/** `chain`: the providers to use; the environment's when not given. */
export async function prepareTurn(input: ChatInput, chain: ProviderChain | undefined): Promise<PreparedTurn> {
  const { principal } = input;
  const planned =
    principal.kind === "user"
      ? planConversation({ userId: principal.userId, conversationId: input.conversationId, chatId: input.client === "ui" ? input.chatId : null })
      : null;
  // The answer to this conversation's previous question may still be being stored (its stream
  // has just ended): the turn reads after it, so its question is stored after that answer.
  if (planned?.lookUp) await answerStored(planned.id);
  const reading =
    principal.kind === "user" && planned ? readTurn({ claims: principal.claims, conversationId: planned.lookUp ? planned.id : null, withPlan: billingEnabled() }) : null;
  reading?.catch(() => {}); // awaited below; invalid messages must not leave it unhandled
  // The workspace asked for is read beside the turn (membership, policies, seats).
  const workspaceReading = resolveChatWorkspace.start(principal, input.workspaceId);
  let messages: UIMessage[];
  if (input.client === "ui") {
    messages = await validateClientMessages(input.messages);
  } else {
    messages = [userMessageFrom(input.message)];
  }
  // While the read is out, the selection is analysed as if redaction were off, when the plan
  // (its cell limit) is known without the database: analysis is most of this thread's work in a
  // turn, and it usually is the final one. It is redone below when redaction is on; any error is
  // left for the real run to raise in its proper order.
  const early = reading && !billingEnabled() ? tryAnalyzeSelection(input.context, await chatPlanFor(principal)) : null;
  const turn: TurnState | null = reading ? await reading : null;
  // A workspace's policies apply whatever the client sent: continuing a conversation, its own
  // workspace is the one that counts.
  const workspace = await resolveChatWorkspace.finish(principal, workspaceReading, input.workspaceId, turn);
  const preferences = withWorkspacePolicies(turn?.preferences ?? DEFAULT_PREFERENCES, workspace);
  let rawContext = input.context;
  if (preferences.piiRedaction) {
    messages = redactToolResults(redactMessages(messages).messages);
    rawContext = redactExcelContext(rawContext).context;
  }
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const userText = stripInvisibleCharacters(textOf(lastUser));
  if (!userText) throw new AppError("bad_request", "The message is empty: ask a question about your selection.");
  if (userText.length > MAX_MESSAGE_CHARS) {
    throw new AppError("bad_request", `The message is ${userText.length.toLocaleString("en-US")} characters; the limit is ${MAX_MESSAGE_CHARS.toLocaleString("en-US")}.`);
  }
  const plan = workspace ? workspace.plan : await chatPlanFor(principal, turn?.entitledPlan);
  const { context, analysis, compact } =
    early && early.plan === plan && !preferences.piiRedaction ? early.selection : analyzeSelection(rawContext, plan);
  const intent = detectIntent(userText);
  const readToolsDeclared = input.client === "ui" && principal.kind === "user" ? declaredReadTools(input.capabilities) : [];
  let agent: AgentTurn | null = null;
  if (readToolsDeclared.length > 0) {
    const last = messages[messages.length - 1];
    if (last?.role === "assistant") {
      // A further step of the latest answer: checked against what is stored (agent-turn.ts).
      if (planned?.mustExist && turn?.conversationExists !== true) throw conversationNotFound();
      agent = await continueStoredAnswer({ plan, answer: last, turn, principal, conversationId: planned?.id ?? null });
      if (agent.continues) messages = [...messages.slice(0, -1), { ...last, parts: agent.continues.parts as UIMessage["parts"] }];
    } else {
      agent = startAgentTurn(plan);
    }
  }
  const { access, tools, reading: readToolsOffered } = toolsForRequest({
    client: input.client,
    writeMode: preferences.writeMode,
    readToolsDeclared,
    signedIn: principal.kind === "user",
    toolsAllowed: !agent?.lastStep,
  });
  const historyToCome = input.client === "json" && turn?.conversationExists === true;
  const prompt = await buildPrompt({ messages, analysis, compact, tools: access, reading: readToolsOffered, lastStep: agent?.lastStep, toolSet: allChatTools });
  const inputTokens = await estimateTurnInputTokens({ prompt, tools, historyToCome });
  if (agent) agent = endIfPromptTooLarge(agent, inputTokens);
  const chat: PreparedChat = {
    principal,
    plan,
    identifier: workspace ? workspace.identifier : principal.kind === "user" ? `user:${principal.userId}` : `ip:${principal.ip}`,
    workspace,
    userText,
    intent,
    serviceType: serviceTypeFor(intent, userText),
    context,
    analysis,
    compact,
    client: input.client,
    chain: preferProvider(allowedProviders(chain ?? getProviderChain(), workspace), preferences.preferredModel),
    offeredTools: tools ? Object.keys(tools) : [],
    agent,
    // An agent step may produce only what is left of its answer's tokens.
    estimate: { inputTokens, maxOutputTokens: agent && !agent.ended ? stepOutputCap(agent, inputTokens, MAX_OUTPUT_TOKENS) : MAX_OUTPUT_TOKENS },
  };
  return {
    chat,
    conversation: principal.kind === "user" && planned && turn ? { principal, planned, state: turn } : null,
    messages,
    prompt,
    tools,
    access,
    reading: readToolsOffered,
    historyToCome,
  };
}

/** Rebuilds the prompt from other messages (the stored history with this turn's question). */
export function rebuildPrompt(turn: PreparedTurn, messages: UIMessage[]): Promise<ChatPrompt> {
  const { analysis, compact } = turn.chat;
  return buildPrompt({ messages, analysis, compact, tools: turn.access, reading: turn.reading, lastStep: turn.chat.agent?.lastStep, toolSet: allChatTools });
}

function userMessageFrom(text: string): UIMessage {
  return { id: randomUUID(), role: "user", parts: [{ type: "text", text }] };
}

/** Checks client-sent UI messages against the tool schemas; a malformed history is a 400. */
async function validateClientMessages(messages: UIMessage[]): Promise<UIMessage[]> {
  const result = await safeValidateUIMessages({ messages, tools: allChatTools });
  if (!result.success) {
    throw new AppError("bad_request", `Invalid messages: ${result.error.message.split("\n")[0].slice(0, 300)}`);
  }
  return result.data;
}

/** Parses the selection within the plan's cell limit (400 naming it), analyses and compacts it. */
function analyzeSelection(raw: unknown, plan: Plan): Selection {
  const context = parseExcelContext(raw, { maxCells: maxCellsFor(plan) });
  const analysis = context ? analyzeExcelContext(context) : null;
  return { context, analysis, compact: context ? buildCompactContext(context, analysis) : null };
}

function tryAnalyzeSelection(raw: unknown, plan: Plan): { plan: Plan; selection: Selection } | null {
  try {
    return { plan, selection: analyzeSelection(raw, plan) };
  } catch {
    return null;
  }
}

/** With PII redaction on, what the client read from the workbook (tool results) is masked like the selection. */
function redactToolResults(messages: UIMessage[]): UIMessage[] {
  return messages.map((message) => {
    if (message.role !== "assistant") return message;
    const parts = message.parts.map((part) =>
      "output" in part && part.output !== undefined && part.output !== null ? { ...part, output: redactExcelContext(part.output).context } : part,
    );
    return { ...message, parts } as UIMessage;
  });
}

/** How long a further step waits for the previous one to be stored by another instance. */
const PREVIOUS_STEP_WAIT_MS = 2_000;
const PREVIOUS_STEP_POLL_MS = 200;

/**
 * A further step of the stored answer. useChat sends it as soon as the previous step's stream
 * ends; on this instance the turn already waited for that step to be stored (answerStored), but
 * another instance may still be storing it: until it appears (at most PREVIOUS_STEP_WAIT_MS),
 * the stored answer is read again before the step is refused.
 */
async function continueStoredAnswer(input: {
  plan: Plan;
  answer: UIMessage;
  turn: TurnState | null;
  principal: ChatInput["principal"];
  conversationId: string | null;
}): Promise<AgentTurn> {
  const { plan, answer, principal, conversationId } = input;
  let turn = input.turn;
  const deadline = Date.now() + PREVIOUS_STEP_WAIT_MS;
  for (;;) {
    try {
      return continueAgentTurn({ plan, answer, stored: turn?.conversationExists ? turn.lastMessage : null });
    } catch (error) {
      // Only "not (yet) a call of the stored answer" can change by waiting.
      const notStoredYet = isAppError(error) && error.code === "bad_request" && error.message.startsWith(RESULT_FOR_UNKNOWN_CALL);
      const retry = notStoredYet && principal.kind === "user" && conversationId !== null && Date.now() < deadline;
      if (!retry) throw error;
      await new Promise((resolve) => setTimeout(resolve, PREVIOUS_STEP_POLL_MS));
      turn = await readTurn({ claims: principal.claims, conversationId });
    }
  }
}
