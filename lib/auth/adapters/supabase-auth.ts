// Cloud auth: Supabase Auth through @supabase/ssr (cookie sessions, refreshed by proxy.ts)
// and supabase-js (bearer tokens, admin erasure with SUPABASE_SECRET_KEY).
import "server-only";
import { createServerClient } from "@supabase/ssr";
import { createClient, type Session } from "@supabase/supabase-js";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { passwordWeakness } from "../password";
import { realtimeOff } from "../supabase-realtime-off";
import type { AuthAdapter, AuthSession, CookieJar } from "../auth-adapter";

function url() {
  return env.NEXT_PUBLIC_SUPABASE_URL!;
}
function publishableKey() {
  return env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY!;
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

function plainClient() {
  return createClient(url(), publishableKey(), {
    realtime: realtimeOff,
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
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

  async signOut({ accessToken }) {
    if (!accessToken) return;
    const admin = env.SUPABASE_SECRET_KEY
      ? createClient(url(), env.SUPABASE_SECRET_KEY, { realtime: realtimeOff, auth: { persistSession: false } })
      : null;
    await admin?.auth.admin.signOut(accessToken).catch(() => undefined);
  },

  async verifyAccessToken(token) {
    // getUser asks the Auth server, so a revoked session or a forged token is refused.
    const { data, error } = await plainClient().auth.getUser(token);
    if (error || !data.user) return null;
    return { id: data.user.id, email: data.user.email ?? "" };
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
    const { data } = await cookieClient(jar, secure).auth.getUser();
    return data.user ? { id: data.user.id, email: data.user.email ?? "" } : null;
  },

  refreshTokenFromCookies() {
    return undefined;
  },

  async deleteUser(userId) {
    if (!env.SUPABASE_SECRET_KEY)
      throw new AppError("internal", "Account deletion needs SUPABASE_SECRET_KEY on the server.");
    const admin = createClient(url(), env.SUPABASE_SECRET_KEY, { realtime: realtimeOff, auth: { persistSession: false } });
    const { error } = await admin.auth.admin.deleteUser(userId);
    if (error) throw new AppError("internal", "Could not delete the account. Try again.", { cause: error });
  },
};
