// Who is calling: a signed-in user (through a cookie session, a bearer access token or an
// API key) or a guest identified only by IP.
import type { DbClaims } from "@/lib/db/with-rls";
import type { ApiKeyScope } from "./key-scopes";

export type Principal =
  | {
      kind: "user";
      userId: string;
      email: string;
      via: "cookie" | "bearer" | "api_key";
      apiKeyId?: string;
      /** Only for `api_key`: what the key may do. */
      scopes?: readonly ApiKeyScope[];
      /**
       * Only for sessions: when the user last proved who they are (epoch seconds), carried
       * through refreshes; undefined when the session does not say.
       */
      authTime?: number;
      /** Only when a Microsoft Entra ID access token signed the request in: when it was issued. */
      microsoft?: { issuedAt?: number };
      claims: DbClaims;
    }
  /** `ip`: what a guest's limits are keyed on, the client's address (an IPv6 one by its /64). */
  | { kind: "guest"; ip: string };

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

export function userPrincipal(
  user: { id: string; email: string; authTime?: number; microsoft?: { issuedAt?: number } },
  via: UserPrincipal["via"],
  key?: { id: string; scopes: readonly ApiKeyScope[] },
): UserPrincipal {
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    via,
    apiKeyId: key?.id,
    scopes: key?.scopes,
    authTime: via === "api_key" ? undefined : user.authTime,
    microsoft: via === "bearer" ? user.microsoft : undefined,
    claims: { sub: user.id, email: user.email, role: "authenticated", aud: "authenticated" },
  };
}
