// Microsoft Entra ID access tokens for this app (Office single sign-on, nested app
// authentication): RS256 only, signed by a key from Microsoft's published key set, issued by the
// tenant the token names, for this app's client id, with the `access_as_user` scope, in date
// (five minutes of clock skew at most) and from an allowed tenant. docs/security.md explains each
// check; anything short of all of them is a 401.
import "server-only";
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";

/** The delegated scope the app registration exposes, which the pane asks for. */
const ENTRA_SCOPE = "access_as_user";
const ENTRA_CLOCK_SKEW_SECONDS = 5 * 60;
/** After a key-set fetch, an unknown key id waits this long before it may cause another one. */
export const JWKS_REFRESH_COOLDOWN_MS = 30_000;
/** Keys are fetched again after this long even when every key id is known (rotation). */
const JWKS_MAX_AGE_MS = 60 * 60 * 1000;
const JWKS_TIMEOUT_MS = 5_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MICROSOFT_ISSUERS = /^https:\/\/(login\.microsoftonline\.com|sts\.windows\.net)\//;

export interface EntraConfig {
  clientId: string;
  jwksUrl: string;
  /** Allowed tenant ids (lower case); empty: any tenant. */
  tenants: readonly string[];
}

/** The deployment's Microsoft sign-in settings, or null when ENTRA_CLIENT_ID is not set. */
export function entraConfig(): EntraConfig | null {
  if (!env.ENTRA_CLIENT_ID) return null;
  return { clientId: env.ENTRA_CLIENT_ID, jwksUrl: env.ENTRA_JWKS_URL, tenants: env.ENTRA_TENANTS };
}

export interface EntraIdentity {
  tenantId: string;
  objectId: string;
  /** From `email`, else `preferred_username` / `upn` when it is an address; not proof of a mailbox. */
  email: string | null;
  name: string | null;
  /** When the person last signed in to Microsoft (`auth_time`, epoch seconds), when the token says. */
  authTime?: number;
  /** When Microsoft issued this token (`iat`, epoch seconds). */
  issuedAt?: number;
}

/**
 * Whether a bearer token says Microsoft issued it. Read without verifying, only to choose which
 * verifier judges it; the verifier then checks everything.
 */
export function claimsMicrosoftIssuer(token: string): boolean {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === "string" && MICROSOFT_ISSUERS.test(iss);
  } catch {
    return false;
  }
}

/** Thrown instead of fetching again while the key endpoint failed within the cooldown. */
class KeySetUnavailableError extends Error {}

let keySet: { url: string; keys: ReturnType<typeof createRemoteJWKSet>; failedAt: number } | null = null;

const isFetchFailure = (error: unknown) =>
  error instanceof errors.JWKSTimeout ||
  error instanceof KeySetUnavailableError ||
  (error instanceof TypeError && /fetch/i.test(error.message)) ||
  (error instanceof errors.JOSEError && /JSON Web Key Set/.test(error.message));

/**
 * The signing keys, fetched once and cached; an unknown key id (Microsoft rotated its keys)
 * fetches them again, at most once per cooldown, so tokens with made-up key ids cannot make the
 * server hammer the key endpoint. A failed fetch also waits out the cooldown: meanwhile tokens
 * are answered 503 at once instead of each trying again.
 */
function signingKeys(url: string): JWTVerifyGetKey {
  if (keySet?.url !== url) {
    keySet = {
      url,
      keys: createRemoteJWKSet(new URL(url), {
        cooldownDuration: JWKS_REFRESH_COOLDOWN_MS,
        cacheMaxAge: JWKS_MAX_AGE_MS,
        timeoutDuration: JWKS_TIMEOUT_MS,
      }),
      failedAt: Number.NEGATIVE_INFINITY,
    };
  }
  const current = keySet;
  return async (header, token) => {
    if (!current.keys.fresh && Date.now() - current.failedAt < JWKS_REFRESH_COOLDOWN_MS) throw new KeySetUnavailableError("key set fetch failed recently");
    try {
      return await current.keys(header, token);
    } catch (error) {
      if (isFetchFailure(error)) current.failedAt = Date.now();
      throw error;
    }
  };
}

