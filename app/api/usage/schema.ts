import { z } from "zod";

export const DEFAULT_USAGE_DAYS = 30;

export const usageQuery = z.object({
  days: z.coerce
    .number({ error: "days must be a whole number from 7 to 90" })
    .int("days must be a whole number from 7 to 90")
    .min(7, "days must be at least 7")
    .max(90, "days must be at most 90")
    .default(DEFAULT_USAGE_DAYS),
});

/** The body of GET /api/usage (the dashboard's overview renders the same report). */
export type { UsageReport as UsageResponse } from "@/lib/limits/get-usage-report";
