import { z } from "zod";
import { PASSWORD_RULES } from "@/lib/auth/password";

const email = z
  .string({ error: "email is required" })
  .trim()
  .max(254, "email must be at most 254 characters")
  .pipe(z.email({ error: "email must be a valid email address" }));

const password = z
  .string({ error: "password is required" })
  .min(1, "password is required")
  .max(PASSWORD_RULES.maxLength, `password must be at most ${PASSWORD_RULES.maxLength} characters`);

export const signupBody = z.object({
  email,
  password,
  displayName: z.string().trim().max(100, "displayName must be at most 100 characters").optional(),
});

export const loginBody = z.object({
  email,
  password,
  // The device token a client without cookies (the add-in's sign-in dialog) keeps; present, even
  // as null, it asks for the renewed token back in the answer.
  device_token: z.string().max(2048, "device_token must be at most 2048 characters").nullable().optional(),
});

export const refreshBody = z.object({ refresh_token: z.string().min(1).max(4096).optional() }).optional().default({});

/** POST /api/auth/logout: the refresh token to revoke, for callers without cookies (the add-in). */
export const logoutBody = z.object({ refresh_token: z.string().min(1).max(4096).optional() });

const newPassword = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .min(1, `${field} is required`)
    .max(PASSWORD_RULES.maxLength, `${field} must be at most ${PASSWORD_RULES.maxLength} characters`);

/** POST /api/auth/password: the password now, and the one to use from now on. */
export const changePasswordBody = z.object({
  currentPassword: newPassword("currentPassword"),
  newPassword: newPassword("newPassword"),
});

/** POST /api/auth/reset/request: the account's email (it need not exist). */
export const resetRequestBody = z.object({ email });

/** POST /api/auth/reset/confirm: the emailed link's token and the new password. */
export const resetConfirmBody = z.object({
  token: z.string({ error: "token is required" }).trim().min(1, "token is required").max(4096, "token must be at most 4096 characters"),
  password: newPassword("password"),
});
