import { z } from "zod";
import { PAID_PLANS } from "@/lib/billing/plans";

export const checkoutBody = z.object({
  plan: z.enum(PAID_PLANS, { error: `plan must be one of: ${PAID_PLANS.join(", ")}` }),
});
