import { z } from "zod";

export const deleteAccountBody = z.object({
  confirm: z.string({ error: "confirm is required: send your account email to confirm deletion" }).trim().min(1, "confirm must be your account email"),
  /** The current password; optional only within a few minutes of signing in. */
  password: z
    .string({ error: "password must be a string: your current password" })
    .min(1, "password must not be empty")
    .max(1024, "password must be at most 1024 characters")
    .optional(),
});
