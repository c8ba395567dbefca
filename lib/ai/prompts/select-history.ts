// Earlier turns go to the model newest first until a token budget is spent, so a long
// conversation never pushes the selection's data (or the answer) out of the context window.
// The latest message is always kept. What the client sends is cleaned on the way: system
// messages are dropped (a client must not be able to write the system prompt), as are file,
// reasoning and data parts (we do not fetch client-supplied URLs, and they only cost tokens);
// text is stripped of invisible characters.
import type { UIMessage } from "ai";
import { estimateTokens } from "@/lib/excel";
import { stripInvisibleCharacters } from "./strip-invisible-characters";

export const HISTORY_TOKEN_BUDGET = 3_000;
export const MAX_HISTORY_MESSAGES = 20;

type Part = UIMessage["parts"][number];

function keepPart(part: Part): boolean {
  // Step boundaries too: an answer of several steps (agent mode) goes to the model as its steps,
  // each one's tool calls followed by their results.
  return part.type === "text" || part.type.startsWith("tool-") || part.type === "dynamic-tool" || part.type === "step-start";
}

function cleanPart(part: Part): Part {
  if (part.type === "text") return { ...part, text: stripInvisibleCharacters(part.text) };
  return part;
}

/** User and assistant messages with only the parts the model needs. */
export function sanitizeMessages(messages: UIMessage[]): UIMessage[] {
  const out: UIMessage[] = [];
  for (const message of messages) {
    if (message.role !== "user" && message.role !== "assistant") continue;
    const parts = message.parts.filter(keepPart).map(cleanPart);
    if (!parts.some((part) => part.type !== "step-start")) continue;
    out.push({ ...message, parts });
  }
  return out;
}

function estimateMessageTokens(message: UIMessage): number {
  let tokens = 4; // role and framing
  for (const part of message.parts) {
    if (part.type === "text") tokens += estimateTokens(part.text);
    else if (part.type !== "step-start") tokens += estimateTokens(JSON.stringify(part));
  }
  return tokens;
}

export interface HistorySelection {
  messages: UIMessage[];
  included: number;
  dropped: number;
  tokens: number;
}

/**
 * Keeps the last message plus as many earlier ones (newest first) as fit `budget` tokens and
 * `maxMessages`. The oldest kept message may be an answer whose question did not fit: it is
 * still useful context.
 */
export function selectHistory(messages: UIMessage[], budget = HISTORY_TOKEN_BUDGET, maxMessages = MAX_HISTORY_MESSAGES): HistorySelection {
  if (messages.length === 0) return { messages: [], included: 0, dropped: 0, tokens: 0 };
  const last = messages[messages.length - 1];
  const kept: UIMessage[] = [last];
  let tokens = 0;
  let index = messages.length - 2;
  for (; index >= 0 && kept.length - 1 < maxMessages; index--) {
    const cost = estimateMessageTokens(messages[index]);
    if (tokens + cost > budget) break;
    tokens += cost;
    kept.unshift(messages[index]);
  }
  const included = kept.length - 1;
  return { messages: kept, included, dropped: messages.length - 1 - included, tokens };
}
