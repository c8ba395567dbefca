import { z } from "zod";

export const AUDIT_PAGE_DEFAULT = 20;
const AUDIT_PAGE_MAX = 100;
const MAX_BIGINT = BigInt("9223372036854775807");

export const auditQuery = z.object({
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(AUDIT_PAGE_MAX, `limit must be at most ${AUDIT_PAGE_MAX}`)
    .default(AUDIT_PAGE_DEFAULT),
  /** `nextCursor` of the previous page. */
  before: z
    .string()
    // One check (zod runs every check even after one fails): digits that fit a bigint id.
    .refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT, "before must be the nextCursor of a previous page")
    .optional(),
});
