// The API's error envelope ({"error": {"code", "message", "requestId", upgradeUrl?}}) read into
// what the pane shows, with Retry-After (seconds) for rate limits.

export interface ApiError {
  status: number;
  code: string;
  message: string;
  requestId?: string;
  /** Same-origin path or absolute URL where a user at the limit can get more. */
  upgradeUrl?: string;
  retryAfterSeconds?: number;
}

const NETWORK_ERROR: ApiError = { status: 0, code: "network", message: "Could not reach the server. Check your connection and try again." };

/** A fetch that threw: the session could not be refreshed (sign in again), or the network failed. */
export function errorFromThrown(error: unknown): ApiError {
  if (error instanceof Error && error.name === "SessionExpiredError") return { status: 401, code: "unauthorized", message: error.message };
  return NETWORK_ERROR;
}

function parseApiError(status: number, body: string, retryAfter: string | null): ApiError {
  let error: Record<string, unknown> | undefined;
  try {
    error = (JSON.parse(body) as { error?: Record<string, unknown> }).error;
  } catch {
    error = undefined;
  }
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  return {
    status,
    code: typeof error?.code === "string" ? error.code : status === 429 ? "rate_limited" : "unknown",
    message: typeof error?.message === "string" && error.message ? error.message : `The server answered ${status}. Try again.`,
    requestId: typeof error?.requestId === "string" ? error.requestId : undefined,
    upgradeUrl: typeof error?.upgradeUrl === "string" ? error.upgradeUrl : undefined,
    retryAfterSeconds: seconds,
  };
}

export async function readApiError(response: Response): Promise<ApiError> {
  return parseApiError(response.status, await response.text().catch(() => ""), response.headers.get("retry-after"));
}

/** Where the upgrade link may go: our own paths, or https URLs. Anything else is dropped. */
export function safeUpgradeUrl(url: string | undefined, origin: string): string | null {
  if (!url) return null;
  if (url.startsWith("/") && !url.startsWith("//")) return `${origin}${url}`;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}
