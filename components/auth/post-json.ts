// Posts JSON to one of our API routes and reads the error envelope
// ({"error": {"code", "message", "requestId", ...}}) into something a form can show.
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; reason?: string; requestId?: string };

const NETWORK_MESSAGE = "Could not reach the server. Check your connection and try again.";

export async function postJson<T>(url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, code: "network", message: NETWORK_MESSAGE };
  }
  return readApiResponse<T>(response);
}

export async function readApiResponse<T>(response: Response): Promise<ApiResult<T>> {
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const error = (payload as { error?: Record<string, unknown> } | null)?.error;
  const message =
    typeof error?.message === "string" && error.message
      ? error.message
      : `The server answered ${response.status} without an explanation. Try again.`;
  return {
    ok: false,
    status: response.status,
    code: typeof error?.code === "string" ? error.code : "unknown",
    message,
    reason: typeof error?.reason === "string" ? error.reason : undefined,
    requestId: typeof error?.requestId === "string" ? error.requestId : undefined,
  };
}
