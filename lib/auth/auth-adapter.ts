// The auth port: local accounts or Supabase Auth behind one interface (docs/security.md).
import { AppError } from "@/lib/errors/app-error";
import type { Tx } from "@/lib/db/with-rls";

export interface AuthUser {
  id: string;
  email: string;
  /**
   * When the user last proved who they are in this session (epoch seconds): the sign-in, kept
   * through refreshes. Account deletion without the password needs it to be recent.
   */
  authTime?: number;
  /**
   * Only for a Microsoft Entra ID access token: when Microsoft issued it (`iat`, epoch seconds).
   * Such a person has no password here; lib/auth/confirm-identity.ts explains how they confirm.
   */
  microsoft?: { issuedAt?: number };
}

/** What login, signup and refresh answer, in Supabase's token shape. */
export interface AuthSession {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: "bearer";
  user: AuthUser;
}

/** What a request brought and what the response must set (cookies are adapter-specific). */
export interface CookieJar {
  get(name: string): string | undefined;
  getAll(): { name: string; value: string }[];
  set(name: string, value: string, options: CookieOptions): void;
}

export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none";
  path?: string;
  maxAge?: number;
  expires?: Date;
}

export interface AuthAdapter {
  mode: "local" | "supabase";
  signUp(input: { email: string; password: string; displayName?: string }): Promise<AuthSession>;
  signIn(input: { email: string; password: string }): Promise<AuthSession>;
  refresh(refreshToken: string): Promise<AuthSession>;
  /**
   * Ends, on the server, every session presented: a bearer access token's, a refresh token's
   * (the add-in sends its own with the sign-out), or the cookie session's. Returns whose
   * session ended, when one did.
   */
  signOut(input: { refreshToken?: string; accessToken?: string; cookies?: CookieJar; secure?: boolean }): Promise<{ userId: string | null }>;
  /**
   * Whether `password` is the user's password now: re-authentication before erasing the
   * account. Leaves no new session behind.
   */
  verifyPassword(input: { userId: string; email: string; password: string }): Promise<boolean>;
  /**
   * Changes the password after checking the current one, signs out every other session of the
   * user and answers a fresh session for the device that asked (its old one ends too).
   * Throws `forbidden` (reason wrong_password) when the current password is not right.
   */
  changePassword(input: { userId: string; email: string; currentPassword: string; newPassword: string }): Promise<AuthSession>;
  /**
   * Emails a single-use link to set a new password, when the account exists; says nothing
   * either way. `resetPageUrl` is the page the link opens. Callers run it after answering, so
   * its duration cannot tell whether the account exists.
   */
  requestPasswordReset(input: { email: string; resetPageUrl: string }): Promise<void>;
  /**
   * Sets the password with a reset link's token, signs out every session of the user and
   * answers a new one. Throws `bad_request` naming why a token is refused (unknown, used, expired).
   */
  confirmPasswordReset(input: { token: string; password: string }): Promise<AuthSession>;
  /** The user of a bearer access token, or null when it is invalid in any way. */
  verifyAccessToken(token: string): Promise<AuthUser | null>;
  /** Stores the session in cookies (HttpOnly, SameSite=Lax, Secure on https). */
  writeSessionCookies(jar: CookieJar, session: AuthSession | null, secure: boolean): Promise<void>;
  /**
   * The user of a cookie session, refreshing it into `jar` when the access token expired.
   * `refresh: false` is for jars that cannot be written (server components): rotating a local
   * refresh token whose successor cannot be stored would leave the browser holding a used
   * token, which reused later signs the session out.
   */
  userFromCookies(jar: CookieJar, secure: boolean, options?: { refresh?: boolean }): Promise<AuthUser | null>;
  /** The refresh token held in cookies, for logout. */
  refreshTokenFromCookies(jar: CookieJar): string | undefined;
  /**
   * Creates a password-less account for someone an outside identity provider vouches for
   * (Microsoft sign-in). Runs inside `tx`, the transaction that holds the identity's provisioning
   * lock: the local adapter inserts through it, Supabase creates the user with its admin API.
   * Null when `email` already belongs to another account (accounts are never joined by email).
   */
  createFederatedUser(tx: Tx, input: { email: string; displayName: string | null; provider: string }): Promise<{ id: string; email: string } | null>;
  /** Erases the auth user (GDPR). Rows referencing it cascade. */
  deleteUser(userId: string): Promise<void>;
}

/**
 * A refresh token presented again after its grace window: someone holds a copy, so the whole
 * session was signed out. Carries the user, for the audit log.
 */
export class RefreshTokenReusedError extends AppError {
  readonly userId: string;
  constructor(userId: string) {
    super("unauthorized", "This refresh token was already used, so its session has been signed out everywhere for safety. Sign in again.", {
      details: { reason: "refresh_token_reused" },
    });
    this.userId = userId;
  }
}
