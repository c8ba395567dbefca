// Who the task pane acts as, kept in localStorage under a namespaced key: a session (access +
// refresh token from the sign-in dialog), a Microsoft access token (renewed silently the way it
// was obtained, lib/addin/auth/microsoft-sign-in.ts), a pasted API key, or a guest. Everything read back
// from storage is parsed with zod: storage is shared with anything else on this origin.
import { z } from "zod";
import type { MicrosoftToken } from "./microsoft-sign-in";

export const CREDENTIAL_STORAGE_KEY = "excel-ai-assistant:addin:credential:v1";
export const API_KEY_PATTERN = /^eaa_[A-Za-z0-9_-]{20,200}$/;

const user = z.object({ id: z.string().max(100), email: z.string().max(320).nullish() }).loose();

export const sessionResponseSchema = z.object({
  access_token: z.string().min(1).max(8_192),
  refresh_token: z.string().min(1).max(8_192),
  expires_in: z.number().positive().max(60 * 60 * 24 * 30),
  user,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

const credentialSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("session"),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    /** Epoch milliseconds. */
    expiresAt: z.number(),
    user: z.object({ id: z.string(), email: z.string().nullable() }),
  }),
  z.object({
    kind: z.literal("microsoft"),
    accessToken: z.string().min(1).max(16_384),
    /** Epoch milliseconds. */
    expiresAt: z.number(),
    via: z.enum(["naa", "office"]),
    user: z.object({ email: z.string().max(320).nullable() }),
  }),
  z.object({ kind: z.literal("api_key"), apiKey: z.string().regex(API_KEY_PATTERN) }),
  z.object({ kind: z.literal("guest") }),
]);
export type Credential = z.infer<typeof credentialSchema>;

export function sessionCredential(session: SessionResponse, now = Date.now()): Credential {
  return {
    kind: "session",
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    expiresAt: now + session.expires_in * 1000,
    user: { id: session.user.id, email: session.user.email ?? null },
  };
}

export function microsoftCredential(token: MicrosoftToken): Credential {
  return { kind: "microsoft", accessToken: token.accessToken, expiresAt: token.expiresAt, via: token.via, user: { email: token.email } };
}

/** Signed in as a user (not an API key, not a guest): account settings are open to it. */
export function isUserSession(credential: Credential | null | undefined): boolean {
  return credential?.kind === "session" || credential?.kind === "microsoft";
}

export function loadCredential(storage: Storage | undefined = globalThis.localStorage): Credential | null {
  try {
    const raw = storage?.getItem(CREDENTIAL_STORAGE_KEY);
    if (!raw) return null;
    const parsed = credentialSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCredential(credential: Credential | null, storage: Storage | undefined = globalThis.localStorage) {
  try {
    if (credential) storage?.setItem(CREDENTIAL_STORAGE_KEY, JSON.stringify(credential));
    else storage?.removeItem(CREDENTIAL_STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, partitioned iframes): the pane still works this session.
  }
}

/** What the account bar shows. An API key is named by its prefix only, never in full. */
export function describeCredential(credential: Credential): string {
  switch (credential.kind) {
    case "session":
      return credential.user.email ?? "Signed in";
    case "microsoft":
      return credential.user.email ?? "Signed in with Microsoft";
    case "api_key":
      return `API key ${credential.apiKey.slice(0, 12)}…`;
    case "guest":
      return "Guest";
  }
}
