// GET /api/audit?limit&before — my security events (sign-ins, failed sign-ins, sign-outs, API
// keys created or revoked, exports, plan changes), newest first, a page at a time
import { withRoute } from "@/lib/api/with-route";
import { listAuditLog } from "@/lib/db/audit-log";
import { auditQuery } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api", query: auditQuery }, async ({ principal, query }) => {
  return listAuditLog({ claims: principal.claims, limit: query.limit, before: query.before });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
