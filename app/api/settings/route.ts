// GET /api/settings — my preferences; PATCH /api/settings — change some of them
import { withRoute } from "@/lib/api/with-route";
import { recordAudit } from "@/lib/db/audit-log";
import { getPreferences, updatePreferences } from "@/lib/db/profiles";
import { settingsPatchBody } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal }) => {
  return { settings: await getPreferences({ claims: principal.claims }) };
});

export const PATCH = withRoute({ auth: "user", rateLimit: "api", body: settingsPatchBody }, async ({ principal, body, ip }) => {
  const settings = await updatePreferences({ claims: principal.claims, changes: body });
  await recordAudit({ userId: principal.userId, action: "settings.updated", ip, metadata: { changed: Object.keys(body) } });
  return { settings };
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
