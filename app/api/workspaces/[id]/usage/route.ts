// GET /api/workspaces/:id/usage[?days=30] — the workspace's pooled quota (chats today, tokens this
// month and in-cell function calls today, against the plan's limits times its seats) and its
// usage per member, in total and per day, for owners and admins.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { emailsOf, getMyRole, getSeatCounts, getWorkspaceUsage } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { getUsageCounters } from "@/lib/limits/check-quota";
import { getFunctionCallUsage } from "@/lib/limits/function-call-limits";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { workspacePlan, workspaceQuotaIdentifier } from "@/lib/workspaces/workspace-plan";
import { usageQuery, workspaceParams, type workspaceUsageResponse } from "../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

const DAY_MS = 86_400_000;

export const GET = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams, query: usageQuery }, async ({ principal, params, query }) => {
  const role = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!role) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (role === "member") throw new AppError("forbidden", "Only the workspace's owners and admins can see its usage per member.");
  const now = Date.now();
  const today = now - (now % DAY_MS);
  const from = new Date(today - (query.days - 1) * DAY_MS);
  const { plan, seats } = workspacePlan(await getSeatCounts({ workspaceId: params.id }));
  const identifier = workspaceQuotaIdentifier(params.id);
  const [usage, counters, functionCalls] = await Promise.all([
    getWorkspaceUsage({ claims: principal.claims, workspaceId: params.id, from }),
    getUsageCounters({ plan, seats, identifier, now }),
    getFunctionCallUsage({ plan, seats, identifier, now }),
  ]);
  const emails = await emailsOf(usage.members.map((m) => m.userId));
  return {
    workspaceId: params.id,
    plan,
    periodStart: from.toISOString(),
    pooled: {
      requestsToday: counters.requests.used,
      requestsPerDay: counters.requests.limit,
      tokensThisMonth: counters.tokens.used,
      tokensPerMonth: counters.tokens.limit,
      functionCallsToday: functionCalls.used,
      functionCallsPerDay: functionCalls.limit,
    },
    members: usage.members.map((m) => ({ ...m, email: emails.get(m.userId) ?? null })).sort((a, b) => b.tokens - a.tokens),
    daily: usage.daily,
  } satisfies z.infer<typeof workspaceUsageResponse>;
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
