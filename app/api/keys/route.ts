// POST /api/keys — create an API key with the scopes chosen (returned once, stored hashed);
// GET /api/keys — list them. Managing keys needs a signed-in session: a key cannot mint keys.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { generateApiKey } from "@/lib/auth/api-keys";
import { DEFAULT_API_KEY_SCOPES, normalizeScopes } from "@/lib/auth/key-scopes";
import { countActiveApiKeys, createApiKeyRow, listApiKeys } from "@/lib/db/api-keys";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { createKeyBody, MAX_ACTIVE_KEYS, type createdApiKeySchema, type listApiKeysResponse } from "./schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", rateLimit: "api", body: createKeyBody }, async ({ principal, body, ip }) => {
  if ((await countActiveApiKeys({ claims: principal.claims })) >= MAX_ACTIVE_KEYS) {
    throw new AppError("bad_request", `You already have ${MAX_ACTIVE_KEYS} active API keys; revoke one first.`);
  }
  const { key, prefix, keyHash } = generateApiKey();
  const summary = await createApiKeyRow({ claims: principal.claims, name: body.name, prefix, keyHash, scopes: normalizeScopes(body.scopes ?? DEFAULT_API_KEY_SCOPES) });
  await recordAudit({ userId: principal.userId, action: "api_key.created", ip, metadata: { keyId: summary.id, prefix, scopes: summary.scopes } });
  return Response.json({ ...summary, key } satisfies z.infer<typeof createdApiKeySchema>, { status: 201 });
});

export const GET = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal }) => {
  return { keys: await listApiKeys({ claims: principal.claims }) } satisfies z.infer<typeof listApiKeysResponse>;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
