// Ends the pane's session on the server, not only on this device: the logout route revokes
// the session the access token names and the refresh token sent with it (so a refresh token
// copied from this pane's storage is dead too, even when the access token has expired).
// API keys and guests have no session to end.
import type { Credential } from "./credential";

/** True when the server confirmed the session ended. Never throws. */
export async function revokeSession(credential: Credential | null, baseFetch: typeof fetch = (...args) => globalThis.fetch(...args)): Promise<boolean> {
  if (credential?.kind !== "session") return true;
  try {
    const response = await baseFetch("/api/auth/logout", {
      method: "POST",
      credentials: "omit",
      headers: { Authorization: `Bearer ${credential.accessToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: credential.refreshToken }),
    });
    return response.ok;
  } catch {
    return false;
  }
}
