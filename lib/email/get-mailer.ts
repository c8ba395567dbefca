// Chooses how email leaves the app: the one place that decides.
import "server-only";
import { env } from "@/lib/env";
import { createLogMailer } from "./log-mailer";
import type { Mailer } from "./mailer";
import { createSmtpMailer } from "./smtp-mailer";

let cached: { url: string | undefined; mailer: Mailer } | null = null;

export function getMailer(): Mailer {
  if (cached && cached.url === env.SMTP_URL) return cached.mailer;
  const mailer = env.SMTP_URL ? createSmtpMailer({ url: env.SMTP_URL, from: env.EMAIL_FROM }) : createLogMailer();
  cached = { url: env.SMTP_URL, mailer };
  return mailer;
}
