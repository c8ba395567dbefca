// Microsoft sign-in in the task pane, when the server has it configured: a Microsoft Entra ID
// access token for this app (scope api://<host>/<client id>/access_as_user), which the server
// accepts as a bearer token. Tried in order: nested app authentication (MSAL, where the Office
// host supports it), then Office's own single sign-on (Office.auth.getAccessToken); when neither
// gives a token the caller falls back to the dialog sign-in. MSAL is loaded only when nested app
// authentication is available.
import type { IPublicClientApplication } from "@azure/msal-browser";

export type MicrosoftVia = "naa" | "office";

export interface MicrosoftToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  via: MicrosoftVia;
  /** For display only (the server decides who the token is for). */
  email: string | null;
}

/** Neither nested app authentication nor Office single sign-on gave a token here. */
export class MicrosoftSignInUnavailableError extends Error {
  constructor(readonly reasons: string[]) {
    super(`Microsoft sign-in is not available here (${reasons.join("; ")}).`);
    this.name = "MicrosoftSignInUnavailableError";
  }
}

/** The user closed Microsoft's sign-in or consent window. */
export class MicrosoftSignInCancelledError extends Error {
  constructor() {
    super("Microsoft sign-in was cancelled.");
    this.name = "MicrosoftSignInCancelledError";
  }
}

/** The delegated scope of this deployment's app registration (its Application ID URI is on this host). */
export function microsoftScope(clientId: string, host: string = window.location.host): string {
  return `api://${host}/${clientId}/access_as_user`;
}

/** Office.js's code when the user closed the sign-in or consent prompt. */
const OFFICE_USER_ABORTED = 13002;
/** Used when a token does not say when it expires. */
const FALLBACK_LIFETIME_MS = 30 * 60 * 1000;

function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split(".")[1] ?? "";
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function tokenFrom(accessToken: string, via: MicrosoftVia, hint: { expiresOn?: Date | null; email?: string | null } = {}): MicrosoftToken {
  const claims = claimsOf(accessToken);
  const exp = typeof claims.exp === "number" ? claims.exp * 1000 : null;
  const address = [hint.email, claims.email, claims.preferred_username, claims.upn].find((value): value is string => typeof value === "string" && value.includes("@"));
  return { accessToken, expiresAt: hint.expiresOn?.getTime() ?? exp ?? Date.now() + FALLBACK_LIFETIME_MS, via, email: address ?? null };
}

function nestedAppAuthSupported(): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("NestedAppAuth", "1.1") === true;
  } catch {
    return false;
  }
}

let nestedClient: { clientId: string; client: Promise<IPublicClientApplication> } | null = null;

function nestedAppClient(clientId: string): Promise<IPublicClientApplication> {
  if (nestedClient?.clientId !== clientId) {
    const client = import("@azure/msal-browser").then(({ createNestablePublicClientApplication }) =>
      createNestablePublicClientApplication({ auth: { clientId, authority: "https://login.microsoftonline.com/common" } }),
    );
    // A failed load may be retried by the next attempt.
    client.catch(() => {
      if (nestedClient?.client === client) nestedClient = null;
    });
    nestedClient = { clientId, client };
  }
  return nestedClient.client;
}

const isCancel = (error: unknown) => (error as { errorCode?: unknown })?.errorCode === "user_cancelled";

async function viaNestedAppAuth(clientId: string, interactive: boolean, fresh: boolean, reasons: string[]): Promise<MicrosoftToken | null> {
  if (!nestedAppAuthSupported()) {
    reasons.push("nested app authentication is not supported by this Office host");
    return null;
  }
  try {
    const client = await nestedAppClient(clientId);
    const request = { scopes: [microsoftScope(clientId)] };
    if (fresh) {
      // Microsoft asks the person to sign in (not a cached or silently renewed token), and the
      // token it issues is new: what the server takes as proof before erasing the account.
      const result = await client.acquireTokenPopup({ ...request, prompt: "login" });
      return tokenFrom(result.accessToken, "naa", { expiresOn: result.expiresOn, email: result.account?.username });
    }
    try {
      const result = await client.acquireTokenSilent(request);
      return tokenFrom(result.accessToken, "naa", { expiresOn: result.expiresOn, email: result.account?.username });
    } catch (silent) {
      if (!interactive) throw silent;
      const result = await client.acquireTokenPopup(request);
      return tokenFrom(result.accessToken, "naa", { expiresOn: result.expiresOn, email: result.account?.username });
    }
  } catch (error) {
    if (isCancel(error)) throw new MicrosoftSignInCancelledError();
    reasons.push(`nested app authentication failed: ${(error as Error)?.message ?? String(error)}`);
    return null;
  }
}

async function viaOfficeSso(interactive: boolean, reasons: string[]): Promise<MicrosoftToken | null> {
  if (typeof Office === "undefined" || typeof Office.auth?.getAccessToken !== "function") {
    reasons.push("Office single sign-on is not available");
    return null;
  }
  try {
    const token = await Office.auth.getAccessToken({ allowSignInPrompt: interactive, allowConsentPrompt: interactive, forMSGraphAccess: false });
    return tokenFrom(token, "office");
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    if (interactive && code === OFFICE_USER_ABORTED) throw new MicrosoftSignInCancelledError();
    reasons.push(`Office single sign-on failed${code ? ` (${code})` : ""}: ${(error as Error)?.message ?? String(error)}`);
    return null;
  }
}

/**
 * A Microsoft access token for this app: nested app authentication first, then Office single
 * sign-on. `interactive` allows sign-in and consent prompts; without it only silent ways are tried.
 * `fresh` asks for a new sign-in (nested app authentication prompts for it); Office single
 * sign-on cannot be told to, so its token may be one Office obtained earlier, which the server
 * then judges by when it was issued.
 * Throws MicrosoftSignInUnavailableError when neither works, MicrosoftSignInCancelledError when
 * the user closed a prompt.
 */
export async function signInWithMicrosoft(
  clientId: string,
  { interactive = true, only, fresh = false }: { interactive?: boolean; only?: MicrosoftVia; fresh?: boolean } = {},
): Promise<MicrosoftToken> {
  const reasons: string[] = [];
  const token =
    (only !== "office" ? await viaNestedAppAuth(clientId, interactive || fresh, fresh, reasons) : null) ??
    (only !== "naa" ? await viaOfficeSso(interactive, reasons) : null);
  if (!token) throw new MicrosoftSignInUnavailableError(reasons);
  return token;
}
