// Browser calls to the API key routes (/api/keys). The session cookie authenticates them.
import { postJson, readApiResponse, type ApiResult } from "@/components/auth/post-json";

import type { ApiKeySummary } from "@/lib/db/api-keys";
import type { ApiKeyScope } from "@/lib/auth/key-scopes";

// The wire shape is the row summary itself (a type-only import: nothing server-side is bundled).
export type { ApiKeySummary };

/** The one response that carries the whole key; it is never retrievable again. */
export type CreatedApiKey = ApiKeySummary & { key: string };

async function send<T>(url: string, init: RequestInit): Promise<ApiResult<T>> {
  try {
    return await readApiResponse<T>(await fetch(url, { credentials: "same-origin", ...init }));
  } catch {
    return { ok: false, status: 0, code: "network", message: "Could not reach the server. Check your connection and try again." };
  }
}

export function listKeys() {
  return send<{ keys: ApiKeySummary[] }>("/api/keys", { method: "GET", cache: "no-store" });
}

export function createKey(name: string, scopes: readonly ApiKeyScope[]) {
  return postJson<CreatedApiKey>("/api/keys", { name, scopes });
}

export function revokeKey(id: string) {
  return send<ApiKeySummary>(`/api/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
}
