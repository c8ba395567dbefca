// The task pane's calls to the API besides chat: settings (write mode), history of this
// workbook's conversations, one conversation's messages. Each goes through the authorized
// fetch (bearer token or API key) and turns the error envelope into an ApiError.
import type { UIMessage } from "ai";
import type { ChatMessageMetadata } from "@/lib/ai/chat/chat-types";
import { errorFromThrown, readApiError, type ApiError } from "./api-error";
import { quotaFromUsage, type QuotaLeft } from "./quota";
import { isWriteMode, type WriteMode } from "./write-mode";
import type { EditOutcome } from "@/lib/ai/tools/edit-outcome";

export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface ConversationListItem {
  id: string;
  title: string;
  workbook: string | null;
  updatedAt: string;
  messageCount: number;
  /** Who started it: in a workspace, any member. */
  author?: { id: string; email: string | null; displayName: string | null };
}

async function call<T>(fetcher: Fetcher, url: string, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetcher(url, init);
  } catch (error) {
    return { ok: false, error: errorFromThrown(error) };
  }
  if (!response.ok) return { ok: false, error: await readApiError(response) };
  return { ok: true, data: (await response.json()) as T };
}

export async function getWriteMode(fetcher: Fetcher): Promise<ApiResult<{ writeMode: WriteMode; displayName: string | null }>> {
  const result = await call<{ settings?: { writeMode?: unknown; displayName?: unknown } }>(fetcher, "/api/settings");
  if (!result.ok) return result;
  const settings = result.data.settings ?? {};
  return {
    ok: true,
    data: {
      writeMode: isWriteMode(settings.writeMode) ? settings.writeMode : "ask",
      displayName: typeof settings.displayName === "string" ? settings.displayName : null,
    },
  };
}

/**
 * What is left of the caller's quota (GET /api/usage). An API key without the `usage` scope is
 * refused with 403: the pane then waits for the next answer's X-Quota header instead.
 */
export async function getQuota(fetcher: Fetcher): Promise<ApiResult<QuotaLeft>> {
  const result = await call<unknown>(fetcher, "/api/usage?days=7");
  if (!result.ok) return result;
  const quota = quotaFromUsage(result.data);
  return quota ? { ok: true, data: quota } : { ok: false, error: { status: 200, code: "unknown", message: "The usage could not be read." } };
}

export function setWriteMode(fetcher: Fetcher, writeMode: WriteMode) {
  return call<unknown>(fetcher, "/api/settings", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ writeMode }) });
}

/**
 * Conversations tagged with this workbook, newest first. The list endpoint has no workbook
 * filter, so it reads the most recent page and filters here.
 */
export async function listWorkbookConversations(fetcher: Fetcher, workbook: string | null, workspaceId: string | null = null): Promise<ApiResult<ConversationListItem[]>> {
  const space = workspaceId ? `&workspaceId=${encodeURIComponent(workspaceId)}` : "";
  const result = await call<{ conversations?: ConversationListItem[] }>(fetcher, `/api/conversations?limit=100${space}`);
  if (!result.ok) return result;
  const all = Array.isArray(result.data.conversations) ? result.data.conversations : [];
  return { ok: true, data: workbook ? all.filter((c) => c.workbook === workbook) : all };
}

/**
 * Tells the server what the user did with a proposal, as they do it, so the conversation reopens
 * with it decided (the outcome also travels with the next question, as the tool's output).
 */
export function recordOutcome(fetcher: Fetcher, conversationId: string, reported: { messageId: string; toolCallId: string; outcome: EditOutcome }) {
  return call<unknown>(fetcher, `/api/conversations/${encodeURIComponent(conversationId)}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ outcomes: [reported] }),
  });
}

interface StoredMessageItem {
  id: string;
  role: string;
  parts: unknown[];
  model?: string | null;
  provider?: string | null;
  cached?: boolean;
  status?: "complete" | "incomplete" | "error";
  context?: unknown;
}

/** A stored conversation as chat messages, with the answer metadata the live stream would carry. */
export async function getConversationMessages(fetcher: Fetcher, id: string): Promise<ApiResult<UIMessage<ChatMessageMetadata>[]>> {
  const result = await call<{ messages?: StoredMessageItem[] }>(fetcher, `/api/conversations/${encodeURIComponent(id)}`);
  if (!result.ok) return result;
  return { ok: true, data: chatMessagesFrom(id, result.data.messages ?? []) };
}

/**
 * The messages of conversation `id` (as GET /api/conversations/:id lists them) as chat messages:
 * what a reopened chat starts from, in the pane or on a page the server renders.
 */
export function chatMessagesFrom(id: string, stored: readonly StoredMessageItem[]): UIMessage<ChatMessageMetadata>[] {
  // The server stores what was sent with the question; the live stream shows it under the answer.
  let askedWith: unknown = null;
  const messages: UIMessage<ChatMessageMetadata>[] = [];
  for (const m of stored) {
    if ((m.role !== "user" && m.role !== "assistant") || !Array.isArray(m.parts)) continue;
    if (m.role === "user") {
      askedWith = m.context ?? null;
      messages.push({ id: m.id, role: "user", parts: m.parts as UIMessage["parts"] });
      continue;
    }
    messages.push({
      id: m.id,
      role: "assistant",
      parts: m.parts as UIMessage["parts"],
      metadata: {
        conversationId: id,
        provider: m.provider ?? null,
        model: m.model ?? null,
        cached: m.cached ?? false,
        status: m.status,
        context: ((m.context ?? askedWith) as ChatMessageMetadata["context"]) ?? null,
      },
    });
  }
  return messages;
}
