// DELETE /api/keys/:id — revoke one of my API keys (another user's key is a 404)
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { forgetApiKeys } from "@/lib/auth/api-key-cache";
import { revokeApiKey } from "@/lib/db/api-keys";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { keyParams, type apiKeySchema } from "../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: keyParams }, async ({ principal, params, ip }) => {
  const { key, keyHash } = await revokeApiKey({ claims: principal.claims, id: params.id });
  await forgetApiKeys([keyHash]).catch(() => {
    throw new AppError("internal", "The key is revoked, but not every server could be told yet. Revoke it again in a moment to make sure.", { status: 503 });
  });
  await recordAudit({ userId: principal.userId, action: "api_key.revoked", ip, metadata: { keyId: key.id, prefix: key.prefix } });
  return key satisfies z.infer<typeof apiKeySchema>;
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
