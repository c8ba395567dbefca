import { z } from "zod";

export const settingsPatchBody = z
  .object({
    displayName: z.string().trim().max(100, "displayName must be at most 100 characters").nullable().optional(),
    preferredModel: z
      .string()
      .trim()
      .max(100, "preferredModel must be at most 100 characters")
      .regex(/^[\w.:/-]+$/, "preferredModel may contain letters, digits and . : / - _ only")
      .nullable()
      .optional(),
    writeMode: z.enum(["ask", "auto", "read_only"], { error: "writeMode must be one of ask, auto, read_only" }).optional(),
    piiRedaction: z.boolean({ error: "piiRedaction must be true or false" }).optional(),
    retentionDays: z
      .number({ error: "retentionDays must be a number" })
      .int("retentionDays must be a whole number")
      .min(1, "retentionDays must be between 1 and 3650")
      .max(3650, "retentionDays must be between 1 and 3650")
      .optional(),
  })
  .strict();
