// fetch for the task pane's API calls: adds `Authorization: Bearer …` (session access token,
// Microsoft access token or API key; guests send nothing and no cookies are needed), refreshes an
// access token that is about to expire — once, shared by concurrent callers — and retries once
// after a 401. A Microsoft token is renewed silently the way it was obtained (`renewMicrosoft`).
import { sessionCredential, sessionResponseSchema, type Credential } from "./credential";

/** Refresh this long before the token expires, so a request never leaves with a stale one. */
const REFRESH_MARGIN_MS = 60_000;

export interface CredentialHolder {
  get(): Credential | null;
  /** Replaces the credential (null: signed out because the session can no longer be refreshed). */
  set(credential: Credential | null): void;
}

export class SessionExpiredError extends Error {
  constructor() {
    super("Your session has expired. Sign in again.");
    this.name = "SessionExpiredError";
  }
}

type MicrosoftCredential = Extract<Credential, { kind: "microsoft" }>;
/** A fresh Microsoft credential obtained without prompting, or null when there is none to be had. */
export type RenewMicrosoft = (current: MicrosoftCredential) => Promise<Credential | null>;

export function createAuthorizedFetch(
  holder: CredentialHolder,
  baseFetch: typeof fetch = (...args) => globalThis.fetch(...args),
  renewMicrosoft: RenewMicrosoft = async () => null,
) {
  let refreshing: Promise<Credential | null> | null = null;

  async function renew(current: MicrosoftCredential): Promise<Credential | null> {
    refreshing ??= (async () => {
      try {
        const next = await renewMicrosoft(current).catch(() => null);
        holder.set(next);
        return next;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function refresh(current: Extract<Credential, { kind: "session" }>): Promise<Credential | null> {
    refreshing ??= (async () => {
      try {
        const response = await baseFetch("/api/auth/refresh", {
          method: "POST",
          credentials: "omit",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ refresh_token: current.refreshToken }),
        });
        const parsed = response.ok ? sessionResponseSchema.safeParse(await response.json().catch(() => null)) : null;
        if (parsed?.success) {
          const next = sessionCredential(parsed.data);
          holder.set(next);
          return next;
        }
        // A refresh token that is refused (401) is dead; a network or server error is not.
        if (response.status === 400 || response.status === 401) {
          holder.set(null);
          return null;
        }
        return current;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  function bearer(credential: Credential | null): string | null {
    if (!credential) return null;
    if (credential.kind === "session" || credential.kind === "microsoft") return credential.accessToken;
    if (credential.kind === "api_key") return credential.apiKey;
    return null;
  }

  async function withAuth(init: RequestInit | undefined, credential: Credential | null): Promise<RequestInit> {
    const headers = new Headers(init?.headers);
    const token = bearer(credential);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    return { ...init, headers, credentials: "omit" };
  }

  return async function authorizedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let credential = holder.get();
    if ((credential?.kind === "session" || credential?.kind === "microsoft") && credential.expiresAt - REFRESH_MARGIN_MS < Date.now()) {
      credential = credential.kind === "session" ? await refresh(credential) : await renew(credential);
      if (!credential) throw new SessionExpiredError();
    }
    const response = await baseFetch(input, await withAuth(init, credential));
    if (response.status !== 401 || (credential?.kind !== "session" && credential?.kind !== "microsoft")) return response;
    // The token may have been revoked or rotated elsewhere: one refresh, one retry.
    const renewed = credential.kind === "session" ? await refresh(credential) : await renew(credential);
    if (!renewed) throw new SessionExpiredError();
    if (renewed === credential || (renewed.kind === "microsoft" && renewed.accessToken === credential.accessToken)) return response;
    return baseFetch(input, await withAuth(init, renewed));
  };
}
