// POST /api/keys — create an API key (returned once, stored hashed); GET /api/keys — list them
import { withRoute } from "@/lib/api/with-route";
import { generateApiKey } from "@/lib/auth/api-keys";
import { countActiveApiKeys, createApiKeyRow, listApiKeys } from "@/lib/db/api-keys";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { createKeyBody, MAX_ACTIVE_KEYS } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", rateLimit: "api", body: createKeyBody }, async ({ principal, body, ip }) => {
  if ((await countActiveApiKeys({ claims: principal.claims })) >= MAX_ACTIVE_KEYS) {
    throw new AppError("bad_request", `You already have ${MAX_ACTIVE_KEYS} active API keys; revoke one first.`);
  }
  const { key, prefix, keyHash } = generateApiKey();
  const summary = await createApiKeyRow({ claims: principal.claims, name: body.name, prefix, keyHash });
  await recordAudit({ userId: principal.userId, action: "api_key.created", ip, metadata: { keyId: summary.id, prefix } });
  return Response.json({ ...summary, key }, { status: 201 });
});

export const GET = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal }) => {
  return { keys: await listApiKeys({ claims: principal.claims }) };
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
