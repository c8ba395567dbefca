// Without SMTP_URL, email is written to the server log instead of being sent, so the operator of
// a self-hosted deployment can pass a reset link on by hand. The log is the operator's, never
// the user's.
import "server-only";
import { logger } from "@/lib/observability/logger";
import type { EmailMessage, Mailer } from "./mailer";

export function createLogMailer(): Mailer {
  return {
    kind: "log",
    async send(message: EmailMessage) {
      // Not under "text" or "body": the logger censors fields of those names, and this copy is
      // the only way the message reaches anyone.
      logger.warn({ emailTo: message.to, emailSubject: message.subject, emailForOperator: message.text }, "email not sent (SMTP_URL is not set): pass it on to the recipient");
    },
  };
}
