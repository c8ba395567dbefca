// GET /api/account/export — all my data as JSON (GDPR access and portability)
import { withRoute } from "@/lib/api/with-route";
import { collectAccountData } from "@/lib/db/account-data";
import { recordAudit } from "@/lib/db/audit-log";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal, ip }) => {
  const data = await collectAccountData({ claims: principal.claims });
  await recordAudit({ userId: principal.userId, action: "account.exported", ip });
  const exportedAt = new Date().toISOString();
  const body = JSON.stringify({ exportedAt, user: { id: principal.userId, email: principal.email }, ...data }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="excel-ai-assistant-export-${exportedAt.slice(0, 10)}.json"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
