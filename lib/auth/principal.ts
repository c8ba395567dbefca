// Who is calling: a signed-in user (through a cookie session, a bearer access token or an
// API key) or a guest identified only by IP.
import type { DbClaims } from "@/lib/db/with-rls";

export type Principal =
  | {
      kind: "user";
      userId: string;
      email: string;
      via: "cookie" | "bearer" | "api_key";
      apiKeyId?: string;
      claims: DbClaims;
    }
  /** `ip`: what a guest's limits are keyed on, the client's address (an IPv6 one by its /64). */
  | { kind: "guest"; ip: string };

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

export function userPrincipal(user: { id: string; email: string }, via: UserPrincipal["via"], apiKeyId?: string): UserPrincipal {
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    via,
    apiKeyId,
    claims: { sub: user.id, email: user.email, role: "authenticated", aud: "authenticated" },
  };
}
