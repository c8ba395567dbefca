// Cloud auth: Supabase Auth through @supabase/ssr (cookie sessions, refreshed by proxy.ts)
// and supabase-js (bearer tokens, admin erasure with SUPABASE_SECRET_KEY).
import "server-only";
import { createServerClient } from "@supabase/ssr";
import { createClient, isAuthApiError, type AuthError, type Session } from "@supabase/supabase-js";
import { env, requiredEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { passwordWeakness } from "../password";
import { realtimeOff } from "../supabase-realtime-off";
import type { AuthAdapter, AuthSession, CookieJar } from "../auth-adapter";

function url() {
  return requiredEnv(env, "NEXT_PUBLIC_SUPABASE_URL");
}
function publishableKey() {
  return requiredEnv(env, "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY");
}

function cookieClient(jar: CookieJar, secure: boolean) {
  return createServerClient(url(), publishableKey(), {
    realtime: realtimeOff,
    cookies: {
      getAll: () => jar.getAll(),
      setAll: (cookies) => {
        for (const { name, value, options } of cookies) {
          jar.set(name, value, {
            httpOnly: true,
            sameSite: "lax",
            secure,
            path: options?.path ?? "/",
            maxAge: options?.maxAge,
          });
        }
      },
    },
  });
}

/** supabase-js with the secret key, for the Auth admin API. */
function adminClient(purpose: string) {
  if (!env.SUPABASE_SECRET_KEY) throw new AppError("internal", `${purpose} needs SUPABASE_SECRET_KEY on the server.`);
  return createClient(url(), env.SUPABASE_SECRET_KEY, { realtime: realtimeOff, auth: { persistSession: false } });
}

function plainClient() {
  return createClient(url(), publishableKey(), {
    realtime: realtimeOff,
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

/**
 * The claims of an access token the Auth server has just accepted (it verified the signature;
 * this only reads them). Null when the token is not a readable JWT.
 */
function acceptedClaims(token: string): Record<string, unknown> | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    return payload && typeof payload === "object" ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * When the user last proved who they are in this session: the latest `amr` entry (Supabase
 * records each sign-in method used in the session with its time, and keeps them through refreshes).
 */
function authTimeOf(token: string): number | undefined {
  const amr = acceptedClaims(token)?.amr;
  if (!Array.isArray(amr)) return undefined;
  const times = amr.map((entry) => (entry as { timestamp?: unknown })?.timestamp).filter((t): t is number => typeof t === "number");
  return times.length ? Math.max(...times) : undefined;
}

/** 401/403/404 from the Auth server: the token's session is already gone (nothing to revoke). */
function alreadySignedOut(error: AuthError) {
  return isAuthApiError(error) && [401, 403, 404].includes(error.status ?? 0);
}

function signOutUnconfirmed(error: AuthError) {
  logger.error({ err: { name: error.name, status: error.status, message: error.message } }, "Supabase Auth did not confirm a sign-out");
  return new AppError("internal", "You are signed out on this device, but the sign-in service could not confirm the session ended. Sign out again in a moment.", {
    status: 503,
    cause: error,
  });
}

/** Revokes the session of an access token (GoTrue's POST /logout?scope=local). */
async function revokeWithAccessToken(accessToken: string): Promise<"revoked" | "invalid"> {
  const { error } = await plainClient().auth.admin.signOut(accessToken, "local");
  if (!error) return "revoked";
  if (alreadySignedOut(error)) return "invalid";
  throw signOutUnconfirmed(error);
}

function toSession(session: Session | null): AuthSession {
  if (!session?.user) throw new AppError("unauthorized", "Sign-in did not return a session. Confirm your email, then sign in.");
  return {
    access_token: session.access_token,
    refresh_token: session.refresh_token,
    expires_in: session.expires_in,
    token_type: "bearer",
    user: { id: session.user.id, email: session.user.email ?? "" },
  };
}

/** A call to the Auth server with a user's access token (GoTrue's user endpoints). */
async function asUser(accessToken: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(`${url().replace(/\/$/, "")}/auth/v1${path}`, {
      method,
      headers: { apikey: publishableKey(), authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new AppError("internal", "The sign-in service could not be reached. Try again in a moment.", { status: 503, cause: error });
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON: the status says enough
  }
  return { status: response.status, json };
}

/** Sets the password of the user of an access token (GoTrue's PUT /user). */
async function setPassword(accessToken: string, password: string, expired: () => AppError) {
  const { status, json } = await asUser(accessToken, "PUT", "/user", { password });
  if (status === 200) return json;
  const message = String(json.msg ?? json.message ?? json.error_description ?? "");
  if (status === 401 || status === 403) throw expired();
  if (status === 422 && /same/i.test(String(json.error_code ?? "") + message))
    throw new AppError("bad_request", "The new password is the same as the current one. Choose a different password.", { details: { reason: "same_password" } });
  if (status === 422 || (status === 400 && /password/i.test(message)))
    throw new AppError("bad_request", `Password is too weak: ${message || "choose a longer, less common password."}`, { details: { reason: "weak_password" } });
  if (status === 429) throw new AppError("rate_limited", "Too many password changes. Wait a few minutes, then try again.");
  throw new AppError("internal", "The sign-in service could not change the password. Try again in a moment.", { status: 503 });
}

/** Ends sessions of the user of an access token: all of them, or all but its own. */
async function logoutScope(accessToken: string, scope: "global" | "others") {
  const { status } = await asUser(accessToken, "POST", `/logout?scope=${scope}`);
  if (status >= 500) throw new AppError("internal", "Your password was changed, but the sign-in service could not sign out your other devices. Sign out everywhere from the Account page.", { status: 503 });
}

// Sessions created by signUp/signIn are written to cookies by the route through
// writeSessionCookies, using @supabase/ssr's own cookie format.
export const supabaseAuth: AuthAdapter = {
  mode: "supabase",

  async signUp({ email, password, displayName }) {
    const weakness = passwordWeakness(password);
    if (weakness) throw new AppError("bad_request", weakness);
    const { data, error } = await plainClient().auth.signUp({
      email,
      password,
      options: { data: displayName ? { display_name: displayName } : {} },
    });
    if (error) {
      if (/already/i.test(error.message))
        throw new AppError("bad_request", "An account with this email already exists. Sign in instead.", { details: { reason: "email_taken" } });
      if (/password/i.test(error.message)) throw new AppError("bad_request", `Password is too weak: ${error.message}`);
      throw new AppError("bad_request", error.message);
    }
    return toSession(data.session);
  },

  async signIn({ email, password }) {
    const { data, error } = await plainClient().auth.signInWithPassword({ email, password });
    if (error) throw new AppError("unauthorized", "Wrong email or password.");
    return toSession(data.session);
  },

  async refresh(refreshToken) {
    const { data, error } = await plainClient().auth.refreshSession({ refresh_token: refreshToken });
    if (error) throw new AppError("unauthorized", "The refresh token is invalid, expired or already used. Sign in again.");
    return toSession(data.session);
  },

  async signOut({ accessToken, refreshToken, cookies, secure }) {
    if (!accessToken && !refreshToken) {
      if (!cookies) return { userId: null };
      // The cookie session: @supabase/ssr reads it (refreshing an expired access token first),
      // removes it from the cookies and asks the Auth server to revoke it.
      const client = cookieClient(cookies, secure ?? false);
      const { data } = await client.auth.getSession();
      const token = data.session?.access_token;
      if (!token) return { userId: null };
      const { error } = await client.auth.signOut({ scope: "local" });
      if (error && !alreadySignedOut(error)) throw signOutUnconfirmed(error);
      return { userId: (acceptedClaims(token)?.sub as string | undefined) ?? null };
    }
    if (accessToken && (await revokeWithAccessToken(accessToken)) === "revoked") {
      return { userId: (acceptedClaims(accessToken)?.sub as string | undefined) ?? null };
    }
    if (refreshToken) {
      // No live access token came with it (the add-in's had expired): trade the refresh token
      // for one of the same session, and revoke that session with it.
      const { data, error } = await plainClient().auth.refreshSession({ refresh_token: refreshToken });
      // Refused (4xx): the token is already dead. Unreachable: the revocation is not confirmed.
      if (error && !(isAuthApiError(error) && (error.status ?? 500) < 500)) throw signOutUnconfirmed(error);
      if (data.session && (await revokeWithAccessToken(data.session.access_token)) === "revoked") {
        return { userId: data.session.user.id };
      }
    }
    return { userId: null };
  },

  async verifyPassword({ userId, email, password }) {
    const { data, error } = await plainClient().auth.signInWithPassword({ email, password });
    if (error) {
      if (isAuthApiError(error) && error.status === 429) throw new AppError("rate_limited", "Too many password attempts. Wait a few minutes, then try again.");
      if (isAuthApiError(error) && error.status !== undefined && error.status < 500) return false;
      throw new AppError("internal", "The sign-in service could not check your password. Try again in a moment.", { status: 503, cause: error });
    }
    // Checking the password signed in a new session: end it at once.
    if (data.session) await revokeWithAccessToken(data.session.access_token).catch(() => undefined);
    return data.user?.id === userId;
  },

  async changePassword({ email, currentPassword, newPassword }) {
    const weakness = passwordWeakness(newPassword);
    if (weakness) throw new AppError("bad_request", weakness, { details: { reason: "weak_password" } });
    if (newPassword === currentPassword)
      throw new AppError("bad_request", "The new password is the same as the current one. Choose a different password.", { details: { reason: "same_password" } });
    // Checking the current password signs in a new session: it becomes this device's session,
    // and every other one ends once the password is changed.
    const { data, error } = await plainClient().auth.signInWithPassword({ email, password: currentPassword });
    if (error || !data.session) {
      if (error && isAuthApiError(error) && error.status === 429) throw new AppError("rate_limited", "Too many password attempts. Wait a few minutes, then try again.");
      if (error && !(isAuthApiError(error) && (error.status ?? 500) < 500))
        throw new AppError("internal", "The sign-in service could not check your password. Try again in a moment.", { status: 503, cause: error });
      throw new AppError("forbidden", "Your current password is not right. Type the password you sign in with now.", { details: { reason: "wrong_password" } });
    }
    const session = data.session;
    try {
      await setPassword(session.access_token, newPassword, () => new AppError("unauthorized", "Your session ended while changing the password. Sign in again."));
    } catch (error) {
      // The password stays as it was: the session opened to check it must not outlive the attempt.
      await revokeWithAccessToken(session.access_token).catch(() => undefined);
      throw error;
    }
    await logoutScope(session.access_token, "others");
    return toSession(session);
  },

  async requestPasswordReset({ email, resetPageUrl }) {
    // Supabase Auth sends its own recovery email; its link signs the user in to a recovery
    // session and opens our page, which sets the new password with it.
    const { error } = await plainClient().auth.resetPasswordForEmail(email, { redirectTo: resetPageUrl });
    // Nothing is said to the caller either way; the operator sees failures.
    if (error) logger.warn({ err: { name: error.name, status: error.status, message: error.message } }, "Supabase Auth refused a password recovery request");
  },

  async confirmPasswordReset({ token, password }) {
    const weakness = passwordWeakness(password);
    if (weakness) throw new AppError("bad_request", weakness, { details: { reason: "weak_password" } });
    const expired = () =>
      new AppError("bad_request", "This reset link is not valid any more (used, expired or signed out). Ask for a new one from the sign-in page (Forgot password?).", {
        details: { reason: "reset_link_invalid" },
      });
    const user = await setPassword(token, password, expired);
    const email = String(user.email ?? "");
    // Every session ends, the recovery session too; then this device signs in with the new password.
    await logoutScope(token, "global");
    const { data, error } = await plainClient().auth.signInWithPassword({ email, password });
    if (error || !data.session) throw new AppError("unauthorized", "Your password was changed. Sign in with it.");
    return toSession(data.session);
  },

  async verifyAccessToken(token) {
    // getUser asks the Auth server, so a forged token, a signed-out session or a deleted user
    // is refused.
    const { data, error } = await plainClient().auth.getUser(token);
    if (error || !data.user) return null;
    return { id: data.user.id, email: data.user.email ?? "", authTime: authTimeOf(token) };
  },

  async writeSessionCookies(jar, session, secure) {
    const client = cookieClient(jar, secure);
    if (!session) {
      for (const { name } of jar.getAll()) {
        if (name.startsWith("sb-")) jar.set(name, "", { path: "/", maxAge: 0 });
      }
      return;
    }
    await client.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
  },

  async userFromCookies(jar, secure) {
    const client = cookieClient(jar, secure);
    const { data } = await client.auth.getUser();
    if (!data.user) return null;
    // The Auth server just accepted the session's access token; its claims say when it signed in.
    const { data: current } = await client.auth.getSession();
    return { id: data.user.id, email: data.user.email ?? "", authTime: current.session ? authTimeOf(current.session.access_token) : undefined };
  },

  refreshTokenFromCookies() {
    return undefined;
  },

  async createFederatedUser(_tx, { email, displayName, provider }) {
    // The Auth server writes the user itself; the caller's transaction only holds the lock.
    const { data, error } = await adminClient("Microsoft sign-in").auth.admin.createUser({
      email,
      email_confirm: false,
      user_metadata: displayName ? { display_name: displayName } : {},
      app_metadata: { provider },
    });
    if (error) {
      if (isAuthApiError(error) && (error.code === "email_exists" || error.status === 422)) return null;
      throw new AppError("internal", "The sign-in service could not create the account. Try again in a moment.", { status: 503, cause: error });
    }
    return { id: data.user.id, email: data.user.email ?? email };
  },

  async deleteUser(userId) {
    const { error } = await adminClient("Account deletion").auth.admin.deleteUser(userId);
    if (error) throw new AppError("internal", "Could not delete the account. Try again.", { cause: error });
  },
};
