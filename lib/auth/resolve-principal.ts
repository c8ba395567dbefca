// Turns a request's credentials into a Principal. Bearer routes ignore cookies; an invalid
// bearer credential is a 401, never a silent fall back to guest.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { verifyApiKey } from "./api-key-cache";
import { hashApiKey, looksLikeApiKey } from "./api-keys";
import type { CookieJar } from "./auth-adapter";
import { getAuth } from "./get-auth";
import { verifyBearerToken } from "./verify-bearer-token";
import { userPrincipal, type Principal } from "./principal";

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "The Authorization header must be `Bearer <access token, Microsoft access token or API key>`.");
  return match[1];
}

export async function resolvePrincipal({
  request,
  jar,
  ip,
  secure,
}: {
  request: Request;
  jar: CookieJar;
  ip: string;
  secure: boolean;
}): Promise<Principal> {
  const token = bearerToken(request);
  if (token) {
    if (looksLikeApiKey(token)) {
      const key = await verifyApiKey(hashApiKey(token));
      if (!key) throw new AppError("unauthorized", "This API key is invalid or has been revoked.");
      return userPrincipal({ id: key.userId, email: key.email }, "api_key", { id: key.keyId, scopes: key.scopes });
    }
    const user = await verifyBearerToken(token, { network: ip });
    if (!user) throw new AppError("unauthorized", "The access token is invalid or expired. Sign in again.");
    return userPrincipal(user, "bearer");
  }
  const user = await getAuth().userFromCookies(jar, secure);
  if (user) return userPrincipal(user, "cookie");
  return { kind: "guest", ip };
}