function refused(reason: string, why: string) {
  const renew = reason === "expired" || reason === "not_yet_valid" ? " Sign in again." : "";
  return new AppError("unauthorized", `This Microsoft access token was refused: ${why}.${renew}`, { details: { reason: `entra_${reason}` } });
}

/** jose's verdicts in words a developer can act on; an unreachable key endpoint is our outage, not a bad token. */
function fromJoseError(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) return refused("expired", "it has expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return refused("not_yet_valid", "it is not valid yet");
    return refused("claims", `its "${error.claim}" claim is missing or invalid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refused("algorithm", "it must be signed with RS256");
  if (error instanceof errors.JWKSNoMatchingKey) return refused("unknown_key", "it is not signed by a current Microsoft signing key");
  if (error instanceof errors.JWSSignatureVerificationFailed) return refused("signature", "its signature does not verify");
  if (isFetchFailure(error)) {
    if (!(error instanceof KeySetUnavailableError)) logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, "Microsoft signing keys could not be fetched");
    return new AppError("internal", "Microsoft's signing keys could not be fetched, so Microsoft sign-in cannot be checked right now. Try again in a moment.", {
      status: 503,
      cause: error,
    });
  }
  return refused("malformed", "it is not a well-formed signed token");
}

function audienceMatches(aud: JWTPayload["aud"], clientId: string): boolean {
  const audiences = Array.isArray(aud) ? aud : typeof aud === "string" ? [aud] : [];
  return audiences.some((value) => {
    const lower = value.toLowerCase();
    // v2 tokens name the client id; v1 tokens the Application ID URI, api://<host>/<client id>.
    return lower === clientId || (lower.startsWith("api://") && lower.endsWith(`/${clientId}`) && lower.length > `api:///${clientId}`.length);
  });
}

function issuerMatches(iss: string | undefined, tenantId: string, version: unknown): boolean {
  const v2 = `https://login.microsoftonline.com/${tenantId}/v2.0`;
  const v1 = `https://sts.windows.net/${tenantId}/`;
  if (version === "2.0") return iss === v2;
  if (version === "1.0") return iss === v1;
  return iss === v2 || iss === v1;
}

function addressClaim(payload: JWTPayload): string | null {
  for (const name of ["email", "preferred_username", "upn"]) {
    const value = payload[name];
    if (typeof value === "string" && value.length <= 320 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return value.trim().toLowerCase();
  }
  return null;
}

/** The person a Microsoft access token speaks for; throws a 401 AppError naming what is wrong. */
export async function verifyEntraToken(token: string, config: EntraConfig): Promise<EntraIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, signingKeys(config.jwksUrl), {
      algorithms: ["RS256"],
      clockTolerance: ENTRA_CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "iss", "aud", "tid", "oid"],
    }));
  } catch (error) {
    throw fromJoseError(error);
  }
  const tenantId = String(payload.tid).toLowerCase();
  const objectId = String(payload.oid).toLowerCase();
  if (!GUID.test(tenantId) || !GUID.test(objectId)) throw refused("claims", "its tid and oid claims must be ids");
  if (!issuerMatches(payload.iss, tenantId, payload.ver)) throw refused("issuer", "its issuer is not the Microsoft tenant it names");
  if (!audienceMatches(payload.aud, config.clientId)) throw refused("audience", "it was issued for another application");
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
  if (!scopes.includes(ENTRA_SCOPE)) throw refused("scope", `it does not carry the ${ENTRA_SCOPE} scope`);
  if (config.tenants.length > 0 && !config.tenants.includes(tenantId)) throw refused("tenant", "accounts of this Microsoft tenant may not sign in here");
  const name = typeof payload.name === "string" ? payload.name.trim().slice(0, 200) : "";
  const authTime = typeof payload.auth_time === "number" ? payload.auth_time : undefined;
  const issuedAt = typeof payload.iat === "number" ? payload.iat : undefined;
  return { tenantId, objectId, email: addressClaim(payload), name: name || null, authTime, issuedAt };
}
