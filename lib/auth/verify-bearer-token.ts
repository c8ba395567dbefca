// Which verifier judges a bearer access token: the one place that decides. A token that says
// Microsoft issued it goes to the Entra ID verifier when Microsoft sign-in is configured;
// everything else to the auth adapter in use (local sessions or Supabase Auth).
import "server-only";
import type { AuthUser } from "./auth-adapter";
import { userOfEntraIdentity } from "./entra/entra-user";
import { claimsMicrosoftIssuer, entraConfig, verifyEntraToken } from "./entra/verify-entra-token";
import { getAuth } from "./get-auth";

/**
 * The user of a bearer access token, or null when the adapter refuses it. A Microsoft token that
 * fails a check throws a 401 AppError that names the check. `network` (the caller's address as
 * clientNetwork() gives it) is what a first Microsoft sign-in's new account counts against.
 */
export async function verifyBearerToken(token: string, { network }: { network: string }): Promise<AuthUser | null> {
  const entra = entraConfig();
  if (entra && claimsMicrosoftIssuer(token)) return userOfEntraIdentity(await verifyEntraToken(token, entra), { network });
  return getAuth().verifyAccessToken(token);
}
