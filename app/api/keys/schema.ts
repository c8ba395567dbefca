import { z } from "zod";
import { apiKeyScopesSchema, DEFAULT_API_KEY_SCOPES } from "@/lib/auth/key-scopes";

export const createKeyBody = z.object({
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, "name must not be empty")
    .max(100, "name must be at most 100 characters")
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "name must not contain control characters"),
  /** What the key may do; omitted, it gets every scope (as the dashboard's default). */
  scopes: apiKeyScopesSchema.optional().transform((scopes) => scopes ?? [...DEFAULT_API_KEY_SCOPES]),
});

export const keyParams = z.object({ id: z.uuid({ error: "id must be an API key id (a UUID)" }) });

/** A user may hold this many active keys. */
export const MAX_ACTIVE_KEYS = 20;
