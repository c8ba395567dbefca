// DELETE /api/keys/:id — revoke one of my API keys (another user's key is a 404)
import { withRoute } from "@/lib/api/with-route";
import { revokeApiKey } from "@/lib/db/api-keys";
import { recordAudit } from "@/lib/db/audit-log";
import { keyParams } from "../schema";

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: keyParams }, async ({ principal, params, ip }) => {
  const key = await revokeApiKey({ claims: principal.claims, id: params.id });
  await recordAudit({ userId: principal.userId, action: "api_key.revoked", ip, metadata: { keyId: key.id, prefix: key.prefix } });
  return key;
});
