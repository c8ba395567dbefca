import { z } from "zod";

export const deleteAccountBody = z.object({
  confirm: z.string({ error: "confirm is required: send your account email to confirm deletion" }).trim().min(1, "confirm must be your account email"),
});
