// The task pane's calls to the API besides chat: settings (write mode), history of this
// workbook's conversations, one conversation's messages. Each goes through the authorized
// fetch (bearer token or API key) and turns the error envelope into an ApiError.
import type { UIMessage } from "ai";
import { errorFromThrown, readApiError, type ApiError } from "./api-error";
import { isWriteMode, type WriteMode } from "./write-mode";

export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface ConversationListItem {
  id: string;
  title: string;
  workbook: string | null;
  updatedAt: string;
  messageCount: number;
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

export function setWriteMode(fetcher: Fetcher, writeMode: WriteMode) {
  return call<unknown>(fetcher, "/api/settings", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ writeMode }) });
}

/**
 * Conversations tagged with this workbook, newest first. The list endpoint has no workbook
 * filter, so it reads the most recent page and filters here.
 */
export async function listWorkbookConversations(fetcher: Fetcher, workbook: string | null): Promise<ApiResult<ConversationListItem[]>> {
  const result = await call<{ conversations?: ConversationListItem[] }>(fetcher, "/api/conversations?limit=100");
  if (!result.ok) return result;
  const all = Array.isArray(result.data.conversations) ? result.data.conversations : [];
  return { ok: true, data: workbook ? all.filter((c) => c.workbook === workbook) : all };
}

export async function getConversationMessages(fetcher: Fetcher, id: string): Promise<ApiResult<UIMessage[]>> {
  const result = await call<{ messages?: { id: string; role: string; parts: unknown[] }[] }>(fetcher, `/api/conversations/${encodeURIComponent(id)}`);
  if (!result.ok) return result;
  const messages = (result.data.messages ?? [])
    .filter((m) => (m.role === "user" || m.role === "assistant") && Array.isArray(m.parts))
    .map((m) => ({ id: m.id, role: m.role as "user" | "assistant", parts: m.parts as UIMessage["parts"] }));
  return { ok: true, data: messages };
}
